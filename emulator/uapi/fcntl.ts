// open(2) and fcntl(2) flags and commands (x86-64 values, include/uapi/asm-generic/fcntl.h).

export const O_ACCMODE = 0o3, O_RDONLY = 0o0, O_WRONLY = 0o1, O_RDWR = 0o2;
export const O_CREAT = 0o100, O_EXCL = 0o200, O_NOCTTY = 0o400, O_TRUNC = 0o1000, O_APPEND = 0o2000;
export const O_NONBLOCK = 0o4000, O_DSYNC = 0o10000, O_ASYNC = 0o20000, O_DIRECT = 0o40000;
export const O_LARGEFILE = 0o100000, O_DIRECTORY = 0o200000, O_NOFOLLOW = 0o400000;
export const O_NOATIME = 0o1000000, O_CLOEXEC = 0o2000000, O_SYNC = 0o4010000, O_PATH = 0o10000000;
export const O_TMPFILE = 0o20200000;

/**
 * Flag names in the order strace prints them after the access mode (observed with strace 6.1).
 * O_TMPFILE includes the O_DIRECTORY bit, so it is matched first; O_ASYNC prints as FASYNC.
 */
export const OPEN_FLAG_NAMES: readonly (readonly [number, string])[] = [
  [O_CREAT, 'O_CREAT'], [O_EXCL, 'O_EXCL'], [O_NOCTTY, 'O_NOCTTY'], [O_TRUNC, 'O_TRUNC'],
  [O_APPEND, 'O_APPEND'], [O_NONBLOCK, 'O_NONBLOCK'], [O_SYNC, 'O_SYNC'], [O_DSYNC, 'O_DSYNC'],
  [O_DIRECT, 'O_DIRECT'], [O_LARGEFILE, 'O_LARGEFILE'], [O_NOFOLLOW, 'O_NOFOLLOW'], [O_NOATIME, 'O_NOATIME'],
  [O_CLOEXEC, 'O_CLOEXEC'], [O_PATH, 'O_PATH'], [O_TMPFILE, 'O_TMPFILE'], [O_DIRECTORY, 'O_DIRECTORY'],
  [O_ASYNC, 'FASYNC'],
];

export const AT_FDCWD = -100;
export const AT_SYMLINK_NOFOLLOW = 0x100, AT_REMOVEDIR = 0x200, AT_SYMLINK_FOLLOW = 0x400;
export const AT_EACCESS = 0x200, AT_NO_AUTOMOUNT = 0x800, AT_EMPTY_PATH = 0x1000;
export const AT_STATX_SYNC_AS_STAT = 0x0, AT_STATX_FORCE_SYNC = 0x2000, AT_STATX_DONT_SYNC = 0x4000;
export const AT_STATX_SYNC_TYPE = 0x6000;

export const F_DUPFD = 0, F_GETFD = 1, F_SETFD = 2, F_GETFL = 3, F_SETFL = 4;
export const F_GETLK = 5, F_SETLK = 6, F_SETLKW = 7, F_SETOWN = 8, F_GETOWN = 9;
export const F_SETSIG = 10, F_GETSIG = 11, F_SETOWN_EX = 15, F_GETOWN_EX = 16;
export const F_OFD_GETLK = 36, F_OFD_SETLK = 37, F_OFD_SETLKW = 38;
export const F_SETLEASE = 1024, F_GETLEASE = 1025, F_NOTIFY = 1026;
export const F_DUPFD_CLOEXEC = 1030, F_SETPIPE_SZ = 1031, F_GETPIPE_SZ = 1032;
export const F_ADD_SEALS = 1033, F_GET_SEALS = 1034;
export const FD_CLOEXEC = 1;

export const SEEK_SET = 0, SEEK_CUR = 1, SEEK_END = 2, SEEK_DATA = 3, SEEK_HOLE = 4;

export const R_OK = 4, W_OK = 2, X_OK = 1, F_OK = 0;

export const RENAME_NOREPLACE = 1, RENAME_EXCHANGE = 2, RENAME_WHITEOUT = 4;

/** flock(2) operations. */
export const LOCK_SH = 1, LOCK_EX = 2, LOCK_NB = 4, LOCK_UN = 8;

/** posix_fadvise(2)/fadvise64 advice. */
export const POSIX_FADV_NORMAL = 0, POSIX_FADV_RANDOM = 1, POSIX_FADV_SEQUENTIAL = 2, POSIX_FADV_WILLNEED = 3;
export const POSIX_FADV_DONTNEED = 4, POSIX_FADV_NOREUSE = 5;

/** preadv2/pwritev2 per-call flags (include/uapi/linux/fs.h). */
export const RWF_HIPRI = 0x1, RWF_DSYNC = 0x2, RWF_SYNC = 0x4, RWF_NOWAIT = 0x8, RWF_APPEND = 0x10;

/** fallocate(2) modes (include/uapi/linux/falloc.h). */
export const FALLOC_FL_KEEP_SIZE = 0x1, FALLOC_FL_PUNCH_HOLE = 0x2, FALLOC_FL_NO_HIDE_STALE = 0x4;
export const FALLOC_FL_COLLAPSE_RANGE = 0x8, FALLOC_FL_ZERO_RANGE = 0x10, FALLOC_FL_INSERT_RANGE = 0x20;
export const FALLOC_FL_UNSHARE_RANGE = 0x40;

/** openat2(2)'s struct open_how { u64 flags; u64 mode; u64 resolve; } and its resolve flags. */
export const OPEN_HOW_SIZE = 24;
export const OPEN_HOW = { flags: 0, mode: 8, resolve: 16 } as const;
export const RESOLVE_NO_XDEV = 0x1, RESOLVE_NO_MAGICLINKS = 0x2, RESOLVE_NO_SYMLINKS = 0x4, RESOLVE_BENEATH = 0x8;
export const RESOLVE_IN_ROOT = 0x10, RESOLVE_CACHED = 0x20;
