// The scheduler (kernel/sched/core.c, much simplified): one FIFO run queue shared by the virtual
// CPUs, round robin with a time slice measured in virtual time. Deterministic: the order of
// events depends only on the machine's inputs.
//
// Linux has per-CPU run queues and CFS with weights; here every task has the same weight and the
// CPUs take turns, one slice each, on the single JavaScript thread.

import { TASK_INTERRUPTIBLE, TASK_RUNNING, TASK_STOPPED, TASK_TRACED, TASK_UNINTERRUPTIBLE, type Task } from './task';

/** Virtual ns a task may run before it goes to the back of the queue. */
export const TIMESLICE_NS = 1_000_000;

export class Scheduler {
  private queue: Task[] = [];
  private head = 0;
  /** What each virtual CPU ran last (null: idle). */
  readonly current: (Task | null)[];
  /** Which CPU takes the next slice. */
  private nextCpu = 0;
  /** Context switches per CPU and idle time, for /proc/stat. */
  readonly switches: number[];

  constructor(readonly nrCpus: number) {
    this.current = new Array(nrCpus).fill(null);
    this.switches = new Array(nrCpus).fill(0);
  }

  /** Put a runnable task at the back of the run queue. */
  enqueue(t: Task): void {
    if (t.onRq) return;
    t.onRq = true;
    this.queue.push(t);
  }

  /** The next runnable task and the CPU it gets, or null when all sleep. */
  pickNext(): Task | null {
    while (this.head < this.queue.length) {
      const t = this.queue[this.head++]!;
      if (this.head > 1024 && this.head * 2 > this.queue.length) {
        this.queue = this.queue.slice(this.head);
        this.head = 0;
      }
      t.onRq = false;
      if (t.state === TASK_RUNNING) {
        t.cpu = this.nextCpu;
        this.nextCpu = (this.nextCpu + 1) % this.nrCpus;
        return t;
      }
    }
    return null;
  }

  get nrRunning(): number {
    let n = 0;
    for (let i = this.head; i < this.queue.length; i++) if (this.queue[i]!.state === TASK_RUNNING) n++;
    return n;
  }

  /** Take a task off the CPU into a sleep state; it is not requeued until woken. */
  sleep(t: Task, state: number): void {
    t.state = state;
  }

  /**
   * try_to_wake_up: make a sleeping or stopped task runnable again. Removes it from every wait
   * queue it was on and cancels its timeout.
   */
  wakeUp(t: Task): void {
    if (t.state !== TASK_INTERRUPTIBLE && t.state !== TASK_UNINTERRUPTIBLE) return;
    this.makeRunnable(t);
  }

  /** SIGCONT and SIGKILL: a stopped task runs again. */
  resumeStopped(t: Task): void {
    if (t.state !== TASK_STOPPED && t.state !== TASK_TRACED) return;
    t.notifyResume = true;
    this.makeRunnable(t);
  }

  private makeRunnable(t: Task): void {
    for (const q of t.waitingOn) q.waiters.delete(t);
    t.waitingOn.length = 0;
    if (t.timer) {
      t.kernel.clock.cancel(t.timer);
      t.timer = null;
    }
    t.state = TASK_RUNNING;
    t.killable = false;
    this.enqueue(t);
  }
}
