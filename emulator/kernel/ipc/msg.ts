// SysV message queues (ipc/msg.c): msgget, msgsnd, msgrcv, msgctl.
//
// A queue holds typed messages (a positive long `mtype` and up to msgmax bytes) in arrival
// order, up to msg_qbytes bytes. msgrcv picks by type: 0 takes the first message, a positive
// type the first of that type (or, with MSG_EXCEPT, the first of any other type), a negative
// type the first of the lowest type not above its absolute value.
//
// Blocking: a sender that finds the queue full sleeps on the queue's sender list; a receiver that
// finds nothing sleeps on the receiver list. Like Linux's pipelined_send, a sender hands its
// message straight to the first sleeping receiver that wants it (so the receiver that waited
// longest gets it, with no race), and only queues it when no receiver does. Removing the queue
// wakes everyone with EIDRM; a signal ends a wait with EINTR (ERESTARTNOHAND: a stop and continue
// restarts it transparently).

import { E2BIG, EACCES, EAGAIN, EFAULT, EIDRM, EINVAL, ENOMSG, ENOSPC, EPERM, ERESTARTNOHAND } from '../../uapi/errno';
import {
  IPC_INFO, IPC_NOWAIT, IPC_RMID, IPC_SET, IPC_STAT, MSG_COPY, MSG_EXCEPT, MSG_INFO, MSG_NOERROR, MSG_STAT,
  MSG_STAT_ANY, MSGINFO_SIZE, MSGMAP, MSGPOOL, MSGSEG, MSGSSZ, MSGTQL, MSQID_DS,
} from '../../uapi/ipc';
import { copy_from_user, copy_to_user, get_user_i64, put_user_i64, StructReader, StructWriter } from '../mm/uaccess';
import { sleepOn } from '../sched/wait';
import { SLEEP, WaitQueue } from '../sched/waitqueue';
import type { Task } from '../sched/task';
import { signal_pending } from '../signal_pending';
import type { SyscallGroup } from '../syscalls/types';
import { ipc_limits, ipc_ns, msg_ctlmax } from './namespace';
import {
  ipc_owner_check, ipc_parse_cmd, ipc_update_perm, ipcget, ipcperms, kernel_to_ipc64_perm, KernIpcPerm,
  ktime_get_real_seconds, S_IRUGO, S_IRWXUGO, S_IWUGO,
} from './util';

/** struct msg_msg: one message. */
export interface MsgMsg {
  mtype: number;
  text: Uint8Array;
}

/** struct msg_receiver: a sleeping msgrcv and what it wants. */
interface MsgReceiver {
  task: Task;
  mode: 'any' | 'equal' | 'notequal' | 'lessequal';
  type: number;
  maxsize: number;
  noerror: boolean;
  /** Filled in by a sender (pipelined_send): the message, or an error to return. */
  r_msg: MsgMsg | number | null;
  wq: WaitQueue | null;
}

/** struct msg_sender: a sleeping msgsnd. */
interface MsgSender {
  task: Task;
  size: number;
}

/** struct msg_queue. */
export class MsgQueue {
  readonly messages: MsgMsg[] = [];
  cbytes = 0;
  qbytes: number;
  stime = 0;
  rtime = 0;
  ctime: number;
  lspid = 0;
  lrpid = 0;
  readonly receivers: MsgReceiver[] = [];
  readonly senders: MsgSender[] = [];
  /** Senders sleep here until a receiver makes room (ss_wakeup wakes them all to re-check). */
  readonly sendWait = new WaitQueue();

  constructor(
    readonly perm: KernIpcPerm,
    qbytes: number,
    now: number,
  ) {
    this.qbytes = qbytes;
    this.ctime = now;
  }
}

/** msgget(2): find or create the queue for `key`. */
function sys_msgget(t: Task, key: number, msgflg: number): number {
  const ns = ipc_ns(t.kernel);
  const flg = msgflg | 0;
  return ipcget(t, ns.msg, key | 0, flg, () => newque(t, key | 0, flg), () => 0);
}

function newque(t: Task, key: number, flg: number): number {
  const k = t.kernel;
  const lim = ipc_limits(k);
  const q = new MsgQueue(new KernIpcPerm(key, flg & S_IRWXUGO, t), lim.msgmnb, ktime_get_real_seconds(k));
  const id = ipc_ns(k).msg.add(q, lim.msgmni);
  return id < 0 ? -ENOSPC : id;
}

