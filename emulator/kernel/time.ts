// Clocks and sleeping (kernel/time/): clock_gettime, gettimeofday, nanosleep, clock_nanosleep
// (alarm and the interval timers are in itimer.ts).
// Time is the machine's virtual clock (sched/clock.ts).

import { EFAULT, EINVAL, ERESTART_RESTARTBLOCK, ERESTARTSYS } from '../uapi/errno';
import { copy_from_user, copy_to_user, StructReader, StructWriter } from './mm/uaccess';
import { sleepUntil } from './sched/wait';
import type { Task } from './sched/task';
import type { SyscallGroup } from './syscalls/types';

export const CLOCK_REALTIME = 0, CLOCK_MONOTONIC = 1, CLOCK_PROCESS_CPUTIME_ID = 2, CLOCK_THREAD_CPUTIME_ID = 3;
export const CLOCK_MONOTONIC_RAW = 4, CLOCK_REALTIME_COARSE = 5, CLOCK_MONOTONIC_COARSE = 6, CLOCK_BOOTTIME = 7;
const TIMER_ABSTIME = 1;
const NSEC = 1_000_000_000;

/** The value of a clock in ns, or null for an unknown clock id. */
export function clockValue(t: Task, id: number): number | null {
  const c = t.kernel.clock;
  switch (id) {
    case CLOCK_REALTIME: case CLOCK_REALTIME_COARSE: return c.realtime();
    case CLOCK_MONOTONIC: case CLOCK_MONOTONIC_RAW: case CLOCK_MONOTONIC_COARSE: case CLOCK_BOOTTIME: return c.now();
    case CLOCK_PROCESS_CPUTIME_ID: return t.group.threads.reduce((a, th) => a + th.utime + th.stime, 0);
    case CLOCK_THREAD_CPUTIME_ID: return t.utime + t.stime;
    default: return null;
  }
}

export function timespecBytes(ns: number): Uint8Array {
  return new StructWriter(16).i64(0, Math.floor(ns / NSEC)).i64(8, ns % NSEC).bytes;
}

/** Read a struct timespec; -EFAULT or -EINVAL (tv_nsec out of range, negative seconds). */
export function getTimespec(t: Task, addr: number): number | { ns: number } {
  const raw = copy_from_user(t, addr, 16);
  if (typeof raw === 'number') return raw;
  const r = new StructReader(raw);
  const sec = r.i64(0);
  const nsec = r.i64(8);
  if (sec < 0 || nsec < 0 || nsec >= NSEC) return -EINVAL;
  return { ns: sec * NSEC + nsec };
}

function sys_clock_gettime(t: Task, id: number, tp: number): number {
  const v = clockValue(t, id | 0);
  if (v === null) return -EINVAL;
  let bytes: Uint8Array;
  if ((id | 0) === CLOCK_REALTIME || (id | 0) === CLOCK_REALTIME_COARSE) {
    const r = t.kernel.clock.realtimeSpec();
    bytes = new StructWriter(16).i64(0, r.sec).i64(8, r.nsec).bytes;
  } else bytes = timespecBytes(Math.floor(v));
  return copy_to_user(t, tp, bytes) < 0 ? -EFAULT : 0;
}

function sys_clock_getres(t: Task, id: number, tp: number): number {
  const v = clockValue(t, id | 0);
  if (v === null) return -EINVAL;
  const res = (id | 0) === CLOCK_REALTIME_COARSE || (id | 0) === CLOCK_MONOTONIC_COARSE ? 4_000_000 : 1;
  return tp !== 0 && copy_to_user(t, tp, timespecBytes(res)) < 0 ? -EFAULT : 0;
}

function sys_gettimeofday(t: Task, tv: number, tz: number): number {
  const r = t.kernel.clock.realtimeSpec();
  if (tv !== 0 && copy_to_user(t, tv, new StructWriter(16).i64(0, r.sec).i64(8, Math.floor(r.nsec / 1000)).bytes) < 0) return -EFAULT;
  if (tz !== 0 && copy_to_user(t, tz, new Uint8Array(8)) < 0) return -EFAULT;
  return 0;
}

function sys_time(t: Task, tloc: number): number {
  const s = t.kernel.clock.realtimeSpec().sec;
  if (tloc !== 0 && copy_to_user(t, tloc, new StructWriter(8).i64(0, s).bytes) < 0) return -EFAULT;
  return s;
}

/**
 * The common sleep: until `deadline` on the monotonic clock. Interrupted by a signal it returns
 * -ERESTART_RESTARTBLOCK (restart_syscall continues it with the same deadline if no handler runs)
 * and, for relative sleeps, writes the time left to `rem`.
 */
function do_nanosleep(t: Task, deadline: number, rem: number, relative: boolean): number {
  const r = sleepUntil(t, deadline);
  if (r !== -ERESTARTSYS) return r;
  const left = Math.max(0, deadline - t.kernel.clock.now());
  if (relative && rem !== 0 && copy_to_user(t, rem, timespecBytes(left)) < 0) return -EFAULT;
  t.kernel.setRestartBlock(t, (tt) => do_nanosleep(tt, deadline, rem, relative));
  return -ERESTART_RESTARTBLOCK;
}

function sys_nanosleep(t: Task, req: number, rem: number): number {
  if (!t.restart) {
    const ts = getTimespec(t, req);
    if (typeof ts === 'number') return ts;
    t.restart = { deadline: t.kernel.clock.now() + ts.ns };
  }
  return do_nanosleep(t, t.restart.deadline as number, rem, true);
}

function sys_clock_nanosleep(t: Task, id: number, flags: number, req: number, rem: number): number {
  const clk = id | 0;
  if (clk !== CLOCK_REALTIME && clk !== CLOCK_MONOTONIC && clk !== CLOCK_BOOTTIME) return -EINVAL;
  if (!t.restart) {
    const ts = getTimespec(t, req);
    if (typeof ts === 'number') return ts;
    const now = t.kernel.clock.now();
    // Absolute realtime deadlines are converted to the monotonic clock.
    const deadline = flags & TIMER_ABSTIME ? (clk === CLOCK_REALTIME ? ts.ns - t.kernel.clock.bootRealtimeNs : ts.ns) : now + ts.ns;
    t.restart = { deadline };
  }
  return do_nanosleep(t, t.restart.deadline as number, rem, !(flags & TIMER_ABSTIME));
}

function sys_restart_syscall(t: Task): number {
  return t.kernel.runRestartBlock(t);
}

export const timeSyscalls: SyscallGroup = {
  clock_gettime: sys_clock_gettime,
  clock_getres: sys_clock_getres,
  gettimeofday: sys_gettimeofday,
  time: sys_time,
  nanosleep: sys_nanosleep,
  clock_nanosleep: sys_clock_nanosleep,
  restart_syscall: sys_restart_syscall,
};
