// SysV semaphores (ipc/sem.c): semget, semop, semtimedop, semctl, and SEM_UNDO.
//
// A semaphore set is an array of counters (0..SEMVMX). semop applies a list of operations to one
// set atomically: all of them or none. An operation adds sem_op to a counter; a negative one
// that would take the counter below zero waits, and sem_op == 0 waits for the counter to be zero.
// A task that must wait is queued with its whole list on the set's pending list; after every
// change, update_queue walks the pending list in arrival order and completes, on the sleeper's
// behalf, every list that can now go through — so wake order is first come, first served, and
// a woken task finds its operations already done.
//
// SEM_UNDO records the opposite of each operation in the process's undo list (semadj); when the
// process exits, exit_sem applies the adjustments, so a semaphore held by a process that dies is
// given back.
//
// Simplified: Linux keeps per-semaphore queues for single-operation sleepers to avoid scanning
// the whole list; we always scan the set's one list (same order, same results).

import { E2BIG, EACCES, EAGAIN, EFAULT, EFBIG, EIDRM, EINTR, EINVAL, ENOSPC, ERANGE } from '../../uapi/errno';
import {
  GETALL, GETNCNT, GETPID, GETVAL, GETZCNT, IPC_INFO, IPC_NOWAIT, IPC_RMID, IPC_SET, IPC_STAT, SEM_INFO,
  SEM_STAT, SEM_STAT_ANY, SEM_UNDO, SEMAEM, SEMBUF_SIZE, SEMID_DS, SEMINFO_SIZE, SEMMAP, SEMMNU, SEMUME,
  SEMUSZ, SEMVMX, SETALL, SETVAL,
} from '../../uapi/ipc';
import { copy_from_user, copy_to_user, StructReader, StructWriter } from '../mm/uaccess';
import { sleepOn, sleepUntil } from '../sched/wait';
import { SLEEP, WaitQueue } from '../sched/waitqueue';
import { EXIT_DEAD, EXIT_ZOMBIE, type Task, type ThreadGroup } from '../sched/task';
import { signal_pending } from '../signal_pending';
import type { SyscallGroup } from '../syscalls/types';
import { getTimespec } from '../time';
import type { Kernel } from '../kernel';
import { ipc_limits, ipc_ns, sc_semopm } from './namespace';
import {
  ipc_owner_check, ipc_parse_cmd, ipc_update_perm, ipcget, ipcperms, kernel_to_ipc64_perm, KernIpcPerm,
  ktime_get_real_seconds, S_IRUGO, S_IRWXUGO, S_IWUGO,
} from './util';

/** struct sembuf. */
export interface SemBuf {
  num: number;
  op: number;
  flg: number;
}

/** struct sem: one counter and the pid of the last process that changed it. */
interface Sem {
  semval: number;
  sempid: number;
}

/** struct sem_queue: a sleeping semop with its operations. */
export interface SemQueue {
  task: Task;
  sops: SemBuf[];
  undo: SemUndo | null;
  alter: boolean;
  /** Set when the operation list was completed (0) or failed for good (-errno) on our behalf. */
  status: number | null;
  /** Where the task sleeps (made when it first has to). */
  wq: WaitQueue | null;
}

/** struct sem_undo: one process's adjustments for one set. */
export interface SemUndo {
  readonly sma: SemArray;
  readonly semadj: Int32Array;
  readonly group: ThreadGroup;
}

/** struct sem_array. */
export class SemArray {
  readonly sems: Sem[];
  otime = 0;
  ctime: number;
  /** Sleepers, oldest first. */
  readonly pending: SemQueue[] = [];
  /** Undo lists that name this set (cleared by SETVAL/SETALL, dropped at IPC_RMID). */
  readonly undos = new Set<SemUndo>();

  constructor(
    readonly perm: KernIpcPerm,
    nsems: number,
    now: number,
  ) {
    this.sems = Array.from({ length: nsems }, () => ({ semval: 0, sempid: 0 }));
    this.ctime = now;
  }

  get nsems(): number {
    return this.sems.length;
  }
}

/** Each process's undo lists (task->sysvsem.undo_list; shared by its threads as CLONE_SYSVSEM does). */
const undoLists = new WeakMap<ThreadGroup, Map<SemArray, SemUndo>>();

