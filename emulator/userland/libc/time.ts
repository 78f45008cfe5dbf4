// <time.h>: the clocks. glibc answers clock_gettime and time from the vDSO without entering the
// kernel; our TypeScript programs make the real clock_gettime(2) system call instead.

import { __NR } from '../../uapi/unistd_64';
import type { Sys } from '../runtime/context';
import { alloca, peekI64, syscall, stackMark, release } from './process';

export const CLOCK_REALTIME = 0;
export const CLOCK_MONOTONIC = 1;
export const CLOCK_BOOTTIME = 7;

export interface Timespec {
  sec: number;
  nsec: number;
}

/** clock_gettime(2): the clock's value, or null with errno set. */
export function* clock_gettime(clock: number): Sys<Timespec | null> {
  const mark = stackMark();
  try {
    const ts = alloca(16);
    if ((yield* syscall(__NR.clock_gettime, clock, ts)) < 0) return null;
    return { sec: peekI64(ts), nsec: peekI64(ts + 8) };
  } finally {
    release(mark);
  }
}

/** time(2): seconds since the epoch (glibc computes it from CLOCK_REALTIME, and so do we). */
export function* time(): Sys<number> {
  const ts = yield* clock_gettime(CLOCK_REALTIME);
  return ts ? ts.sec : -1;
}

// ---- broken-down time and strftime ------------------------------------------------------------------

/** struct tm, with C's field meanings (months 0-11, years since 1900, days since Sunday). */
export interface Tm {
  tm_sec: number;
  tm_min: number;
  tm_hour: number;
  tm_mday: number;
  tm_mon: number;
  tm_year: number;
  tm_wday: number;
  tm_yday: number;
  /** Seconds east of UTC, and the zone's abbreviation (glibc's extensions). */
  tm_gmtoff: number;
  tm_zone: string;
}

const DAY = 86400;

/** gmtime(3): seconds since the epoch as UTC calendar fields (proleptic Gregorian). */
export function gmtime(t: number): Tm {
  const days = Math.floor(t / DAY);
  const secs = t - days * DAY;
  // Days to a civil date, counting in 400-year eras that start on March 1st (so leap days fall last).
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const mday = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const mon = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (mon <= 2 ? 1 : 0);
  const jan1 = daysFromCivil(year, 1, 1);
  return {
    tm_sec: secs % 60, tm_min: Math.floor(secs / 60) % 60, tm_hour: Math.floor(secs / 3600),
    tm_mday: mday, tm_mon: mon - 1, tm_year: year - 1900, tm_wday: (((days + 4) % 7) + 7) % 7,
    tm_yday: days - jan1, tm_gmtoff: 0, tm_zone: 'UTC',
  };
}

/**
 * localtime(3). glibc takes the zone from TZ or /etc/localtime; with neither (as on this machine,
 * which keeps its clock in UTC and ships no zone files) local time is UTC.
 */
export const localtime = gmtime;

