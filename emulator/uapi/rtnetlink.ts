// NETLINK_ROUTE (include/uapi/linux/rtnetlink.h, if_link.h, if_addr.h): the message types `ip`
// sends, the fixed headers at the start of their payloads, and their attributes.
//
//   struct ifinfomsg { u8 family; u8 pad; u16 type; i32 index; u32 flags; u32 change; }   16 bytes
//   struct ifaddrmsg { u8 family; u8 prefixlen; u8 flags; u8 scope; u32 index; }            8 bytes
//   struct rtmsg     { u8 family, dst_len, src_len, tos, table, protocol, scope, type; u32 flags; } 12 bytes

export const RTM_NEWLINK = 16, RTM_DELLINK = 17, RTM_GETLINK = 18, RTM_SETLINK = 19;
export const RTM_NEWADDR = 20, RTM_DELADDR = 21, RTM_GETADDR = 22;
export const RTM_NEWROUTE = 24, RTM_DELROUTE = 25, RTM_GETROUTE = 26;
export const RTM_NEWNEIGH = 28, RTM_DELNEIGH = 29, RTM_GETNEIGH = 30;
export const RTM_MAX = 127;

export const IFINFOMSG = { family: 0, type: 2, index: 4, flags: 8, change: 12 } as const;
export const IFINFOMSG_SIZE = 16;
export const IFADDRMSG = { family: 0, prefixlen: 1, flags: 2, scope: 3, index: 4 } as const;
export const IFADDRMSG_SIZE = 8;
export const RTMSG = { family: 0, dst_len: 1, src_len: 2, tos: 3, table: 4, protocol: 5, scope: 6, type: 7, flags: 8 } as const;
export const RTMSG_SIZE = 12;

/** Link attributes (enum IFLA_*). */
export const IFLA_UNSPEC = 0, IFLA_ADDRESS = 1, IFLA_BROADCAST = 2, IFLA_IFNAME = 3, IFLA_MTU = 4, IFLA_LINK = 5;
export const IFLA_QDISC = 6, IFLA_STATS = 7, IFLA_MASTER = 10, IFLA_TXQLEN = 13, IFLA_MAP = 14, IFLA_OPERSTATE = 16;
export const IFLA_LINKMODE = 17, IFLA_LINKINFO = 18, IFLA_IFALIAS = 20, IFLA_STATS64 = 23, IFLA_AF_SPEC = 26;
export const IFLA_GROUP = 27, IFLA_NET_NS_FD = 28, IFLA_EXT_MASK = 29, IFLA_PROMISCUITY = 30, IFLA_NUM_TX_QUEUES = 31;
export const IFLA_NUM_RX_QUEUES = 32, IFLA_CARRIER = 33, IFLA_CARRIER_CHANGES = 35, IFLA_PROTO_DOWN = 39;
export const IFLA_GSO_MAX_SEGS = 40, IFLA_GSO_MAX_SIZE = 41, IFLA_CARRIER_UP_COUNT = 47, IFLA_CARRIER_DOWN_COUNT = 48;
export const IFLA_MIN_MTU = 50, IFLA_MAX_MTU = 51, IFLA_GRO_MAX_SIZE = 58, IFLA_TSO_MAX_SIZE = 59, IFLA_TSO_MAX_SEGS = 60;
export const IFLA_ALLMULTI = 61;
/** Inside IFLA_LINKINFO. */
export const IFLA_INFO_KIND = 1, IFLA_INFO_DATA = 2;
/** Inside a veth's IFLA_INFO_DATA: the peer, as an ifinfomsg followed by its attributes. */
export const VETH_INFO_PEER = 1;
/** IFLA_LINKMODE values. */
export const IF_LINK_MODE_DEFAULT = 0;
/**
 * struct rtnl_link_stats64: 25 u64 counters — rx_packets, tx_packets, rx_bytes, tx_bytes, rx_errors,
 * tx_errors, rx_dropped, tx_dropped, multicast, collisions, rx_length_errors, rx_over_errors,
 * rx_crc_errors, rx_frame_errors, rx_fifo_errors, rx_missed_errors, tx_aborted_errors,
 * tx_carrier_errors, tx_fifo_errors, tx_heartbeat_errors, tx_window_errors, rx_compressed,
 * tx_compressed, rx_nohandler, rx_otherhost_dropped.
 */
export const RTNL_LINK_STATS64_FIELDS = 25;
export const RTNL_LINK_STATS64_SIZE = 25 * 8;
/** struct rtnl_link_stats: the first 24 of those as u32. */
export const RTNL_LINK_STATS_SIZE = 24 * 4;
/** struct rtnl_link_ifmap: mem_start, mem_end, base_addr (u64), irq (u16), dma, port (u8), padded. */
export const RTNL_LINK_IFMAP_SIZE = 32;

