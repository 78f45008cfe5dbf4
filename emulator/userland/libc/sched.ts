// <sched.h>: sched_yield.

import { __NR } from '../../uapi/unistd_64';
import type { Sys } from '../runtime/context';
import { syscall } from './process';

/** Give up the CPU; the scheduler runs another task if one is ready. */
export function* sched_yield(): Sys<number> {
  return yield* syscall(__NR.sched_yield);
}
