// Fast user-space mutexes (kernel/futex/: core.c, waitwake.c, requeue.c, syscalls.c).
//
// A futex is a 32-bit word in user memory. User space does the uncontended work with atomic
// instructions and calls the kernel only to sleep while the word still holds an expected value
// (FUTEX_WAIT) or to wake sleepers (FUTEX_WAKE). The kernel keeps no state for a futex nobody
// waits on: waiters sit in a hash of queues keyed by *which word* they wait on.
//
// The key (get_futex_key): a private futex (FUTEX_PRIVATE_FLAG, threads of one process) is
// named by the address space and the virtual address. A shared futex in a MAP_SHARED or SysV
// shm mapping is named by the physical page and the offset in it, so two processes that map the
// same page at different addresses still meet on the same queue. A shared futex in private memory
// falls back to the address space (as Linux does for anonymous private pages).
//
// Simplified: Linux hashes keys into buckets with spinlocks; we use a Map of FIFO queues. PI
// futexes (FUTEX_LOCK_PI…) are not implemented (ENOSYS, as a kernel without CONFIG_FUTEX_PI).

import {
  EAGAIN, EFAULT, EINVAL, ENOSYS, EPERM, ERESTARTSYS, ERESTART_RESTARTBLOCK, ESRCH, ETIMEDOUT,
} from '../uapi/errno';
import {
  FUTEX_BITSET_MATCH_ANY, FUTEX_CLOCK_REALTIME, FUTEX_CMD_MASK, FUTEX_CMP_REQUEUE, FUTEX_OP_ADD,
  FUTEX_OP_ANDN, FUTEX_OP_CMP_EQ, FUTEX_OP_CMP_GE, FUTEX_OP_CMP_GT, FUTEX_OP_CMP_LE, FUTEX_OP_CMP_LT,
  FUTEX_OP_CMP_NE, FUTEX_OP_OPARG_SHIFT, FUTEX_OP_OR, FUTEX_OP_SET, FUTEX_OP_XOR, FUTEX_PRIVATE_FLAG,
  FUTEX_REQUEUE, FUTEX_WAIT, FUTEX_WAIT_BITSET, FUTEX_WAKE, FUTEX_WAKE_BITSET, FUTEX_WAKE_OP,
  ROBUST_LIST_HEAD_SIZE,
} from '../uapi/futex';
import { PAGE_SIZE } from '../uapi/mman';
import type { Kernel } from './kernel';
import { get_user_i64, get_user_u32, put_user_i64, put_user_u32 } from './mm/uaccess';
import { VM_SHARED } from './mm/vma';
import { sleepOn, sleepUntil } from './sched/wait';
import { SLEEP, WaitQueue } from './sched/waitqueue';
import { EXIT_DEAD, EXIT_ZOMBIE, TASK_INTERRUPTIBLE, type Task } from './sched/task';
import { signal_pending } from './signal_pending';
import type { SyscallGroup } from './syscalls/types';
import { getTimespec } from './time';

/** struct futex_q: one waiter, queued under its key until woken, timed out or interrupted. */
export interface FutexQ {
  task: Task;
  key: string;
  /** The user address it waits on (for the introspection API). */
  uaddr: number;
  bitset: number;
  woken: boolean;
  /** Only this waiter sleeps here, so a wake-up is aimed (no thundering herd). */
  readonly wq: WaitQueue;
}

/** The futex hash of one machine: key → waiters, oldest first. */
export class FutexHash {
  readonly queues = new Map<string, FutexQ[]>();
  /** set_robust_list: each task's list head and length. */
  readonly robust = new WeakMap<Task, { head: number; len: number }>();

  enqueue(q: FutexQ): void {
    const list = this.queues.get(q.key);
    if (list) list.push(q);
    else this.queues.set(q.key, [q]);
  }

  unqueue(q: FutexQ): void {
    const list = this.queues.get(q.key);
    if (!list) return;
    const i = list.indexOf(q);
    if (i >= 0) list.splice(i, 1);
    if (list.length === 0) this.queues.delete(q.key);
  }

