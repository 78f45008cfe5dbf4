// POSIX message queues: open rules, priorities, O_NONBLOCK, blocking and timeouts, notification,
// getsetattr, unlink, the queue file's text; and eventfd's counter.

import { describe, expect, it } from 'vitest';
import { O_CREAT, O_EXCL, O_NONBLOCK, O_RDONLY, O_RDWR, O_WRONLY } from '../../../../emulator/uapi/fcntl';
import { SIGUSR1, sigmask } from '../../../../emulator/uapi/signal';
import { ipcSyscalls } from '../../../../emulator/kernel/ipc/ipc';
import { init_mqueue_fs } from '../../../../emulator/kernel/ipc/mqueue';
import { mq_limits } from '../../../../emulator/kernel/ipc/mq_sysctl';
import { eventfdSyscalls, EFD_NONBLOCK, EFD_SEMAPHORE } from '../../../../emulator/kernel/fs/eventfd';
import { d_path } from '../../../../emulator/kernel/fs/d_path';
import { addGroups, errname, fsKernel, ITask, SLEEP } from './fixture';

addGroups(ipcSyscalls, eventfdSyscalls);

function mqKernel() {
  const k = fsKernel();
  init_mqueue_fs(k);
  return k;
}

function attr(u: ITask, maxmsg: number, msgsize: number): number {
  const b = new Uint8Array(64);
  const v = new DataView(b.buffer);
  v.setBigInt64(8, BigInt(maxmsg), true);
  v.setBigInt64(16, BigInt(msgsize), true);
  return u.bytes(b);
}

const send = (u: ITask, fd: number, text: string, prio: number, ts = 0) => u.sys('mq_timedsend', fd, u.bytes(text), text.length, prio, ts);

function recv(u: ITask, fd: number, len = 64, ts = 0): [number | string, string, number] {
  const buf = u.alloc(len);
  const prio = u.alloc(4);
  const r = u.sys('mq_timedreceive', fd, buf, len, prio, ts);
  if (r < 0) return [r === SLEEP ? r : errname(r), '', 0];
  return [r, u.peekStr(buf, r), u.i32(prio)];
}

