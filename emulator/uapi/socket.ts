// Address families and the layouts of the socket addresses (include/linux/socket.h, linux/in.h,
// linux/in6.h, linux/un.h, linux/netlink.h). Ports and IPv4/IPv6 addresses are in network byte
// order (big-endian); the family and netlink fields are in host order.

export const AF_UNSPEC = 0, AF_UNIX = 1, AF_INET = 2, AF_INET6 = 10, AF_NETLINK = 16;

/** struct sockaddr_un: family, then a path of up to 108 bytes (abstract when it starts with NUL). */
export const SOCKADDR_UN = { family: 0, path: 2 } as const;
export const UNIX_PATH_MAX = 108;
/** struct sockaddr_in: family, port, IPv4 address, padding; 16 bytes. */
export const SOCKADDR_IN = { family: 0, port: 2, addr: 4 } as const;
export const SOCKADDR_IN_SIZE = 16;
/** struct sockaddr_in6: family, port, flow info, IPv6 address, scope id; 28 bytes. */
export const SOCKADDR_IN6 = { family: 0, port: 2, flowinfo: 4, addr: 8, scope_id: 24 } as const;
export const SOCKADDR_IN6_SIZE = 28;
/** struct sockaddr_nl: family, padding, port id, multicast groups; 12 bytes. */
export const SOCKADDR_NL = { family: 0, pid: 4, groups: 8 } as const;
export const SOCKADDR_NL_SIZE = 12;
