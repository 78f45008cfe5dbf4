// mount(2) and umount2(2): the errors in Linux's order, flags in /proc/mounts, remount,
// stacking, busy mounts.

import { describe, expect, it } from 'vitest';
import { sys_mount } from '../../../../../emulator/kernel/fs/namespace';
import {
  MNT_DETACH, MNT_EXPIRE, MS_MGC_VAL, MS_NOEXEC, MS_NOSUID, MS_PRIVATE, MS_RDONLY, MS_REMOUNT, MS_SHARED,
  MS_BIND, MS_STRICTATIME, MS_NOATIME,
} from '../../../../../emulator/uapi/mount';
import { errname, mountAs, procKernel, umountAs, UTask } from './fixture';

const O_WRONLY = 1, O_CREAT = 0o100;

function setup() {
  const { k, root } = procKernel();
  root.sys('mkdir', '/mnt', 0o755);
  root.put('/file', 'x');
  return { k, root };
}

const mountLine = (u: UTask, where: string) => u.get('/proc/mounts').split('\n').filter((l) => l.split(' ')[1] === where);

describe('mount(2)', () => {
  it('checks the target before the privilege, then the type', () => {
    const { k, root } = setup();
    const user = new UTask(k, 1000, 1000);
    expect(errname(mountAs(user, 'none', '/nope', 'tmpfs'))).toBe('ENOENT');
    expect(errname(mountAs(user, 'none', '/mnt', 'tmpfs'))).toBe('EPERM');
    expect(errname(mountAs(root, 'none', '/mnt', 'nosuchfs'))).toBe('ENODEV');
    expect(errname(mountAs(root, 'none', '/mnt', null))).toBe('EINVAL');
    expect(errname(mountAs(root, 'none', '/file', 'tmpfs'))).toBe('ENOTDIR');
    expect(errname(mountAs(root, 'none', '/file/x', 'tmpfs'))).toBe('ENOTDIR');
    expect(errname(mountAs(root, 'none', '/mnt', 'tmpfs', 0, 'bogus=1'))).toBe('EINVAL');
    expect(errname(mountAs(root, 'proc', '/mnt', 'proc', 0, 'hidepid=2'))).toBe('EINVAL');
    expect(errname(sys_mount(root.t, 0, 0x5000, root.str('tmpfs'), 0, 0))).toBe('EFAULT');
    expect(errname(mountAs(root, '/mnt', '/mnt', null, MS_BIND))).toBe('EINVAL');
    expect(mountLine(root, '/mnt')).toEqual([]);
  });

  it('mounts a tmpfs with per-mount flags, shown as in /proc/mounts on Linux', () => {
    const { root } = setup();
    expect(mountAs(root, 'tmpfs', '/mnt', 'tmpfs', MS_NOSUID | MS_NOEXEC | MS_MGC_VAL, 'size=64k,mode=755')).toBe(0);
    expect(mountLine(root, '/mnt')).toEqual(['tmpfs /mnt tmpfs rw,nosuid,noexec,relatime,size=64k,mode=755 0 0']);
    root.put('/mnt/f', 'data');
    expect(root.get('/mnt/f')).toBe('data');
  });

  it('noatime and strictatime change the atime flag; MS_RDONLY makes it read-only', () => {
    const { root } = setup();
    root.sys('mkdir', '/mnt/a', 0o755);
    root.sys('mkdir', '/mnt/b', 0o755);
    expect(mountAs(root, 'none', '/mnt/a', 'tmpfs', MS_NOATIME)).toBe(0);
    expect(mountAs(root, 'none', '/mnt/b', 'tmpfs', MS_STRICTATIME | MS_RDONLY)).toBe(0);
    expect(mountLine(root, '/mnt/a')[0]).toBe('none /mnt/a tmpfs rw,noatime 0 0');
    expect(mountLine(root, '/mnt/b')[0]).toBe('none /mnt/b tmpfs ro 0 0');
    expect(errname(root.open('/mnt/b/f', O_WRONLY | O_CREAT))).toBe('EROFS');
  });

  it('remounts read-only and back; only a mount point can be remounted', () => {
    const { root } = setup();
    expect(mountAs(root, 'none', '/mnt', 'tmpfs')).toBe(0);
    expect(mountAs(root, null, '/mnt', null, MS_REMOUNT | MS_RDONLY)).toBe(0);
    expect(mountLine(root, '/mnt')[0]).toMatch(/^none \/mnt tmpfs ro,relatime/);
    expect(errname(root.open('/mnt/f', O_WRONLY | O_CREAT))).toBe('EROFS');
    expect(mountAs(root, null, '/mnt', null, MS_REMOUNT)).toBe(0);
    expect(root.open('/mnt/f', O_WRONLY | O_CREAT)).toBeGreaterThanOrEqual(0);
    root.sys('mkdir', '/mnt/sub', 0o755);
    expect(errname(mountAs(root, null, '/mnt/sub', null, MS_REMOUNT))).toBe('EINVAL');
  });

  it('accepts one propagation type on a mount point (a no-op with one namespace)', () => {
    const { root } = setup();
    expect(mountAs(root, null, '/', null, MS_PRIVATE)).toBe(0);
    expect(errname(mountAs(root, null, '/', null, MS_PRIVATE | MS_SHARED))).toBe('EINVAL');
    expect(errname(mountAs(root, null, '/mnt', null, MS_PRIVATE))).toBe('EINVAL');
  });

  it('stacks mounts; the top one is what the path shows', () => {
    const { root } = setup();
    expect(mountAs(root, 'one', '/mnt', 'tmpfs')).toBe(0);
    root.put('/mnt/which', 'one');
    expect(mountAs(root, 'two', '/mnt', 'tmpfs')).toBe(0);
    expect(errname(root.open('/mnt/which', 0))).toBe('ENOENT');
    expect(mountLine(root, '/mnt').map((l) => l.split(' ')[0])).toEqual(['one', 'two']);
    expect(umountAs(root, '/mnt')).toBe(0);
    expect(root.get('/mnt/which')).toBe('one');
  });

  it('each mount of proc is its own instance', () => {
    const { root } = setup();
    expect(mountAs(root, 'proc', '/mnt', 'proc')).toBe(0);
    expect(root.get('/mnt/self/status')).toContain('\nPid:\t1\n');
    const a = root.stat('/mnt');
    const b = root.stat('/proc');
    expect(typeof a !== 'number' && typeof b !== 'number' && a.dev !== b.dev).toBe(true);
  });
});

