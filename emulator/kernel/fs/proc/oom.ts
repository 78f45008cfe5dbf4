// /proc/<pid>/oom_score and oom_score_adj (fs/proc/base.c, mm/oom_kill.c: oom_badness): how
// likely the out-of-memory killer is to pick this process, and the user's bias on it.
//
// badness = resident pages + swap entries + page-table pages + oom_score_adj × total pages / 1000,
// shown scaled into 0..1000 and then by 2/3 (so a small process with no bias shows 666):
//   oom_score = (1000 + badness × 1000 / totalpages) × 2 / 3
// init, and a process set to -1000, can never be chosen: their score is 0.
//
// Simplified: Linux remembers the lowest value root set (oom_score_adj_min) as the floor for
// unprivileged writes; our floor for them is 0, the default.

import { EACCES, EINVAL, ERANGE, ESRCH } from '../../../uapi/errno';
import type { Task } from '../../sched/task';
import type { File } from '../file';
import type { FilePos } from '../fs';
import { stringOf } from '../libfs';
import { get_proc_task } from './internal';
import { mm_counters } from './task_mmu';

export const OOM_SCORE_ADJ_MIN = -1000;
export const OOM_SCORE_ADJ_MAX = 1000;
/** PROC_NUMBUF: a write is cut to this many bytes minus one. */
const PROC_NUMBUF = 13;

/** oom_badness, in pages; null for a task that may not be killed. */
export function oom_badness(task: Task, totalpages: number): number | null {
  if (task.tgid === 1 || !task.mm || task.isZombie) return null;
  const adj = task.group.oomScoreAdj;
  if (adj === OOM_SCORE_ADJ_MIN) return null;
  const c = mm_counters(task.mm);
  const points = c.rssAnon + c.rssFile + c.rssShmem + c.ptes;
  return points + Math.trunc((adj * totalpages) / 1000);
}

export function proc_oom_score(task: Task): string {
  const totalpages = task.kernel.phys.limitPages;
  const badness = oom_badness(task, totalpages);
  const points = badness === null ? 0 : Math.trunc(((1000 + Math.trunc((badness * 1000) / totalpages)) * 2) / 3);
  return `${points}\n`;
}

export function oom_score_adj_read(task: Task): string {
  return `${task.group.oomScoreAdj}\n`;
}

/** kstrtoint(strstrip(buf), 0): an int in C's base 0, nothing else but blanks around it. */
function kstrtoint(s: string): { value: number } | number {
  const m = /^([+-]?)(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)$/.exec(s.trim());
  if (!m) return -EINVAL;
  const digits = m[2]!;
  const v = digits.length > 1 && digits[0] === '0' ? (/^0[xX]/.test(digits) ? parseInt(digits.slice(2), 16) : parseInt(digits, 8)) : Number(digits);
  const n = m[1] === '-' ? -v : v;
  return n < -0x80000000 || n > 0x7fffffff ? -ERANGE : { value: n };
}

/** oom_score_adj_write: a number in -1000..1000 (EINVAL otherwise); lowering it needs CAP_SYS_RESOURCE. */
export function oom_score_adj_write(file: File, t: Task, data: Uint8Array, ppos: FilePos): number {
  const count = Math.min(data.length, PROC_NUMBUF - 1);
  const text = stringOf(data.subarray(0, count));
  const nul = text.indexOf('\0');
  const r = kstrtoint(nul >= 0 ? text.slice(0, nul) : text);
  if (typeof r === 'number') return r;
  const v = r.value;
  if (v < OOM_SCORE_ADJ_MIN || v > OOM_SCORE_ADJ_MAX) return -EINVAL;
  const task = get_proc_task(file.inode);
  if (!task) return -ESRCH;
  if (v < 0 && v < task.group.oomScoreAdj && !t.cred.capable()) return -EACCES;
  task.group.oomScoreAdj = v;
  ppos.pos += count;
  return count;
}
