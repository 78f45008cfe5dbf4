// Resource limits (include/uapi/linux/resource.h): their names and a fresh process's defaults.

import type { Rlimits } from './sched/task';

export const RLIMIT_NAMES = ['CPU', 'FSIZE', 'DATA', 'STACK', 'CORE', 'RSS', 'NPROC', 'NOFILE', 'MEMLOCK', 'AS', 'LOCKS', 'SIGPENDING', 'MSGQUEUE', 'NICE', 'RTPRIO', 'RTTIME'];
export const RLIM_NLIMITS = 16;

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

