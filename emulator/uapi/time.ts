// Clock ids and timer flags of clock_gettime(2)/clock_nanosleep(2) (include/uapi/linux/time.h),
// and the layouts of struct timespec and struct timeval (two 64-bit fields each on x86-64).

export const CLOCK_REALTIME = 0, CLOCK_MONOTONIC = 1, CLOCK_PROCESS_CPUTIME_ID = 2, CLOCK_THREAD_CPUTIME_ID = 3;
export const CLOCK_MONOTONIC_RAW = 4, CLOCK_REALTIME_COARSE = 5, CLOCK_MONOTONIC_COARSE = 6, CLOCK_BOOTTIME = 7;
export const CLOCK_REALTIME_ALARM = 8, CLOCK_BOOTTIME_ALARM = 9, CLOCK_TAI = 11;

export const CLOCK_NAMES: readonly (readonly [number, string])[] = [
  [CLOCK_REALTIME, 'CLOCK_REALTIME'], [CLOCK_MONOTONIC, 'CLOCK_MONOTONIC'],
  [CLOCK_PROCESS_CPUTIME_ID, 'CLOCK_PROCESS_CPUTIME_ID'], [CLOCK_THREAD_CPUTIME_ID, 'CLOCK_THREAD_CPUTIME_ID'],
  [CLOCK_MONOTONIC_RAW, 'CLOCK_MONOTONIC_RAW'], [CLOCK_REALTIME_COARSE, 'CLOCK_REALTIME_COARSE'],
  [CLOCK_MONOTONIC_COARSE, 'CLOCK_MONOTONIC_COARSE'], [CLOCK_BOOTTIME, 'CLOCK_BOOTTIME'],
  [CLOCK_REALTIME_ALARM, 'CLOCK_REALTIME_ALARM'], [CLOCK_BOOTTIME_ALARM, 'CLOCK_BOOTTIME_ALARM'], [CLOCK_TAI, 'CLOCK_TAI'],
];

/** clock_nanosleep/timer_settime: the time is absolute, not relative. */
export const TIMER_ABSTIME = 1;

/** struct timespec { tv_sec; tv_nsec; } and struct timeval { tv_sec; tv_usec; }: 16 bytes. */
export const TIMESPEC = { sec: 0, nsec: 8 } as const;
export const TIMEVAL = { sec: 0, usec: 8 } as const;
export const TIMEVAL_SIZE = 16;

/** utime(2)'s struct utimbuf { time_t actime; time_t modtime; }. */
export const UTIMBUF_SIZE = 16;
export const UTIMBUF = { actime: 0, modtime: 8 } as const;

/** Interval timers (setitimer/getitimer): which clock counts them. */
export const ITIMER_REAL = 0, ITIMER_VIRTUAL = 1, ITIMER_PROF = 2;
/** struct itimerval { struct timeval it_interval; struct timeval it_value; }: 32 bytes. */
export const ITIMERVAL = { interval: 0, value: 16 } as const;
export const ITIMERVAL_SIZE = 32;
