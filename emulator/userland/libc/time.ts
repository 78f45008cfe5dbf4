// <time.h>: the clocks. glibc answers clock_gettime and time from the vDSO without entering the
// kernel; our TypeScript programs make the real clock_gettime(2) system call instead.

import { __NR } from '../../uapi/unistd_64';
import type { Sys } from '../runtime/context';
import { alloca, peekI64, syscall, withStack } from './process';

export const CLOCK_REALTIME = 0;
export const CLOCK_MONOTONIC = 1;
export const CLOCK_BOOTTIME = 7;

export interface Timespec {
  sec: number;
  nsec: number;
}

/** clock_gettime(2): the clock's value, or null with errno set. */
export function* clock_gettime(clock: number): Sys<Timespec | null> {
  return yield* withStack(function* () {
    const ts = alloca(16);
    if ((yield* syscall(__NR.clock_gettime, clock, ts)) < 0) return null;
    return { sec: peekI64(ts), nsec: peekI64(ts + 8) };
  });
}

/** time(2): seconds since the epoch (glibc computes it from CLOCK_REALTIME, and so do we). */
export function* time(): Sys<number> {
  const ts = yield* clock_gettime(CLOCK_REALTIME);
  return ts ? ts.sec : -1;
}
