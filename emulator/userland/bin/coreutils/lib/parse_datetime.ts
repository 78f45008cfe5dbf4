// The date strings `date -d` and `touch -d` accept — a small part of gnulib's parse_datetime:
//   @SECONDS[.FRACTION]          seconds since the epoch
//   YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS]   a calendar date (midnight if no time is given)
//   HH:MM[:SS[.FRACTION]]        a time of day, today
//   now, today, yesterday, tomorrow
//   [+|-]N UNIT [ago]            relative items: sec(ond)s, min(ute)s, hours, days, weeks, months,
//                                years (fortnight too), added after the absolute part
//   UTC, Z, GMT                  zones that change nothing here: the machine's local time is UTC
// Everything is in UTC, since this machine has no time zone database.

import { gmtime, timegm, type Timespec } from '../../../libc/time';

const UNITS: Record<string, [field: 'sec' | 'mon', n: number]> = {
  sec: ['sec', 1], second: ['sec', 1], min: ['sec', 60], minute: ['sec', 60], hour: ['sec', 3600],
  day: ['sec', 86400], week: ['sec', 604800], fortnight: ['sec', 1209600], month: ['mon', 1], year: ['mon', 12],
};

/** "days" → the day unit (plural or not). */
function unitOf(word: string): [field: 'sec' | 'mon', n: number] | undefined {
  return UNITS[word] ?? (word.endsWith('s') ? UNITS[word.slice(0, -1)] : undefined);
}

/** The time `s` names, with `now` for what it leaves out; null if it is not a date we understand. */
export function parseDatetime(s: string, now: Timespec): Timespec | null {
  const words = s.trim().toLowerCase().split(/\s+/).filter((w) => w !== '');
  const at = words.length === 1 ? /^@([+-]?\d+)(?:\.(\d+))?$/.exec(words[0]!) : null;
  if (at) return { sec: Number(at[1]), nsec: at[2] ? Number(at[2].slice(0, 9).padEnd(9, '0')) : 0 };
  const tm = gmtime(now.sec);
  let nsec = now.nsec;
  let sawDate = false, sawTime = false;
  let relSec = 0, relMon = 0;
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    let m: RegExpExecArray | null;
    if ((m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:t(.*))?$/.exec(w))) {
      if (Number(m[2]) < 1 || Number(m[2]) > 12 || Number(m[3]) < 1 || Number(m[3]) > 31) return null;
      [tm.tm_year, tm.tm_mon, tm.tm_mday] = [Number(m[1]) - 1900, Number(m[2]) - 1, Number(m[3])];
      sawDate = true;
      if (m[4] !== undefined) {
        if (!setTime(m[4])) return null;
        sawTime = true;
      }
    } else if (/^\d{1,2}:\d{2}/.test(w)) {
      if (sawTime || !setTime(w)) return null;
      sawTime = true;
    } else if (w === 'now' || w === 'today' || w === 'utc' || w === 'z' || w === 'gmt') {
      continue;
    } else if (w === 'yesterday' || w === 'tomorrow') {
      relSec += w === 'yesterday' ? -86400 : 86400;
    } else if ((m = /^([+-]?\d+)?([a-z]*)$/.exec(w)) && (m[1] !== undefined || unitOf(m[2]!))) {
      // "3 days", "-2 hours", "3days", or a bare "week" meaning one.
      let unit = unitOf(m[2]!);
      if (!unit && m[2] === '') unit = unitOf(words[++i] ?? '');
      if (!unit) return null;
      let n = m[1] === undefined ? 1 : Number(m[1]);
      if (words[i + 1] === 'ago') {
        n = -n;
        i++;
      }
      if (unit[0] === 'sec') relSec += n * unit[1];
      else relMon += n * unit[1];
    } else {
      return null;
    }
  }
  if (sawDate && !sawTime) {
    [tm.tm_hour, tm.tm_min, tm.tm_sec] = [0, 0, 0];
    nsec = 0;
  }
  const totalMon = tm.tm_mon + relMon;
  tm.tm_year += Math.floor(totalMon / 12);
  tm.tm_mon = ((totalMon % 12) + 12) % 12;
  return { sec: timegm(tm) + relSec, nsec };

  function setTime(t: string): boolean {
    const x = /^(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(?:z|utc)?$/.exec(t);
    if (!x || Number(x[1]) > 23 || Number(x[2]) > 59 || Number(x[3] ?? 0) > 60) return false;
    [tm.tm_hour, tm.tm_min, tm.tm_sec] = [Number(x[1]), Number(x[2]), Number(x[3] ?? 0)];
    nsec = x[4] ? Number(x[4].slice(0, 9).padEnd(9, '0')) : 0;
    return true;
  }
}
