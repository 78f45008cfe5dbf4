// The time now (clock_gettime(CLOCK_REALTIME)) and the UTC broken-down time the tools print.
// The machine's clock is UTC, so no time zone database is consulted.

import { __NR } from '../../../../uapi/unistd_64';
import type { Sys } from '../../../runtime/context';
import { alloca, peekI64, syscall, withStack } from '../../../libc/process';

export function* nowTimespec(): Sys<[number, number]> {
  return yield* withStack(function* () {
    const ts = alloca(16);
    yield* syscall(__NR.clock_gettime, 0, ts);
    return [peekI64(ts), peekI64(ts + 8)] as [number, number];
  });
}

export const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const p2 = (n: number) => String(n).padStart(2, '0');

/** "2026-01-01 00:00:00.000000000 +0000", as stat prints. */
export function isoTime(sec: number, nsec: number): string {
  const d = new Date(sec * 1000);
  return `${d.getUTCFullYear()}-${p2(d.getUTCMonth() + 1)}-${p2(d.getUTCDate())} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}.${String(nsec).padStart(9, '0')} +0000`;
}

/** ls -l's date: "Jan  1 00:00" when within the last six months, else "Jan  1  2025". */
export function lsTime(sec: number, nsec: number, now: [number, number]): string {
  const d = new Date(sec * 1000);
  const sixMonths = 31556952 / 2;
  const t = sec + nsec / 1e9, n = now[0] + now[1] / 1e9;
  const recent = t > n - sixMonths && t <= n;
  const head = `${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2)}`;
  return recent ? `${head} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}` : `${head}  ${String(d.getUTCFullYear()).padStart(4)}`;
}