function sys_semget(t: Task, key: number, nsems: number, semflg: number): number {
  const k = t.kernel;
  const ns = ipc_ns(k);
  const n = nsems | 0;
  const lim = ipc_limits(k);
  if (n < 0 || n > lim.semmsl) return -EINVAL;
  const flg = semflg | 0;
  return ipcget(
    t, ns.sem, key | 0, flg,
    () => {
      if (n === 0) return -EINVAL;
      if (ns.usedSems + n > lim.semmns) return -ENOSPC;
      const sma = new SemArray(new KernIpcPerm(key | 0, flg & S_IRWXUGO, t), n, ktime_get_real_seconds(k));
      const id = ns.sem.add(sma, lim.semmni);
      if (id < 0) return -ENOSPC;
      ns.usedSems += n;
      return id;
    },
    (sma) => (n > sma.nsems ? -EINVAL : 0),
  );
}

/**
 * perform_atomic_semop: try the whole list. Returns 0 (done), 1 (must wait), or -errno (ERANGE
 * past SEMVMX or the undo range, EAGAIN when a blocking operation has IPC_NOWAIT). Nothing is
 * changed unless the whole list succeeds.
 */
function perform_atomic_semop(sma: SemArray, q: { sops: SemBuf[]; undo: SemUndo | null }, pid: number): number {
  if (q.sops.length === 1) return perform_one_semop(sma, q.sops[0]!, q.undo, pid);
  const vals = sma.sems.map((s) => s.semval);
  for (const sop of q.sops) {
    const cur = vals[sop.num]!;
    const result = cur + sop.op;
    if (sop.op === 0 && cur !== 0) return sop.flg & IPC_NOWAIT ? -EAGAIN : 1;
    if (result < 0) return sop.flg & IPC_NOWAIT ? -EAGAIN : 1;
    if (result > SEMVMX) return -ERANGE;
    if (sop.flg & SEM_UNDO && q.undo) {
      const undo = q.undo.semadj[sop.num]! - sop.op;
      if (undo < -SEMAEM - 1 || undo > SEMAEM) return -ERANGE;
    }
    vals[sop.num] = result;
  }
  // Commit.
  for (const sop of q.sops) {
    sma.sems[sop.num]!.semval += sop.op;
    sma.sems[sop.num]!.sempid = pid;
    if (sop.flg & SEM_UNDO && q.undo) q.undo.semadj[sop.num]! -= sop.op;
  }
  return 0;
}

/** The common single-operation case of perform_atomic_semop, without a copy of the values. */
function perform_one_semop(sma: SemArray, sop: SemBuf, undo: SemUndo | null, pid: number): number {
  const sem = sma.sems[sop.num]!;
  const cur = sem.semval;
  const result = cur + sop.op;
  if ((sop.op === 0 && cur !== 0) || result < 0) return sop.flg & IPC_NOWAIT ? -EAGAIN : 1;
  if (result > SEMVMX) return -ERANGE;
  if (sop.flg & SEM_UNDO && undo) {
    const u = undo.semadj[sop.num]! - sop.op;
    if (u < -SEMAEM - 1 || u > SEMAEM) return -ERANGE;
    undo.semadj[sop.num] = u;
  }
  sem.semval = result;
  sem.sempid = pid;
  return 0;
}

/**
 * update_queue + wake_up_sem_queue: after a change, complete every pending list that can now
 * proceed (in arrival order, starting over after each success since it changed the values),
 * and wake its task with the result.
 */
function update_queue(sma: SemArray, k: Kernel): void {
  if (sma.pending.length === 0) return;
  let again = true;
  while (again) {
    again = false;
    for (const q of [...sma.pending]) {
      if (q.task.state === EXIT_ZOMBIE || q.task.state === EXIT_DEAD) {
        sma.pending.splice(sma.pending.indexOf(q), 1);
        continue;
      }
      const r = perform_atomic_semop(sma, q, q.task.tgid);
      if (r === 1) continue;
      sma.pending.splice(sma.pending.indexOf(q), 1);
      q.status = r;
      k.sched.wakeUp(q.task);
      if (r === 0 && q.alter) {
        sma.otime = ktime_get_real_seconds(k);
        again = true;
        break;
      }
    }
  }
}

