// Character devices: the registry, node opens dispatching by rdev, and the memory devices.

import { describe, expect, it } from 'vitest';
import { O_RDONLY, O_RDWR, O_WRONLY, SEEK_SET } from '../../../../emulator/uapi/fcntl';
import { S_IFBLK, S_IFCHR, makedev } from '../../../../emulator/uapi/stat';
import { registerChrdev } from '../../../../emulator/kernel/fs/char_dev';
import { kernel_vfs } from '../../../../emulator/kernel/fs/vfs';
import { RNDGETENTCNT } from '../../../../emulator/kernel/drivers/char/mem';
import { errname, fsKernel, UTask } from './fixture';

function withDevs(): UTask {
  const u = new UTask(fsKernel());
  u.sys('mkdir', '/dev', 0o755);
  for (const [n, minor] of [['null', 3], ['zero', 5], ['full', 7], ['random', 8], ['urandom', 9], ['mem', 1]] as const) {
    expect(u.sys('mknod', `/dev/${n}`, S_IFCHR | 0o666, makedev(1, minor))).toBe(0);
  }
  return u;
}

describe('character devices', () => {
  it('/dev/null: EOF on read, swallows writes, seeks to 0', () => {
    const u = withDevs();
    const fd = u.open('/dev/null', O_RDWR);
    expect(u.readText(fd)).toBe('');
    expect(u.write(fd, 'gone')).toBe(4);
    expect(u.sys('lseek', fd, 100, SEEK_SET)).toBe(0);
  });

  it('/dev/zero reads zeros; /dev/full refuses writes with ENOSPC', () => {
    const u = withDevs();
    const z = u.open('/dev/zero', O_RDONLY);
    expect(u.read(z, 5)).toEqual(new Uint8Array(5));
    const f = u.open('/dev/full', O_RDWR);
    expect(u.read(f, 3)).toEqual(new Uint8Array(3));
    expect(errname(u.write(f, 'x'))).toBe('ENOSPC');
  });

  it('/dev/urandom comes from the seeded generator: the same seed gives the same bytes', () => {
    const a = withDevs();
    const b = withDevs();
    const ra = a.read(a.open('/dev/urandom', O_RDONLY), 32) as Uint8Array;
    const rb = b.read(b.open('/dev/urandom', O_RDONLY), 32) as Uint8Array;
    expect(ra).toEqual(rb);
    expect(ra.some((x) => x !== 0)).toBe(true);
    const fd = a.open('/dev/random', O_RDONLY);
    const n = a.alloc(4);
    expect(a.sys('ioctl', fd, RNDGETENTCNT, n)).toBe(0);
    expect(a.i32(n)).toBe(256);
  });

  it('/dev/mem is refused; unknown numbers are ENXIO; block devices too', () => {
    const u = withDevs();
    expect(errname(u.open('/dev/mem', O_RDONLY))).toBe('EPERM');
    u.sys('mknod', '/dev/nothing', S_IFCHR | 0o666, makedev(42, 0));
    expect(errname(u.open('/dev/nothing', O_RDONLY))).toBe('ENXIO');
    u.sys('mknod', '/dev/sda', S_IFBLK | 0o660, makedev(8, 0));
    expect(errname(u.open('/dev/sda', O_RDONLY))).toBe('ENXIO');
    // stat shows the device number without opening anything
    expect(u.stat('/dev/nothing')).toMatchObject({ rdev: makedev(42, 0), size: 0 });
  });

  it('a driver registered later is found by its nodes; regions cannot overlap', () => {
    const u = withDevs();
    let opened = 0;
    const fops = {
      open: () => {
        opened++;
        return 0;
      },
      read: () => new TextEncoder().encode('from driver'),
    };
    expect(registerChrdev(u.k, 4, 0, 64, 'tty', fops)).toBe(4);
    expect(errname(registerChrdev(u.k, 4, 63, 2, 'ttyS', fops))).toBe('EBUSY');
    expect(registerChrdev(u.k, 4, 64, 4, 'ttyS', fops)).toBe(4);
    expect(registerChrdev(u.k, 0, 0, 1, 'dyn', fops)).toBe(254);
    u.sys('mknod', '/dev/tty1', S_IFCHR | 0o620, makedev(4, 1));
    const fd = u.open('/dev/tty1', O_RDWR);
    expect(opened).toBe(1);
    expect(u.readText(fd)).toBe('from driver');
    // Access mode 3: permission for both, but neither read nor write (an ioctl-only open).
    const io = u.open('/dev/tty1', O_WRONLY | O_RDWR);
    expect(io).toBeGreaterThanOrEqual(0);
    expect(errname(u.read(io, 1) as number)).toBe('EBADF');
    expect(kernel_vfs(u.k).chrdevs.list()).toEqual([[1, 'mem'], [4, 'tty'], [4, 'ttyS'], [254, 'dyn']]);
  });

  it('a nodev mount refuses device opens (EACCES)', async () => {
    const { mountTmpfs } = await import('./fixture');
    const u = withDevs();
    u.sys('mkdir', '/mnt', 0o755);
    mountTmpfs(u, '/mnt', '', 0x2 /* MNT_NODEV */);
    u.sys('mknod', '/mnt/null', S_IFCHR | 0o666, makedev(1, 3));
    expect(errname(u.open('/mnt/null', O_RDONLY))).toBe('EACCES');
  });
});