describe('umount2(2)', () => {
  it('refuses what is not a mount point, unknown flags, and non-root callers', () => {
    const { k, root } = setup();
    const user = new UTask(k, 1000, 1000);
    expect(errname(umountAs(root, '/mnt'))).toBe('EINVAL');
    expect(errname(umountAs(root, '/proc', 0x100))).toBe('EINVAL');
    expect(errname(umountAs(user, '/proc'))).toBe('EPERM');
    expect(errname(umountAs(root, '/nope'))).toBe('ENOENT');
    expect(errname(umountAs(root, '/'))).toBe('EBUSY');
  });

  it('is EBUSY while a task works inside or holds a file open there', () => {
    const { k, root } = setup();
    expect(mountAs(root, 'none', '/mnt', 'tmpfs')).toBe(0);
    const u = new UTask(k);
    expect(u.sys('chdir', '/mnt')).toBe(0);
    expect(errname(umountAs(root, '/mnt'))).toBe('EBUSY');
    expect(u.sys('chdir', '/')).toBe(0);
    const fd = u.open('/mnt/f', O_WRONLY | O_CREAT);
    expect(errname(umountAs(root, '/mnt'))).toBe('EBUSY');
    u.sys('close', fd);
    expect(umountAs(root, '/mnt')).toBe(0);
    expect(mountLine(root, '/mnt')).toEqual([]);
  });

  it('MNT_DETACH takes a whole tree away; MNT_EXPIRE needs to be asked twice', () => {
    const { root } = setup();
    expect(mountAs(root, 'none', '/mnt', 'tmpfs')).toBe(0);
    root.sys('mkdir', '/mnt/in', 0o755);
    expect(mountAs(root, 'inner', '/mnt/in', 'tmpfs')).toBe(0);
    expect(errname(umountAs(root, '/mnt'))).toBe('EBUSY');
    expect(umountAs(root, '/mnt', MNT_DETACH)).toBe(0);
    expect(root.get('/proc/mounts')).not.toMatch(/\/mnt/);
    expect(mountAs(root, 'none', '/mnt', 'tmpfs')).toBe(0);
    expect(errname(umountAs(root, '/mnt', MNT_EXPIRE))).toBe('EAGAIN');
    expect(umountAs(root, '/mnt', MNT_EXPIRE)).toBe(0);
  });

  it('unmounting /proc leaves the empty directory beneath', () => {
    const { root } = setup();
    expect(umountAs(root, '/proc')).toBe(0);
    expect(errname(root.open('/proc/self/stat', 0))).toBe('ENOENT');
  });
});
