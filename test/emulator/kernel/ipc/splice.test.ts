// splice and tee between pipes and files: bytes moved or copied inside the kernel, waiting and
// EAGAIN, ESPIPE for an offset on a pipe, EINVAL without a pipe; and the FIFO open rules.

import { describe, expect, it } from 'vitest';
import { F_GETPIPE_SZ, F_SETPIPE_SZ, O_NONBLOCK, O_RDONLY, O_RDWR, O_WRONLY } from '../../../../emulator/uapi/fcntl';
import { S_IFIFO } from '../../../../emulator/uapi/stat';
import { spliceSyscalls, SPLICE_F_NONBLOCK } from '../../../../emulator/kernel/fs/splice';
import { addGroups, errname, fsKernel, ITask, SLEEP } from './fixture';

addGroups(spliceSyscalls);

function pipe(u: ITask): [number, number] {
  const fds = u.alloc(8);
  expect(u.sys('pipe2', fds, 0)).toBe(0);
  return [u.i32(fds), u.i32(fds + 4)];
}

describe('splice and tee', () => {
  it('tee copies without consuming; splice moves between pipes', () => {
    const u = new ITask(fsKernel());
    const [r1, w1] = pipe(u);
    const [r2, w2] = pipe(u);
    expect(u.write(w1, 'abcdef')).toBe(6);
    expect(u.sys('tee', r1, w2, 4, 0)).toBe(4);
    expect(u.readText(r2, 100)).toBe('abcd');
    expect(u.sys('splice', r1, 0, w2, 0, 3, 0)).toBe(3);
    expect(u.readText(r2, 100)).toBe('abc');
    expect(u.readText(r1, 100)).toBe('def');
    expect(errname(u.sys('tee', r1, w2, 4, SPLICE_F_NONBLOCK))).toBe('EAGAIN');
    expect(u.sys('tee', r1, w2, 4, 0)).toBe(SLEEP);
    expect(errname(u.sys('tee', r1, w1, 4, 0))).toBe('EINVAL');
    expect(errname(u.sys('tee', r1, r2, 4, 0))).toBe('EBADF');
    expect(errname(u.sys('splice', r1, u.alloc(8), w2, 0, 3, 0))).toBe('ESPIPE');
    expect(errname(u.sys('splice', r1, 0, w2, 0, 3, 0x100))).toBe('EINVAL');
  });

  it('splices a file into a pipe at an offset, and a pipe into a file', () => {
    const u = new ITask(fsKernel());
    u.put('/f', 'hello world');
    const f = u.open('/f', O_RDWR);
    const [r, w] = pipe(u);
    const off = u.alloc(8);
    u.t.mm!.writeFrom(off, new Uint8Array([6, 0, 0, 0, 0, 0, 0, 0]));
    expect(u.sys('splice', f, off, w, 0, 100, 0)).toBe(5);
    expect(u.i32(off)).toBe(11);
    expect(u.readText(r, 100)).toBe('world');
    expect(u.write(w, 'HELLO')).toBe(5);
    expect(u.sys('splice', r, 0, f, 0, 5, 0)).toBe(5);
    expect(u.get('/f')).toBe('HELLO world');
    const g = u.open('/f', O_RDONLY);
    expect(errname(u.sys('splice', r, 0, g, 0, 5, 0))).toBe('EBADF');
    expect(errname(u.sys('splice', f, 0, f, 0, 5, 0))).toBe('EINVAL');
  });
});

describe('FIFOs', () => {
  it('open rules: a writer without readers gets ENXIO with O_NONBLOCK; O_RDWR never waits; a reader waits', () => {
    const k = fsKernel();
    const u = new ITask(k);
    expect(u.sys('mknod', '/fifo', S_IFIFO | 0o644, 0)).toBe(0);
    expect(errname(u.sys('open', '/fifo', O_WRONLY | O_NONBLOCK, 0))).toBe('ENXIO');
    const rw = u.sys('open', '/fifo', O_RDWR, 0);
    expect(rw).toBeGreaterThanOrEqual(0);
    expect(u.sys('fcntl', rw, F_GETPIPE_SZ)).toBe(65536);
    expect(u.sys('fcntl', rw, F_SETPIPE_SZ, 5000)).toBe(8192);
    const v = new ITask(k);
    expect(v.sys('open', '/fifo', O_RDONLY | O_NONBLOCK, 0)).toBeGreaterThanOrEqual(0);
    u.sys('close', rw);
    const reader = new ITask(k);
    expect(reader.sys('open', '/fifo2', O_RDONLY, 0)).toBeLessThan(0);
    expect(u.sys('mknod', '/fifo2', S_IFIFO | 0o644, 0)).toBe(0);
    expect(reader.sys('open', '/fifo2', O_RDONLY, 0)).toBe(SLEEP);
    expect(u.sys('open', '/fifo2', O_WRONLY, 0)).toBeGreaterThanOrEqual(0);
    expect(reader.running).toBe(true);
    expect(reader.sys('open', '/fifo2', O_RDONLY, 0)).toBeGreaterThanOrEqual(0);
  });
});
