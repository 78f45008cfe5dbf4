// "Step to the next syscall": run the machine one scheduler slice at a time until some task enters
// a system call, the way a debugger single-steps — done in the host, outside the kernel.
//
// The host's trace listener sees each sys_enter as it is recorded and asks the kernel to end the
// slice (yieldRequested), so the machine stops right after that task's current run. Simplified
// relative to a real debugger stop (ptrace's syscall-enter-stop): the call has already been
// carried out, or has gone to sleep, by the time the machine pauses — the kernel does not stop in
// the middle of its own work for us.

import type { Kernel } from '../kernel/kernel';
import type { HostClock } from './clock';

export interface StepResult {
  state: 'running' | 'idle' | 'halted';
  nextTimerNs: number | null;
  exitStatus: number | null;
}

/**
 * Runs single slices until `hit()` says a syscall was entered, the machine idles or halts, or
 * `budgetMs` of wall time has gone (then the host calls again after yielding).
 */
export function runToNextSyscall(kernel: Kernel, budgetMs: number, hit: () => boolean, clock: HostClock): StepResult {
  const deadline = clock.now() + budgetMs;
  for (;;) {
    const s = kernel.run(1);
    if (s === 'halted') return { state: 'halted', nextTimerNs: null, exitStatus: kernel.haltStatus };
    if (hit()) return { state: 'running', nextTimerNs: null, exitStatus: null };
    if (s === 'idle') return { state: 'idle', nextTimerNs: kernel.clock.nextDeadline(), exitStatus: null };
    if (clock.now() >= deadline) return { state: 'running', nextTimerNs: null, exitStatus: null };
  }
}
