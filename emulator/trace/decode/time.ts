// Times: struct timespec `{tv_sec=5, tv_nsec=0}`, struct timeval `{tv_sec=…, tv_usec=…}`, clock
// ids, clock_nanosleep's flags, and the calendar comment -v adds to file times
// (`st_mtime=1777320873 /* 2026-04-27T20:14:33+0000 */`).

import { CLOCK_NAMES, TIMER_ABSTIME, TIMESPEC, TIMEVAL, TIMEVAL_SIZE, UTIMBUF, UTIMBUF_SIZE } from '../../uapi/time';
import { TIMESPEC_SIZE, UTIME_NOW, UTIME_OMIT } from '../../uapi/stat';
import { EINTR, ERESTARTSYS, ERESTART_RESTARTBLOCK } from '../../uapi/errno';
import { outArg, pure, structArg, type ArgSpec } from './context';
import { enumMap, formatEnum, formatFlags } from './flags';
import { int32, isError, ptr } from './numbers';
import type { Fields } from './struct';

const formatTimespecFields = (f: Fields, off = 0): string =>
  `{tv_sec=${f.s64(off + TIMESPEC.sec)}, tv_nsec=${f.s64(off + TIMESPEC.nsec)}}`;

export const formatTimevalFields = (f: Fields, off = 0): string =>
  `{tv_sec=${f.s64(off + TIMEVAL.sec)}, tv_usec=${f.s64(off + TIMEVAL.usec)}}`;

const two = (n: number) => String(n).padStart(2, '0');

/**
 * A time as strace writes it in comments: ISO 8601 in the tracer's time zone (the machine runs on
 * UTC), with the fraction only when there is one, in as many digits as its unit has (9 for
 * nanoseconds, 6 for microseconds): `2026-11-28T05:16:42.173313471+0000`.
 */
function formatCalendar(sec: number, frac = 0, digits = 9): string {
  const d = new Date(sec * 1000);
  const date = `${d.getUTCFullYear()}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())}`;
  const time = `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;
  return `${date}T${time}${frac ? '.' + String(frac).padStart(digits, '0') : ''}+0000`;
}

/** ` /* <calendar> *\/` after a time value, left out for the epoch itself (an unset time). */
export const calendarComment = (sec: number, frac = 0, digits = 9): string =>
  sec || frac ? ` /* ${formatCalendar(sec, frac, digits)} */` : '';

export const timespecArg = structArg(TIMESPEC_SIZE, (f) => formatTimespecFields(f));
export const timevalArg = structArg(TIMEVAL_SIZE, (f) => formatTimevalFields(f));

const CLOCKS = enumMap(CLOCK_NAMES);
export const clockidArg = pure((a) => formatEnum(int32(a.value), CLOCKS, 'CLOCK_'));
export const timerFlagsArg = pure((a) => formatFlags(a.value, [[TIMER_ABSTIME, 'TIMER_ABSTIME']]));

/**
 * nanosleep's `rem`: the kernel writes the time left only when a signal cut the sleep short, so
 * strace decodes it then (`{tv_sec=4, tv_nsec=313889085}`) and otherwise shows the address.
 */
export const remainingSpec: ArgSpec = {
  phase: 'exit',
  decode: function* (a) {
    const errno = isError(a.call.ret) ? -a.call.ret : 0;
    const interrupted = errno === EINTR || (errno >= ERESTARTSYS && errno <= ERESTART_RESTARTBLOCK);
    return interrupted && a.value !== 0 ? yield* timespecArg(a) : ptr(a.value);
  },
};

/** time(2) stores the time at its pointer too: `time([1795855469 /* 2026-11-28T08:44:29+0000 *\/])`. */
export const timeOutSpec = outArg(structArg(8, (f) => `[${f.s64(0)}${calendarComment(f.s64(0))}]`));

/** time(2)'s result, with its calendar date: `1795855469 (2026-11-28T08:44:29+0000)`. */
export const timeResult = (ret: number): string => `${ret} (${formatCalendar(ret)})`;

/**
 * utimensat's two timespecs: `[UTIME_NOW, UTIME_OMIT]` where tv_nsec is one of the special
 * values, else the time and its date.
 */
export const utimensArg = structArg(2 * TIMESPEC_SIZE, (f) => {
  const one = (off: number) => {
    const sec = f.s64(off + TIMESPEC.sec), nsec = f.s64(off + TIMESPEC.nsec);
    if (nsec === UTIME_NOW) return 'UTIME_NOW';
    if (nsec === UTIME_OMIT) return 'UTIME_OMIT';
    return `${formatTimespecFields(f, off)}${calendarComment(sec, nsec)}`;
  };
  return `[${one(0)}, ${one(TIMESPEC_SIZE)}]`;
});

/** utimes/futimesat's two timevals, with their dates (microseconds: six digits). */
export const utimesArg = structArg(2 * TIMEVAL_SIZE, (f) => {
  const one = (off: number) => `${formatTimevalFields(f, off)}${calendarComment(f.s64(off + TIMEVAL.sec), f.s64(off + TIMEVAL.usec), 6)}`;
  return `[${one(0)}, ${one(TIMEVAL_SIZE)}]`;
});

/** utime's struct utimbuf: `{actime=1 /* 1970-01-01T00:00:01+0000 *\/, modtime=2 /* … *\/}`. */
export const utimbufArg = structArg(UTIMBUF_SIZE, (f) => {
  const one = (name: keyof typeof UTIMBUF) => `${name}=${f.s64(UTIMBUF[name])}${calendarComment(f.s64(UTIMBUF[name]))}`;
  return `{${one('actime')}, ${one('modtime')}}`;
});
