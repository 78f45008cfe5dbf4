// Internet protocol numbers, addresses and the IP-level socket options (include/uapi/linux/in.h,
// linux/in6.h). Addresses in sockaddr_in/in6 are in network byte order; the constants here are
// host-order numbers.

/** Protocol numbers (the IPv4 protocol field, the IPv6 next header). */
export const IPPROTO_IP = 0, IPPROTO_ICMP = 1, IPPROTO_TCP = 6, IPPROTO_UDP = 17, IPPROTO_IPV6 = 41;
export const IPPROTO_ICMPV6 = 58, IPPROTO_RAW = 255;

/** Socket option levels: the protocol numbers again (SOL_IP = 0, SOL_TCP = 6, SOL_UDP = 17, SOL_IPV6 = 41). */
export const SOL_IP = 0, SOL_TCP = 6, SOL_UDP = 17, SOL_IPV6 = 41;

/** Well-known IPv4 addresses (host order). */
export const INADDR_ANY = 0, INADDR_LOOPBACK = 0x7f000001, INADDR_BROADCAST = 0xffffffff, INADDR_NONE = 0xffffffff;

/** IP-level options (SOL_IP). */
export const IP_TOS = 1, IP_TTL = 2, IP_HDRINCL = 3, IP_OPTIONS = 4, IP_RECVOPTS = 6, IP_PKTINFO = 8;
export const IP_MTU_DISCOVER = 10, IP_RECVERR = 11, IP_RECVTTL = 12, IP_RECVTOS = 13, IP_MTU = 14, IP_FREEBIND = 15;
export const IP_MULTICAST_TTL = 33, IP_MULTICAST_LOOP = 34;
/** IP_MTU_DISCOVER values. */
export const IP_PMTUDISC_DONT = 0, IP_PMTUDISC_WANT = 1, IP_PMTUDISC_DO = 2;

/** IPv6-level options (SOL_IPV6). */
export const IPV6_UNICAST_HOPS = 16, IPV6_MULTICAST_LOOP = 19, IPV6_MTU_DISCOVER = 23, IPV6_MTU = 24;
export const IPV6_RECVERR = 25, IPV6_V6ONLY = 26, IPV6_RECVPKTINFO = 49, IPV6_TCLASS = 67;

/** The length of the text forms inet_ntop writes, with the NUL. */
export const INET_ADDRSTRLEN = 16, INET6_ADDRSTRLEN = 46;
