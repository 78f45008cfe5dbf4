// <sys/times.h>: times(2), the CPU time of the process and of its waited-for children, in clock
// ticks (sysconf(_SC_CLK_TCK) = USER_HZ = 100 on Linux).

import { __NR } from '../../uapi/unistd_64';
import type { Sys } from '../runtime/context';
import { alloca, peekI64, syscall, stackMark, release } from './process';

export const CLK_TCK = 100;

export interface Tms {
  utime: number;
  stime: number;
  cutime: number;
  cstime: number;
}

/** times(2): the four times, or null with errno set. */
export function* times(): Sys<Tms | null> {
  const mark = stackMark();
  try {
    const buf = alloca(32);
    if ((yield* syscall(__NR.times, buf)) === -1) return null;
    return { utime: peekI64(buf), stime: peekI64(buf + 8), cutime: peekI64(buf + 16), cstime: peekI64(buf + 24) };
  } finally {
    release(mark);
  }
}
