// mount(2) and umount2(2): the errors in Linux's order, flags in /proc/mounts, remount,
// stacking, busy mounts.

import { describe, expect, it } from 'vitest';
import { sys_mount } from '../../../../../emulator/kernel/fs/namespace';
import {
  MNT_DETACH, MNT_EXPIRE, MS_MGC_VAL, MS_NOEXEC, MS_NOSUID, MS_PRIVATE, MS_RDONLY, MS_REMOUNT, MS_SHARED,
  MS_BIND, MS_STRICTATIME, MS_NOATIME, MS_MOVE, MS_REC, MS_SLAVE, MS_UNBINDABLE, MS_NODEV,
} from '../../../../../emulator/uapi/mount';
import { errname, mountAs, procKernel, umountAs, UTask } from './fixture';
import { genhd_device_init, type BlockDevice } from '../../../../../emulator/kernel/block/genhd';
import { sd_ram_init } from '../../../../../emulator/kernel/drivers/block/sd_ram';
import { register_filesystem, type FileSystemType } from '../../../../../emulator/kernel/fs/super';
import { shmem_fs_type } from '../../../../../emulator/kernel/fs/tmpfs';
import { kernel_vfs } from '../../../../../emulator/kernel/fs/vfs';
import { S_IFBLK, makedev } from '../../../../../emulator/uapi/stat';

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
    expect(errname(mountAs(root, '/nope', '/mnt', null, MS_BIND))).toBe('ENOENT');
    expect(errname(mountAs(root, '/file', '/mnt', null, MS_BIND))).toBe('ENOTDIR');
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

  it('accepts one propagation type on a mount point', () => {
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

describe('bind and move mounts', () => {
  it('MS_BIND shows a directory at a second place; writes through one are seen through the other', () => {
    const { root } = setup();
    root.sys('mkdir', '/src', 0o755);
    root.sys('mkdir', '/src/sub', 0o755);
    root.put('/src/sub/f', 'bound');
    expect(mountAs(root, '/src/sub', '/mnt', null, MS_BIND)).toBe(0);
    expect(root.get('/mnt/f')).toBe('bound');
    root.put('/mnt/g', 'back');
    expect(root.get('/src/sub/g')).toBe('back');
    // /proc/mounts names the source filesystem's device; mountinfo shows the directory inside it.
    expect(mountLine(root, '/mnt')[0]).toMatch(/^rootfs \/mnt rootfs rw,size=\d+k,nr_inodes=\d+ 0 0$/);
    const info = root.get('/proc/self/mountinfo').split('\n').find((l) => l.split(' ')[4] === '/mnt')!;
    expect(info).toMatch(/^\d+ 1 0:\d+ \/src\/sub \/mnt rw - rootfs rootfs rw,/);
    expect(umountAs(root, '/mnt')).toBe(0);
    expect(errname(root.open('/mnt/f', 0))).toBe('ENOENT');
  });

  it('MS_BIND alone leaves the mounts below behind; MS_BIND|MS_REC brings them along', () => {
    const { root } = setup();
    root.sys('mkdir', '/src', 0o755);
    root.sys('mkdir', '/src/in', 0o755);
    expect(mountAs(root, 'inner', '/src/in', 'tmpfs')).toBe(0);
    root.put('/src/in/f', 'inner');
    root.sys('mkdir', '/mnt/a', 0o755);
    root.sys('mkdir', '/mnt/b', 0o755);
    expect(mountAs(root, '/src', '/mnt/a', null, MS_BIND)).toBe(0);
    expect(errname(root.open('/mnt/a/in/f', 0))).toBe('ENOENT');
    expect(mountAs(root, '/src', '/mnt/b', null, MS_BIND | MS_REC)).toBe(0);
    expect(root.get('/mnt/b/in/f')).toBe('inner');
    expect(mountLine(root, '/mnt/b/in')).toEqual(['inner /mnt/b/in tmpfs rw,relatime 0 0']);
    expect(errname(umountAs(root, '/mnt/b'))).toBe('EBUSY');
    expect(umountAs(root, '/mnt/b', MNT_DETACH)).toBe(0);
    expect(root.get('/src/in/f')).toBe('inner');
  });

  it('MS_MOVE moves a mount; not below itself (ELOOP), only a mount root (EINVAL)', () => {
    const { root } = setup();
    root.sys('mkdir', '/mnt/a', 0o755);
    root.sys('mkdir', '/other', 0o755);
    expect(mountAs(root, 'mv', '/mnt/a', 'tmpfs')).toBe(0);
    root.put('/mnt/a/f', 'moved');
    root.sys('mkdir', '/mnt/a/d', 0o755);
    expect(errname(mountAs(root, '/mnt/a', '/mnt/a/d', null, MS_MOVE))).toBe('ELOOP');
    expect(errname(mountAs(root, '/mnt', '/other', null, MS_MOVE))).toBe('EINVAL');
    expect(mountAs(root, '/mnt/a', '/other', null, MS_MOVE)).toBe(0);
    expect(root.get('/other/f')).toBe('moved');
    expect(errname(root.open('/mnt/a/f', 0))).toBe('ENOENT');
    expect(mountLine(root, '/other')).toEqual(['mv /other tmpfs rw,relatime 0 0']);
  });

  it('propagation types show in mountinfo; an unbindable mount cannot be bound', () => {
    const { root } = setup();
    root.sys('mkdir', '/mnt/a', 0o755);
    root.sys('mkdir', '/mnt/b', 0o755);
    expect(mountAs(root, 'p', '/mnt/a', 'tmpfs')).toBe(0);
    const field = () => root.get('/proc/self/mountinfo').split('\n').find((l) => l.split(' ')[4] === '/mnt/a')!.split(' - ')[0]!.split(' ').slice(6).join(' ');
    expect(field()).toBe('');
    expect(mountAs(root, null, '/mnt/a', null, MS_SHARED)).toBe(0);
    expect(field()).toMatch(/^shared:\d+$/);
    const group = field().split(':')[1];
    expect(mountAs(root, null, '/mnt/a', null, MS_SLAVE)).toBe(0);
    expect(field()).toBe(`master:${group}`);
    expect(mountAs(root, null, '/mnt/a', null, MS_UNBINDABLE)).toBe(0);
    expect(field()).toBe('unbindable');
    expect(errname(mountAs(root, '/mnt/a', '/mnt/b', null, MS_BIND))).toBe('EINVAL');
  });

  it('mounts and unmounts under a shared mount propagate to its peers and slaves, not back from a slave', () => {
    const { root } = setup();
    for (const d of ['/mnt/a', '/mnt/b', '/mnt/c', '/mnt/p']) root.sys('mkdir', d, 0o755);
    expect(mountAs(root, 'src', '/mnt/a', 'tmpfs')).toBe(0);
    expect(mountAs(root, null, '/mnt/a', null, MS_SHARED)).toBe(0);
    expect(mountAs(root, '/mnt/a', '/mnt/b', null, MS_BIND)).toBe(0);
    expect(mountAs(root, '/mnt/a', '/mnt/c', null, MS_BIND)).toBe(0);
    expect(mountAs(root, null, '/mnt/c', null, MS_SLAVE)).toBe(0);
    expect(mountAs(root, 'src2', '/mnt/p', 'tmpfs')).toBe(0); // private: receives nothing
    root.sys('mkdir', '/mnt/a/sub', 0o755);
    expect(mountAs(root, 'inner', '/mnt/a/sub', 'tmpfs')).toBe(0);
    root.put('/mnt/a/sub/f', 'x');
    expect(root.get('/mnt/b/sub/f')).toBe('x');
    expect(root.get('/mnt/c/sub/f')).toBe('x');
    const info = () => root.get('/proc/self/mountinfo').split('\n').filter((l) => l.includes('/sub ')).map((l) => l.split(' ').slice(4, 7).join(' '));
    expect(info()).toEqual(['/mnt/a/sub rw,relatime shared:2', '/mnt/b/sub rw,relatime shared:2', '/mnt/c/sub rw,relatime master:2']);
    // A mount under the slave stays there.
    root.sys('mkdir', '/mnt/c/s2', 0o755);
    expect(mountAs(root, 'own', '/mnt/c/s2', 'tmpfs')).toBe(0);
    expect(mountLine(root, '/mnt/a/s2')).toEqual([]);
    // Unmounting through a peer takes the copies away too.
    expect(umountAs(root, '/mnt/b/sub')).toBe(0);
    expect(info()).toEqual([]);
  });

  it('a remount with filesystem options resizes a tmpfs, but not below what it holds', () => {
    const { root } = setup();
    expect(mountAs(root, 'none', '/mnt', 'tmpfs', 0, 'size=8k')).toBe(0);
    root.put('/mnt/f', 'x'.repeat(6000));
    expect(errname(mountAs(root, null, '/mnt', null, MS_REMOUNT, 'size=4k'))).toBe('EINVAL');
    expect(errname(mountAs(root, null, '/mnt', null, MS_REMOUNT, 'colour=blue'))).toBe('EINVAL');
    expect(mountAs(root, null, '/mnt', null, MS_REMOUNT, 'size=16k')).toBe(0);
    expect(mountLine(root, '/mnt')[0]).toBe('none /mnt tmpfs rw,relatime,size=16k 0 0');
  });

  it('a remount that names no atime flag keeps the old one', () => {
    const { root } = setup();
    expect(mountAs(root, 'none', '/mnt', 'tmpfs', MS_NOATIME)).toBe(0);
    expect(mountAs(root, null, '/mnt', null, MS_REMOUNT | MS_NODEV)).toBe(0);
    expect(mountLine(root, '/mnt')[0]).toBe('none /mnt tmpfs rw,nodev,noatime 0 0');
  });
});

describe('/proc/<pid>/mountinfo', () => {
  it('has the fields of Linux: ids, st_dev, root, mount point, options, "-", type, source, superblock options', () => {
    const { root } = setup();
    expect(mountAs(root, 'tmpfs', '/mnt', 'tmpfs', MS_NOSUID | MS_NODEV | MS_RDONLY, 'size=64k')).toBe(0);
    const lines = root.get('/proc/self/mountinfo').split('\n').filter(Boolean);
    const mounts = root.get('/proc/self/mounts').split('\n').filter(Boolean);
    expect(lines.length).toBe(mounts.length);
    const re = /^(\d+) (\d+) (\d+):(\d+) (\S+) (\S+) (\S+)((?: \S+:\d+| unbindable)*) - (\S+) (\S+) (\S+)$/;
    for (const l of lines) expect(l).toMatch(re);
    const rootLine = lines[0]!.match(re)!;
    expect(rootLine[1]).toBe(rootLine[2]); // the namespace root is its own parent
    const mnt = lines.find((l) => l.split(' ')[4] === '/mnt')!.match(re)!;
    const st = root.stat('/mnt') as { dev: number };
    expect(`${mnt[3]}:${mnt[4]}`).toBe(`${st.dev >>> 8}:${st.dev & 0xff}`);
    expect(mnt.slice(5)).toEqual(['/', '/mnt', 'ro,nosuid,nodev,relatime', '', 'tmpfs', 'tmpfs', 'ro,size=64k']);
    const procLine = lines.find((l) => l.split(' ')[4] === '/proc')!;
    expect(procLine).toMatch(/^\d+ 1 0:\d+ \/ \/proc rw,relatime - proc proc rw$/);
  });
});

describe('filesystems on block devices (FS_REQUIRES_DEV)', () => {
  it('the source must be a block device node with a disk behind it', () => {
    const { k, root } = setup();
    genhd_device_init(k);
    sd_ram_init(k);
    let got: BlockDevice | undefined;
    const blkfs: FileSystemType = {
      name: 'blkfs',
      requiresDev: true,
      mount(vfs, dev, flags, data, bdev) {
        got = bdev;
        return shmem_fs_type.mount(vfs, dev, flags, data);
      },
    };
    register_filesystem(kernel_vfs(k), blkfs);
    root.sys('mkdir', '/dev', 0o755);
    root.sys('mknod', '/dev/sda1', S_IFBLK | 0o600, makedev(8, 1));
    root.sys('mknod', '/dev/sdz', S_IFBLK | 0o600, makedev(8, 9));
    expect(errname(mountAs(root, '/file', '/mnt', 'blkfs'))).toBe('ENOTBLK');
    expect(errname(mountAs(root, '/nope', '/mnt', 'blkfs'))).toBe('ENOENT');
    expect(errname(mountAs(root, null, '/mnt', 'blkfs'))).toBe('EINVAL');
    expect(errname(mountAs(root, '/dev/sdz', '/mnt', 'blkfs'))).toBe('ENXIO');
    expect(mountAs(root, '/dev/sda1', '/mnt', 'blkfs', MS_RDONLY)).toBe(0);
    expect(got?.name).toBe('sda1');
    expect(mountLine(root, '/mnt')[0]).toMatch(/^\/dev\/sda1 \/mnt tmpfs ro,relatime/); // the test type borrows tmpfs superblocks
  });
});
