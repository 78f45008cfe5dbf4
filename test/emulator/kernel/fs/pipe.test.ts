// Pipes and FIFOs: the ring, blocking through the sleep protocol (a handler returns SLEEP and is
// called again when woken), EOF, EPIPE with SIGPIPE, O_NONBLOCK, atomic writes, sizes.

import { describe, expect, it } from 'vitest';
import {
  F_GETFL, F_GETPIPE_SZ, F_SETPIPE_SZ, O_CLOEXEC, O_DIRECT, O_NONBLOCK, O_RDONLY, O_RDWR, O_WRONLY, SEEK_CUR, F_GETFD,
} from '../../../../emulator/uapi/fcntl';
import { SIGPIPE, sigmask } from '../../../../emulator/uapi/signal';
import { S_IFIFO } from '../../../../emulator/uapi/stat';
import { FIONREAD } from '../../../../emulator/uapi/ioctls';
import { POLLERR, POLLHUP, POLLIN, POLLOUT } from '../../../../emulator/uapi/poll';
import { SLEEP } from '../../../../emulator/kernel/sched/waitqueue';
import { TASK_INTERRUPTIBLE } from '../../../../emulator/kernel/sched/task';
import { d_path } from '../../../../emulator/kernel/fs/d_path';
import { errname, fsKernel, UTask } from './fixture';

function pipe(u: UTask, flags = 0): [number, number] {
  const fds = u.alloc(8);
  expect(u.sys('pipe2', fds, flags)).toBe(0);
  return [u.i32(fds), u.i32(fds + 4)];
}