  /** Every waiter, for /proc and the UI. */
  *waiters(): Generator<FutexQ> {
    for (const list of this.queues.values()) yield* list;
  }
}

const hashes = new WeakMap<Kernel, FutexHash>();

export function futex_hash(kernel: Kernel): FutexHash {
  let h = hashes.get(kernel);
  if (!h) hashes.set(kernel, (h = new FutexHash()));
  return h;
}

/** Stable small numbers for objects (address spaces, pages) so keys can be strings. */
const objectIds = new WeakMap<object, number>();
let nextObjectId = 1;
function objectId(o: object): number {
  let id = objectIds.get(o);
  if (id === undefined) objectIds.set(o, (id = nextObjectId++));
  return id;
}

/**
 * get_futex_key: the identity of the word at `uaddr`. Faults the page in (as a read) so a shared
 * key can name the frame. Returns the key or -EFAULT/-EINVAL.
 */
export function get_futex_key(t: Task, uaddr: number, shared: boolean): string | number {
  if (uaddr % 4 !== 0) return -EINVAL;
  const mm = t.mm;
  if (!mm) return -EFAULT;
  if (Number.isNaN(get_user_u32(t, uaddr))) return -EFAULT;
  if (shared) {
    const vma = mm.findVma(uaddr);
    const page = mm.pages.get(Math.floor(uaddr / PAGE_SIZE));
    if (vma && vma.flags & VM_SHARED && page) return `page:${objectId(page)}:${uaddr % PAGE_SIZE}`;
  }
  return `mm:${objectId(mm)}:${uaddr}`;
}

/** Read the futex word; -EFAULT on a bad address. */
function get_futex_value(t: Task, uaddr: number): number {
  const v = get_user_u32(t, uaddr);
  return Number.isNaN(v) ? -EFAULT : v;
}

/**
 * futex_wait: sleep while *uaddr == val, until woken by a FUTEX_WAKE whose bitset meets ours,
 * until `deadline` (monotonic ns, or null for ever), or until a signal. This handler runs again
 * each time the task wakes; t.restart.futex remembers the queued waiter between runs.
 */
export function futex_wait(t: Task, uaddr: number, shared: boolean, val: number, deadline: number | null, bitset: number): number {
  const hash = futex_hash(t.kernel);
  const q = t.restart?.futex as FutexQ | undefined;
  if (q) {
    if (q.woken) return 0;
    hash.unqueue(q);
    if (signal_pending(t)) return futex_interrupted(t, uaddr, shared, val, deadline, bitset);
    if (deadline !== null && t.kernel.clock.now() >= deadline) return -ETIMEDOUT;
    // A spurious wake-up: queue again and go back to sleep.
    hash.enqueue(q);
    return futex_sleep(t, q, deadline);
  }
  if (bitset === 0) return -EINVAL;
  const key = get_futex_key(t, uaddr, shared);
  if (typeof key === 'number') return key;
  // futex_wait_setup: the value check and the queueing happen together (under the hash lock in
  // Linux), so a waker that changed the word first is never missed.
  const cur = get_futex_value(t, uaddr);
  if (cur < 0) return cur;
  if (cur !== val >>> 0) return -EAGAIN;
  if (deadline !== null && t.kernel.clock.now() >= deadline) return -ETIMEDOUT;
  const nq: FutexQ = { task: t, key, uaddr, bitset: bitset >>> 0, woken: false, wq: new WaitQueue() };
  hash.enqueue(nq);
  t.restart = { ...(t.restart ?? {}), futex: nq };
  return futex_sleep(t, nq, deadline);
}

function futex_sleep(t: Task, q: FutexQ, deadline: number | null): number {
  const r = deadline === null ? sleepOn(t, q.wq) : sleepUntil(t, deadline, q.wq);
  if (r === SLEEP) return SLEEP;
  futex_hash(t.kernel).unqueue(q);
  if (r === 0) return -ETIMEDOUT;
  return r;
}

