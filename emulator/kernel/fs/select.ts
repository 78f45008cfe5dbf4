// poll, ppoll, select and pselect6 (fs/select.c): wait until one of many files is ready.
//
// Each pass asks every file's ->poll for its ready mask (vfs_poll), which also hands the poller
// the wait queues that will be woken when the answer may change. If nothing is ready and time is
// left, the task sleeps on all those queues at once (and the deadline); any wake-up re-runs the
// syscall, which polls again. A signal ends the wait: poll gets restarted by restart_syscall with
// the time that was left when no handler ran (EINTR when one did); select, pselect6 and ppoll write
// the time left back into the caller's timeout and are restarted from it (-ERESTARTNOHAND).

import { EBADF, EFAULT, EINTR, EINVAL, ERESTART_RESTARTBLOCK, ERESTARTNOHAND, ERESTARTSYS } from '../../uapi/errno';
import {
  POLLERR, POLLFD, POLLFD_SIZE, POLLHUP, POLLIN, POLLNVAL, POLLOUT, POLLPRI, POLLRDBAND, POLLRDNORM, POLLWRBAND, POLLWRNORM,
} from '../../uapi/poll';
import { copy_from_user, copy_to_user, StructReader, StructWriter } from '../mm/uaccess';
import { sleepOn, sleepUntil } from '../sched/wait';
import type { Task } from '../sched/task';
import { SLEEP, type WaitQueue } from '../sched/waitqueue';
import { set_current_blocked } from '../signal';
import type { SyscallGroup } from '../syscalls/types';
import { fget } from './file';
import { rlimit_nofile } from './fdtable';
import { vfs_poll, type PollTable } from './fs';

const NSEC = 1_000_000_000;

/** What select's three sets mean in poll bits (POLLIN_SET, POLLOUT_SET, POLLEX_SET). */
const POLLIN_SET = POLLRDNORM | POLLRDBAND | POLLIN | POLLHUP | POLLERR;
const POLLOUT_SET = POLLWRBAND | POLLWRNORM | POLLOUT | POLLERR;
const POLLEX_SET = POLLPRI;

/** A poll_table that collects the queues to sleep on (poll_initwait / __pollwait). */
export class QueueCollector implements PollTable {
  readonly queues: WaitQueue[] = [];
  add(wq: WaitQueue): void {
    if (!this.queues.includes(wq)) this.queues.push(wq);
  }
}

/**
 * Sleep on `queues` until woken or `deadline` (null: no deadline). Returns SLEEP, 0 when the
 * deadline has passed, or -ERESTARTSYS for a pending signal.
 */
export function poll_schedule(t: Task, queues: WaitQueue[], deadline: number | null): number {
  return deadline === null ? sleepOn(t, ...queues) : sleepUntil(t, deadline, ...queues);
}

// ---- poll / ppoll ------------------------------------------------------------------------------

/**
 * do_sys_poll: one pass over the pollfds at `ufds`, then sleep or return. Returns the number of
 * entries with revents set, SLEEP, or -errno (-ERESTARTSYS when a signal cut the wait short).
 */
function do_sys_poll(t: Task, ufds: number, nfds: number, deadline: number | null): number {
  if (nfds < 0 || nfds > rlimit_nofile(t)) return -EINVAL;
  const raw = nfds ? copy_from_user(t, ufds, nfds * POLLFD_SIZE) : new Uint8Array(0);
  if (typeof raw === 'number') return raw;
  const v = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const pt = new QueueCollector();
  let count = 0;
  for (let k = 0; k < nfds; k++) {
    const o = k * POLLFD_SIZE;
    const fd = v.getInt32(o + POLLFD.fd, true);
    const events = v.getUint16(o + POLLFD.events, true);
    let revents = 0;
    if (fd >= 0) {
      const file = fget(t, fd);
      // POLLERR and POLLHUP are reported whether asked for or not.
      revents = file ? vfs_poll(file, t, pt) & (events | POLLERR | POLLHUP) : POLLNVAL;
    }
    v.setUint16(o + POLLFD.revents, revents, true);
    if (revents) count++;
  }
  if (count === 0) {
    const r = deadline !== null && t.kernel.clock.now() >= deadline ? 0 : poll_schedule(t, pt.queues, deadline);
    if (r !== 0) return r;
  }
  // Only revents go back; the rest of each entry is the caller's own (copied back as it was).
  return copy_to_user(t, ufds, raw) < 0 ? -EFAULT : count;
}

