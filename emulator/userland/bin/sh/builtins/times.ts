// times: the user and system CPU time of the shell, then of its children, as dash prints them.

import type { Sys } from '../../../libc/process';
import { times as timesSyscall, CLK_TCK } from '../../../libc/sys_times';
import { out } from './util';

const fmt = (ticks: number): string => {
  const s = ticks / CLK_TCK;
  return `${Math.floor(s / 60)}m${(s % 60).toFixed(6)}s`;
};

export function* times(): Sys<number> {
  const t = yield* timesSyscall();
  if (!t) return 1;
  yield* out(`${fmt(t.utime)} ${fmt(t.stime)}\n${fmt(t.cutime)} ${fmt(t.cstime)}\n`);
  return 0;
}
