// /proc/uptime (fs/proc/uptime.c): seconds since boot, and the seconds the CPUs have spent idle
// (summed over all CPUs, so it can exceed the first number), both with two decimals:
//
//   346.00 622.91
//
// Both come from the virtual clock: uptime is CLOCK_BOOTTIME, idle is what the tasks did not use.

import type { Kernel } from '../../kernel';
import { kcpustat } from './stat';

/** ns → "seconds.hundredths", cut (not rounded) as Linux prints it. */
export function seconds_2dp(ns: number): string {
  const cs = Math.floor(ns / 10_000_000);
  return `${Math.floor(cs / 100)}.${String(cs % 100).padStart(2, '0')}`;
}

export function uptime_proc_show(k: Kernel): string {
  const idle = kcpustat(k).reduce((sum, c) => sum + c.idle, 0);
  return `${seconds_2dp(k.clock.now())} ${seconds_2dp(idle)}\n`;
}
