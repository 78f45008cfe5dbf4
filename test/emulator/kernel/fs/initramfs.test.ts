// The initramfs: a newc cpio archive unpacked into the rootfs.

import { describe, expect, it } from 'vitest';
import { S_IFBLK, S_IFCHR, S_IFDIR, S_IFIFO, S_IFLNK, S_IFREG, makedev } from '../../../../emulator/uapi/stat';
import { build_cpio, parse_cpio, populate_rootfs } from '../../../../emulator/kernel/fs/initramfs';
import { errname, fsKernel, UTask } from './fixture';

type St = Exclude<ReturnType<UTask['stat']>, number>;

describe('initramfs', () => {
  it('unpacks directories, files, symlinks, devices and FIFOs with their modes, owners and times', () => {
    const k = fsKernel();
    const image = build_cpio([
      { name: '.', mode: S_IFDIR | 0o755, mtime: 1000 },
      { name: 'bin', mode: S_IFDIR | 0o755, mtime: 1001 },
      { name: 'bin/sh', mode: S_IFREG | 0o4755, uid: 0, gid: 0, mtime: 1002, data: '#!shell' },
      { name: 'home', mode: S_IFDIR | 0o755 },
      { name: 'home/user', mode: S_IFDIR | 0o700, uid: 1000, gid: 100, mtime: 1003 },
      { name: 'home/user/.profile', mode: S_IFREG | 0o644, uid: 1000, gid: 100, data: 'PS1=$ ' },
      { name: 'sh', mode: S_IFLNK | 0o777, data: 'bin/sh', mtime: 1004 },
      { name: 'dev', mode: S_IFDIR | 0o755 },
      { name: 'dev/null', mode: S_IFCHR | 0o666, rdev: [1, 3] },
      { name: 'dev/loop0', mode: S_IFBLK | 0o660, rdev: [7, 0], gid: 6 },
      { name: 'run', mode: S_IFDIR | 0o755 },
      { name: 'run/fifo', mode: S_IFIFO | 0o600 },
    ]);
    expect(populate_rootfs(k, image)).toBe(0);
    const u = new UTask(k);
    const s = (p: string, nofollow = false) => u.stat(p, nofollow) as St;
    expect(s('/')).toMatchObject({ mode: S_IFDIR | 0o755, mtime: 1000n * 1_000_000_000n });
    expect(s('/bin')).toMatchObject({ mode: S_IFDIR | 0o755, mtime: 1001n * 1_000_000_000n, nlink: 2 });
    expect(s('/bin/sh')).toMatchObject({ mode: S_IFREG | 0o4755, size: 7, mtime: 1002n * 1_000_000_000n, atime: 1002n * 1_000_000_000n });
    expect(u.get('/bin/sh')).toBe('#!shell');
    expect(s('/home/user')).toMatchObject({ mode: S_IFDIR | 0o700, uid: 1000, gid: 100, mtime: 1003n * 1_000_000_000n });
    expect(u.get('/home/user/.profile')).toBe('PS1=$ ');
    expect(s('/sh', true)).toMatchObject({ mode: S_IFLNK | 0o777, size: 6, mtime: 1004n * 1_000_000_000n });
    expect(u.get('/sh')).toBe('#!shell');
    expect(s('/dev/null')).toMatchObject({ mode: S_IFCHR | 0o666, rdev: makedev(1, 3) });
    expect(s('/dev/loop0')).toMatchObject({ mode: S_IFBLK | 0o660, rdev: makedev(7, 0), gid: 6 });
    expect(s('/run/fifo')).toMatchObject({ mode: S_IFIFO | 0o600 });
    // The device node works: the mem driver answers.
    expect(u.get('/dev/null')).toBe('');
  });

  it('makes later names of a multiply-linked inode hard links (data comes with the last)', () => {
    const k = fsKernel();
    const image = build_cpio([
      { name: 'a', mode: S_IFREG | 0o644, ino: 5, nlink: 2 },
      { name: 'b', mode: S_IFREG | 0o644, ino: 5, nlink: 2, data: 'shared' },
    ]);
    expect(populate_rootfs(k, image)).toBe(0);
    const u = new UTask(k);
    expect(u.get('/a')).toBe('shared');
    expect((u.stat('/a') as St).nlink).toBe(2);
    expect((u.stat('/a') as St).ino).toBe((u.stat('/b') as St).ino);
  });

  it('replaces an entry of another type, overwrites a file, accepts concatenated archives', () => {
    const k = fsKernel();
    const one = build_cpio([{ name: 'x', mode: S_IFDIR | 0o755 }, { name: 'f', mode: S_IFREG | 0o644, data: 'long first content' }]);
    const two = build_cpio([{ name: 'x', mode: S_IFREG | 0o600, data: 'now a file' }, { name: 'f', mode: S_IFREG | 0o644, data: 'short' }]);
    const image = new Uint8Array(one.length + 512 + two.length);
    image.set(one, 0);
    image.set(two, one.length + 512); // zero padding between archives
    expect(populate_rootfs(k, image)).toBe(0);
    const u = new UTask(k);
    expect(u.get('/x')).toBe('now a file');
    expect(u.get('/f')).toBe('short');
  });

  it('names are bytes: UTF-8 names survive the archive and the walk', () => {
    const k = fsKernel();
    expect(populate_rootfs(k, build_cpio([{ name: 'café', mode: S_IFREG | 0o644, data: 'crème' }]))).toBe(0);
    const u = new UTask(k);
    const name = String.fromCharCode(...new TextEncoder().encode('/café'));
    expect(u.get(name)).toBe('crème');
  });

  it('rejects junk', () => {
    const k = fsKernel();
    expect(errname(populate_rootfs(k, new TextEncoder().encode('not a cpio archive at all, just text....')))).toBe('EINVAL');
    const good = build_cpio([{ name: 'f', mode: S_IFREG | 0o644, data: 'abc' }]);
    expect(errname(populate_rootfs(k, good.subarray(0, 100)))).toBe('EINVAL');
    const bad = good.slice();
    bad[10] = 0x7a; // 'z' in a hex field
    expect(parse_cpio(bad)).toBe(-22);
  });

  it('parse_cpio reads what build_cpio writes', () => {
    const e = parse_cpio(build_cpio([{ name: 'd/e', mode: S_IFCHR | 0o600, uid: 7, gid: 8, mtime: 99, rdev: [4, 64] }])) as ReturnType<typeof parse_cpio> & object[];
    expect(e[0]).toMatchObject({ name: 'd/e', mode: S_IFCHR | 0o600, uid: 7, gid: 8, mtime: 99, rdevmajor: 4, rdevminor: 64 });
    expect(e[1]).toMatchObject({ name: 'TRAILER!!!' });
  });
});
