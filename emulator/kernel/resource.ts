// A fresh process's resource limits (init_task's rlimits, include/asm-generic/resource.h).

import type { Rlimits } from './sched/task';

/** Default resource limits of a fresh Linux process (as `ulimit -a` shows on Debian). */
export function defaultRlimits(): Rlimits {
  const INF = Infinity;
  return [
    [INF, INF], // CPU
    [INF, INF], // FSIZE
    [INF, INF], // DATA
    [8 << 20, INF], // STACK
    [0, INF], // CORE
    [INF, INF], // RSS
    [31518, 31518], // NPROC
    [1024, 1048576], // NOFILE
    [8 << 20, 8 << 20], // MEMLOCK
    [INF, INF], // AS
    [INF, INF], // LOCKS
    [31518, 31518], // SIGPENDING
    [819200, 819200], // MSGQUEUE
    [0, 0], // NICE
    [0, 0], // RTPRIO
    [INF, INF], // RTTIME
  ];
}