/** find_alloc_undo: the caller's undo list for this set, created on first SEM_UNDO. */
function find_alloc_undo(t: Task, sma: SemArray): SemUndo {
  let lists = undoLists.get(t.group);
  if (!lists) undoLists.set(t.group, (lists = new Map()));
  let un = lists.get(sma);
  if (!un) {
    un = { sma, semadj: new Int32Array(sma.nsems), group: t.group };
    lists.set(sma, un);
    sma.undos.add(un);
  }
  return un;
}

/** What a sleeping semop remembers between its runs. */
interface SemopState {
  sma: SemArray;
  q: SemQueue;
  deadline: number | null;
}

/** do_semtimedop: semop(2) and semtimedop(2); `timeout` is relative, in ns, or null. */
export function do_semtimedop(t: Task, semid: number, sops: SemBuf[], timeoutNs: number | null): number {
  const k = t.kernel;
  const st = t.restart?.semop as SemopState | undefined;
  if (st) {
    const { sma, q } = st;
    const i = sma.pending.indexOf(q);
    if (q.status !== null) return q.status;
    if (i >= 0) sma.pending.splice(i, 1);
    if (sma.perm.deleted) return -EIDRM;
    if (signal_pending(t)) return -EINTR;
    if (st.deadline !== null && k.clock.now() >= st.deadline) return -EAGAIN;
    // Spurious wake-up: try again, and queue again if still blocked.
    const r = perform_atomic_semop(sma, q, t.tgid);
    if (r !== 1) {
      if (r === 0) finish_semop(sma, q, k);
      return r;
    }
    sma.pending.push(q);
    return semop_sleep(t, st);
  }
  if (semid < 0) return -EINVAL;
  if (sops.length < 1) return -EINVAL;
  if (sops.length > sc_semopm(k)) return -E2BIG;
  let undos = false;
  let alter = false;
  let max = 0;
  for (const s of sops) {
    if (s.num > max) max = s.num;
    if (s.flg & SEM_UNDO) undos = true;
    if (s.op !== 0) alter = true;
  }
  const obj = ipc_ns(k).sem.obtain(semid);
  if (typeof obj === 'number') return obj;
  const sma = obj;
  if (max >= sma.nsems) return -EFBIG;
  if (ipcperms(t, sma.perm, alter ? S_IWUGO : S_IRUGO) < 0) return -EACCES;
  const undo = undos ? find_alloc_undo(t, sma) : null;
  const q: SemQueue = { task: t, sops, undo, alter, status: null, wq: null };
  const r = perform_atomic_semop(sma, q, t.tgid);
  if (r === 0) {
    finish_semop(sma, q, k);
    return 0;
  }
  if (r < 0) return r;
  if (timeoutNs === 0) return -EAGAIN;
  sma.pending.push(q);
  const s: SemopState = { sma, q, deadline: timeoutNs === null ? null : k.clock.now() + timeoutNs };
  t.restart = { ...(t.restart ?? {}), semop: s };
  return semop_sleep(t, s);
}

function semop_sleep(t: Task, st: SemopState): number {
  const wq = (st.q.wq ??= new WaitQueue());
  const r = st.deadline === null ? sleepOn(t, wq) : sleepUntil(t, st.deadline, wq);
  if (r === SLEEP) return SLEEP;
  const i = st.sma.pending.indexOf(st.q);
  if (i >= 0) st.sma.pending.splice(i, 1);
  return r === 0 ? -EAGAIN : -EINTR;
}

function finish_semop(sma: SemArray, q: SemQueue, k: Kernel): void {
  if (q.alter) {
    sma.otime = ktime_get_real_seconds(k);
    update_queue(sma, k);
  } else {
    sma.otime = ktime_get_real_seconds(k);
  }
}

/** Read the sembuf array (once per call; a rerun after sleeping keeps it). */
function read_sops(t: Task, tsops: number, nsops: number): SemBuf[] | number {
  const b = copy_from_user(t, tsops, nsops * SEMBUF_SIZE);
  if (typeof b === 'number') return -EFAULT;
  const out: SemBuf[] = [];
  for (let i = 0, o = 0; i < nsops; i++, o += SEMBUF_SIZE) {
    out.push({ num: b[o]! | (b[o + 1]! << 8), op: ((b[o + 2]! | (b[o + 3]! << 8)) << 16) >> 16, flg: ((b[o + 4]! | (b[o + 5]! << 8)) << 16) >> 16 });
  }
  return out;
}