describe('POSIX message queues', () => {
  it('mq_open: ENOENT, EEXIST, EINVAL attributes, EACCES, names', () => {
    const k = mqKernel();
    const u = new ITask(k);
    expect(errname(u.sys('mq_open', 'q1', O_RDWR, 0, 0))).toBe('ENOENT');
    expect(errname(u.sys('mq_open', 'q1', O_RDWR | O_CREAT, 0o600, attr(u, 0, 10)))).toBe('EINVAL');
    expect(errname(u.sys('mq_open', 'q1', O_RDWR | O_CREAT, 0o600, attr(u, 70000, 10)))).toBe('EINVAL');
    expect(errname(u.sys('mq_open', 'a/b', O_RDWR | O_CREAT, 0o600, 0))).toBe('EACCES');
    expect(errname(u.sys('mq_open', '', O_RDWR | O_CREAT, 0o600, 0))).toBe('ENOENT');
    const fd = u.sys('mq_open', 'q1', O_RDWR | O_CREAT, 0o600, attr(u, 2, 16));
    expect(fd).toBeGreaterThanOrEqual(0);
    expect(d_path(u.t.files.get(fd)!.path, u.t.fs.root)).toBe('/q1');
    expect(errname(u.sys('mq_open', 'q1', O_RDWR | O_CREAT | O_EXCL, 0o600, 0))).toBe('EEXIST');
    const other = new ITask(k, 1000, 1000);
    expect(errname(other.sys('mq_open', 'q1', O_RDONLY, 0, 0))).toBe('EACCES');
    expect(errname(other.sys('mq_open', 'q2', O_RDWR | O_CREAT, 0o600, attr(other, 11, 16)))).toBe('EINVAL');
    expect(errname(other.sys('mq_unlink', 'q1'))).toBe('EACCES');
    expect(u.sys('mq_unlink', 'q1')).toBe(0);
    expect(errname(u.sys('mq_unlink', 'q1'))).toBe('ENOENT');
    // fs.mqueue.msg_max bounds what an unprivileged process may ask for.
    mq_limits(k).msg_max[0] = 20;
    expect(other.sys('mq_open', 'q2', O_RDWR | O_CREAT, 0o600, attr(other, 15, 16))).toBeGreaterThanOrEqual(0);
  });

  it('priorities, EMSGSIZE, EBADF, O_NONBLOCK, getsetattr, the file text', () => {
    const k = mqKernel();
    const u = new ITask(k);
    const fd = u.sys('mq_open', 'q', O_RDWR | O_CREAT, 0o600, attr(u, 3, 16));
    expect(send(u, fd, 'low', 1)).toBe(0);
    expect(send(u, fd, 'high', 9)).toBe(0);
    expect(send(u, fd, 'low2', 1)).toBe(0);
    expect(errname(send(u, fd, 'x'.repeat(17), 1))).toBe('EMSGSIZE');
    expect(errname(send(u, fd, 'x', 32768))).toBe('EINVAL');
    const st = u.alloc(64);
    expect(u.sys('mq_getsetattr', fd, 0, st)).toBe(0);
    const v = new DataView(u.peek(st, 64).buffer);
    expect([v.getBigInt64(8, true), v.getBigInt64(16, true), v.getBigInt64(24, true)]).toEqual([3n, 16n, 3n]);
    const nb = u.alloc(64);
    u.t.mm!.writeFrom(nb, new Uint8Array(new BigInt64Array([BigInt(O_NONBLOCK), 0n, 0n, 0n, 0n, 0n, 0n, 0n]).buffer));
    expect(u.sys('mq_getsetattr', fd, nb, 0)).toBe(0);
    expect(errname(send(u, fd, 'full', 1))).toBe('EAGAIN');
    expect(errname(recv(u, fd, 8)[0] as number)).toBe('EMSGSIZE');
    expect(recv(u, fd)).toEqual([4, 'high', 9]);
    expect(recv(u, fd)).toEqual([3, 'low', 1]);
    expect(recv(u, fd)).toEqual([4, 'low2', 1]);
    expect(recv(u, fd)[0]).toBe('EAGAIN');
    const ro = u.sys('mq_open', 'q', O_RDONLY, 0, 0);
    expect(errname(send(u, ro, 'x', 1))).toBe('EBADF');
    expect(errname(send(u, 0x7ff, 'x', 1))).toBe('EBADF');
    const file = u.t.files.get(fd)!;
    expect(send(u, fd, 'abc', 2)).toBe(0);
    const text = new TextDecoder().decode(file.fop.read!(file, u.t, 4096, { pos: 0 }) as Uint8Array);
    expect(text).toBe('QSIZE:3          NOTIFY:0     SIGNO:0     NOTIFY_PID:0     \n');
  });

  it('a receiver sleeps until a send; a sender on a full queue until a receive; timeouts are absolute', () => {
    const k = mqKernel();
    const a = new ITask(k);
    const b = new ITask(k);
    const fa = a.sys('mq_open', 'q', O_RDWR | O_CREAT, 0o666, attr(a, 1, 16));
    const fb = b.sys('mq_open', 'q', O_RDWR, 0, 0);
    const buf = b.alloc(16);
    const prio = b.alloc(4);
    expect(b.sys('mq_timedreceive', fb, buf, 16, prio, 0)).toBe(SLEEP);
    expect(send(a, fa, 'hi', 3)).toBe(0);
    expect(b.running).toBe(true);
    expect(b.sys('mq_timedreceive', fb, buf, 16, prio, 0)).toBe(2);
    expect(send(a, fa, 'one', 0)).toBe(0);
    expect(send(a, fa, 'two', 0)).toBe(SLEEP);
    expect(recv(b, fb)[1]).toBe('one');
    expect(a.running).toBe(true);
    expect(send(a, fa, 'two', 0)).toBe(0);
    recv(b, fb);
    // An absolute deadline 1 ms from now on CLOCK_REALTIME.
    const ts = b.alloc(16);
    const when = k.clock.bootRealtimeNs + k.clock.now() + 1_000_000;
    b.t.mm!.writeFrom(ts, new Uint8Array(new BigInt64Array([BigInt(Math.floor(when / 1e9)), BigInt(when % 1e9)]).buffer));
    expect(b.sys('mq_timedreceive', fb, buf, 16, prio, ts)).toBe(SLEEP);
    k.clock.advanceTo(k.clock.now() + 1_000_000);
    k.clock.runExpired();
    expect(errname(b.sys('mq_timedreceive', fb, buf, 16, prio, ts))).toBe('ETIMEDOUT');
  });

  it('mq_notify: one registration per queue, a signal on the first message into an empty queue', () => {
    const k = mqKernel();
    const a = new ITask(k);
    const b = new ITask(k);
    const fa = a.sys('mq_open', 'q', O_RDWR | O_CREAT, 0o666, 0);
    const fb = b.sys('mq_open', 'q', O_WRONLY, 0, 0);
    const sev = a.alloc(64);
    a.t.mm!.writeFrom(sev + 8, new Uint8Array([SIGUSR1, 0, 0, 0, 0, 0, 0, 0]));
    expect(a.sys('mq_notify', fa, sev)).toBe(0);
    expect(errname(a.sys('mq_notify', fa, sev))).toBe('EBUSY');
    const bsev = b.alloc(64);
    b.t.mm!.writeFrom(bsev + 8, new Uint8Array([SIGUSR1, 0, 0, 0, 0, 0, 0, 0]));
    expect(errname(b.sys('mq_notify', fb, bsev))).toBe('EBUSY');
    const bad = a.alloc(64);
    a.t.mm!.writeFrom(bad + 8, new Uint8Array([99, 0, 0, 0, 0, 0, 0, 0]));
    expect(errname(a.sys('mq_notify', fa, bad))).toBe('EINVAL');
    expect(send(b, fb, 'x', 0)).toBe(0);
    expect(a.t.group.sharedPending.set & sigmask(SIGUSR1)).toBeTruthy();
    // Used up: b may register now.
    expect(b.sys('mq_notify', fb, bsev)).toBe(0);
  });
});