/** testmsg: does `msg` satisfy a receive of `type` in `mode`? */
function testmsg(msg: MsgMsg, type: number, mode: MsgReceiver['mode']): boolean {
  switch (mode) {
    case 'any': return true;
    case 'lessequal': return msg.mtype <= type;
    case 'equal': return msg.mtype === type;
    case 'notequal': return msg.mtype !== type;
  }
}

/** convert_mode: msgtyp and MSG_EXCEPT into a search mode. */
function convert_mode(msgtyp: number, msgflg: number): { mode: MsgReceiver['mode']; type: number } {
  if (msgflg & MSG_COPY) return { mode: 'any', type: msgtyp };
  if (msgtyp === 0) return { mode: 'any', type: 0 };
  if (msgtyp < 0) return { mode: 'lessequal', type: msgtyp === Number.MIN_SAFE_INTEGER ? Number.MAX_SAFE_INTEGER : -msgtyp };
  return { mode: msgflg & MSG_EXCEPT ? 'notequal' : 'equal', type: msgtyp };
}

/**
 * pipelined_send: give the message to the first sleeping receiver that wants it. A receiver
 * whose buffer is too small (without MSG_NOERROR) is woken with E2BIG and the search goes on.
 */
function pipelined_send(q: MsgQueue, msg: MsgMsg, sender: Task): boolean {
  for (const r of [...q.receivers]) {
    if (!testmsg(msg, r.type, r.mode)) continue;
    q.receivers.splice(q.receivers.indexOf(r), 1);
    if (r.maxsize < msg.text.length && !r.noerror) {
      r.r_msg = -E2BIG;
      r.task.kernel.sched.wakeUp(r.task);
      continue;
    }
    q.lrpid = r.task.tgid;
    q.rtime = ktime_get_real_seconds(sender.kernel);
    r.r_msg = msg;
    r.task.kernel.sched.wakeUp(r.task);
    return true;
  }
  return false;
}

/** What a sleeping msgsnd remembers between its runs. */
interface SndState {
  q: MsgQueue;
  sender: MsgSender;
}

/** do_msgsnd: msgsnd(2). */
export function do_msgsnd(t: Task, msqid: number, mtype: number, text: Uint8Array, msgflg: number): number {
  const k = t.kernel;
  const ns = ipc_ns(k);
  const st = t.restart?.msgsnd as SndState | undefined;
  let q: MsgQueue;
  if (st) {
    q = st.q;
    const i = q.senders.indexOf(st.sender);
    if (i >= 0) q.senders.splice(i, 1);
    if (q.perm.deleted) return -EIDRM;
    if (signal_pending(t)) return -ERESTARTNOHAND;
  } else {
    if (text.length > msg_ctlmax(k) || text.length < 0) return -EINVAL;
    if (mtype < 1) return -EINVAL;
    const obj = ns.msg.obtain(msqid);
    if (typeof obj === 'number') return obj;
    q = obj;
    if (ipcperms(t, q.perm, S_IWUGO) < 0) return -EACCES;
  }
  const size = text.length;
  if (!(size + q.cbytes <= q.qbytes && 1 + q.messages.length <= q.qbytes)) {
    // The queue is full.
    if (msgflg & IPC_NOWAIT) return -EAGAIN;
    const sender: MsgSender = { task: t, size };
    q.senders.push(sender);
    t.restart = { ...(t.restart ?? {}), msgsnd: { q, sender } satisfies SndState };
    const r = sleepOn(t, q.sendWait);
    if (r !== SLEEP) q.senders.splice(q.senders.indexOf(sender), 1);
    return r === SLEEP ? SLEEP : -ERESTARTNOHAND;
  }
  q.lspid = t.tgid;
  q.stime = ktime_get_real_seconds(k);
  const msg: MsgMsg = { mtype, text };
  if (!pipelined_send(q, msg, t)) {
    q.messages.push(msg);
    q.cbytes += size;
    ns.msgBytes += size;
    ns.msgHdrs++;
  }
  return 0;
}

function sys_msgsnd(t: Task, msqid: number, msgp: number, msgsz: number, msgflg: number): number {
  const st = t.restart?.msgsnd as SndState | undefined;
  if (msgsz < 0 || msgsz > 0x7fffffff) return -EINVAL;
  if (msgsz > msg_ctlmax(t.kernel) || (msqid | 0) < 0) return -EINVAL;
  // load_msg: the type and the text from user memory (once; a rerun after sleeping keeps them).
  let mtype: number;
  let text: Uint8Array;
  if (st && t.restart?.msgText) {
    mtype = t.restart.msgType as number;
    text = t.restart.msgText as Uint8Array;
  } else {
    mtype = get_user_i64(t, msgp);
    if (Number.isNaN(mtype)) return -EFAULT;
    const b = copy_from_user(t, msgp + 8, msgsz);
    if (typeof b === 'number') return -EFAULT;
    text = b;
  }
  const r = do_msgsnd(t, msqid | 0, mtype, text, msgflg | 0);
  if (r === SLEEP) t.restart = { ...(t.restart ?? {}), msgType: mtype, msgText: text };
  return r;
}