function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** timegm(3): the inverse of gmtime. */
export function timegm(tm: Tm): number {
  const days = daysFromCivil(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
  return days * DAY + tm.tm_hour * 3600 + tm.tm_min * 60 + tm.tm_sec - tm.tm_gmtoff;
}

const DAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** ISO 8601 week-based year and week (%G, %V): weeks start on Monday; week 1 holds January 4th. */
function isoWeek(tm: Tm): [number, number] {
  const year = tm.tm_year + 1900;
  const weeksIn = (y: number) => {
    const jan1 = (((daysFromCivil(y, 1, 1) + 4) % 7) + 7) % 7;
    const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
    return jan1 === 4 || (leap && jan1 === 3) ? 53 : 52;
  };
  const week = Math.floor((tm.tm_yday - ((tm.tm_wday + 6) % 7) + 10) / 7);
  if (week < 1) return [year - 1, weeksIn(year - 1)];
  if (week > weeksIn(year)) return [year + 1, 1];
  return [year, week];
}

/**
 * strftime(3) in the C locale, with GNU's additions that date(1) offers: %N (nanoseconds, from
 * `nsec`), %q, %s, %:z, the flags - (no padding) _ (spaces) 0 (zeros) ^ (upper case) # (swap case) and a
 * field width ("%-d", "%_5H", "%^a", "%3N").
 */
export function strftime(fmt: string, tm: Tm, nsec = 0): string {
  let out = '';
  for (let i = 0; i < fmt.length; i++) {
    if (fmt[i] !== '%') {
      out += fmt[i];
      continue;
    }
    // Flags, width, colons (%:z), an ignored E or O locale modifier, the conversion.
    const m = /^([-_0^#]*)(\d*)(:{0,3})[EO]?([a-zA-Z%+])/.exec(fmt.slice(i + 1));
    if (!m) {
      out += '%';
      continue;
    }
    i += m[0].length;
    const converted = convert(m[4]!, m[3]!.length, tm, nsec);
    if (converted === null) {
      out += '%' + m[0];
      continue;
    }
    out += pad(converted, m[1]!, m[2] ? Number(m[2]) : null, m[4]!);
  }
  return out;
}

/** A conversion's text and its default padding: [digits, width, fill] or a plain string. */
type Field = string | [number, number, '0' | ' '];

function convert(c: string, colons: number, tm: Tm, nsec: number): Field | null {
  const Y = tm.tm_year + 1900;
  const h12 = tm.tm_hour % 12 || 12;
  switch (c) {
    case 'a': return DAY_NAMES[tm.tm_wday]!.slice(0, 3);
    case 'A': return DAY_NAMES[tm.tm_wday]!;
    case 'b': case 'h': return MONTH_NAMES[tm.tm_mon]!.slice(0, 3);
    case 'B': return MONTH_NAMES[tm.tm_mon]!;
    case 'c': return strftime('%a %b %e %H:%M:%S %Y', tm);
    case 'C': return [Math.floor(Y / 100), 2, '0'];
    case 'd': return [tm.tm_mday, 2, '0'];
    case 'D': case 'x': return strftime('%m/%d/%y', tm);
    case 'e': return [tm.tm_mday, 2, ' '];
    case 'F': return strftime('%Y-%m-%d', tm);
    case 'g': return [isoWeek(tm)[0] % 100, 2, '0'];
    case 'G': return [isoWeek(tm)[0], 1, '0'];
    case 'H': return [tm.tm_hour, 2, '0'];
    case 'I': return [h12, 2, '0'];
    case 'j': return [tm.tm_yday + 1, 3, '0'];
    case 'k': return [tm.tm_hour, 2, ' '];
    case 'l': return [h12, 2, ' '];
    case 'm': return [tm.tm_mon + 1, 2, '0'];
    case 'M': return [tm.tm_min, 2, '0'];
    case 'n': return '\n';
    case 'N': return String(nsec).padStart(9, '0');
    case 'p': return tm.tm_hour < 12 ? 'AM' : 'PM';
    case 'P': return tm.tm_hour < 12 ? 'am' : 'pm';
    case 'q': return [Math.floor(tm.tm_mon / 3) + 1, 1, '0'];
    case 'r': return strftime('%I:%M:%S %p', tm);
    case 'R': return strftime('%H:%M', tm);
    case 's': return [timegm(tm), 1, '0'];
    case 'S': return [tm.tm_sec, 2, '0'];
    case 't': return '\t';
    case 'T': case 'X': return strftime('%H:%M:%S', tm);
    case 'u': return [tm.tm_wday || 7, 1, '0'];
    case 'U': return [Math.floor((tm.tm_yday + 7 - tm.tm_wday) / 7), 2, '0'];
    case 'V': return [isoWeek(tm)[1], 2, '0'];
    case 'w': return [tm.tm_wday, 1, '0'];
    case 'W': return [Math.floor((tm.tm_yday + 7 - ((tm.tm_wday + 6) % 7)) / 7), 2, '0'];
    case 'y': return [Y % 100, 2, '0'];
    case 'Y': return [Y, 1, '0'];
    case 'z': return zone(tm.tm_gmtoff, colons);
    case 'Z': return tm.tm_zone;
    case '%': return '%';
    default: return null;
  }
}

function zone(off: number, colons: number): string {
  const a = Math.abs(off);
  const hh = String(Math.floor(a / 3600)).padStart(2, '0');
  const mm = String(Math.floor(a / 60) % 60).padStart(2, '0');
  const ss = String(a % 60).padStart(2, '0');
  const sign = off < 0 ? '-' : '+';
  return colons === 0 ? sign + hh + mm : colons === 1 ? `${sign}${hh}:${mm}` : `${sign}${hh}:${mm}:${ss}`;
}

function pad(f: Field, flags: string, width: number | null, conv: string): string {
  let s: string;
  if (typeof f === 'string') {
    s = width !== null ? f.padStart(width, flags.includes('0') ? '0' : ' ') : f;
    // %N with a width keeps that many leading digits (GNU: "%3N" is milliseconds).
    if (conv === 'N' && width !== null) s = f.slice(0, width).padEnd(width, '0');
  } else {
    const [n, w, fill] = f;
    const digits = String(Math.abs(n));
    const sign = n < 0 ? '-' : '';
    const padChar = flags.includes('_') ? ' ' : flags.includes('0') ? '0' : fill;
    const total = flags.includes('-') ? 0 : (width ?? w);
    s = padChar === '0' ? sign + digits.padStart(total - sign.length, '0') : (sign + digits).padStart(total, ' ');
  }
  if (flags.includes('^')) s = s.toUpperCase();
  else if (flags.includes('#')) s = s === s.toUpperCase() ? s.toLowerCase() : s.toUpperCase();
  return s;
}