describe('pipes', () => {
  it('pass bytes in order; a read takes what is there; EOF once no writer is left', () => {
    const u = new UTask(fsKernel());
    const [r, w] = pipe(u);
    expect([r, w]).toEqual([0, 1]);
    expect(u.write(w, 'hello ')).toBe(6);
    expect(u.write(w, 'world')).toBe(5);
    expect(new TextDecoder().decode(u.read(r, 3) as Uint8Array)).toBe('hel');
    expect(u.readText(r, 100)).toBe('lo world');
    u.sys('close', w);
    expect(u.readText(r, 100)).toBe('');
  });

  it('F_GETFL, fstat, lseek/pread, the pipe:[ino] name', () => {
    const u = new UTask(fsKernel());
    const [r, w] = pipe(u, O_CLOEXEC);
    expect(u.sys('fcntl', r, F_GETFL)).toBe(O_RDONLY);
    expect(u.sys('fcntl', w, F_GETFL)).toBe(O_WRONLY);
    expect(u.sys('fcntl', r, F_GETFD)).toBe(1);
    const buf = u.alloc(144);
    expect(u.sys('fstat', r, buf)).toBe(0);
    const v = new DataView(u.peek(buf, 144).buffer);
    expect(v.getUint32(24, true)).toBe(S_IFIFO | 0o600);
    expect(Number(v.getBigUint64(16, true))).toBe(1);
    expect(errname(u.sys('lseek', r, 0, SEEK_CUR))).toBe('ESPIPE');
    expect(errname(u.sys('pread64', r, buf, 1, 0))).toBe('ESPIPE');
    expect(errname(u.sys('write', r, buf, 1))).toBe('EBADF');
    expect(errname(u.sys('fsync', r))).toBe('EINVAL');
    const file = u.t.files.get(r)!;
    expect(d_path(file.path, u.t.fs.root)).toBe(`pipe:[${file.inode.ino}]`);
    expect(u.t.files.get(w)!.inode).toBe(file.inode);
  });

  it('a read of an empty pipe sleeps until a write wakes it', () => {
    const k = fsKernel();
    const u = new UTask(k);
    const [r, w] = pipe(u);
    const reader = new UTask(k);
    reader.t.files = u.t.files.dup();
    const buf = reader.alloc(16);
    expect(reader.sys('read', r, buf, 16)).toBe(SLEEP);
    expect(reader.t.state).toBe(TASK_INTERRUPTIBLE);
    u.write(w, 'ping');
    expect(reader.running).toBe(true);
    expect(reader.sys('read', r, buf, 16)).toBe(4);
    expect(reader.peekStr(buf, 4)).toBe('ping');
  });

  it('closing the last writer wakes a sleeping reader with EOF', () => {
    const k = fsKernel();
    const u = new UTask(k);
    const [r, w] = pipe(u);
    const buf = u.alloc(16);
    const reader = new UTask(k);
    reader.t.files = u.t.files.dup();
    reader.t.files.close(w, reader.t);
    expect(reader.sys('read', r, buf, 16)).toBe(SLEEP);
    u.sys('close', w);
    expect(reader.running).toBe(true);
    expect(reader.sys('read', r, buf, 16)).toBe(0);
  });

  it('a signal interrupts a sleeping read (-ERESTARTSYS)', () => {
    const k = fsKernel();
    const u = new UTask(k);
    const [r] = pipe(u);
    const buf = u.alloc(16);
    expect(u.sys('read', r, buf, 16)).toBe(SLEEP);
    u.t.pending.set |= sigmask(10);
    k.sched.wakeUp(u.t);
    expect(errname(u.sys('read', r, buf, 16))).toBe('ERESTARTSYS');
  });

  it('O_NONBLOCK: EAGAIN instead of waiting, both ways', () => {
    const u = new UTask(fsKernel());
    const [r, w] = pipe(u, O_NONBLOCK);
    expect(errname(u.read(r, 10) as number)).toBe('EAGAIN');
    expect(u.write(w, new Uint8Array(70000))).toBe(65536);
    expect(errname(u.write(w, 'x'))).toBe('EAGAIN');
  });

  it('EPIPE and SIGPIPE once no reader is left', () => {
    const u = new UTask(fsKernel());
    const [r, w] = pipe(u);
    u.sys('close', r);
    expect(errname(u.write(w, 'x'))).toBe('EPIPE');
    expect(u.t.pending.set & sigmask(SIGPIPE)).not.toBe(0n);
  });

  it('a write bigger than the pipe fills it, sleeps, and goes on where it was', () => {
    const k = fsKernel();
    const u = new UTask(k);
    const [r, w] = pipe(u);
    const data = new Uint8Array(100000).map((_, i) => i % 251);
    const src = u.bytes(data);
    expect(u.sys('write', w, src, data.length)).toBe(SLEEP);
    const reader = new UTask(k);
    reader.t.files = u.t.files.dup();
    const got: number[] = [];
    const first = reader.read(r, 200000) as Uint8Array;
    expect(first.length).toBe(65536);
    got.push(...first);
    expect(u.running).toBe(true);
    expect(u.sys('write', w, src, data.length)).toBe(100000);
    got.push(...(reader.read(r, 200000) as Uint8Array));
    expect(Uint8Array.from(got)).toEqual(data);
  });

  it('writes of up to PIPE_BUF bytes are atomic: they wait for room for all of it', () => {
    const u = new UTask(fsKernel());
    const [r, w] = pipe(u);
    expect(u.write(w, new Uint8Array(65536 - 100))).toBe(65436);
    const src = u.bytes(new Uint8Array(4096).fill(7));
    expect(u.sys('write', w, src, 4096)).toBe(SLEEP);
    expect(u.sys('ioctl', r, FIONREAD, u.alloc(4))).toBe(0);
    const n = u.alloc(4);
    u.sys('ioctl', r, FIONREAD, n);
    expect(u.i32(n)).toBe(65436); // nothing of the 4096 went in
    u.t.state = 0;
    // A non-blocking atomic write that does not fit is EAGAIN, not a short write.
    u.sys('fcntl', w, 4 /* F_SETFL */, O_NONBLOCK);
    expect(errname(u.sys('write', w, src, 4096))).toBe('EAGAIN');
    expect(u.sys('write', w, src, 100)).toBe(100);
    void r;
  });

  it('F_GETPIPE_SZ / F_SETPIPE_SZ round to pages, refuse to drop data (EBUSY)', () => {
    const u = new UTask(fsKernel());
    const [r, w] = pipe(u);
    expect(u.sys('fcntl', r, F_GETPIPE_SZ)).toBe(65536);
    expect(u.sys('fcntl', r, F_SETPIPE_SZ, 5000)).toBe(8192);
    expect(u.sys('fcntl', w, F_GETPIPE_SZ)).toBe(8192);
    expect(u.sys('fcntl', r, F_SETPIPE_SZ, 0)).toBe(4096);
    u.write(w, 'abc');
    expect(u.sys('fcntl', r, F_SETPIPE_SZ, 1 << 20)).toBe(1 << 20);
    expect(u.readText(r)).toBe('abc');
    u.t.cred.fsuid = 1000;
    expect(errname(u.sys('fcntl', r, F_SETPIPE_SZ, 2 << 20))).toBe('EPERM');
    u.write(w, new Uint8Array(8192));
    u.t.cred.fsuid = 0;
    expect(errname(u.sys('fcntl', r, F_SETPIPE_SZ, 4096))).toBe('EBUSY');
  });

  it('poll: readable with data, writable with room, HUP and ERR when the other side is gone', () => {
    const u = new UTask(fsKernel());
    const [r, w] = pipe(u);
    const fr = u.t.files.get(r)!;
    const fw = u.t.files.get(w)!;
    expect(fr.fop.poll!(fr, u.t, null)).toBe(0);
    expect(fw.fop.poll!(fw, u.t, null) & POLLOUT).toBe(POLLOUT);
    u.write(w, 'x');
    expect(fr.fop.poll!(fr, u.t, null) & POLLIN).toBe(POLLIN);
    u.sys('close', w);
    expect(fr.fop.poll!(fr, u.t, null) & POLLHUP).toBe(POLLHUP);
    const [r2, w2] = pipe(u);
    u.sys('close', r2);
    const f2 = u.t.files.get(w2)!;
    expect(f2.fop.poll!(f2, u.t, null) & POLLERR).toBe(POLLERR);
  });

  it('packet mode (O_DIRECT) keeps write boundaries', () => {
    const u = new UTask(fsKernel());
    const [r, w] = pipe(u, O_DIRECT);
    u.write(w, 'one');
    u.write(w, 'three');
    expect(u.readText(r, 100)).toBe('one');
    expect(u.readText(r, 2)).toBe('th'); // the rest of the packet is dropped
    expect(errname(u.sys('pipe2', u.alloc(8), 0o200 /* O_NOTIFICATION_PIPE */))).toBe('ENOPKG');
    expect(errname(u.sys('pipe2', u.alloc(8), 1))).toBe('EINVAL');
  });

  it('pipe2 with a bad pointer: EFAULT and no descriptors left behind', () => {
    const u = new UTask(fsKernel());
    expect(errname(u.sys('pipe2', 0x5000, 0))).toBe('EFAULT');
    expect(u.t.files.entries()).toEqual([]);
  });
});

