// What strace writes before a call: the pid (under -f or with several processes), the time
// (-t/-tt/-ttt/-r) and the syscall number (-n); and after the result, the duration (-T).

import { gmtime } from '../../libc/time';

/** A moment from clock_gettime, in whole nanoseconds split as the timespec is. */
export interface Instant {
  sec: number;
  nsec: number;
}

export const toNs = (t: Instant): bigint => BigInt(t.sec) * 1_000_000_000n + BigInt(t.nsec);

/** `sec.usec` with six digits, as strace prints timevals: `%ld.%06ld` (microseconds truncated). */
export function secondsText(ns: bigint): string {
  const us = ns / 1000n;
  return `${us / 1_000_000n}.${String(us % 1_000_000n).padStart(6, '0')}`;
}

/**
 * The pid prefix. Written to a file under -f, every line has the pid left-justified in five
 * columns and a space (`4255  execve(…)`); on stderr it is `[pid  4305] `, and only while more
 * than one process is traced.
 */
export function pidPrefix(pid: number, toFile: boolean): string {
  return toFile ? `${String(pid).padEnd(5)} ` : `[pid ${String(pid).padStart(5)}] `;
}

export interface TimeOptions {
  timestamps: 0 | 1 | 2 | 3;
  relative: boolean;
}

/**
 * The time prefix at `now` (CLOCK_REALTIME, in the machine's local time, which is UTC), with
 * `sincePrevious` the monotonic time since the previous line for -r. -t: `15:12:43 `, -tt:
 * `15:12:43.752060 `, -ttt: `1795792363.770130 `, -r: `     0.000253 `; -r with -t puts the
 * relative time in brackets: `15:12:43 (+     0.000253) `.
 */
export function timePrefix(o: TimeOptions, now: Instant, sincePrevious: bigint): string {
  const rel = (() => {
    const t = secondsText(sincePrevious);
    const dot = t.indexOf('.');
    return t.slice(0, dot).padStart(6) + t.slice(dot);
  })();
  if (o.timestamps === 0) return o.relative ? `${rel} ` : '';
  let abs: string;
  if (o.timestamps === 3) abs = secondsText(toNs(now));
  else {
    const tm = gmtime(now.sec);
    const two = (n: number) => String(n).padStart(2, '0');
    abs = `${two(tm.tm_hour)}:${two(tm.tm_min)}:${two(tm.tm_sec)}`;
    if (o.timestamps === 2) abs += `.${String(Math.floor(now.nsec / 1000)).padStart(6, '0')}`;
  }
  return o.relative ? `${abs} (+${rel}) ` : `${abs} `;
}

/** -n: `[   2] `, the number in four columns. */
export const numberPrefix = (nr: number): string => `[${String(nr).padStart(4)}] `;

/** -i: `[0000000000401016] `, the instruction pointer in 16 hex digits; `?`s once the process is gone. */
export const ipPrefix = (ip: number | null): string =>
  `[${ip === null ? '?'.repeat(16) : ip.toString(16).padStart(16, '0')}] `;

/** -T: ` <0.000016>` after the result. */
export const durationSuffix = (ns: bigint): string => ` <${secondsText(ns)}>`;
