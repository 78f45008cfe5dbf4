// <sched.h>: sched_yield and CPU affinity.

import { __NR } from '../../uapi/unistd_64';
import type { Sys } from '../runtime/context';
import { alloca, peek, syscall, stackMark, release } from './process';

/** Give up the CPU; the scheduler runs another task if one is ready. */
export function* sched_yield(): Sys<number> {
  return yield* syscall(__NR.sched_yield);
}

/** sched_getaffinity(2): the CPUs `pid` (0: us) may run on, as a bit mask; null with errno set. */
export function* sched_getaffinity(pid: number): Sys<Uint8Array | null> {
  const mark = stackMark();
  try {
    // Like glibc's cpu_set_t: room for 1024 CPUs. The kernel says how many bytes it filled.
    const size = 128;
    const mask = alloca(size);
    const n = yield* syscall(__NR.sched_getaffinity, pid, size, mask);
    return n < 0 ? null : peek(mask, n);
  } finally {
    release(mark);
  }
}

/** CPU_COUNT: how many CPUs a mask names. */
export function CPU_COUNT(mask: Uint8Array): number {
  let count = 0;
  for (const byte of mask) for (let b = byte; b; b >>= 1) count += b & 1;
  return count;
}
