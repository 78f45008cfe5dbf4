// Times: struct timespec `{tv_sec=5, tv_nsec=0}`, struct timeval `{tv_sec=…, tv_usec=…}`, clock
// ids, clock_nanosleep's flags, and the calendar comment -v adds to file times
// (`st_mtime=1777320873 /* 2026-04-27T20:14:33+0000 */`).

import { CLOCK_NAMES, TIMER_ABSTIME, TIMESPEC, TIMEVAL, TIMEVAL_SIZE } from '../../uapi/time';
import { TIMESPEC_SIZE } from '../../uapi/stat';
import { pure, structArg } from './context';
import { enumMap, formatEnum, formatFlags } from './flags';
import { int32 } from './numbers';
import type { Fields } from './struct';

export const formatTimespecFields = (f: Fields, off = 0): string =>
  `{tv_sec=${f.s64(off + TIMESPEC.sec)}, tv_nsec=${f.s64(off + TIMESPEC.nsec)}}`;

export const formatTimevalFields = (f: Fields, off = 0): string =>
  `{tv_sec=${f.s64(off + TIMEVAL.sec)}, tv_usec=${f.s64(off + TIMEVAL.usec)}}`;

const two = (n: number) => String(n).padStart(2, '0');

/**
 * A time as strace writes it in comments: ISO 8601 in the tracer's time zone (the machine runs on
 * UTC), with nanoseconds only when there are any: `2026-11-28T05:16:42.173313471+0000`.
 */
export function formatCalendar(sec: number, nsec = 0): string {
  const d = new Date(sec * 1000);
  const date = `${d.getUTCFullYear()}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())}`;
  const time = `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;
  return `${date}T${time}${nsec ? '.' + String(nsec).padStart(9, '0') : ''}+0000`;
}

/** ` /* <calendar> *\/` after a time value, left out for the epoch itself (an unset time). */
export const calendarComment = (sec: number, nsec = 0): string =>
  sec || nsec ? ` /* ${formatCalendar(sec, nsec)} */` : '';

export const timespecArg = structArg(TIMESPEC_SIZE, (f) => formatTimespecFields(f));
export const timevalArg = structArg(TIMEVAL_SIZE, (f) => formatTimevalFields(f));

const CLOCKS = enumMap(CLOCK_NAMES);
export const clockidArg = pure((a) => formatEnum(int32(a.value), CLOCKS, 'CLOCK_'));
export const timerFlagsArg = pure((a) => formatFlags(a.value, [[TIMER_ABSTIME, 'TIMER_ABSTIME']]));