/** The deadline of a poll timeout in ms (negative: none). */
function pollDeadline(t: Task, ms: number): number | null {
  return ms < 0 ? null : t.kernel.clock.now() + ms * 1_000_000;
}

function sys_poll(t: Task, ufds: number, nfds: number, timeoutMs: number): number {
  if (!t.restart) t.restart = { deadline: pollDeadline(t, timeoutMs | 0) };
  const deadline = t.restart.deadline as number | null;
  const r = do_sys_poll(t, ufds, nfds >>> 0, deadline);
  if (r !== -ERESTARTSYS) return r;
  // restart_syscall carries on with the same deadline if no handler runs.
  t.kernel.setRestartBlock(t, (tt) => {
    const again = do_sys_poll(tt, ufds, nfds >>> 0, deadline);
    return again === -ERESTARTSYS ? -EINTR : again;
  });
  return -ERESTART_RESTARTBLOCK;
}

/** A struct timespec timeout: its deadline, null for a NULL pointer, or -errno. */
function timespecDeadline(t: Task, addr: number): number | null | { err: number } {
  if (addr === 0) return null;
  const raw = copy_from_user(t, addr, 16);
  if (typeof raw === 'number') return { err: raw };
  const r = new StructReader(raw);
  const sec = r.i64(0), nsec = r.i64(8);
  if (sec < 0 || nsec < 0 || nsec >= NSEC) return { err: -EINVAL };
  return t.kernel.clock.now() + sec * NSEC + nsec;
}

/**
 * The signal mask a ppoll/pselect6/epoll_pwait caller asks for while it waits: installed on the
 * first pass, the old one kept in savedSigmask (restored on the way out unless a handler runs,
 * whose frame carries it). Returns 0 or -errno.
 */
export function set_user_sigmask(t: Task, sigmask: number, sigsetsize: number): number {
  if (sigmask === 0) return 0;
  if (sigsetsize !== 8) return -EINVAL;
  const raw = copy_from_user(t, sigmask, 8);
  if (typeof raw === 'number') return raw;
  t.savedSigmask = t.blocked;
  set_current_blocked(t, new StructReader(raw).u64(0));
  return 0;
}

/** Write the time left before `deadline` into a struct timespec (poll_select_finish). */
function putTimespecLeft(t: Task, addr: number, deadline: number): number {
  const left = Math.max(0, deadline - t.kernel.clock.now());
  return copy_to_user(t, addr, new StructWriter(16).i64(0, Math.floor(left / NSEC)).i64(8, left % NSEC).bytes);
}

function sys_ppoll(t: Task, ufds: number, nfds: number, tsp: number, sigmask: number, sigsetsize: number): number {
  if (!t.restart) {
    const d = timespecDeadline(t, tsp);
    if (d !== null && typeof d === 'object') return d.err;
    const m = set_user_sigmask(t, sigmask, sigsetsize);
    if (m < 0) return m;
    t.restart = { deadline: d };
  }
  const deadline = t.restart.deadline as number | null;
  const r = do_sys_poll(t, ufds, nfds >>> 0, deadline);
  if (r === SLEEP) return r;
  if (tsp !== 0 && deadline !== null && putTimespecLeft(t, tsp, deadline) < 0 && r >= 0) return -EFAULT;
  return r === -ERESTARTSYS ? -ERESTARTNOHAND : r;
}

// ---- select / pselect6 -------------------------------------------------------------------------

/** Read an fd_set of n bits (NULL: no set), as bytes rounded up to whole longs. */
function getFdSet(t: Task, addr: number, n: number): Uint8Array | null | number {
  if (addr === 0) return null;
  return copy_from_user(t, addr, Math.ceil(n / 64) * 8);
}

const bit = (set: Uint8Array | null, fd: number) => set !== null && (set[fd >> 3]! & (1 << (fd & 7))) !== 0;

/**
 * do_select: one pass over fds 0..n-1 in the three sets; writes the result sets and returns the
 * number of bits set, or SLEEP, or -errno (EBADF for a set fd that is not open).
 */
