// Softirqs (kernel/softirq.c): the deferred halves of interrupt handling, counted per CPU and per
// kind (kstat_softirqs) for /proc/softirqs and the "softirq" line of /proc/stat.
//
// Ours: TIMER runs each time expired timers are handled (run_timer_softirq), SCHED each time a
// tick preempts a task (the load-balancing check trigger_load_balance raises). There is no network
// stack, block completion, tasklets or RCU, so the other kinds stay at 0.

import type { Kernel } from '../kernel';

/** softirq_to_name, in number order (HI_SOFTIRQ = 0 … RCU_SOFTIRQ = 9). */
export const SOFTIRQ_NAMES = ['HI', 'TIMER', 'NET_TX', 'NET_RX', 'BLOCK', 'IRQ_POLL', 'TASKLET', 'SCHED', 'HRTIMER', 'RCU'] as const;
export const TIMER_SOFTIRQ = 1;
export const SCHED_SOFTIRQ = 7;

const counts = new WeakMap<Kernel, number[][]>();

/** kstat_softirqs: [softirq][cpu]. */
export function kstat_softirqs(k: Kernel): number[][] {
  let c = counts.get(k);
  if (!c) {
    c = SOFTIRQ_NAMES.map(() => new Array(k.sched.nrCpus).fill(0));
    counts.set(k, c);
  }
  return c;
}

/** raise_softirq + its run: one more of `nr` handled on `cpu`. */
export function softirq_handled(k: Kernel, nr: number, cpu: number): void {
  const row = kstat_softirqs(k)[nr]!;
  row[cpu % row.length]!++;
}
