// /proc/<pid>/limits (fs/proc/base.c: proc_pid_limits): the process's resource limits as a table,
//
//   Limit                     Soft Limit           Hard Limit           Units
//   Max stack size            8388608              unlimited            bytes
//
// columns "%-25s %-20s %-20s %-10s" — so every line of a limit with a unit ends in padding, and a
// limit without one (the nice and realtime priorities) ends right after the hard limit's padding.

import type { Task } from '../../sched/task';

/** lnames[]: each RLIMIT_* in number order, with its unit. */
const LNAMES: [string, string | null][] = [
  ['Max cpu time', 'seconds'],
  ['Max file size', 'bytes'],
  ['Max data size', 'bytes'],
  ['Max stack size', 'bytes'],
  ['Max core file size', 'bytes'],
  ['Max resident set', 'bytes'],
  ['Max processes', 'processes'],
  ['Max open files', 'files'],
  ['Max locked memory', 'bytes'],
  ['Max address space', 'bytes'],
  ['Max file locks', 'locks'],
  ['Max pending signals', 'signals'],
  ['Max msgqueue size', 'bytes'],
  ['Max nice priority', null],
  ['Max realtime priority', null],
  ['Max realtime timeout', 'us'],
];

const limit = (v: number) => (v === Infinity ? 'unlimited' : String(v));

export function proc_pid_limits(task: Task): string {
  const rlim = task.group.rlimits;
  let out = `${'Limit'.padEnd(25)} ${'Soft Limit'.padEnd(20)} ${'Hard Limit'.padEnd(20)} ${'Units'.padEnd(10)}\n`;
  LNAMES.forEach(([name, unit], i) => {
    const [cur, max] = rlim[i] ?? [Infinity, Infinity];
    out += `${name.padEnd(25)} ${limit(cur).padEnd(20)} ${limit(max).padEnd(20)} `;
    out += unit ? `${unit.padEnd(10)}\n` : '\n';
  });
  return out;
}
