// <sys/msg.h>: SysV message queues. The message (a long mtype, then the text) is built in our own
// memory, as a C program's struct msgbuf would be, and the kernel copies it.

import { __NR } from '../../uapi/unistd_64';
import { MSQID_DS } from '../../uapi/ipc';
import type { Sys } from '../runtime/context';
import { alloca, peek, peekI64, poke, pokeI64, release, stackMark, syscall } from './process';
import { parseIpcPerm, type IpcPerm } from './sys_ipc';

/** struct msqid_ds. */
export interface MsqidDs {
  perm: IpcPerm;
  stime: number;
  rtime: number;
  ctime: number;
  cbytes: number;
  qnum: number;
  qbytes: number;
  lspid: number;
  lrpid: number;
}

export function* msgget(key: number, msgflg: number): Sys<number> {
  return yield* syscall(__NR.msgget, key, msgflg);
}

/** msgsnd(2): 0, or -1 with errno set. */
export function* msgsnd(msqid: number, mtype: number, text: Uint8Array, msgflg = 0): Sys<number> {
  const mark = stackMark();
  const buf = alloca(8 + text.length);
  pokeI64(buf, mtype);
  if (text.length) poke(buf + 8, text);
  const r = yield* syscall(__NR.msgsnd, msqid, buf, text.length, msgflg);
  release(mark);
  return r;
}

/** msgrcv(2): the message (its type and text), or null with errno set. */
export function* msgrcv(msqid: number, msgsz: number, msgtyp: number, msgflg = 0): Sys<{ mtype: number; text: Uint8Array } | null> {
  const mark = stackMark();
  const buf = alloca(8 + msgsz);
  const n = yield* syscall(__NR.msgrcv, msqid, buf, msgsz, msgtyp, msgflg);
  const out = n < 0 ? null : { mtype: peekI64(buf), text: n ? peek(buf + 8, n) : new Uint8Array(0) };
  release(mark);
  return out;
}

export function parseMsqidDs(b: Uint8Array): MsqidDs {
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const u = (o: number) => Number(v.getBigUint64(o, true));
  const s = (o: number) => Number(v.getBigInt64(o, true));
  return {
    perm: parseIpcPerm(v, MSQID_DS.perm), stime: s(MSQID_DS.stime), rtime: s(MSQID_DS.rtime), ctime: s(MSQID_DS.ctime),
    cbytes: u(MSQID_DS.cbytes), qnum: u(MSQID_DS.qnum), qbytes: u(MSQID_DS.qbytes),
    lspid: v.getInt32(MSQID_DS.lspid, true), lrpid: v.getInt32(MSQID_DS.lrpid, true),
  };
}

/**
 * msgctl(2) with a buffer: `cmd`'s structure is read back into `out` (IPC_STAT, MSG_STAT,
 * IPC_INFO, MSG_INFO), or `input` is passed (IPC_SET). Returns the call's result (-1 with errno).
 */
export function* msgctl(msqid: number, cmd: number, input: Uint8Array | null = null, out: Uint8Array | null = null): Sys<number> {
  const mark = stackMark();
  try {
    const size = Math.max(input?.length ?? 0, out?.length ?? 0);
    const buf = size ? alloca(size) : 0;
    if (input) poke(buf, input);
    const r = yield* syscall(__NR.msgctl, msqid, cmd, buf);
    if (r >= 0 && out) out.set(peek(buf, out.length));
    return r;
  } finally {
    release(mark);
  }
}

/** IPC_STAT/MSG_STAT/MSG_STAT_ANY as a structure; null with errno set. `id` receives MSG_STAT's identifier. */
export function* msgctlStat(msqid: number, cmd: number): Sys<{ ds: MsqidDs; ret: number } | null> {
  const out = new Uint8Array(MSQID_DS.size);
  const r = yield* msgctl(msqid, cmd, null, out);
  return r < 0 ? null : { ds: parseMsqidDs(out), ret: r };
}
