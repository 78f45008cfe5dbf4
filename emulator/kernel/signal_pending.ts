// signal_pending(): does this task have a signal to act on before going back to user space?
// Kept apart from signal.ts so that low layers (wait queues) can ask without importing delivery.
// It runs after every syscall, so the common case (nothing pending) avoids bigint arithmetic.

import type { Task } from './sched/task';

export function signal_pending(t: Task): boolean {
  const own = t.pending.set;
  const shared = t.group.sharedPending.set;
  // A tracer's PTRACE_INTERRUPT counts as a signal: it must end an interruptible sleep too.
  const trap = t.group.groupExit || t.ptrace?.trapStop === true;
  if (own === 0n && shared === 0n) return trap;
  return ((own | shared) & ~t.blocked) !== 0n || trap;
}
