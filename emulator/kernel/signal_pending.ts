// signal_pending(): does this task have a signal to act on before going back to user space?
// Kept apart from signal.ts so that low layers (wait queues) can ask without importing delivery.

import type { Task } from './sched/task';

export function signal_pending(t: Task): boolean {
  const pending = t.pending.set | t.group.sharedPending.set;
  return pending !== 0n && ((pending & ~t.blocked) !== 0n || t.group.groupExit);
}