function do_select(t: Task, n: number, inp: number, outp: number, exp: number, deadline: number | null): number {
  if (n < 0) return -EINVAL;
  n = Math.min(n, rlimit_nofile(t));
  const sets: (Uint8Array | null)[] = [];
  for (const addr of [inp, outp, exp]) {
    const s = getFdSet(t, addr, n);
    if (typeof s === 'number') return s;
    sets.push(s);
  }
  const [ins, outs, exs] = sets as [Uint8Array | null, Uint8Array | null, Uint8Array | null];
  const bytes = Math.ceil(n / 64) * 8;
  const res = [new Uint8Array(bytes), new Uint8Array(bytes), new Uint8Array(bytes)];
  const pt = new QueueCollector();
  let count = 0;
  for (let fd = 0; fd < n; fd++) {
    const wantIn = bit(ins, fd), wantOut = bit(outs, fd), wantEx = bit(exs, fd);
    if (!wantIn && !wantOut && !wantEx) continue;
    const file = fget(t, fd);
    if (!file) return -EBADF;
    const mask = vfs_poll(file, t, pt);
    for (const [want, set, r] of [[wantIn, POLLIN_SET, res[0]!], [wantOut, POLLOUT_SET, res[1]!], [wantEx, POLLEX_SET, res[2]!]] as const) {
      if (want && mask & set) {
        r[fd >> 3]! |= 1 << (fd & 7);
        count++;
      }
    }
  }
  if (count === 0) {
    const r = deadline !== null && t.kernel.clock.now() >= deadline ? 0 : poll_schedule(t, pt.queues, deadline);
    if (r !== 0) return r;
  }
  for (const [addr, r] of [[inp, res[0]!], [outp, res[1]!], [exp, res[2]!]] as const) {
    if (addr !== 0 && copy_to_user(t, addr, r) < 0) return -EFAULT;
  }
  return count;
}

function sys_select(t: Task, n: number, inp: number, outp: number, exp: number, tvp: number): number {
  if (!t.restart) {
    let deadline: number | null = null;
    if (tvp !== 0) {
      const raw = copy_from_user(t, tvp, 16);
      if (typeof raw === 'number') return raw;
      const r = new StructReader(raw);
      const sec = r.i64(0), usec = r.i64(8);
      if (sec < 0 || usec < 0 || usec >= 1_000_000) return -EINVAL;
      deadline = t.kernel.clock.now() + sec * NSEC + usec * 1000;
    }
    t.restart = { deadline };
  }
  const deadline = t.restart.deadline as number | null;
  const r = do_select(t, n | 0, inp, outp, exp, deadline);
  if (r === SLEEP) return r;
  // Linux's select tells the caller how much of the timeout is left.
  if (tvp !== 0 && deadline !== null) {
    const left = Math.max(0, deadline - t.kernel.clock.now());
    const tv = new StructWriter(16).i64(0, Math.floor(left / NSEC)).i64(8, Math.floor((left % NSEC) / 1000)).bytes;
    if (copy_to_user(t, tvp, tv) < 0 && r >= 0) return -EFAULT;
  }
  return r === -ERESTARTSYS ? -ERESTARTNOHAND : r;
}

/** pselect6: select with a timespec and, in a { sigset *, size } pair at `sig`, a mask to wait under. */
function sys_pselect6(t: Task, n: number, inp: number, outp: number, exp: number, tsp: number, sig: number): number {
  if (!t.restart) {
    const d = timespecDeadline(t, tsp);
    if (d !== null && typeof d === 'object') return d.err;
    if (sig !== 0) {
      const raw = copy_from_user(t, sig, 16);
      if (typeof raw === 'number') return raw;
      const r = new StructReader(raw);
      const m = set_user_sigmask(t, Number(r.u64(0)), Number(r.u64(8)));
      if (m < 0) return m;
    }
    t.restart = { deadline: d };
  }
  const deadline = t.restart.deadline as number | null;
  const r = do_select(t, n | 0, inp, outp, exp, deadline);
  if (r === SLEEP) return r;
  if (tsp !== 0 && deadline !== null && putTimespecLeft(t, tsp, deadline) < 0 && r >= 0) return -EFAULT;
  return r === -ERESTARTSYS ? -ERESTARTNOHAND : r;
}

export const selectSyscalls: SyscallGroup = {
  poll: sys_poll,
  ppoll: sys_ppoll,
  select: sys_select,
  pselect6: sys_pselect6,
};