/** find_msg: the first matching message, or (MSG_COPY) the one at index `type`. */
function find_msg(q: MsgQueue, type: number, mode: MsgReceiver['mode'], copy: boolean): number {
  if (copy) return type < q.messages.length ? type : -1;
  let lowest = -1;
  for (let i = 0; i < q.messages.length; i++) {
    const m = q.messages[i]!;
    if (!testmsg(m, type, mode)) continue;
    if (mode !== 'lessequal') return i;
    // The lowest type wins; among equals, the oldest.
    if (lowest < 0 || m.mtype < q.messages[lowest]!.mtype) lowest = i;
  }
  return lowest;
}

/** What a sleeping msgrcv remembers between its runs. */
interface RcvState {
  q: MsgQueue;
  r: MsgReceiver;
}

/** do_msgrcv: msgrcv(2); copies the message out through `store` (do_msg_fill). */
export function do_msgrcv(t: Task, msqid: number, bufsz: number, msgtyp: number, msgflg: number, store: (m: MsgMsg, n: number) => number): number {
  const k = t.kernel;
  const ns = ipc_ns(k);
  const copy = (msgflg & MSG_COPY) !== 0;
  const st = t.restart?.msgrcv as RcvState | undefined;
  let q: MsgQueue;
  if (st) {
    q = st.q;
    const got = st.r.r_msg;
    const i = q.receivers.indexOf(st.r);
    if (i >= 0) q.receivers.splice(i, 1);
    if (typeof got === 'number') return got;
    if (got) return store(got, Math.min(bufsz, got.text.length));
    if (q.perm.deleted) return -EIDRM;
    if (signal_pending(t)) return -ERESTARTNOHAND;
  } else {
    if (copy && (!(msgflg & IPC_NOWAIT) || msgflg & MSG_EXCEPT)) return -EINVAL;
    if (msqid < 0 || bufsz < 0) return -EINVAL;
    const obj = ns.msg.obtain(msqid);
    if (typeof obj === 'number') return obj;
    q = obj;
    if (ipcperms(t, q.perm, S_IRUGO) < 0) return -EACCES;
  }
  const { mode, type } = convert_mode(msgtyp, msgflg);
  const i = find_msg(q, type, mode, copy);
  if (i >= 0) {
    const msg = q.messages[i]!;
    if (bufsz < msg.text.length && !(msgflg & MSG_NOERROR)) return -E2BIG;
    if (copy) return store(msg, Math.min(bufsz, msg.text.length));
    q.messages.splice(i, 1);
    q.cbytes -= msg.text.length;
    ns.msgBytes -= msg.text.length;
    ns.msgHdrs--;
    q.rtime = ktime_get_real_seconds(k);
    q.lrpid = t.tgid;
    // ss_wakeup: room was made; every sleeping sender checks again.
    q.sendWait.wakeAll();
    return store(msg, Math.min(bufsz, msg.text.length));
  }
  if (msgflg & IPC_NOWAIT) return -ENOMSG;
  const r: MsgReceiver = st?.r ?? { task: t, mode, type, maxsize: bufsz, noerror: (msgflg & MSG_NOERROR) !== 0, r_msg: null, wq: null };
  r.r_msg = null;
  q.receivers.push(r);
  t.restart = { ...(t.restart ?? {}), msgrcv: { q, r } satisfies RcvState };
  const s = sleepOn(t, (r.wq ??= new WaitQueue()));
  if (s !== SLEEP) q.receivers.splice(q.receivers.indexOf(r), 1);
  return s === SLEEP ? SLEEP : -ERESTARTNOHAND;
}

function sys_msgrcv(t: Task, msqid: number, msgp: number, msgsz: number, msgtyp: number, msgflg: number): number {
  if (msgsz < 0 || msgsz > 0x7fffffff) return -EINVAL;
  return do_msgrcv(t, msqid | 0, msgsz, msgtyp, msgflg | 0, (m, n) => {
    // store_msg: the type, then the text (a fault loses the message, as in Linux).
    if (put_user_i64(t, msgp, m.mtype) < 0) return -EFAULT;
    return n && copy_to_user(t, msgp + 8, n === m.text.length ? m.text : m.text.subarray(0, n)) < 0 ? -EFAULT : n;
  });
}

