// SysV message queues: keys and ids, permissions, send/receive by type, blocking on both sides,
// pipelined hand-over to the oldest receiver, EIDRM on removal, EINTR, limits and msgctl.

import { describe, expect, it } from 'vitest';
import {
  IPC_CREAT, IPC_EXCL, IPC_INFO, IPC_NOWAIT, IPC_PRIVATE, IPC_RMID, IPC_SET, IPC_STAT, MSG_COPY, MSG_EXCEPT,
  MSG_INFO, MSG_NOERROR, MSG_STAT, MSQID_DS,
} from '../../../../emulator/uapi/ipc';
import { SIGUSR1 } from '../../../../emulator/uapi/signal';
import { send_sig } from '../../../../emulator/kernel/signal';
import { ipcSyscalls } from '../../../../emulator/kernel/ipc/ipc';
import { addGroups, errname, fsKernel, ITask, SLEEP } from './fixture';

addGroups(ipcSyscalls);

function msg(u: ITask, type: number, text: string): [number, number] {
  const b = new Uint8Array(8 + text.length);
  new DataView(b.buffer).setBigInt64(0, BigInt(type), true);
  b.set(new TextEncoder().encode(text), 8);
  return [u.bytes(b), text.length];
}

function snd(u: ITask, q: number, type: number, text: string, flg = 0): number {
  const [p, n] = msg(u, type, text);
  return u.sys('msgsnd', q, p, n, flg);
}

/** msgrcv into a fresh buffer; returns [ret, type, text]. */
function rcv(u: ITask, q: number, size: number, type: number, flg = 0, buf = u.alloc(8 + size)): [number | string, number, string] {
  const r = u.sys('msgrcv', q, buf, size, type, flg);
  if (r < 0) return [r === SLEEP ? r : errname(r), 0, ''];
  return [r, new DataView(u.peek(buf, 8).buffer).getUint32(0, true), u.peekStr(buf + 8, r)];
}