describe('FIFOs', () => {
  it('a non-blocking reader opens alone; a non-blocking writer without reader gets ENXIO', () => {
    const u = new UTask(fsKernel());
    expect(u.sys('mknod', '/fifo', S_IFIFO | 0o666, 0)).toBe(0);
    expect(errname(u.open('/fifo', O_WRONLY | O_NONBLOCK))).toBe('ENXIO');
    const r = u.open('/fifo', O_RDONLY | O_NONBLOCK);
    expect(r).toBeGreaterThanOrEqual(0);
    expect(u.readText(r)).toBe(''); // no writer: EOF
    const w = u.open('/fifo', O_WRONLY | O_NONBLOCK);
    expect(w).toBeGreaterThanOrEqual(0);
    u.write(w, 'via fifo');
    expect(u.readText(r)).toBe('via fifo');
  });

  it('a blocking open waits for the other side, then both go on', () => {
    const k = fsKernel();
    const a = new UTask(k);
    const b = new UTask(k);
    a.sys('mknod', '/fifo', S_IFIFO | 0o666, 0);
    const path = a.str('/fifo');
    expect(a.sys('open', path, O_RDONLY)).toBe(SLEEP);
    expect(a.t.state).toBe(TASK_INTERRUPTIBLE);
    const w = b.open('/fifo', O_WRONLY);
    expect(w).toBeGreaterThanOrEqual(0);
    expect(a.running).toBe(true);
    const r = a.sys('open', path, O_RDONLY);
    expect(r).toBeGreaterThanOrEqual(0);
    b.write(w, 'hi');
    expect(a.readText(r)).toBe('hi');
    // The reader was counted once, not twice: closing it leaves no reader.
    a.sys('close', r);
    expect(errname(b.write(w, 'x'))).toBe('EPIPE');
  });

  it('O_RDWR never waits; the buffer goes away with the last opener', () => {
    const u = new UTask(fsKernel());
    u.sys('mknod', '/fifo', S_IFIFO | 0o600, 0);
    const fd = u.open('/fifo', O_RDWR);
    u.write(fd, 'self');
    expect(u.readText(fd)).toBe('self');
    u.write(fd, 'lost');
    u.sys('close', fd);
    const r = u.open('/fifo', O_RDONLY | O_NONBLOCK);
    expect(u.readText(r)).toBe('');
  });
});
