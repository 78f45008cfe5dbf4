// devtmpfs and device nodes: every mount shows the one instance the kernel fills; nodes appear and
// go with their devices; mknod makes nodes anywhere (with CAP_MKNOD), refuses bogus types, and a
// node whose number no driver owns opens with ENXIO.

import { describe, expect, it } from 'vitest';
import { driver_init } from '../../../../emulator/kernel/base/init';
import { device_create, device_destroy } from '../../../../emulator/kernel/base/core';
import { chr_dev_init } from '../../../../emulator/kernel/drivers/char/mem';
import { sys_mount } from '../../../../emulator/kernel/fs/namespace';
import { vfs_init } from '../../../../emulator/kernel/fs/vfs_init';
import { Kernel } from '../../../../emulator/kernel/kernel';
import { O_RDONLY, O_WRONLY } from '../../../../emulator/uapi/fcntl';
import { makedev, S_IFBLK, S_IFCHR, S_IFDIR, S_IFMT } from '../../../../emulator/uapi/stat';
import { errname, UTask } from '../fs/fixture';

function machine(): { k: Kernel; u: UTask } {
  const k = new Kernel({ seed: 7, memoryBytes: 64 << 20, nrCpus: 1, bootRealtimeNs: 1_700_000_000_000_000_000, runtime: { createContext: () => null } });
  vfs_init(k);
  driver_init(k);
  chr_dev_init(k);
  const u = new UTask(k);
  for (const d of ['/dev', '/mnt']) expect(u.sys('mkdir', d, 0o755)).toBe(0);
  expect(sys_mount(u.t, u.str('devtmpfs'), u.str('/dev'), u.str('devtmpfs'), 0, 0)).toBe(0);
  return { k, u };
}

const mode = (u: UTask, p: string) => {
  const s = u.stat(p, true);
  return typeof s === 'number' ? errname(s) : s.mode;
};

describe('devtmpfs', () => {
  it('has a node per device, owned by root, with the driver\'s mode', () => {
    const { u } = machine();
    expect(mode(u, '/dev/null')).toBe(S_IFCHR | 0o666);
    expect(mode(u, '/dev/mem')).toBe(S_IFCHR | 0o600);
    expect(mode(u, '/dev/kmsg')).toBe(S_IFCHR | 0o644);
    const s = u.stat('/dev/urandom');
    expect(typeof s !== 'number' && [s.uid, s.gid, s.rdev]).toEqual([0, 0, makedev(1, 9)]);
    expect(mode(u, '/dev')).toBe(S_IFDIR | 0o755);
  });

  it('every mount is the same tree; devices added later show in all of them', () => {
    const { k, u } = machine();
    expect(sys_mount(u.t, u.str('devtmpfs'), u.str('/mnt'), u.str('devtmpfs'), 0, 0)).toBe(0);
    u.put('/dev/note', 'kept');
    expect(u.get('/mnt/note')).toBe('kept');
    const disk = device_create(k, { name: 'vdq', className: 'block', devt: makedev(252, 0), block: true, devtype: 'disk' });
    expect(mode(u, '/mnt/vdq')).toBe(S_IFBLK | 0o600);
    device_destroy(k, disk);
    expect(mode(u, '/dev/vdq')).toBe('ENOENT');
  });

  it('removing a device leaves a node root replaced with something else alone', () => {
    const { k, u } = machine();
    const d = device_create(k, { name: 'widget', className: 'misc', devt: makedev(10, 77) });
    expect(u.sys('unlink', '/dev/widget')).toBe(0);
    expect(u.sys('mknod', '/dev/widget', S_IFCHR | 0o600, makedev(1, 3))).toBe(0);
    device_destroy(k, d);
    expect(mode(u, '/dev/widget')).toBe(S_IFCHR | 0o600);
  });
});

describe('mknod and opening nodes', () => {
  it('makes nodes anywhere as root; a user without CAP_MKNOD gets EPERM (FIFOs are allowed)', () => {
    const { u } = machine();
    expect(u.sys('mknod', '/tmpnull', S_IFCHR | 0o666, makedev(1, 3))).toBe(0);
    const fd = u.open('/tmpnull', O_WRONLY);
    expect(u.write(fd, 'gone')).toBe(4);
    const user = new UTask(u.k, 1000, 1000);
    expect(u.sys('mkdir', '/home', 0o777)).toBe(0);
    expect(u.sys('chmod', '/home', 0o777)).toBe(0);
    expect(errname(user.sys('mknod', '/home/n', S_IFCHR | 0o666, makedev(1, 3)))).toBe('EPERM');
    expect(user.sys('mknod', '/home/fifo', 0o010000 | 0o644, 0)).toBe(0);
  });

  it('a bogus type is EINVAL, a directory EPERM', () => {
    const { u } = machine();
    expect(errname(u.sys('mknod', '/x', 0o170000 | 0o644, 0))).toBe('EINVAL');
    expect(errname(u.sys('mknod', '/x', 0o030000 | 0o644, 0))).toBe('EINVAL');
    expect(errname(u.sys('mknod', '/x', S_IFDIR | 0o755, 0))).toBe('EPERM');
  });

  it('a number no driver owns is ENXIO at open', () => {
    const { u } = machine();
    expect(u.sys('mknod', '/nothing', S_IFCHR | 0o600, makedev(42, 1))).toBe(0);
    expect(errname(u.open('/nothing', O_RDONLY))).toBe('ENXIO');
    const s = u.stat('/nothing');
    expect(typeof s !== 'number' && s.mode & S_IFMT).toBe(S_IFCHR);
  });
});