describe('SysV message queues', () => {
  it('msgget: IPC_PRIVATE, keys, IPC_CREAT|IPC_EXCL, ENOENT, EACCES, ids in slot order', () => {
    const k = fsKernel();
    const u = new ITask(k);
    expect(u.sys('msgget', IPC_PRIVATE, IPC_CREAT | 0o600)).toBe(0);
    expect(u.sys('msgget', IPC_PRIVATE, 0o600)).toBe(1);
    expect(errname(u.sys('msgget', 0x1234, 0o666))).toBe('ENOENT');
    expect(u.sys('msgget', 0x1234, IPC_CREAT | 0o640)).toBe(2);
    expect(u.sys('msgget', 0x1234, 0)).toBe(2);
    expect(errname(u.sys('msgget', 0x1234, IPC_CREAT | IPC_EXCL | 0o600))).toBe('EEXIST');
    const other = new ITask(k, 1000, 1000);
    expect(errname(other.sys('msgget', 0x1234, 0o400))).toBe('EACCES');
    expect(errname(other.sys('msgsnd', 2, msg(other, 1, 'x')[0], 1, 0))).toBe('EACCES');
    // Removing and creating again moves on to the next slot; the old id is stale.
    expect(u.sys('msgctl', 0, IPC_RMID, 0)).toBe(0);
    expect(u.sys('msgget', IPC_PRIVATE, 0o600)).toBe(3);
    expect(errname(u.sys('msgctl', 0, IPC_RMID, 0))).toBe('EINVAL');
    expect(errname(other.sys('msgctl', 2, IPC_RMID, 0))).toBe('EPERM');
  });

  it('receives by type: any, equal, MSG_EXCEPT, lowest up to -type; E2BIG, MSG_NOERROR, ENOMSG, MSG_COPY', () => {
    const u = new ITask(fsKernel());
    const q = u.sys('msgget', IPC_PRIVATE, 0o600);
    expect(snd(u, q, 3, 'three')).toBe(0);
    expect(snd(u, q, 1, 'one')).toBe(0);
    expect(snd(u, q, 2, 'two')).toBe(0);
    expect(snd(u, q, 5, 'five')).toBe(0);
    expect(errname(snd(u, q, 0, 'zero'))).toBe('EINVAL');
    expect(rcv(u, q, 100, 2, MSG_COPY | IPC_NOWAIT)).toEqual([3, 2, 'two']);
    expect(rcv(u, q, 100, 1)).toEqual([3, 1, 'one']);
    expect(rcv(u, q, 100, -4)).toEqual([3, 2, 'two']);
    expect(rcv(u, q, 100, 3, MSG_EXCEPT)).toEqual([4, 5, 'five']);
    expect(rcv(u, q, 2, 0)).toEqual(['E2BIG', 0, '']);
    expect(rcv(u, q, 2, 0, MSG_NOERROR)).toEqual([2, 3, 'th']);
    expect(rcv(u, q, 100, 0, IPC_NOWAIT)).toEqual(['ENOMSG', 0, '']);
    expect(rcv(u, q, 100, 9, IPC_NOWAIT | MSG_EXCEPT | MSG_NOERROR)).toEqual(['ENOMSG', 0, '']);
  });

  it('a receiver sleeps until a sender hands it the message; the oldest receiver gets it', () => {
    const k = fsKernel();
    const a = new ITask(k);
    const b = new ITask(k);
    const c = new ITask(k);
    const q = a.sys('msgget', IPC_PRIVATE, 0o666);
    const bb = b.alloc(108);
    const cb = c.alloc(108);
    expect(rcv(b, q, 100, 0, 0, bb)[0]).toBe(SLEEP);
    expect(rcv(c, q, 100, 0, 0, cb)[0]).toBe(SLEEP);
    expect(snd(a, q, 7, 'hello')).toBe(0);
    expect(b.running).toBe(true);
    expect(c.running).toBe(false);
    expect(rcv(b, q, 100, 0, 0, bb)).toEqual([5, 7, 'hello']);
    const st = a.alloc(MSQID_DS.size);
    expect(a.sys('msgctl', q, IPC_STAT, st)).toBe(0);
    const v = new DataView(a.peek(st, MSQID_DS.size).buffer);
    expect(Number(v.getBigUint64(MSQID_DS.qnum, true))).toBe(0);
    expect(v.getInt32(MSQID_DS.lrpid, true)).toBe(b.t.tgid);
    expect(v.getInt32(MSQID_DS.lspid, true)).toBe(a.t.tgid);
    // Removing the queue wakes the other receiver with EIDRM.
    expect(a.sys('msgctl', q, IPC_RMID, 0)).toBe(0);
    expect(c.running).toBe(true);
    expect(rcv(c, q, 100, 0, 0, cb)[0]).toBe('EIDRM');
  });

  it('a sender sleeps on a full queue (EAGAIN with IPC_NOWAIT) until a receive makes room; signals give EINTR', () => {
    const k = fsKernel();
    const a = new ITask(k);
    const b = new ITask(k);
    const q = a.sys('msgget', IPC_PRIVATE, 0o666);
    const st = a.alloc(MSQID_DS.size);
    a.sys('msgctl', q, IPC_STAT, st);
    const ds = a.peek(st, MSQID_DS.size);
    new DataView(ds.buffer).setBigUint64(MSQID_DS.qbytes, 10n, true);
    a.t.mm!.writeFrom(st, ds);
    expect(a.sys('msgctl', q, IPC_SET, st)).toBe(0);
    expect(snd(a, q, 1, '12345678')).toBe(0);
    expect(errname(snd(a, q, 1, 'abc', IPC_NOWAIT))).toBe('EAGAIN');
    const [p, n] = msg(b, 1, 'abc');
    expect(b.sys('msgsnd', q, p, n, 0)).toBe(SLEEP);
    expect(rcv(a, q, 100, 0)).toEqual([8, 1, '12345678']);
    expect(b.running).toBe(true);
    expect(b.sys('msgsnd', q, p, n, 0)).toBe(0);
    expect(rcv(a, q, 100, 0)).toEqual([3, 1, 'abc']);
    expect(rcv(b, q, 100, 0)[0]).toBe(SLEEP);
    send_sig(SIGUSR1, b.t, false);
    expect(errname(b.sys('msgrcv', q, b.alloc(108), 100, 0, 0))).toBe('ERESTARTNOHAND');
  });

  it('limits: msgmax (EINVAL), IPC_INFO/MSG_INFO, MSG_STAT by slot', () => {
    const u = new ITask(fsKernel());
    const q = u.sys('msgget', IPC_PRIVATE, 0o600);
    const big = u.alloc(8 + 9000);
    u.poke32(big, 1);
    expect(errname(u.sys('msgsnd', q, big, 8193, 0))).toBe('EINVAL');
    expect(u.sys('msgsnd', q, big, 8192, 0)).toBe(0);
    const info = u.alloc(32);
    expect(u.sys('msgctl', 0, IPC_INFO, info)).toBe(0);
    const v = new DataView(u.peek(info, 32).buffer);
    expect([v.getInt32(8, true), v.getInt32(12, true), v.getInt32(16, true)]).toEqual([8192, 16384, 32000]);
    expect(u.sys('msgctl', 0, MSG_INFO, info)).toBe(0);
    const w = new DataView(u.peek(info, 32).buffer);
    expect([w.getInt32(0, true), w.getInt32(4, true), w.getInt32(24, true)]).toEqual([1, 1, 8192]);
    expect(u.sys('msgctl', 0, MSG_STAT, u.alloc(120))).toBe(q);
    expect(errname(u.sys('msgctl', q, 99, 0))).toBe('EINVAL');
    expect(errname(u.sys('msgctl', q, IPC_STAT, 0x5000))).toBe('EFAULT');
  });
});
