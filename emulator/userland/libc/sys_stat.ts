// <sys/stat.h>: stat and friends, decoded from the kernel's struct stat into an object.

import { __NR } from '../../uapi/unistd_64';
import { AT_FDCWD, AT_SYMLINK_NOFOLLOW } from '../../uapi/fcntl';
import { STAT, STAT_SIZE, S_IFIFO } from '../../uapi/stat';
import type { Sys } from '../runtime/context';
import { alloca, peek, pushString, syscall, withStack } from './process';

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
  return yield* withStack(function* () {
    const buf = alloca(STAT_SIZE);
    const r = yield* syscall(__NR.newfstatat, dirfd, pushString(path), buf, flags);
    return r < 0 ? null : decodeStat(peek(buf, STAT_SIZE));
  });
}

/** stat(2); null with errno set on failure. */
export function* stat(path: string): Sys<Stat | null> {
  return yield* fstatatObj(AT_FDCWD, path, 0);
}

export function* lstat(path: string): Sys<Stat | null> {
  return yield* fstatatObj(AT_FDCWD, path, AT_SYMLINK_NOFOLLOW);
}

export function* fstat(fd: number): Sys<Stat | null> {
  return yield* withStack(function* () {
    const buf = alloca(STAT_SIZE);
    const r = yield* syscall(__NR.fstat, fd, buf);
    return r < 0 ? null : decodeStat(peek(buf, STAT_SIZE));
  });
}

export function* mkdir(path: string, mode: number): Sys<number> {
  return yield* withStack(function* () {
    return yield* syscall(__NR.mkdirat, AT_FDCWD, pushString(path), mode);
  });
}

export function* chmod(path: string, mode: number): Sys<number> {
  return yield* withStack(function* () {
    return yield* syscall(__NR.fchmodat, AT_FDCWD, pushString(path), mode);
  });
}

export function* mknod(path: string, mode: number, dev: number): Sys<number> {
  return yield* withStack(function* () {
    return yield* syscall(__NR.mknodat, AT_FDCWD, pushString(path), mode, dev);
  });
}

export function* mkfifo(path: string, mode: number): Sys<number> {
  return yield* mknod(path, S_IFIFO | (mode & 0o7777), 0);
}
