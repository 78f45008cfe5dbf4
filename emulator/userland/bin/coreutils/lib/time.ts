// The two time stamps the file tools print, both from localtime(3) and strftime(3).

import { localtime, strftime, type Timespec } from '../../../libc/time';

/** stat's "2026-01-01 00:00:00.000000000 +0000". */
export function isoTime(sec: number, nsec: number): string {
  return strftime('%Y-%m-%d %H:%M:%S.%N %z', localtime(sec), nsec);
}

/** Half of a Gregorian year, in seconds: what GNU ls counts as "recent". */
const SIX_MONTHS = 31556952 / 2;

/** Order two timespecs exactly (a double cannot hold seconds and nanoseconds together). */
const cmp = (a: Timespec, b: Timespec) => a.sec - b.sec || a.nsec - b.nsec;

/**
 * ls -l's date: "Jan  1 00:00" for the last six months, else "Jan  1  2025" — also for times in
 * the future, which deserve a second look.
 */
export function lsTime(sec: number, nsec: number, now: Timespec): string {
  const t = { sec, nsec };
  const recent = cmp(t, { sec: now.sec - SIX_MONTHS, nsec: now.nsec }) > 0 && cmp(t, now) <= 0;
  return strftime(recent ? '%b %e %H:%M' : '%b %e  %Y', localtime(sec));
}