/**
 * A signal ended the wait. Without a timeout Linux returns -ERESTARTSYS (EINTR for a handler
 * without SA_RESTART, a transparent retry otherwise); with one it returns -ERESTART_RESTARTBLOCK
 * so that restart_syscall continues with the same absolute deadline.
 */
function futex_interrupted(t: Task, uaddr: number, shared: boolean, val: number, deadline: number | null, bitset: number): number {
  if (deadline === null) return -ERESTARTSYS;
  t.kernel.setRestartBlock(t, (tt) => futex_wait(tt, uaddr, shared, val, deadline, bitset));
  return -ERESTART_RESTARTBLOCK;
}

/** Wake one queued waiter (mark_wake_futex + wake_up_q). */
function wake_futex(hash: FutexHash, q: FutexQ): void {
  hash.unqueue(q);
  q.woken = true;
  const t = q.task;
  if (t.state === TASK_INTERRUPTIBLE) t.kernel.sched.wakeUp(t);
}

/** A waiter whose task died or left the wait without being woken is not counted. */
function live(q: FutexQ): boolean {
  const t = q.task;
  return t.state !== EXIT_ZOMBIE && t.state !== EXIT_DEAD && (t.restart?.futex as FutexQ | undefined) === q;
}

/** futex_wake: wake up to `nr` waiters on the key whose bitset meets `bitset`. Returns how many. */
export function futex_wake(t: Task, uaddr: number, shared: boolean, nr: number, bitset: number): number {
  if (bitset === 0) return -EINVAL;
  const key = get_futex_key(t, uaddr, shared);
  if (typeof key === 'number') return key;
  return wake_key(futex_hash(t.kernel), key, nr, bitset >>> 0);
}

function wake_key(hash: FutexHash, key: string, nr: number, bitset: number): number {
  const list = hash.queues.get(key);
  if (!list) return 0;
  let woken = 0;
  for (const q of [...list]) {
    if (woken >= nr) break;
    if (!live(q)) {
      hash.unqueue(q);
      continue;
    }
    if (!(q.bitset & bitset)) continue;
    wake_futex(hash, q);
    woken++;
  }
  return woken;
}

/**
 * futex_requeue: wake `nrWake` waiters of uaddr1 and move up to `nrRequeue` others to uaddr2
 * (a condition variable's broadcast moves its waiters onto the mutex instead of waking them all).
 * FUTEX_CMP_REQUEUE first checks that *uaddr1 still equals `cmpval`.
 */
function futex_requeue(t: Task, uaddr1: number, shared: boolean, uaddr2: number, nrWake: number, nrRequeue: number, cmpval: number | null): number {
  if (nrWake < 0 || nrRequeue < 0) return -EINVAL;
  const key1 = get_futex_key(t, uaddr1, shared);
  if (typeof key1 === 'number') return key1;
  const key2 = get_futex_key(t, uaddr2, shared);
  if (typeof key2 === 'number') return key2;
  if (cmpval !== null) {
    const cur = get_futex_value(t, uaddr1);
    if (cur < 0) return cur;
    if (cur !== cmpval >>> 0) return -EAGAIN;
  }
  const hash = futex_hash(t.kernel);
  const list = hash.queues.get(key1);
  if (!list) return 0;
  let woken = 0;
  let moved = 0;
  for (const q of [...list]) {
    if (!live(q)) {
      hash.unqueue(q);
      continue;
    }
    if (woken < nrWake) {
      wake_futex(hash, q);
      woken++;
    } else if (moved < nrRequeue) {
      if (key1 === key2) {
        moved++;
        continue;
      }
      hash.unqueue(q);
      q.key = key2;
      q.uaddr = uaddr2;
      hash.enqueue(q);
      moved++;
    } else break;
  }
  // The result counts both the woken and the requeued waiters.
  return woken + moved;
}

/**
 * futex_wake_op: atomically `*uaddr2 = *uaddr2 OP oparg`, wake up to nr1 waiters on uaddr1, and,
 * if the old value of *uaddr2 passes the comparison, up to nr2 waiters on uaddr2.
 */