function semtimedop_common(t: Task, semid: number, tsops: number, nsops: number, timeout: number): number {
  if (t.restart?.semop) return do_semtimedop(t, semid | 0, [], null);
  const n = nsops >>> 0;
  if ((semid | 0) < 0 || n < 1) return -EINVAL;
  if (n > sc_semopm(t.kernel)) return -E2BIG;
  const sops = read_sops(t, tsops, n);
  if (typeof sops === 'number') return sops;
  let ns: number | null = null;
  if (timeout) {
    const ts = getTimespec(t, timeout);
    if (typeof ts === 'number') return ts;
    ns = ts.ns;
  }
  return do_semtimedop(t, semid | 0, sops, ns);
}

function sys_semop(t: Task, semid: number, tsops: number, nsops: number): number {
  return semtimedop_common(t, semid, tsops, nsops, 0);
}

function sys_semtimedop(t: Task, semid: number, tsops: number, nsops: number, timeout: number): number {
  return semtimedop_common(t, semid, tsops, nsops, timeout);
}

/** count_semcnt: how many sleepers wait for semaphore `num` to grow (ncnt) or to be zero (zcnt). */
export function count_semcnt(sma: SemArray, num: number, zero: boolean): number {
  let n = 0;
  for (const q of sma.pending) {
    // The operation that blocks the list is the first one that cannot proceed; count that one.
    const vals = sma.sems.map((s) => s.semval);
    for (const sop of q.sops) {
      const cur = vals[sop.num]!;
      const blocks = sop.op === 0 ? cur !== 0 : cur + sop.op < 0;
      if (blocks) {
        if (sop.num === num && (zero ? sop.op === 0 : sop.op < 0)) n++;
        break;
      }
      vals[sop.num] = cur + sop.op;
    }
  }
  return n;
}

/** freeary: IPC_RMID. Sleepers wake with EIDRM; undo lists forget the set. */
function freeary(k: Kernel, sma: SemArray): void {
  const ns = ipc_ns(k);
  ns.sem.remove(sma);
  ns.usedSems -= sma.nsems;
  for (const un of sma.undos) undoLists.get(un.group)?.delete(sma);
  sma.undos.clear();
  for (const q of sma.pending.splice(0)) {
    q.status = -EIDRM;
    k.sched.wakeUp(q.task);
  }
}

function fill_semid64(sma: SemArray): Uint8Array {
  const w = new StructWriter(SEMID_DS.size);
  kernel_to_ipc64_perm(w, SEMID_DS.perm, sma.perm);
  w.i64(SEMID_DS.otime, sma.otime).i64(SEMID_DS.ctime, sma.ctime).u64(SEMID_DS.nsems, sma.nsems);
  return w.bytes;
}

