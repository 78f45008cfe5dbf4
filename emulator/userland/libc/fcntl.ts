// <fcntl.h>: open, openat, creat, fcntl.

import { __NR } from '../../uapi/unistd_64';
import { AT_FDCWD, O_CREAT, O_TRUNC, O_WRONLY } from '../../uapi/fcntl';
import type { Sys } from '../runtime/context';
import { pushString, syscall, stackMark, release } from './process';

export function* openat(dirfd: number, path: string, flags: number, mode = 0): Sys<number> {
  const mark = stackMark();
  try {
    return yield* syscall(__NR.openat, dirfd, pushString(path), flags, mode);
  } finally {
    release(mark);
  }
}

/** open(3): glibc implements it with openat(AT_FDCWD, …), and so do we (strace shows openat). */
export function* open(path: string, flags: number, mode = 0): Sys<number> {
  return yield* openat(AT_FDCWD, path, flags, mode);
}

export function* creat(path: string, mode: number): Sys<number> {
  return yield* open(path, O_CREAT | O_WRONLY | O_TRUNC, mode);
}

export function* fcntl(fd: number, cmd: number, arg = 0): Sys<number> {
  return yield* syscall(__NR.fcntl, fd, cmd, arg);
}
