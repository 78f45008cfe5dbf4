// Wait queues: where tasks sleep until something they wait for happens (include/linux/wait.h).
//
// A sleeping syscall in this kernel puts its task on one or more queues and returns SLEEP. When any
// queue is woken, the task becomes runnable and its syscall handler runs again from the top, finds
// the condition true (or a signal pending) and completes. This is the "restart the syscall" model
// Linux uses for -ERESTARTSYS, applied to every wait.

import type { Task } from './task';

/** Returned by a syscall handler that has put its task to sleep. Never reaches user space. */
export const SLEEP = -0x7fff_0000;

/**
 * A wait-queue entry with a function of its own instead of a sleeping task (Linux's
 * init_waitqueue_func_entry): epoll hooks the queues of the files it watches this way, so a wake-up
 * marks the file ready for it (ep_poll_callback).
 */
export interface WaitCallback {
  wake(): void;
}

export class WaitQueue {
  readonly waiters = new Set<Task>();
  readonly callbacks = new Set<WaitCallback>();

  add(t: Task): void {
    this.waiters.add(t);
    t.waitingOn.push(this);
  }

  /** Wake every waiter (they re-check their condition). */
  wakeAll(): void {
    if (this.callbacks.size !== 0) for (const cb of [...this.callbacks]) cb.wake();
    if (this.waiters.size === 0) return;
    for (const t of [...this.waiters]) t.kernel.sched.wakeUp(t);
  }

  get length(): number {
    return this.waiters.size;
  }
}
