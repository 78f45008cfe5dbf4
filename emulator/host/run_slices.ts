// The host's run loop over the kernel: one scheduler slice at a time, checking the wall clock
// after each, so a busy machine hands control back to the host (and its messages: a keystroke,
// ^C, a trace request) within about one slice. Machine.run checks its budget only every 64
// slices, which at 1 ms of virtual time per slice and a syscall-heavy program can be seconds.
//
// It also implements "step to the next syscall", the way a debugger single-steps: the host sets
// the kernel's syscall_entry_break, so the next syscall any task makes stops at its entry — traced
// (sys_enter) but not run — and the slice ends there; `stop()` then says the loop is done. On
// resume the task runs the call from its entry.

import type { Kernel } from '../kernel/kernel';
import type { HostClock } from './clock';

/** Slices per call at most, whatever the clock says (a test's hand-driven clock stands still). */
const MAX_SLICES = 16;

export interface SliceResult {
  state: 'running' | 'idle' | 'halted';
  nextTimerNs: number | null;
  exitStatus: number | null;
}

/**
 * Runs single slices until `stop()` is true, the machine idles (every task sleeps: the host waits
 * for the next timer in real time) or halts, or `budgetMs` of wall time (or MAX_SLICES) has gone.
 */
export function runSlices(kernel: Kernel, budgetMs: number, clock: HostClock, stop: () => boolean = () => false): SliceResult {
  const deadline = clock.now() + budgetMs;
  for (let slice = 1; ; slice++) {
    const s = kernel.run(1);
    if (s === 'halted') return { state: 'halted', nextTimerNs: null, exitStatus: kernel.haltStatus };
    if (stop()) return { state: 'running', nextTimerNs: null, exitStatus: null };
    if (s === 'idle') return { state: 'idle', nextTimerNs: kernel.clock.nextDeadline(), exitStatus: null };
    if (slice >= MAX_SLICES || clock.now() >= deadline) return { state: 'running', nextTimerNs: null, exitStatus: null };
  }
}
