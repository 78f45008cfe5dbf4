// /proc/loadavg (fs/proc/loadavg.c): the 1, 5 and 15 minute load averages, runnable/total
// scheduling entities (threads), and the pid handed out last:
//
//   0.29 0.15 0.06 2/92 5596

import type { Kernel } from '../../kernel';
import { TASK_RUNNING } from '../../sched/task';

/** LOAD_INT.LOAD_FRAC: two decimals, rounded to the nearest hundredth (the FIXED_1/200 bias). */
function load_2dp(x: number): string {
  const v = Math.floor((x + 0.005) * 100);
  return `${Math.floor(v / 100)}.${String(v % 100).padStart(2, '0')}`;
}

export function loadavg_proc_show(k: Kernel): string {
  const [a, b, c] = k.loadavg();
  let running = 0;
  for (const t of k.tasks.values()) if (t.state === TASK_RUNNING) running++;
  return `${load_2dp(a ?? 0)} ${load_2dp(b ?? 0)} ${load_2dp(c ?? 0)} ${running}/${k.tasks.size} ${k.lastAllocatedPid}\n`;
}