function futex_wake_op(t: Task, uaddr1: number, shared: boolean, uaddr2: number, nr1: number, nr2: number, encoded: number): number {
  const key1 = get_futex_key(t, uaddr1, shared);
  if (typeof key1 === 'number') return key1;
  const key2 = get_futex_key(t, uaddr2, shared);
  if (typeof key2 === 'number') return key2;
  const op = (encoded >>> 28) & 7;
  const cmp = (encoded >>> 24) & 15;
  let oparg = (encoded << 8) >> 20; // sign-extended 12 bits
  const cmparg = (encoded << 20) >> 20;
  if ((encoded >>> 28) & FUTEX_OP_OPARG_SHIFT) {
    if (oparg < 0 || oparg > 31) oparg &= 31; // Linux warns and masks
    oparg = 1 << oparg;
  }
  const old = get_futex_value(t, uaddr2);
  if (old < 0) return old;
  let nv: number;
  switch (op) {
    case FUTEX_OP_SET: nv = oparg; break;
    case FUTEX_OP_ADD: nv = old + oparg; break;
    case FUTEX_OP_OR: nv = old | oparg; break;
    case FUTEX_OP_ANDN: nv = old & ~oparg; break;
    case FUTEX_OP_XOR: nv = old ^ oparg; break;
    default: return -ENOSYS;
  }
  const oldS = old | 0;
  let pass: boolean;
  switch (cmp) {
    case FUTEX_OP_CMP_EQ: pass = oldS === cmparg; break;
    case FUTEX_OP_CMP_NE: pass = oldS !== cmparg; break;
    case FUTEX_OP_CMP_LT: pass = oldS < cmparg; break;
    case FUTEX_OP_CMP_LE: pass = oldS <= cmparg; break;
    case FUTEX_OP_CMP_GT: pass = oldS > cmparg; break;
    case FUTEX_OP_CMP_GE: pass = oldS >= cmparg; break;
    default: return -ENOSYS;
  }
  if (put_user_u32(t, uaddr2, nv >>> 0) < 0) return -EFAULT;
  const hash = futex_hash(t.kernel);
  let n = wake_key(hash, key1, nr1, FUTEX_BITSET_MATCH_ANY);
  if (pass) n += wake_key(hash, key2, nr2, FUTEX_BITSET_MATCH_ANY);
  return n;
}

/** The deadline (monotonic ns) of a wait, from its timeout argument; null for none. */
function futex_deadline(t: Task, cmd: number, op: number, utime: number): number | null | { err: number } {
  if (!utime) return null;
  if (t.restart?.futexDeadline !== undefined) return t.restart.futexDeadline as number;
  const ts = getTimespec(t, utime);
  if (typeof ts === 'number') return { err: ts };
  const clock = t.kernel.clock;
  let deadline: number;
  if (cmd === FUTEX_WAIT) deadline = clock.now() + ts.ns; // relative, on CLOCK_MONOTONIC
  else if (op & FUTEX_CLOCK_REALTIME) deadline = ts.ns - clock.bootRealtimeNs; // absolute realtime
  else deadline = ts.ns; // absolute monotonic
  t.restart = { ...(t.restart ?? {}), futexDeadline: deadline };
  return deadline;
}

/** do_futex: dispatch on the command in the low bits of `op`. */
export function do_futex(t: Task, uaddr: number, op: number, val: number, utime: number, uaddr2: number, val3: number): number {
  const cmd = op & FUTEX_CMD_MASK;
  const shared = !(op & FUTEX_PRIVATE_FLAG);
  if (op & FUTEX_CLOCK_REALTIME && cmd !== FUTEX_WAIT_BITSET && cmd !== FUTEX_WAIT) return -ENOSYS;
  switch (cmd) {
    case FUTEX_WAIT:
    case FUTEX_WAIT_BITSET: {
      const d = futex_deadline(t, cmd, op, utime);
      if (d !== null && typeof d === 'object') return d.err;
      return futex_wait(t, uaddr, shared, val, d, cmd === FUTEX_WAIT ? FUTEX_BITSET_MATCH_ANY : val3);
    }
    case FUTEX_WAKE:
      return futex_wake(t, uaddr, shared, val | 0, FUTEX_BITSET_MATCH_ANY);
    case FUTEX_WAKE_BITSET:
      return futex_wake(t, uaddr, shared, val | 0, val3);
    case FUTEX_REQUEUE:
      // The fourth argument (the timeout register) carries nr_requeue.
      return futex_requeue(t, uaddr, shared, uaddr2, val | 0, utime | 0, null);
    case FUTEX_CMP_REQUEUE:
      return futex_requeue(t, uaddr, shared, uaddr2, val | 0, utime | 0, val3);
    case FUTEX_WAKE_OP:
      return futex_wake_op(t, uaddr, shared, uaddr2, val | 0, utime | 0, val3);
    default:
      return -ENOSYS;
  }
}

