// The descriptor table: lowest free number, shared open files after dup and fork, close-on-exec,
// close_range, fcntl and ioctl on descriptors.

import { describe, expect, it } from 'vitest';
import {
  FD_CLOEXEC, F_DUPFD_CLOEXEC, F_GETFD, F_GETFL, F_SETFD, F_SETFL, O_APPEND, O_CLOEXEC, O_CREAT, O_LARGEFILE,
  O_NONBLOCK, O_RDONLY, O_RDWR, O_WRONLY, SEEK_CUR,
} from '../../../../emulator/uapi/fcntl';
import { FIOCLEX, FIONBIO, FIONCLEX, FIONREAD } from '../../../../emulator/uapi/ioctls';
import { errname, fsKernel, UTask } from './fixture';

describe('fd table', () => {
  it('hands out the lowest free descriptor', () => {
    const u = new UTask(fsKernel());
    u.put('/f', 'x');
    expect([u.open('/f', 0), u.open('/f', 0), u.open('/f', 0)]).toEqual([0, 1, 2]);
    u.sys('close', 1);
    expect(u.open('/f', 0)).toBe(1);
    expect(u.sys('dup', 0)).toBe(3);
    expect(u.sys('dup2', 0, 10)).toBe(10);
    expect(u.sys('dup', 0)).toBe(4);
  });

  it('dup shares one open file: one offset, one set of status flags', () => {
    const u = new UTask(fsKernel());
    u.put('/f', 'abcdef');
    const a = u.open('/f', O_RDONLY);
    const b = u.sys('dup', a);
    expect(u.readText(a, 2)).toBe('ab');
    expect(u.readText(b, 2)).toBe('cd');
    expect(u.sys('fcntl', b, F_SETFL, O_NONBLOCK)).toBe(0);
    expect(u.sys('fcntl', a, F_GETFL)).toBe(O_NONBLOCK | O_LARGEFILE);
    // but close-on-exec is per descriptor
    expect(u.sys('fcntl', a, F_SETFD, FD_CLOEXEC)).toBe(0);
    expect(u.sys('fcntl', b, F_GETFD)).toBe(0);
  });

  it('fork (dup of the table) shares files; exec closes FD_CLOEXEC ones', () => {
    const k = fsKernel();
    const u = new UTask(k);
    u.put('/f', '0123456789');
    const keep = u.open('/f', O_RDONLY);
    const ce = u.open('/f', O_RDONLY | O_CLOEXEC);
    const child = new UTask(k);
    child.t.files = u.t.files.dup();
    expect(child.readText(keep, 4)).toBe('0123');
    expect(u.sys('lseek', keep, 0, SEEK_CUR)).toBe(4);
    child.t.files.closeOnExec(child.t);
    expect(child.t.files.get(keep)).not.toBeNull();
    expect(child.t.files.get(ce)).toBeNull();
    expect(u.t.files.get(ce)).not.toBeNull();
    child.t.files.closeAll(child.t);
    expect(child.t.files.entries()).toEqual([]);
    expect(u.readText(keep, 2)).toBe('45');
  });

  it('dup3 with O_CLOEXEC, F_DUPFD_CLOEXEC, FIOCLEX/FIONCLEX', () => {
    const u = new UTask(fsKernel());
    u.put('/f', '');
    const fd = u.open('/f', O_RDONLY);
    expect(u.sys('dup3', fd, 7, O_CLOEXEC)).toBe(7);
    expect(u.sys('fcntl', 7, F_GETFD)).toBe(FD_CLOEXEC);
    const d = u.sys('fcntl', fd, F_DUPFD_CLOEXEC, 20);
    expect(d).toBe(20);
    expect(u.sys('fcntl', 20, F_GETFD)).toBe(FD_CLOEXEC);
    expect(u.sys('ioctl', 20, FIONCLEX, 0)).toBe(0);
    expect(u.sys('fcntl', 20, F_GETFD)).toBe(0);
    expect(u.sys('ioctl', fd, FIOCLEX, 0)).toBe(0);
    expect(u.sys('fcntl', fd, F_GETFD)).toBe(FD_CLOEXEC);
  });

  it('F_SETFL changes only O_APPEND, O_NONBLOCK, O_ASYNC, O_DIRECT, O_NOATIME; FIONBIO too', () => {
    const u = new UTask(fsKernel());
    u.put('/f', '');
    const fd = u.open('/f', O_WRONLY);
    expect(u.sys('fcntl', fd, F_GETFL)).toBe(O_WRONLY | O_LARGEFILE);
    expect(u.sys('fcntl', fd, F_SETFL, O_RDWR | O_APPEND | O_CREAT)).toBe(0);
    expect(u.sys('fcntl', fd, F_GETFL)).toBe(O_WRONLY | O_LARGEFILE | O_APPEND);
    const one = u.bytes(new Uint8Array([1, 0, 0, 0]));
    expect(u.sys('ioctl', fd, FIONBIO, one)).toBe(0);
    expect(u.sys('fcntl', fd, F_GETFL) & O_NONBLOCK).toBe(O_NONBLOCK);
    expect(errname(u.sys('ioctl', fd, FIONBIO, 0x5000))).toBe('EFAULT');
  });

  it('O_APPEND writes at the end whatever the offset', () => {
    const u = new UTask(fsKernel());
    u.put('/f', 'abc');
    const fd = u.open('/f', O_WRONLY | O_APPEND);
    u.sys('lseek', fd, 0, 0);
    u.write(fd, 'XY');
    expect(u.get('/f')).toBe('abcXY');
    expect(u.sys('lseek', fd, 0, SEEK_CUR)).toBe(5);
  });

  it('FIONREAD on a regular file: bytes from the offset to the end', () => {
    const u = new UTask(fsKernel());
    u.put('/f', '0123456789');
    const fd = u.open('/f', O_RDONLY);
    u.read(fd, 3);
    const n = u.alloc(4);
    expect(u.sys('ioctl', fd, FIONREAD, n)).toBe(0);
    expect(u.i32(n)).toBe(7);
  });

  it('close_range closes or marks a range; bad ranges are EINVAL', () => {
    const u = new UTask(fsKernel());
    u.put('/f', '');
    for (let i = 0; i < 6; i++) u.open('/f', 0);
    expect(u.sys('close_range', 4, 0xffffffff, 4 /* CLOSE_RANGE_CLOEXEC */)).toBe(0);
    expect(u.sys('fcntl', 5, F_GETFD)).toBe(FD_CLOEXEC);
    expect(u.sys('close_range', 2, 3, 0)).toBe(0);
    expect(u.t.files.entries().map((e) => e.fd)).toEqual([0, 1, 4, 5]);
    expect(errname(u.sys('close_range', 3, 2, 0))).toBe('EINVAL');
    expect(errname(u.sys('close_range', 0, 1, 1))).toBe('EINVAL');
  });

  it('readv/writev gather and scatter; a bad iovec is EFAULT or EINVAL', () => {
    const u = new UTask(fsKernel());
    const fd = u.open('/f', O_CREAT | O_RDWR);
    const iov = (parts: [number, number][]) => u.bytes(new Uint8Array(new BigUint64Array(parts.flatMap(([b, l]) => [BigInt(b), BigInt(l)])).buffer));
    const a = u.bytes('hello ');
    const b = u.bytes('world');
    expect(u.sys('writev', fd, iov([[a, 6], [b, 5]]), 2)).toBe(11);
    u.sys('lseek', fd, 0, 0);
    const x = u.alloc(4);
    const y = u.alloc(16);
    expect(u.sys('readv', fd, iov([[x, 4], [y, 16]]), 2)).toBe(11);
    expect(u.peekStr(x, 4) + u.peekStr(y, 7)).toBe('hello world');
    expect(errname(u.sys('writev', fd, iov([[0x5000, 4]]), 1))).toBe('EFAULT');
    expect(errname(u.sys('writev', fd, iov([[a, 2 ** 63 + 5]]), 1))).toBe('EINVAL');
    expect(errname(u.sys('writev', fd, 0x5000, 1))).toBe('EFAULT');
    expect(errname(u.sys('writev', fd, iov([[a, 1]]), 1025))).toBe('EINVAL');
    expect(u.sys('preadv', fd, iov([[x, 4]]), 1, 6)).toBe(4);
    expect(u.peekStr(x, 4)).toBe('worl');
  });
});