/** Address attributes (enum IFA_*). */
export const IFA_UNSPEC = 0, IFA_ADDRESS = 1, IFA_LOCAL = 2, IFA_LABEL = 3, IFA_BROADCAST = 4, IFA_ANYCAST = 5;
export const IFA_CACHEINFO = 6, IFA_MULTICAST = 7, IFA_FLAGS = 8, IFA_RT_PRIORITY = 9, IFA_PROTO = 11;
/** struct ifa_cacheinfo: preferred and valid lifetimes, creation and update stamps (hundredths of a second). */
export const IFA_CACHEINFO_SIZE = 16;
export const INFINITY_LIFE_TIME = 0xffffffff;

/** Route attributes (enum rtattr_type_t). */
export const RTA_UNSPEC = 0, RTA_DST = 1, RTA_SRC = 2, RTA_IIF = 3, RTA_OIF = 4, RTA_GATEWAY = 5, RTA_PRIORITY = 6;
export const RTA_PREFSRC = 7, RTA_METRICS = 8, RTA_MULTIPATH = 9, RTA_FLOW = 11, RTA_CACHEINFO = 12, RTA_TABLE = 15;
export const RTA_MARK = 16, RTA_PREF = 20, RTA_UID = 25;
/** rtm_type. */
export const RTN_UNSPEC = 0, RTN_UNICAST = 1, RTN_LOCAL = 2, RTN_BROADCAST = 3, RTN_ANYCAST = 4, RTN_MULTICAST = 5;
export const RTN_BLACKHOLE = 6, RTN_UNREACHABLE = 7, RTN_PROHIBIT = 8, RTN_THROW = 9, RTN_NAT = 10;
/** rtm_protocol. */
export const RTPROT_UNSPEC = 0, RTPROT_REDIRECT = 1, RTPROT_KERNEL = 2, RTPROT_BOOT = 3, RTPROT_STATIC = 4;
/** rtm_table. */
export const RT_TABLE_UNSPEC = 0, RT_TABLE_DEFAULT = 253, RT_TABLE_MAIN = 254, RT_TABLE_LOCAL = 255;
/** rtm_flags. */
export const RTNH_F_DEAD = 1, RTNH_F_PERVASIVE = 2, RTNH_F_ONLINK = 4, RTNH_F_LINKDOWN = 16, RTM_F_CLONED = 0x200;
/** The route cache flags in the high bits of rtm_flags of a route lookup's answer (RTCF_*). */
export const RTCF_NOTIFY = 0x10000, RTCF_DIRECTDST = 0x20000, RTCF_REDIRECTED = 0x40000, RTCF_DOREDIRECT = 0x01000000;
export const RTCF_DIRECTSRC = 0x04000000, RTCF_DNAT = 0x08000000, RTCF_BROADCAST = 0x10000000, RTCF_MULTICAST = 0x20000000;
export const RTCF_REJECT = 0x40000000, RTCF_LOCAL = 0x80000000;

/** Multicast groups (enum rtnetlink_groups), numbered from 1; the legacy mask bit is 1 << (group - 1). */
export const RTNLGRP_NONE = 0, RTNLGRP_LINK = 1, RTNLGRP_NOTIFY = 2, RTNLGRP_NEIGH = 3, RTNLGRP_TC = 4;
export const RTNLGRP_IPV4_IFADDR = 5, RTNLGRP_IPV4_MROUTE = 6, RTNLGRP_IPV4_ROUTE = 7, RTNLGRP_IPV4_RULE = 8;
export const RTNLGRP_IPV6_IFADDR = 9, RTNLGRP_IPV6_MROUTE = 10, RTNLGRP_IPV6_ROUTE = 11;
export const RTNLGRP_MAX = 36;
/** The legacy bind(2) masks. */
export const RTMGRP_LINK = 1, RTMGRP_NOTIFY = 2, RTMGRP_NEIGH = 4, RTMGRP_TC = 8, RTMGRP_IPV4_IFADDR = 0x10;
export const RTMGRP_IPV4_MROUTE = 0x20, RTMGRP_IPV4_ROUTE = 0x40, RTMGRP_IPV4_RULE = 0x80, RTMGRP_IPV6_IFADDR = 0x100;
export const RTMGRP_IPV6_MROUTE = 0x200, RTMGRP_IPV6_ROUTE = 0x400;