/** semctl(2). The fourth argument is the union semun: a value for SETVAL, else a pointer. */
function sys_semctl(t: Task, semid: number, semnum: number, cmd: number, arg: number): number {
  const k = t.kernel;
  const ns = ipc_ns(k);
  const id = semid | 0;
  const num = semnum | 0;
  const c = ipc_parse_cmd(cmd | 0);
  if (id < 0) return -EINVAL;
  switch (c) {
    case IPC_INFO:
    case SEM_INFO: {
      const lim = ipc_limits(k);
      const info = c === SEM_INFO;
      const w = new StructWriter(SEMINFO_SIZE);
      // seminfo: semmap, semmni, semmns, semmnu, semmsl, semopm, semume, semusz, semvmx, semaem.
      w.i32(0, SEMMAP).i32(4, lim.semmni).i32(8, lim.semmns).i32(12, SEMMNU).i32(16, lim.semmsl).i32(20, lim.semopm)
        .i32(24, SEMUME).i32(28, info ? ns.sem.inUse : SEMUSZ).i32(32, SEMVMX).i32(36, info ? ns.usedSems : SEMAEM);
      if (copy_to_user(t, arg, w.bytes) < 0) return -EFAULT;
      return Math.max(ns.sem.maxIdx(), 0);
    }
    case IPC_STAT:
    case SEM_STAT:
    case SEM_STAT_ANY: {
      const obj = c === IPC_STAT ? ns.sem.obtain(id) : ns.sem.obtainIdx(id);
      if (typeof obj === 'number') return obj;
      if (c !== SEM_STAT_ANY && ipcperms(t, obj.perm, S_IRUGO) < 0) return -EACCES;
      if (copy_to_user(t, arg, fill_semid64(obj)) < 0) return -EFAULT;
      return c === IPC_STAT ? 0 : obj.perm.id;
    }
    case GETVAL:
    case GETPID:
    case GETNCNT:
    case GETZCNT:
    case SETVAL:
    case GETALL:
    case SETALL: {
      const obj = ns.sem.obtain(id);
      if (typeof obj === 'number') return obj;
      const sma = obj;
      const write = c === SETVAL || c === SETALL;
      if (ipcperms(t, sma.perm, write ? S_IWUGO : S_IRUGO) < 0) return -EACCES;
      if (c === GETALL) {
        const w = new StructWriter(2 * sma.nsems);
        sma.sems.forEach((s, i) => w.u16(2 * i, s.semval));
        return copy_to_user(t, arg, w.bytes) < 0 ? -EFAULT : 0;
      }
      if (c === SETALL) {
        const b = copy_from_user(t, arg, 2 * sma.nsems);
        if (typeof b === 'number') return -EFAULT;
        const r = new StructReader(b);
        const vals = sma.sems.map((_, i) => r.u16(2 * i));
        if (vals.some((v) => v > SEMVMX)) return -ERANGE;
        vals.forEach((v, i) => {
          sma.sems[i]!.semval = v;
          sma.sems[i]!.sempid = t.tgid;
        });
        for (const un of sma.undos) un.semadj.fill(0);
        sma.ctime = ktime_get_real_seconds(k);
        update_queue(sma, k);
        return 0;
      }
      if (num < 0 || num >= sma.nsems) return -EINVAL;
      const sem = sma.sems[num]!;
      switch (c) {
        case GETVAL: return sem.semval;
        case GETPID: return sem.sempid;
        case GETNCNT: return count_semcnt(sma, num, false);
        case GETZCNT: return count_semcnt(sma, num, true);
        default: {
          const val = arg | 0;
          if (val > SEMVMX || val < 0) return -ERANGE;
          for (const un of sma.undos) un.semadj[num] = 0;
          sem.semval = val;
          sem.sempid = t.tgid;
          sma.ctime = ktime_get_real_seconds(k);
          update_queue(sma, k);
          return 0;
        }
      }
    }
    case IPC_SET:
    case IPC_RMID: {
      let r: StructReader | null = null;
      if (c === IPC_SET) {
        const b = copy_from_user(t, arg, SEMID_DS.size);
        if (typeof b === 'number') return -EFAULT;
        r = new StructReader(b);
      }
      const obj = ns.sem.obtain(id);
      if (typeof obj === 'number') return obj;
      const own = ipc_owner_check(t, obj.perm);
      if (own < 0) return own;
      if (c === IPC_RMID) {
        freeary(k, obj);
        return 0;
      }
      ipc_update_perm(r!, SEMID_DS.perm, obj.perm);
      obj.ctime = ktime_get_real_seconds(k);
      return 0;
    }
    default:
      return -EINVAL;
  }
}

/**
 * exit_sem: when the last thread of a process exits, apply its undo adjustments (clamped to
 * 0..SEMVMX, as Linux does) and let the sleepers that can now proceed go.
 */
export function exit_sem(t: Task): void {
  const g = t.group;
  if (!g.threads.every((th) => th === t || th.state === EXIT_ZOMBIE || th.state === EXIT_DEAD)) return;
  const lists = undoLists.get(g);
  if (!lists) return;
  undoLists.delete(g);
  for (const [sma, un] of lists) {
    sma.undos.delete(un);
    if (sma.perm.deleted) continue;
    let changed = false;
    un.semadj.forEach((adj, i) => {
      if (adj === 0) return;
      const s = sma.sems[i]!;
      s.semval = Math.min(SEMVMX, Math.max(0, s.semval + adj));
      s.sempid = t.tgid;
      changed = true;
    });
    if (changed) {
      sma.otime = ktime_get_real_seconds(t.kernel);
      update_queue(sma, t.kernel);
    }
  }
}

export const semSyscalls: SyscallGroup = {
  semget: sys_semget,
  semop: sys_semop,
  semtimedop: sys_semtimedop,
  semctl: sys_semctl,
};
