// Putting the current syscall to sleep (wait_event_interruptible and friends).
//
// A handler that cannot finish yet calls `return sleepOn(t, queue…)`. The task leaves the run queue;
// when a queue is woken, or the optional deadline passes, or a signal arrives, it runs the same
// handler again. A handler that finds a signal pending returns -ERESTARTSYS (see signal.ts for what
// that becomes: EINTR, or a transparent restart under SA_RESTART).

import { ERESTARTSYS } from '../../uapi/errno';
import { signal_pending } from '../signal_pending';
import { TASK_INTERRUPTIBLE, TASK_UNINTERRUPTIBLE, type Task } from './task';
import { SLEEP, type WaitQueue } from './waitqueue';

/** Sleep interruptibly on the given queues. */
export function sleepOn(t: Task, ...queues: WaitQueue[]): number {
  if (signal_pending(t)) return -ERESTARTSYS;
  for (const q of queues) q.add(t);
  t.kernel.sched.sleep(t, TASK_INTERRUPTIBLE);
  return SLEEP;
}

/** Sleep interruptibly until `deadline` (virtual ns, CLOCK_MONOTONIC) or a queue wakes the task. */
export function sleepUntil(t: Task, deadline: number, ...queues: WaitQueue[]): number {
  if (signal_pending(t)) return -ERESTARTSYS;
  if (t.kernel.clock.now() >= deadline) return 0;
  for (const q of queues) q.add(t);
  const sched = t.kernel.sched;
  t.timer = t.kernel.clock.addTimer(deadline, () => {
    t.timer = null;
    t.timedOut = true;
    sched.wakeUp(t);
  });
  sched.sleep(t, TASK_INTERRUPTIBLE);
  return SLEEP;
}

/**
 * Sleep where only a fatal signal can interrupt (TASK_KILLABLE: state D, but SIGKILL wakes it):
 * vfork's wait for the child. The caller checks fatal_signal_pending when it runs again.
 */
export function sleepKillable(t: Task, ...queues: WaitQueue[]): number {
  if (fatal_signal_pending(t)) return -ERESTARTSYS;
  for (const q of queues) q.add(t);
  t.killable = true;
  t.kernel.sched.sleep(t, TASK_UNINTERRUPTIBLE);
  return SLEEP;
}

/** A SIGKILL is pending, or the whole process is exiting. */
export function fatal_signal_pending(t: Task): boolean {
  const kill = 1n << 8n; // sigmask(SIGKILL)
  return t.group.groupExit || ((t.pending.set | t.group.sharedPending.set) & kill) !== 0n;
}

export { SLEEP };