function sys_futex(t: Task, uaddr: number, op: number, val: number, utime: number, uaddr2: number, val3: number): number {
  return do_futex(t, uaddr, op | 0, val >>> 0, utime, uaddr2, val3 >>> 0);
}

/** set_robust_list(2): where the task's list of held robust futexes lives (glibc sets it per thread). */
function sys_set_robust_list(t: Task, head: number, len: number): number {
  if (len !== ROBUST_LIST_HEAD_SIZE) return -EINVAL;
  futex_hash(t.kernel).robust.set(t, { head, len });
  return 0;
}

function sys_get_robust_list(t: Task, pid: number, headPtr: number, lenPtr: number): number {
  const target = (pid | 0) === 0 ? t : t.kernel.tasks.get(pid | 0);
  if (!target) return -ESRCH;
  if (target !== t && target.cred.uid !== t.cred.euid && t.cred.euid !== 0) return -EPERM;
  const r = futex_hash(t.kernel).robust.get(target) ?? { head: 0, len: ROBUST_LIST_HEAD_SIZE };
  if (put_user_i64(t, lenPtr, r.len) < 0 || put_user_i64(t, headPtr, r.head) < 0) return -EFAULT;
  return 0;
}

const FUTEX_WAITERS = 0x80000000;
const FUTEX_OWNER_DIED = 0x40000000;
const FUTEX_TID_MASK = 0x3fffffff;
const ROBUST_LIST_LIMIT = 2048;

/**
 * exit_robust_list: a dying thread still holding robust mutexes marks each one FUTEX_OWNER_DIED
 * and wakes a waiter, so the next locker gets EOWNERDEAD instead of hanging for ever.
 * struct robust_list_head { next; long futex_offset; list_op_pending; }.
 */
function exit_robust_list(t: Task): void {
  const r = futex_hash(t.kernel).robust.get(t);
  if (!r || !r.head || !t.mm) return;
  const offset = get_user_i64(t, r.head + 8);
  let entry = get_user_i64(t, r.head);
  if (Number.isNaN(offset)) return;
  for (let i = 0; i < ROBUST_LIST_LIMIT && entry !== r.head && entry > 0; i++) {
    const uaddr = entry + offset;
    const v = get_user_u32(t, uaddr);
    if (!Number.isNaN(v) && (v & FUTEX_TID_MASK) === t.tid) {
      put_user_u32(t, uaddr, ((v & FUTEX_WAITERS) | FUTEX_OWNER_DIED) >>> 0);
      if (v & FUTEX_WAITERS) futex_wake(t, uaddr, true, 1, FUTEX_BITSET_MATCH_ANY);
    }
    const next = get_user_i64(t, entry);
    if (Number.isNaN(next) || next === entry) break;
    entry = next;
  }
}

/** Boot: the exit path wakes clear_child_tid waiters (pthread_join) and walks robust lists. */
export function futex_init(kernel: Kernel): void {
  kernel.futexWake = (t, addr, n) => {
    exit_robust_list(t);
    const r = futex_wake(t, addr, true, n, FUTEX_BITSET_MATCH_ANY);
    return r < 0 ? 0 : r;
  };
}

export const futexSyscalls: SyscallGroup = {
  futex: sys_futex,
  set_robust_list: sys_set_robust_list,
  get_robust_list: sys_get_robust_list,
};
