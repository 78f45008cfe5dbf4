// <sys/klog.h>: klogctl(3), glibc's name for the syslog(2) system call (not the syslog(3) that
// logs to a daemon). A reading action fills `buf`; the others ignore it.

import { __NR } from '../../uapi/unistd_64';
import type { Sys } from '../runtime/context';
import { alloca, peek, release, stackMark, syscall } from './process';

/** klogctl(type, NULL, len): the result, or -1 with errno set. */
export function* klogctl(type: number, len = 0): Sys<number> {
  return yield* syscall(__NR.syslog, type, 0, len);
}

/** klogctl(type, buf, len) for the reading actions: the bytes read, or null with errno set. */
export function* klogctlRead(type: number, len: number): Sys<Uint8Array | null> {
  const mark = stackMark();
  try {
    const buf = alloca(Math.max(len, 1));
    const n = yield* syscall(__NR.syslog, type, buf, len);
    return n < 0 ? null : peek(buf, n);
  } finally {
    release(mark);
  }
}
