// File type and permission bits, and the x86-64 layouts of struct stat, statx and linux_dirent64.

export const S_IFMT = 0o170000, S_IFSOCK = 0o140000, S_IFLNK = 0o120000, S_IFREG = 0o100000;
export const S_IFBLK = 0o060000, S_IFDIR = 0o040000, S_IFCHR = 0o020000, S_IFIFO = 0o010000;
export const S_ISUID = 0o4000, S_ISGID = 0o2000, S_ISVTX = 0o1000;

export const S_ISREG = (m: number) => (m & S_IFMT) === S_IFREG;
export const S_ISDIR = (m: number) => (m & S_IFMT) === S_IFDIR;
export const S_ISLNK = (m: number) => (m & S_IFMT) === S_IFLNK;
export const S_ISCHR = (m: number) => (m & S_IFMT) === S_IFCHR;
export const S_ISBLK = (m: number) => (m & S_IFMT) === S_IFBLK;
export const S_ISFIFO = (m: number) => (m & S_IFMT) === S_IFIFO;
export const S_ISSOCK = (m: number) => (m & S_IFMT) === S_IFSOCK;

/** Device numbers as glibc's makedev/major/minor encode them. */
export const makedev = (major: number, minor: number) =>
  ((minor & 0xff) | ((major & 0xfff) << 8) | ((minor & ~0xff) << 12)) >>> 0;
export const major = (dev: number) => (dev >>> 8) & 0xfff;
export const minor = (dev: number) => (dev & 0xff) | ((dev >>> 12) & 0xfff00);

/** struct stat (x86-64): 144 bytes. */
export const STAT_SIZE = 144;
export const STAT = {
  dev: 0, ino: 8, nlink: 16, mode: 24, uid: 28, gid: 32, rdev: 40, size: 48, blksize: 56, blocks: 64,
  atime: 72, atime_nsec: 80, mtime: 88, mtime_nsec: 96, ctime: 104, ctime_nsec: 112,
} as const;

/** struct statx: 256 bytes. */
export const STATX_SIZE = 256;
export const STATX = {
  mask: 0, blksize: 4, attributes: 8, nlink: 16, uid: 20, gid: 24, mode: 28, ino: 32, size: 40,
  blocks: 48, attributes_mask: 56, atime: 64, btime: 80, ctime: 96, mtime: 112,
  rdev_major: 128, rdev_minor: 132, dev_major: 136, dev_minor: 140,
} as const;
export const STATX_BASIC_STATS = 0x7ff, STATX_BTIME = 0x800, STATX_MNT_ID = 0x1000;
/** A mask bit reserved for a future larger struct statx: asking for it is EINVAL. */
export const STATX__RESERVED = 0x80000000;
/** statx stx_mnt_id (u64) follows dev_minor. */
export const STATX_MNT_ID_OFF = 144;
/** stx_attributes bits. */
export const STATX_ATTR_COMPRESSED = 0x4, STATX_ATTR_IMMUTABLE = 0x10, STATX_ATTR_APPEND = 0x20;
export const STATX_ATTR_NODUMP = 0x40, STATX_ATTR_ENCRYPTED = 0x800, STATX_ATTR_AUTOMOUNT = 0x1000;
export const STATX_ATTR_MOUNT_ROOT = 0x2000, STATX_ATTR_VERITY = 0x100000, STATX_ATTR_DAX = 0x200000;
/** struct linux_dirent (getdents, the old one): ino u64, off u64, reclen u16, name[], pad, type (last byte). */
export const DIRENT = { ino: 0, off: 8, reclen: 16, name: 18 } as const;

/** What struct statfs reports, field by field (the kernel's struct kstatfs, libc's struct statfs). */
export interface StatfsFields {
  type: number;
  bsize: number;
  blocks: number;
  bfree: number;
  bavail: number;
  files: number;
  ffree: number;
  namelen: number;
  frsize: number;
  flags: number;
}

/** struct statfs (x86-64): 120 bytes of 64-bit fields. */
export const STATFS_SIZE = 120;
export const STATFS = {
  type: 0, bsize: 8, blocks: 16, bfree: 24, bavail: 32, files: 40, ffree: 48, fsid: 56, namelen: 64,
  frsize: 72, flags: 80, spare: 88,
} as const;
/** f_flags of statfs (ST_*). */
export const ST_RDONLY = 0x1, ST_NOSUID = 0x2, ST_NODEV = 0x4, ST_NOEXEC = 0x8, ST_SYNCHRONOUS = 0x10;
export const ST_VALID = 0x20, ST_MANDLOCK = 0x40, ST_NOATIME = 0x400, ST_NODIRATIME = 0x800, ST_RELATIME = 0x1000;

/** struct linux_dirent64: ino u64, off s64, reclen u16, type u8, name[] NUL-terminated, 8-aligned. */
export const DIRENT64 = { ino: 0, off: 8, reclen: 16, type: 18, name: 19 } as const;
export const DT_UNKNOWN = 0, DT_FIFO = 1, DT_CHR = 2, DT_DIR = 4, DT_BLK = 6, DT_REG = 8, DT_LNK = 10, DT_SOCK = 12;
export const dtFromMode = (mode: number) => (mode & S_IFMT) >>> 12;

/** struct timespec / struct timeval: two 64-bit fields. */
export const TIMESPEC_SIZE = 16;
export const UTIME_NOW = (1 << 30) - 1, UTIME_OMIT = (1 << 30) - 2;

/** statx(2) mask bits: which fields the caller wants, and (in stx_mask) which it got. */
export const STATX_TYPE = 0x1, STATX_MODE = 0x2, STATX_NLINK = 0x4, STATX_UID = 0x8, STATX_GID = 0x10;
export const STATX_ATIME = 0x20, STATX_MTIME = 0x40, STATX_CTIME = 0x80, STATX_INO = 0x100;
/** Linux calls the size bit STATX_SIZE; here that name is taken by struct statx's size. */
export const STATX_SIZE_BIT = 0x200;
export const STATX_BLOCKS = 0x400, STATX_ALL = 0xfff, STATX_DIOALIGN = 0x2000;
