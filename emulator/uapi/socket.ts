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

/** Socket types (the low bits of socket()'s type); SOCK_NONBLOCK and SOCK_CLOEXEC ride in the same argument. */
export const SOCK_STREAM = 1, SOCK_DGRAM = 2, SOCK_RAW = 3, SOCK_RDM = 4, SOCK_SEQPACKET = 5, SOCK_PACKET = 10;
export const SOCK_TYPE_MASK = 0xf;
export const SOCK_NONBLOCK = 0o4000, SOCK_CLOEXEC = 0o2000000;

/** Socket states as /proc/net/unix prints them (socket_state). */
export const SS_FREE = 0, SS_UNCONNECTED = 1, SS_CONNECTING = 2, SS_CONNECTED = 3, SS_DISCONNECTING = 4;

/** shutdown(2) */
export const SHUT_RD = 0, SHUT_WR = 1, SHUT_RDWR = 2;

/** send/recv flags */
export const MSG_OOB = 1, MSG_PEEK = 2, MSG_DONTROUTE = 4, MSG_CTRUNC = 8, MSG_TRUNC = 0x20, MSG_DONTWAIT = 0x40;
export const MSG_EOR = 0x80, MSG_WAITALL = 0x100, MSG_NOSIGNAL = 0x4000, MSG_CMSG_CLOEXEC = 0x40000000;

/** Socket-level options (SOL_SOCKET, asm-generic/socket.h). */
export const SOL_SOCKET = 1;
export const SO_DEBUG = 1, SO_REUSEADDR = 2, SO_TYPE = 3, SO_ERROR = 4, SO_DONTROUTE = 5, SO_BROADCAST = 6;
export const SO_SNDBUF = 7, SO_RCVBUF = 8, SO_KEEPALIVE = 9, SO_OOBINLINE = 10, SO_LINGER = 13, SO_REUSEPORT = 15;
export const SO_PASSCRED = 16, SO_PEERCRED = 17, SO_RCVLOWAT = 18, SO_SNDLOWAT = 19, SO_RCVTIMEO = 20, SO_SNDTIMEO = 21;
export const SO_ACCEPTCONN = 30, SO_SNDBUFFORCE = 32, SO_RCVBUFFORCE = 33, SO_PROTOCOL = 38, SO_DOMAIN = 39;

/** Control messages (SOL_SOCKET level): passing descriptors and credentials. */
export const SCM_RIGHTS = 1, SCM_CREDENTIALS = 2;
/** struct msghdr (56 bytes) and struct cmsghdr (16-byte header, data aligned to 8). */
export const MSGHDR = { name: 0, namelen: 8, iov: 16, iovlen: 24, control: 32, controllen: 40, flags: 48 } as const;
export const MSGHDR_SIZE = 56;
export const CMSGHDR = { len: 0, level: 8, type: 12, data: 16 } as const;
export const CMSG_ALIGN = (n: number): number => (n + 7) & ~7;
/** struct ucred: pid, uid, gid (12 bytes). */
export const UCRED_SIZE = 12;
/** struct mmsghdr: a msghdr and the length the call filled in. */
export const MMSGHDR_SIZE = 64;
