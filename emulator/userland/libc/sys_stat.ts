// <sys/stat.h>: stat and friends, decoded from the kernel's struct stat into an object.

import { __NR } from '../../uapi/unistd_64';
import { AT_FDCWD, AT_SYMLINK_NOFOLLOW } from '../../uapi/fcntl';
import { STAT, STATX, STATX_SIZE, STAT_SIZE, S_IFIFO } from '../../uapi/stat';
import type { Sys } from '../runtime/context';
import type { Timespec } from './time';
import { alloca, peek, pokeI64, pushString, syscall, stackMark, release } from './process';

export interface Stat {
  dev: number;
  ino: number;
  nlink: number;
  mode: number;
  uid: number;
  gid: number;
  rdev: number;
  size: number;
  blksize: number;
  blocks: number;
  atime: number;
  atimeNsec: number;
  mtime: number;
  mtimeNsec: number;
  ctime: number;
  ctimeNsec: number;
}

export function decodeStat(b: Uint8Array): Stat {
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const u64 = (o: number) => Number(v.getBigUint64(o, true));
  const i64 = (o: number) => Number(v.getBigInt64(o, true));
  return {
    dev: u64(STAT.dev), ino: u64(STAT.ino), nlink: u64(STAT.nlink), mode: v.getUint32(STAT.mode, true),
    uid: v.getUint32(STAT.uid, true), gid: v.getUint32(STAT.gid, true), rdev: u64(STAT.rdev),
    size: i64(STAT.size), blksize: i64(STAT.blksize), blocks: i64(STAT.blocks),
    atime: i64(STAT.atime), atimeNsec: i64(STAT.atime_nsec), mtime: i64(STAT.mtime),
    mtimeNsec: i64(STAT.mtime_nsec), ctime: i64(STAT.ctime), ctimeNsec: i64(STAT.ctime_nsec),
  };
}

function* fstatatObj(dirfd: number, path: string, flags: number): Sys<Stat | null> {
  const mark = stackMark();
  try {
    const buf = alloca(STAT_SIZE);
    const r = yield* syscall(__NR.newfstatat, dirfd, pushString(path), buf, flags);
    return r < 0 ? null : decodeStat(peek(buf, STAT_SIZE));
  } finally {
    release(mark);
  }
}

/** stat(2); null with errno set on failure. */
export function* stat(path: string): Sys<Stat | null> {
  return yield* fstatatObj(AT_FDCWD, path, 0);
}

export function* lstat(path: string): Sys<Stat | null> {
  return yield* fstatatObj(AT_FDCWD, path, AT_SYMLINK_NOFOLLOW);
}

export function* fstat(fd: number): Sys<Stat | null> {
  const mark = stackMark();
  try {
    const buf = alloca(STAT_SIZE);
    const r = yield* syscall(__NR.fstat, fd, buf);
    return r < 0 ? null : decodeStat(peek(buf, STAT_SIZE));
  } finally {
    release(mark);
  }
}

export function* mkdir(path: string, mode: number): Sys<number> {
  const mark = stackMark();
  try {
    return yield* syscall(__NR.mkdirat, AT_FDCWD, pushString(path), mode);
  } finally {
    release(mark);
  }
}

export function* chmod(path: string, mode: number): Sys<number> {
  const mark = stackMark();
  try {
    return yield* syscall(__NR.fchmodat, AT_FDCWD, pushString(path), mode);
  } finally {
    release(mark);
  }
}

/** fchmod(2): the mode of an open file. */
export function* fchmod(fd: number, mode: number): Sys<number> {
  return yield* syscall(__NR.fchmod, fd, mode);
}

export function* mknod(path: string, mode: number, dev: number): Sys<number> {
  const mark = stackMark();
  try {
    return yield* syscall(__NR.mknodat, AT_FDCWD, pushString(path), mode, dev);
  } finally {
    release(mark);
  }
}

export function* mkfifo(path: string, mode: number): Sys<number> {
  return yield* mknod(path, S_IFIFO | (mode & 0o7777), 0);
}

/** struct statx, decoded. `mask` says which fields the kernel filled (STATX_* bits). */
export interface Statx {
  mask: number;
  blksize: number;
  attributes: bigint;
  nlink: number;
  uid: number;
  gid: number;
  mode: number;
  ino: number;
  size: number;
  blocks: number;
  atime: Timespec;
  btime: Timespec;
  ctime: Timespec;
  mtime: Timespec;
  rdevMajor: number;
  rdevMinor: number;
  devMajor: number;
  devMinor: number;
}

export function decodeStatx(b: Uint8Array): Statx {
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const u32 = (o: number) => v.getUint32(o, true);
  const u64 = (o: number) => Number(v.getBigUint64(o, true));
  // struct statx_timestamp: s64 seconds, u32 nanoseconds, 4 bytes of padding.
  const ts = (o: number): Timespec => ({ sec: Number(v.getBigInt64(o, true)), nsec: u32(o + 8) });
  return {
    mask: u32(STATX.mask), blksize: u32(STATX.blksize), attributes: v.getBigUint64(STATX.attributes, true),
    nlink: u32(STATX.nlink), uid: u32(STATX.uid), gid: u32(STATX.gid), mode: v.getUint16(STATX.mode, true),
    ino: u64(STATX.ino), size: u64(STATX.size), blocks: u64(STATX.blocks),
    atime: ts(STATX.atime), btime: ts(STATX.btime), ctime: ts(STATX.ctime), mtime: ts(STATX.mtime),
    rdevMajor: u32(STATX.rdev_major), rdevMinor: u32(STATX.rdev_minor),
    devMajor: u32(STATX.dev_major), devMinor: u32(STATX.dev_minor),
  };
}

/** statx(2); null with errno set on failure. */
export function* statx(dirfd: number, path: string, flags: number, mask: number): Sys<Statx | null> {
  const mark = stackMark();
  try {
    const buf = alloca(STATX_SIZE);
    const r = yield* syscall(__NR.statx, dirfd, pushString(path), flags, mask, buf);
    return r < 0 ? null : decodeStatx(peek(buf, STATX_SIZE));
  } finally {
    release(mark);
  }
}

/**
 * utimensat(2): set access and modification times; `times` null means both "now". A nsec of
 * UTIME_NOW or UTIME_OMIT means "now" or "leave alone" for that one.
 */
export function* utimensat(dirfd: number, path: string, times: [Timespec, Timespec] | null, flags = 0): Sys<number> {
  const mark = stackMark();
  try {
    let tsp = 0;
    if (times) {
      tsp = alloca(32);
      times.forEach((t, i) => {
        pokeI64(tsp + 16 * i, t.sec);
        pokeI64(tsp + 16 * i + 8, t.nsec);
      });
    }
    return yield* syscall(__NR.utimensat, dirfd, pushString(path), tsp, flags);
  } finally {
    release(mark);
  }
}