/** freeque: IPC_RMID. Sleepers wake and find the queue deleted (EIDRM). */
function freeque(t: Task, q: MsgQueue): void {
  const ns = ipc_ns(t.kernel);
  ns.msg.remove(q);
  ns.msgBytes -= q.cbytes;
  ns.msgHdrs -= q.messages.length;
  for (const r of q.receivers.splice(0)) {
    r.r_msg = -EIDRM;
    t.kernel.sched.wakeUp(r.task);
  }
  q.sendWait.wakeAll();
}

function fill_msqid64(q: MsgQueue): Uint8Array {
  const w = new StructWriter(MSQID_DS.size);
  kernel_to_ipc64_perm(w, MSQID_DS.perm, q.perm);
  w.i64(MSQID_DS.stime, q.stime).i64(MSQID_DS.rtime, q.rtime).i64(MSQID_DS.ctime, q.ctime)
    .u64(MSQID_DS.cbytes, q.cbytes).u64(MSQID_DS.qnum, q.messages.length).u64(MSQID_DS.qbytes, q.qbytes)
    .i32(MSQID_DS.lspid, q.lspid).i32(MSQID_DS.lrpid, q.lrpid);
  return w.bytes;
}

/** msgctl(2). */
function sys_msgctl(t: Task, msqid: number, cmd: number, buf: number): number {
  const k = t.kernel;
  const ns = ipc_ns(k);
  const id = msqid | 0;
  const c = ipc_parse_cmd(cmd | 0);
  if (id < 0 || c < 0) return -EINVAL;
  switch (c) {
    case IPC_INFO:
    case MSG_INFO: {
      const lim = ipc_limits(k);
      const w = new StructWriter(MSGINFO_SIZE);
      const info = c === MSG_INFO;
      // msginfo: msgpool, msgmap, msgmax, msgmnb, msgmni, msgssz, msgtql, msgseg.
      w.i32(0, info ? ns.msg.inUse : MSGPOOL).i32(4, info ? ns.msgHdrs : MSGMAP).i32(8, lim.msgmax).i32(12, lim.msgmnb)
        .i32(16, lim.msgmni).i32(20, MSGSSZ).i32(24, info ? ns.msgBytes : MSGTQL).u16(28, MSGSEG);
      if (copy_to_user(t, buf, w.bytes) < 0) return -EFAULT;
      return Math.max(ns.msg.maxIdx(), 0);
    }
    case IPC_STAT:
    case MSG_STAT:
    case MSG_STAT_ANY: {
      const obj = c === IPC_STAT ? ns.msg.obtain(id) : ns.msg.obtainIdx(id);
      if (typeof obj === 'number') return obj;
      if (c !== MSG_STAT_ANY && ipcperms(t, obj.perm, S_IRUGO) < 0) return -EACCES;
      if (copy_to_user(t, buf, fill_msqid64(obj)) < 0) return -EFAULT;
      return c === IPC_STAT ? 0 : obj.perm.id;
    }
    case IPC_SET:
    case IPC_RMID: {
      let r: StructReader | null = null;
      if (c === IPC_SET) {
        const b = copy_from_user(t, buf, MSQID_DS.size);
        if (typeof b === 'number') return -EFAULT;
        r = new StructReader(b);
      }
      const obj = ns.msg.obtain(id);
      if (typeof obj === 'number') return obj;
      const own = ipc_owner_check(t, obj.perm);
      if (own < 0) return own;
      if (c === IPC_RMID) {
        freeque(t, obj);
        return 0;
      }
      const qbytes = Number(r!.u64(MSQID_DS.qbytes));
      if (qbytes > ipc_limits(k).msgmnb && !t.cred.capable()) return -EPERM;
      ipc_update_perm(r!, MSQID_DS.perm, obj.perm);
      obj.qbytes = qbytes;
      obj.ctime = ktime_get_real_seconds(k);
      // Sleeping senders may fit now; receivers whose permission changed re-check (we re-check on wake).
      obj.sendWait.wakeAll();
      return 0;
    }
    default:
      return -EINVAL;
  }
}

export const msgSyscalls: SyscallGroup = {
  msgget: sys_msgget,
  msgsnd: sys_msgsnd,
  msgrcv: sys_msgrcv,
  msgctl: sys_msgctl,
};
