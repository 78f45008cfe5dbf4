// <linux/unix_diag.h>: SOCK_DIAG_BY_FAMILY requests and answers for AF_UNIX.

/** struct unix_diag_req: family, protocol, pad, the states wanted (1 << TCP_*), an inode for a
 *  single-socket get, what to show (UDIAG_SHOW_*), and the socket's cookie for that get. */
export const UNIX_DIAG_REQ = { family: 0, protocol: 1, states: 4, ino: 8, show: 12, cookie: 16 } as const;
export const UNIX_DIAG_REQ_SIZE = 24;

export const UDIAG_SHOW_NAME = 0x01, UDIAG_SHOW_VFS = 0x02, UDIAG_SHOW_PEER = 0x04, UDIAG_SHOW_ICONS = 0x08,
  UDIAG_SHOW_RQLEN = 0x10, UDIAG_SHOW_MEMINFO = 0x20, UDIAG_SHOW_UID = 0x40;

/** struct unix_diag_msg: family, type, state, pad, inode, cookie (two u32). */
export const UNIX_DIAG_MSG = { family: 0, type: 1, state: 2, ino: 4, cookie: 8 } as const;
export const UNIX_DIAG_MSG_SIZE = 16;

/** The attributes after a unix_diag_msg. */
export const UNIX_DIAG_NAME = 0, UNIX_DIAG_VFS = 1, UNIX_DIAG_PEER = 2, UNIX_DIAG_ICONS = 3, UNIX_DIAG_RQLEN = 4,
  UNIX_DIAG_MEMINFO = 5, UNIX_DIAG_SHUTDOWN = 6, UNIX_DIAG_UID = 7;

/** struct unix_diag_vfs { __u32 udiag_vfs_ino; __u32 udiag_vfs_dev; } and struct unix_diag_rqlen
 *  { __u32 udiag_rqueue; __u32 udiag_wqueue; }. */
export const UNIX_DIAG_VFS_SIZE = 8, UNIX_DIAG_RQLEN_SIZE = 8;
