// <linux/inet_diag.h>: SOCK_DIAG_BY_FAMILY requests and answers for AF_INET and AF_INET6 (TCP,
// UDP …), as `ss -t` and `ss -u` send and read them. Ports and addresses are in network order.

/** struct inet_diag_sockid: sport, dport, src[4], dst[4] (an IPv4 address in the first word),
 *  the interface, the cookie. */
export const INET_DIAG_SOCKID = { sport: 0, dport: 2, src: 4, dst: 20, if: 36, cookie: 40 } as const;
export const INET_DIAG_SOCKID_SIZE = 48;

/** struct inet_diag_req_v2: family, protocol, the extensions wanted (1 << (INET_DIAG_x - 1)), pad,
 *  the states wanted (1 << TCP_*), then a sockid for an exact get. */
export const INET_DIAG_REQ_V2 = { family: 0, protocol: 1, ext: 2, states: 4, id: 8 } as const;
export const INET_DIAG_REQ_V2_SIZE = 56;

/** struct inet_diag_msg. */
export const INET_DIAG_MSG = { family: 0, state: 1, timer: 2, retrans: 3, id: 4, expires: 52, rqueue: 56, wqueue: 60, uid: 64, inode: 68 } as const;
export const INET_DIAG_MSG_SIZE = 72;

/** Request attributes. */
export const INET_DIAG_REQ_NONE = 0, INET_DIAG_REQ_BYTECODE = 1;

/** The attributes after an inet_diag_msg (the request's idiag_ext bit for x is 1 << (x - 1)). */
export const INET_DIAG_NONE = 0, INET_DIAG_MEMINFO = 1, INET_DIAG_INFO = 2, INET_DIAG_VEGASINFO = 3, INET_DIAG_CONG = 4,
  INET_DIAG_TOS = 5, INET_DIAG_TCLASS = 6, INET_DIAG_SKMEMINFO = 7, INET_DIAG_SHUTDOWN = 8, INET_DIAG_DCTCPINFO = 9,
  INET_DIAG_PROTOCOL = 10, INET_DIAG_SKV6ONLY = 11, INET_DIAG_LOCALS = 12, INET_DIAG_PEERS = 13, INET_DIAG_PAD = 14,
  INET_DIAG_MARK = 15, INET_DIAG_BBRINFO = 16, INET_DIAG_CLASS_ID = 17, INET_DIAG_MD5SIG = 18, INET_DIAG_ULP_INFO = 19,
  INET_DIAG_SK_BPF_STORAGES = 20, INET_DIAG_CGROUP_ID = 21, INET_DIAG_SOCKOPT = 22;

/** struct inet_diag_meminfo: rmem, wmem, fmem, tmem (u32 each). */
export const INET_DIAG_MEMINFO_SIZE = 16;
