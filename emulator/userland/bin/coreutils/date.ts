// date (GNU coreutils): print the time. The machine's clock is UTC and there is no time zone
// database, so every time is UTC (TZ is not consulted).
//   date [-u] [-d @SECONDS] [+FORMAT]

import type { Sys } from '../../runtime/context';
import { fwrite, stdout } from '../../libc/stdio';
import { nowTimespec } from './lib/time';
import { usageError } from './lib/common';

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const p = (n: number, w = 2, c = '0') => String(n).padStart(w, c);

/** strftime for the conversions GNU date users reach for, in the C locale. */
export function strftime(fmt: string, sec: number, nsec: number): string {
  const d = new Date(sec * 1000);
  const Y = d.getUTCFullYear(), m = d.getUTCMonth(), D = d.getUTCDate(), H = d.getUTCHours();
  const M = d.getUTCMinutes(), S = d.getUTCSeconds(), w = d.getUTCDay();
  const yday = Math.floor((Date.UTC(Y, m, D) - Date.UTC(Y, 0, 1)) / 86400000);
  const conv: Record<string, () => string> = {
    a: () => DAYS[w]!.slice(0, 3), A: () => DAYS[w]!, b: () => MONTHS[m]!.slice(0, 3), h: () => MONTHS[m]!.slice(0, 3),
    B: () => MONTHS[m]!, c: () => strftime('%a %b %e %H:%M:%S %Y', sec, nsec), C: () => p(Math.floor(Y / 100)),
    d: () => p(D), D: () => strftime('%m/%d/%y', sec, nsec), e: () => p(D, 2, ' '), F: () => `${Y}-${p(m + 1)}-${p(D)}`,
    H: () => p(H), I: () => p(H % 12 || 12), j: () => p(yday + 1, 3), k: () => p(H, 2, ' '), l: () => p(H % 12 || 12, 2, ' '),
    m: () => p(m + 1), M: () => p(M), n: () => '\n', N: () => p(nsec, 9), p: () => (H < 12 ? 'AM' : 'PM'),
    P: () => (H < 12 ? 'am' : 'pm'), r: () => strftime('%I:%M:%S %p', sec, nsec), R: () => `${p(H)}:${p(M)}`,
    s: () => String(sec), S: () => p(S), t: () => '\t', T: () => `${p(H)}:${p(M)}:${p(S)}`, u: () => String(w || 7),
    w: () => String(w), x: () => strftime('%m/%d/%y', sec, nsec), X: () => strftime('%H:%M:%S', sec, nsec),
    y: () => p(Y % 100), Y: () => String(Y), z: () => '+0000', Z: () => 'UTC', '%': () => '%',
  };
  return fmt.replace(/%(.)/g, (all, c: string) => (conv[c] ? conv[c]() : all));
}

export function* date(argv: string[]): Sys<number> {
  let fmt = '%a %b %e %H:%M:%S %Z %Y';
  let when: [number, number] | null = null;
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '-u' || a === '--utc' || a === '--universal') continue;
    if (a === '-d' || a.startsWith('--date=')) {
      const v = a === '-d' ? argv[++i] : a.slice(7);
      const m = v !== undefined ? /^@(-?\d+)$/.exec(v) : null;
      if (!m) return yield* usageError('date', `invalid date ‘${v ?? ''}’`);
      when = [Number(m[1]), 0];
    } else if (a.startsWith('+')) fmt = a.slice(1);
    else if (a.startsWith('-')) return yield* usageError('date', `invalid option -- '${a.slice(1, 2)}'`);
    else return yield* usageError('date', `invalid date ‘${a}’`);
  }
  const [sec, nsec] = when ?? (yield* nowTimespec());
  yield* fwrite(stdout(), strftime(fmt, sec, nsec) + '\n');
  return 0;
}