describe('eventfd', () => {
  it('counts writes, reads the sum (or 1 with EFD_SEMAPHORE), blocks at zero', () => {
    const k = fsKernel();
    const u = new ITask(k);
    const fd = u.sys('eventfd2', 3, 0);
    const file = u.t.files.get(fd)!;
    expect(d_path(file.path, u.t.fs.root)).toBe('anon_inode:[eventfd]');
    const eight = (n: bigint) => new Uint8Array(new BigUint64Array([n]).buffer);
    expect(u.write(fd, eight(4n))).toBe(8);
    const r = u.read(fd, 8) as Uint8Array;
    expect(new DataView(r.buffer).getBigUint64(0, true)).toBe(7n);
    expect(u.sys('read', fd, u.alloc(8), 8)).toBe(SLEEP);
    expect(errname(u.sys('read', fd, u.alloc(4), 4))).toBe('EINVAL');
    expect(errname(u.write(fd, eight(0xffffffffffffffffn)))).toBe('EINVAL');
    const s = u.sys('eventfd2', 2, EFD_SEMAPHORE | EFD_NONBLOCK);
    expect(new DataView((u.read(s, 8) as Uint8Array).buffer).getBigUint64(0, true)).toBe(1n);
    expect(new DataView((u.read(s, 8) as Uint8Array).buffer).getBigUint64(0, true)).toBe(1n);
    expect(errname(u.read(s, 8) as number)).toBe('EAGAIN');
    expect(errname(u.sys('eventfd2', 0, 0x40))).toBe('EINVAL');
    expect(u.write(s, eight(0xfffffffffffffffen))).toBe(8);
    expect(errname(u.write(s, eight(1n)))).toBe('EAGAIN');
  });
});
