// <sys/mount.h>: mount(2), umount(2), umount2(2). Each returns 0, or -1 with errno set.
// A null source, type or data is passed as a NULL pointer (a remount needs no type, most
// filesystems no data).

import { __NR } from '../../uapi/unistd_64';
import type { Sys } from '../runtime/context';
import { pushString, syscall, stackMark, release } from './process';

export function* mount(source: string | null, target: string, type: string | null, flags: number, data: string | null = null): Sys<number> {
  const mark = stackMark();
  try {
    const str = (s: string | null) => (s === null ? 0 : pushString(s));
    return yield* syscall(__NR.mount, str(source), pushString(target), str(type), flags, str(data));
  } finally {
    release(mark);
  }
}

export function* umount2(target: string, flags: number): Sys<number> {
  const mark = stackMark();
  try {
    return yield* syscall(__NR.umount2, pushString(target), flags);
  } finally {
    release(mark);
  }
}

/** umount(2): x86-64 has no umount syscall of its own; glibc calls umount2(target, 0). */
export function* umount(target: string): Sys<number> {
  return yield* umount2(target, 0);
}
