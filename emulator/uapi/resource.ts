// Resource limit numbers for getrlimit/setrlimit/prlimit64 (include/uapi/asm-generic/resource.h)
// and struct rlimit's layout.

export const RLIMIT_CPU = 0, RLIMIT_FSIZE = 1, RLIMIT_DATA = 2, RLIMIT_STACK = 3, RLIMIT_CORE = 4;
export const RLIMIT_RSS = 5, RLIMIT_NPROC = 6, RLIMIT_NOFILE = 7, RLIMIT_MEMLOCK = 8, RLIMIT_AS = 9;
export const RLIMIT_LOCKS = 10, RLIMIT_SIGPENDING = 11, RLIMIT_MSGQUEUE = 12, RLIMIT_NICE = 13;
export const RLIMIT_RTPRIO = 14, RLIMIT_RTTIME = 15;
export const RLIM_NLIMITS = 16;

/** The limits' names without the RLIMIT_ prefix, by number. */
export const RLIMIT_NAMES = ['CPU', 'FSIZE', 'DATA', 'STACK', 'CORE', 'RSS', 'NPROC', 'NOFILE', 'MEMLOCK', 'AS', 'LOCKS', 'SIGPENDING', 'MSGQUEUE', 'NICE', 'RTPRIO', 'RTTIME'] as const;

/** "No limit": all ones in the 64-bit rlim_t. */
export const RLIM_INFINITY = 0xffffffffffffffffn;

/** struct rlimit { rlim_t rlim_cur; rlim_t rlim_max; } */
export const RLIMIT_SIZE = 16;

/** getrusage(2)'s `who`. */
export const RUSAGE_SELF = 0, RUSAGE_CHILDREN = -1, RUSAGE_THREAD = 1;

/**
 * struct rusage (x86-64): two struct timevals (user and system CPU time), then fourteen longs in
 * this order. 144 bytes.
 */
export const RUSAGE_SIZE = 144;
export const RUSAGE = { utime: 0, stime: 16, longs: 32 } as const;
export const RUSAGE_LONG_FIELDS = [
  'maxrss', 'ixrss', 'idrss', 'isrss', 'minflt', 'majflt', 'nswap', 'inblock', 'oublock', 'msgsnd', 'msgrcv',
  'nsignals', 'nvcsw', 'nivcsw',
] as const;
