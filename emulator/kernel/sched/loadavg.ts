// The load average (kernel/sched/loadavg.c): every 5 seconds, the number of tasks that are
// running or in uninterruptible sleep is folded into three exponentially decaying averages with
// time constants of 1, 5 and 15 minutes. Linux does it in 11-bit fixed point; so do we, so the
// numbers /proc/loadavg shows decay exactly as Linux's.

import { TASK_RUNNING, TASK_UNINTERRUPTIBLE, type Task } from './task';

export const LOAD_FREQ_NS = 5_000_000_000;
const FSHIFT = 11;
const FIXED_1 = 1 << FSHIFT;
/** 1/exp(5s/1min), 1/exp(5s/5min), 1/exp(5s/15min) in fixed point. */
const EXP = [1884, 2014, 2037];

export class LoadAvg {
  /** avenrun[] in fixed point. */
  private readonly avenrun = [0, 0, 0];
  private nextUpdate = LOAD_FREQ_NS;

  /** calc_global_load: fold in every 5-second period that ended by `now`. */
  update(now: number, tasks: Iterable<Task>): void {
    if (now < this.nextUpdate) return;
    let active = 0;
    for (const t of tasks) if (t.state === TASK_RUNNING || t.state === TASK_UNINTERRUPTIBLE) active++;
    const activeFixed = active * FIXED_1;
    // Periods that passed with the machine idle in between count with the same number of tasks.
    const periods = Math.min(Math.floor((now - this.nextUpdate) / LOAD_FREQ_NS) + 1, 10_000);
    for (let p = 0; p < periods; p++) {
      for (let i = 0; i < 3; i++) {
        const load = this.avenrun[i]! * EXP[i]! + activeFixed * (FIXED_1 - EXP[i]!);
        // calc_load rounds up while the load grows.
        this.avenrun[i] = Math.floor((load + (activeFixed >= this.avenrun[i]! ? FIXED_1 - 1 : 0)) / FIXED_1);
      }
    }
    this.nextUpdate += periods * LOAD_FREQ_NS;
  }

  /** The three averages as numbers (what /proc/loadavg prints with two decimals). */
  values(): number[] {
    return this.avenrun.map((a) => a / FIXED_1);
  }
}
