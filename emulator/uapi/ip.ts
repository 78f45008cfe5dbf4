// The IPv4 and IPv6 headers (include/uapi/linux/ip.h, ipv6.h), the ICMP types we send, and the
// ethertypes a device hands packets up with (linux/if_ether.h).

export const ETH_P_IP = 0x0800, ETH_P_IPV6 = 0x86dd, ETH_P_ALL = 0x0003;

/** struct iphdr (20 bytes without options). */
export const IPHDR = { ver_ihl: 0, tos: 1, tot_len: 2, id: 4, frag_off: 6, ttl: 8, protocol: 9, check: 10, saddr: 12, daddr: 16 } as const;
export const IPHDR_SIZE = 20;
/** frag_off bits. */
export const IP_DF = 0x4000, IP_MF = 0x2000, IP_OFFSET = 0x1fff;
/** The default TTL (net.ipv4.ip_default_ttl) and hop limit (net.ipv6.conf.*.hop_limit). */
export const IPDEFTTL = 64;

/** struct ipv6hdr (40 bytes). */
export const IPV6HDR = { ver_tc_flow: 0, payload_len: 4, nexthdr: 6, hop_limit: 7, saddr: 8, daddr: 24 } as const;
export const IPV6HDR_SIZE = 40;

/** ICMP types and codes (linux/icmp.h). */
export const ICMP_ECHOREPLY = 0, ICMP_DEST_UNREACH = 3, ICMP_ECHO = 8;
export const ICMP_NET_UNREACH = 0, ICMP_HOST_UNREACH = 1, ICMP_PROT_UNREACH = 2, ICMP_PORT_UNREACH = 3;
/** ICMPv6 types and codes (linux/icmpv6.h). */
export const ICMPV6_DEST_UNREACH = 1, ICMPV6_PORT_UNREACH = 4, ICMPV6_ECHO_REQUEST = 128, ICMPV6_ECHO_REPLY = 129;
