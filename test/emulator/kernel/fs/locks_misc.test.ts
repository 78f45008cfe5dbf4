// flock, fallocate, sendfile.

import { describe, expect, it } from 'vitest';
import { O_APPEND, O_CREAT, O_RDONLY, O_RDWR, O_WRONLY, SEEK_CUR } from '../../../../emulator/uapi/fcntl';
import { SLEEP } from '../../../../emulator/kernel/sched/waitqueue';
import { LOCK_EX, LOCK_NB, LOCK_SH, LOCK_UN } from '../../../../emulator/kernel/fs/locks';
import { errname, fsKernel, mountTmpfs, UTask } from './fixture';

describe('flock', () => {
  it('shared locks coexist, exclusive ones exclude; LOCK_NB says EWOULDBLOCK', () => {
    const u = new UTask(fsKernel());
    u.put('/f', '');
    const a = u.open('/f', O_RDONLY);
    const b = u.open('/f', O_RDONLY);
    expect(u.sys('flock', a, LOCK_SH)).toBe(0);
    expect(u.sys('flock', b, LOCK_SH)).toBe(0);
    expect(errname(u.sys('flock', b, LOCK_EX | LOCK_NB))).toBe('EAGAIN');
    expect(u.sys('flock', a, LOCK_UN)).toBe(0);
    expect(u.sys('flock', b, LOCK_EX | LOCK_NB)).toBe(0);
    expect(errname(u.sys('flock', a, LOCK_SH | LOCK_NB))).toBe('EAGAIN');
    expect(errname(u.sys('flock', a, 0))).toBe('EINVAL');
  });

  it('a lock belongs to the open file: dup shares it, the last close drops it and wakes a waiter', () => {
    const k = fsKernel();
    const u = new UTask(k);
    u.put('/f', '');
    const a = u.open('/f', O_RDONLY);
    const a2 = u.sys('dup', a);
    expect(u.sys('flock', a, LOCK_EX)).toBe(0);
    expect(u.sys('flock', a2, LOCK_EX | LOCK_NB)).toBe(0); // same open file: no conflict
    const other = new UTask(k);
    const b = other.open('/f', O_RDONLY);
    expect(other.sys('flock', b, LOCK_EX)).toBe(SLEEP);
    u.sys('close', a);
    expect(other.running).toBe(false);
    u.sys('close', a2);
    expect(other.running).toBe(true);
    expect(other.sys('flock', b, LOCK_EX)).toBe(0);
  });
});

describe('fallocate', () => {
  it('reserves pages, grows the size unless KEEP_SIZE, punches holes', () => {
    const u = new UTask(fsKernel());
    const fd = u.open('/f', O_CREAT | O_RDWR);
    expect(u.sys('fallocate', fd, 0, 0, 10000)).toBe(0);
    expect(u.stat('/f')).toMatchObject({ size: 10000, blocks: 24 });
    expect(u.sys('fallocate', fd, 1, 20480, 4096)).toBe(0);
    expect(u.stat('/f')).toMatchObject({ size: 10000, blocks: 32 });
    u.write(fd, 'x'.repeat(8192));
    expect(u.sys('fallocate', fd, 3, 0, 4096)).toBe(0);
    expect(u.stat('/f')).toMatchObject({ size: 10000, blocks: 24 });
    u.sys('lseek', fd, 0, 0);
    const d = u.read(fd, 8192) as Uint8Array;
    expect(d[0]).toBe(0);
    expect(d[4096]).toBe(0x78);
    expect(errname(u.sys('fallocate', fd, 2, 0, 10))).toBe('EOPNOTSUPP');
    expect(errname(u.sys('fallocate', fd, 0, -1, 10))).toBe('EINVAL');
    expect(errname(u.sys('fallocate', u.open('/f', O_RDONLY), 0, 0, 10))).toBe('EBADF');
    const p = u.alloc(8);
    u.sys('pipe2', p, 0);
    expect(errname(u.sys('fallocate', u.i32(p + 4), 0, 0, 10))).toBe('ESPIPE');
  });

  it('ENOSPC when the mount is full, and nothing is taken', () => {
    const u = new UTask(fsKernel());
    u.sys('mkdir', '/m', 0o755);
    mountTmpfs(u, '/m', 'size=8k');
    const fd = u.open('/m/f', O_CREAT | O_RDWR);
    expect(errname(u.sys('fallocate', fd, 0, 0, 3 * 4096))).toBe('ENOSPC');
    expect(u.stat('/m/f')).toMatchObject({ size: 0, blocks: 0 });
    expect(u.sys('fallocate', fd, 0, 0, 8192)).toBe(0);
  });
});

