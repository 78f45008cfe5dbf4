// <sys/mman.h>: mmap and munmap, and POSIX shared memory as glibc does it: shm_open opens a file
// in /dev/shm (a tmpfs), which the caller sizes with ftruncate and maps MAP_SHARED.

import { __NR } from '../../uapi/unistd_64';
import { O_CLOEXEC, O_NOFOLLOW } from '../../uapi/fcntl';
import { EINVAL } from '../../uapi/errno';
import type { Sys } from '../runtime/context';
import { open } from './fcntl';
import { raw_syscall, setErrno, syscall } from './process';
import { unlink } from './unistd';

export * from '../../uapi/mman';

/** mmap(2): the address, or -1 (MAP_FAILED) with errno set. */
export function* mmap(addr: number, len: number, prot: number, flags: number, fd: number, off: number): Sys<number> {
  const r = yield* raw_syscall(__NR.mmap, addr, len, prot, flags, fd, off);
  if (r < 0 && r >= -4095) {
    setErrno(-r);
    return -1;
  }
  return r;
}

export function* munmap(addr: number, len: number): Sys<number> {
  return yield* syscall(__NR.munmap, addr, len);
}

/** The /dev/shm path of a POSIX object name ("/name"): EINVAL for "", "/" or a name with another '/'. */
export function shm_path(name: string, prefix = ''): string | null {
  const n = name.startsWith('/') ? name.slice(1) : name;
  if (n === '' || n.includes('/') || n === '.' || n === '..') return null;
  return `/dev/shm/${prefix}${n}`;
}

/** shm_open(3): open(/dev/shm/NAME, oflag | O_NOFOLLOW | O_CLOEXEC, mode). */
export function* shm_open(name: string, oflag: number, mode: number): Sys<number> {
  const path = shm_path(name);
  if (!path) {
    setErrno(EINVAL);
    return -1;
  }
  return yield* open(path, oflag | O_NOFOLLOW | O_CLOEXEC, mode);
}

/** shm_unlink(3): unlink(/dev/shm/NAME). */
export function* shm_unlink(name: string): Sys<number> {
  const path = shm_path(name);
  if (!path) {
    setErrno(EINVAL);
    return -1;
  }
  return yield* unlink(path);
}
