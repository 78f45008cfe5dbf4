// <sys/wait.h>: waitpid and the status macros.

import { __NR } from '../../uapi/unistd_64';
import type { Sys } from '../runtime/context';
import { alloca, peekI32, syscall, stackMark, release } from './process';

export * from '../../uapi/sched';

/** waitpid(2) via wait4: [pid, status], pid -1 on error (errno set), 0 with WNOHANG and nothing ready. */
export function* waitpid(pid: number, options = 0): Sys<[number, number]> {
  const mark = stackMark();
  try {
    const st = alloca(8);
    const r = yield* syscall(__NR.wait4, pid, st, options, 0);
    return [r, r > 0 ? peekI32(st) : 0] as [number, number];
  } finally {
    release(mark);
  }
}