describe('sendfile', () => {
  it('copies between files, from the position or from *offset', () => {
    const u = new UTask(fsKernel());
    u.put('/src', '0123456789');
    const i = u.open('/src', O_RDONLY);
    const o = u.open('/dst', O_CREAT | O_WRONLY);
    expect(u.sys('sendfile', o, i, 0, 4)).toBe(4);
    expect(u.sys('lseek', i, 0, SEEK_CUR)).toBe(4);
    const off = u.bytes(new Uint8Array(new BigInt64Array([8n]).buffer));
    expect(u.sys('sendfile', o, i, off, 100)).toBe(2);
    expect(u.sys('lseek', i, 0, SEEK_CUR)).toBe(4);
    expect(new DataView(u.peek(off, 8).buffer).getBigInt64(0, true)).toBe(10n);
    expect(u.get('/dst')).toBe('012389');
    expect(errname(u.sys('sendfile', u.open('/dst', O_WRONLY | O_APPEND), i, 0, 1))).toBe('EINVAL');
    expect(errname(u.sys('sendfile', i, o, 0, 1))).toBe('EBADF');
  });

  it('into a pipe: sleeps when full and resumes without losing or repeating bytes', () => {
    const k = fsKernel();
    const u = new UTask(k);
    u.put('/big', 'y'.repeat(70000));
    const i = u.open('/big', O_RDONLY);
    const p = u.alloc(8);
    u.sys('pipe2', p, 0);
    const [r, w] = [u.i32(p), u.i32(p + 4)];
    expect(u.sys('sendfile', w, i, 0, 70000)).toBe(SLEEP);
    const reader = new UTask(k);
    reader.t.files = u.t.files.dup();
    expect((reader.read(r, 100000) as Uint8Array).length).toBe(65536);
    expect(u.sys('sendfile', w, i, 0, 70000)).toBe(70000);
    expect((reader.read(r, 100000) as Uint8Array).length).toBe(70000 - 65536);
    expect(u.sys('lseek', i, 0, SEEK_CUR)).toBe(70000);
    void O_RDWR;
  });
});

describe('anonymous inodes', () => {
  it('share one inode, name themselves anon_inode:[…], and have no file type bits', async () => {
    const { anon_inode_getfile } = await import('../../../../emulator/kernel/fs/anon_inodes');
    const { d_path } = await import('../../../../emulator/kernel/fs/d_path');
    const u = new UTask(fsKernel());
    const a = anon_inode_getfile(u.k, '[eventfd]', { read: () => new Uint8Array([1]) }, null, O_RDWR);
    const b = anon_inode_getfile(u.k, 'inotify', {}, null, O_RDONLY);
    expect(d_path(a.path, u.t.fs.root)).toBe('anon_inode:[eventfd]');
    expect(d_path(b.path, u.t.fs.root)).toBe('anon_inode:inotify');
    expect(a.inode).toBe(b.inode);
    const fd = u.t.files.install(a, false);
    const buf = u.alloc(144);
    expect(u.sys('fstat', fd, buf)).toBe(0);
    expect(new DataView(u.peek(buf, 144).buffer).getUint32(24, true)).toBe(0o600);
    expect(u.read(fd, 8)).toEqual(new Uint8Array([1]));
    expect(errname(u.sys('lseek', fd, 0, 0))).toBe('ESPIPE');
  });
});
