// <linux/sock_diag.h>: NETLINK_SOCK_DIAG, the protocol `ss` asks the kernel about sockets with.
// Each request starts with the family it is about; the family's handler reads the rest.

/** nlmsg_type of a request: dump or get sockets of one family / destroy one. */
export const SOCK_DIAG_BY_FAMILY = 20, SOCK_DESTROY = 21;
/** The old inet_diag message types (linux/inet_diag.h), still accepted for TCP and DCCP. */
export const TCPDIAG_GETSOCK = 18, DCCPDIAG_GETSOCK = 19;

/** struct sock_diag_req { __u8 sdiag_family; __u8 sdiag_protocol; } — the head of every request. */
export const SOCK_DIAG_REQ = { family: 0, protocol: 1 } as const;
export const SOCK_DIAG_REQ_SIZE = 2;

/** enum sk_meminfo_vars: the u32 array of a *_DIAG_MEMINFO attribute. */
export const SK_MEMINFO_RMEM_ALLOC = 0, SK_MEMINFO_RCVBUF = 1, SK_MEMINFO_WMEM_ALLOC = 2, SK_MEMINFO_SNDBUF = 3,
  SK_MEMINFO_FWD_ALLOC = 4, SK_MEMINFO_WMEM_QUEUED = 5, SK_MEMINFO_OPTMEM = 6, SK_MEMINFO_BACKLOG = 7, SK_MEMINFO_DROPS = 8,
  SK_MEMINFO_VARS = 9;

/** The cookie that matches any socket (INET_DIAG_NOCOOKIE). */
export const INET_DIAG_NOCOOKIE = 0xffffffff;
