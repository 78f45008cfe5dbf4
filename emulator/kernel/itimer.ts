// Interval timers (kernel/time/itimer.c): setitimer(2), getitimer(2), and alarm(2), which is
// setitimer(ITIMER_REAL) in whole seconds. ITIMER_REAL counts on the machine's clock; when it
// expires the process gets SIGALRM and, if it has an interval, the timer starts again.
//
// Simplified: ITIMER_VIRTUAL and ITIMER_PROF (user and user+system CPU time) are not kept; asking
// for them is EINVAL. The per-process timer lives in kernel.alarms, keyed by thread group.

import { EFAULT, EINVAL } from '../uapi/errno';
import { SIGALRM } from '../uapi/signal';
import { ITIMER_REAL, ITIMERVAL, ITIMERVAL_SIZE, TIMEVAL } from '../uapi/time';
import type { Kernel } from './kernel';
import { copy_from_user, copy_to_user, StructReader, StructWriter } from './mm/uaccess';
import type { ThreadGroup, Task } from './sched/task';
import { send_sig } from './signal';
import type { SyscallGroup } from './syscalls/types';

const NSEC_PER_USEC = 1000, USEC_PER_SEC = 1_000_000;

interface ItimerVal {
  intervalNs: number;
  valueNs: number;
}

/** The intervals of running ITIMER_REAL timers (the deadline is the Timer's own). */
const intervals = new WeakMap<ThreadGroup, number>();

/** get_itimer: what is left of the process's real timer, and its interval. */
function get_itimer_real(k: Kernel, g: ThreadGroup): ItimerVal {
  const timer = k.alarms.get(g);
  if (!timer) return { intervalNs: 0, valueNs: 0 };
  // A timer due now but not yet fired still shows a little time left, as Linux's does.
  return { intervalNs: intervals.get(g) ?? 0, valueNs: Math.max(timer.deadline - k.clock.now(), NSEC_PER_USEC) };
}

/** do_setitimer(ITIMER_REAL): cancel the old timer and start the new one; returns the old. */
function set_itimer_real(t: Task, v: ItimerVal): ItimerVal {
  const k = t.kernel;
  const g = t.group;
  const old = get_itimer_real(k, g);
  const prev = k.alarms.get(g);
  if (prev) k.clock.cancel(prev);
  k.alarms.delete(g);
  intervals.delete(g);
  if (v.valueNs > 0) {
    const leader = t.leader;
    const arm = (deadline: number) => {
      k.alarms.set(g, k.clock.addTimer(deadline, () => {
        k.alarms.delete(g);
        send_sig(SIGALRM, leader, true);
        // it_real_fn: an interval timer goes again from its own deadline, so it does not drift.
        if (v.intervalNs > 0 && !leader.isZombie) arm(deadline + v.intervalNs);
      }));
    };
    arm(k.clock.now() + v.valueNs);
    if (v.intervalNs > 0) intervals.set(g, v.intervalNs);
  }
  return old;
}

function itimerval_bytes(v: ItimerVal): Uint8Array {
  const tv = (ns: number) => [Math.floor(ns / 1e9), Math.floor((ns % 1e9) / NSEC_PER_USEC)] as const;
  const [is, iu] = tv(v.intervalNs), [vs, vu] = tv(v.valueNs);
  return new StructWriter(ITIMERVAL_SIZE)
    .i64(ITIMERVAL.interval + TIMEVAL.sec, is).i64(ITIMERVAL.interval + TIMEVAL.usec, iu)
    .i64(ITIMERVAL.value + TIMEVAL.sec, vs).i64(ITIMERVAL.value + TIMEVAL.usec, vu).bytes;
}

/** A timeval as ns, or null if it is not one (negative, or usec outside 0..999999: EINVAL). */
function timeval_ns(r: StructReader, off: number): number | null {
  const sec = r.i64(off + TIMEVAL.sec), usec = r.i64(off + TIMEVAL.usec);
  if (sec < 0 || usec < 0 || usec >= USEC_PER_SEC) return null;
  return sec * 1e9 + usec * NSEC_PER_USEC;
}

/** Only ITIMER_REAL is kept: ITIMER_VIRTUAL and ITIMER_PROF exist on Linux but not here (see the header). */
const check_which = (which: number): number => (which === ITIMER_REAL ? 0 : -EINVAL);

function sys_getitimer(t: Task, which: number, uvalue: number): number {
  const err = check_which(which | 0);
  if (err) return err;
  return copy_to_user(t, uvalue, itimerval_bytes(get_itimer_real(t.kernel, t.group))) < 0 ? -EFAULT : 0;
}

function sys_setitimer(t: Task, which: number, uvalue: number, uovalue: number): number {
  const err = check_which(which | 0);
  if (err) return err;
  // A NULL new value disarms the timer, as Linux still allows (with a warning).
  let v: ItimerVal = { intervalNs: 0, valueNs: 0 };
  if (uvalue !== 0) {
    const raw = copy_from_user(t, uvalue, ITIMERVAL_SIZE);
    if (typeof raw === 'number') return -EFAULT;
    const r = new StructReader(raw);
    const intervalNs = timeval_ns(r, ITIMERVAL.interval), valueNs = timeval_ns(r, ITIMERVAL.value);
    if (intervalNs === null || valueNs === null) return -EINVAL;
    v = { intervalNs, valueNs };
  }
  const old = set_itimer_real(t, v);
  if (uovalue !== 0 && copy_to_user(t, uovalue, itimerval_bytes(old)) < 0) return -EFAULT;
  return 0;
}

/**
 * alarm(2) (alarm_setitimer): the real timer in seconds, no interval. Returns the seconds the old
 * timer had left, rounded to the nearest second but never 0 for a timer still running.
 */
function sys_alarm(t: Task, seconds: number): number {
  const old = set_itimer_real(t, { intervalNs: 0, valueNs: (seconds >>> 0) * 1e9 });
  if (old.valueNs === 0) return 0;
  const secs = Math.floor(old.valueNs / 1e9), usec = Math.floor((old.valueNs % 1e9) / NSEC_PER_USEC);
  return secs === 0 || usec >= USEC_PER_SEC / 2 ? secs + 1 : secs;
}

export const itimerSyscalls: SyscallGroup = {
  getitimer: sys_getitimer,
  setitimer: sys_setitimer,
  alarm: sys_alarm,
};
