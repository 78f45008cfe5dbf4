// The block layer: the RAM disk sda and its MBR partitions, byte-granular I/O on block device
// nodes, the BLK* ioctls, /proc/partitions' text, and loop devices over a tmpfs file.

import { describe, expect, it } from 'vitest';
import { O_RDONLY, O_RDWR, SEEK_END, SEEK_SET } from '../../../../emulator/uapi/fcntl';
import { S_IFBLK, S_IFCHR, makedev } from '../../../../emulator/uapi/stat';
import {
  BLKGETSIZE, BLKGETSIZE64, BLKPBSZGET, BLKROGET, BLKROSET, BLKRRPART, BLKSSZGET,
} from '../../../../emulator/uapi/fs';
import {
  LO_FLAGS_AUTOCLEAR, LO_FLAGS_PARTSCAN, LO_FLAGS_READ_ONLY, LOOP_CLR_FD, LOOP_CONFIG, LOOP_CONFIGURE,
  LOOP_CTL_ADD, LOOP_CTL_GET_FREE, LOOP_CTL_REMOVE, LOOP_GET_STATUS64, LOOP_INFO64, LOOP_SET_FD, LOOP_SET_STATUS64,
} from '../../../../emulator/uapi/loop';
import { all_bdevs, blkdev_show, genhd_device_init, partitions_proc_show } from '../../../../emulator/kernel/block/genhd';
import { loop_init } from '../../../../emulator/kernel/drivers/block/loop';
import { make_mbr, sd_ram_init, SparseDisk } from '../../../../emulator/kernel/drivers/block/sd_ram';
import { BAD_ADDR, errname, fsKernel, UTask } from '../fs/fixture';
import { shmem_fs_type } from '../../../../emulator/kernel/fs/tmpfs';
import { do_new_mount, kernel_vfs } from '../../../../emulator/kernel/fs/vfs';
import { LOOKUP_FOLLOW, path_lookupat } from '../../../../emulator/kernel/fs/namei';
import { sys_umount2 } from '../../../../emulator/kernel/fs/namespace';
import { AT_FDCWD } from '../../../../emulator/uapi/fcntl';

function machine(): UTask {
  const k = fsKernel();
  genhd_device_init(k);
  loop_init(k);
  sd_ram_init(k);
  const u = new UTask(k);
  u.sys('mkdir', '/dev', 0o755);
  const nodes: [string, number, number][] = [['sda', 8, 0], ['sda1', 8, 1], ['sda2', 8, 2], ['sda3', 8, 3], ['loop0', 7, 0], ['loop1', 7, 1]];
  for (const [n, ma, mi] of nodes) expect(u.sys('mknod', `/dev/${n}`, S_IFBLK | 0o660, makedev(ma, mi))).toBe(0);
  expect(u.sys('mknod', '/dev/loop-control', S_IFCHR | 0o600, makedev(10, 237))).toBe(0);
  return u;
}

/** ioctl with an 8-byte out buffer; the result and the u64 / i32 it holds. */
function ioctlOut(u: UTask, fd: number, cmd: number): { r: number; u64: number; i32: number } {
  const buf = u.alloc(8);
  const r = u.sys('ioctl', fd, cmd, buf);
  const v = new DataView(u.peek(buf, 8).buffer);
  return { r, u64: Number(v.getBigUint64(0, true)), i32: v.getInt32(0, true) };
}

describe('sda, the RAM disk', () => {
  it('has an MBR with two partitions, found at boot: /proc/partitions as Linux prints it', () => {
    const u = machine();
    expect(partitions_proc_show(u.k)).toBe(
      'major minor  #blocks  name\n\n' +
      '   8        0      65536 sda\n' +
      '   8        1      32768 sda1\n' +
      '   8        2      31744 sda2\n',
    );
    expect(u.k.log.records.map((r) => r.text)).toContain(' sda: sda1 sda2');
    // Empty loop devices are not listed, but their major is registered.
    expect(blkdev_show(u.k)).toBe('  7 loop\n  8 sd\n259 blkext\n');
  });

  it('reads the MBR signature at bytes 510-511 and the partition entry', () => {
    const u = machine();
    const fd = u.open('/dev/sda', O_RDONLY);
    expect(fd).toBeGreaterThanOrEqual(0);
    const mbr = u.read(fd, 512) as Uint8Array;
    expect(mbr.length).toBe(512);
    expect([mbr[510], mbr[511]]).toEqual([0x55, 0xaa]);
    expect(mbr[446 + 4]).toBe(0x83);
    expect(new DataView(mbr.buffer).getUint32(446 + 8, true)).toBe(2048);
  });

  it('reads and writes at byte granularity, across sectors, and a partition is an offset into the disk', () => {
    const u = machine();
    const p1 = u.open('/dev/sda1', O_RDWR);
    expect(u.sys('lseek', p1, 510, SEEK_SET)).toBe(510);
    expect(u.write(p1, 'hello, sectors')).toBe(14);
    const disk = u.open('/dev/sda', O_RDONLY);
    expect(u.sys('lseek', disk, 2048 * 512 + 510, SEEK_SET)).toBe(2048 * 512 + 510);
    expect(u.readText(disk, 14)).toBe('hello, sectors');
    // The bytes around the write are untouched (zeros).
    expect(u.sys('lseek', disk, 2048 * 512 + 500, SEEK_SET)).toBeGreaterThan(0);
    expect(u.read(disk, 10)).toEqual(new Uint8Array(10));
  });

  it('lseek SEEK_END is the size; reads stop at the end; writes there are ENOSPC', () => {
    const u = machine();
    const fd = u.open('/dev/sda2', O_RDWR);
    expect(u.sys('lseek', fd, 0, SEEK_END)).toBe(31744 * 1024);
    expect(u.read(fd, 100)).toEqual(new Uint8Array(0));
    expect(errname(u.write(fd, 'x'))).toBe('ENOSPC');
    expect(u.sys('lseek', fd, -3, SEEK_END)).toBe(31744 * 1024 - 3);
    expect(u.write(fd, 'abcdef')).toBe(3);
    expect(u.sys('fsync', fd)).toBe(0);
  });

  it('the BLK ioctls: sizes, sector sizes, the read-only flag, re-reading partitions', () => {
    const u = machine();
    const fd = u.open('/dev/sda', O_RDWR);
    expect(ioctlOut(u, fd, BLKGETSIZE64)).toMatchObject({ r: 0, u64: 64 << 20 });
    expect(ioctlOut(u, fd, BLKGETSIZE)).toMatchObject({ r: 0, u64: 131072 });
    expect(ioctlOut(u, fd, BLKSSZGET)).toMatchObject({ r: 0, i32: 512 });
    expect(ioctlOut(u, fd, BLKPBSZGET)).toMatchObject({ r: 0, i32: 512 });
    expect(ioctlOut(u, fd, BLKROGET)).toMatchObject({ r: 0, i32: 0 });
    const one = u.alloc(4);
    u.t.mm!.writeFrom(one, new Uint8Array([1, 0, 0, 0]));
    expect(u.sys('ioctl', fd, BLKROSET, one)).toBe(0);
    expect(ioctlOut(u, fd, BLKROGET).i32).toBe(1);
    expect(errname(u.write(fd, 'x'))).toBe('EPERM');
    // A partition of a read-only disk is read-only too.
    const p1 = u.open('/dev/sda1', O_RDWR);
    expect(ioctlOut(u, p1, BLKROGET).i32).toBe(1);
    // BLKRRPART: EINVAL on a partition, EBUSY while a partition is open, fine once closed.
    expect(errname(u.sys('ioctl', p1, BLKRRPART, 0))).toBe('EINVAL');
    expect(errname(u.sys('ioctl', fd, BLKRRPART, 0))).toBe('EBUSY');
    u.sys('close', p1);
    expect(u.sys('ioctl', fd, BLKRRPART, 0)).toBe(0);
    expect(errname(u.sys('ioctl', fd, 0x5401 /* TCGETS */, u.alloc(64)))).toBe('ENOTTY');
    // Unprivileged: BLKROSET and BLKRRPART need CAP_SYS_ADMIN (EACCES).
    u.t.cred.euid = u.t.cred.fsuid = 1000;
    expect(errname(u.sys('ioctl', fd, BLKROSET, one))).toBe('EACCES');
  });

  it('a node with no disk behind it is ENXIO (sda3 has no partition)', () => {
    const u = machine();
    expect(errname(u.open('/dev/sda3', O_RDONLY))).toBe('ENXIO');
  });

  it('the RAM is sparse: only written pages use memory, zeros do not', () => {
    const d = new SparseDisk();
    d.write(8, new Uint8Array(4096));
    expect(d.bytesUsed).toBe(0);
    d.write(9, new Uint8Array(512).fill(7));
    expect(d.bytesUsed).toBe(4096);
    const b = new Uint8Array(1024);
    d.read(8, b);
    expect(b[0]).toBe(0);
    expect(b[512]).toBe(7);
  });
});

/** struct loop_config for LOOP_CONFIGURE. */
function loopConfig(u: UTask, fd: number, flags: number, name: string, offset = 0): number {
  const b = new Uint8Array(LOOP_CONFIG.size);
  const v = new DataView(b.buffer);
  v.setUint32(LOOP_CONFIG.fd, fd, true);
  v.setBigUint64(LOOP_CONFIG.info + LOOP_INFO64.lo_offset, BigInt(offset), true);
  v.setUint32(LOOP_CONFIG.info + LOOP_INFO64.lo_flags, flags, true);
  b.set(new TextEncoder().encode(name), LOOP_CONFIG.info + LOOP_INFO64.lo_file_name);
  return u.bytes(b);
}

function status64(u: UTask, fd: number): { r: number; flags: number; name: string; offset: number; number: number; inode: number } {
  const buf = u.alloc(LOOP_INFO64.size);
  const r = u.sys('ioctl', fd, LOOP_GET_STATUS64, buf);
  const b = u.peek(buf, LOOP_INFO64.size);
  const v = new DataView(b.buffer);
  const nameBytes = b.subarray(LOOP_INFO64.lo_file_name, LOOP_INFO64.lo_file_name + 64);
  return {
    r,
    flags: v.getUint32(LOOP_INFO64.lo_flags, true),
    number: v.getUint32(LOOP_INFO64.lo_number, true),
    offset: Number(v.getBigUint64(LOOP_INFO64.lo_offset, true)),
    inode: Number(v.getBigUint64(LOOP_INFO64.lo_inode, true)),
    name: new TextDecoder().decode(nameBytes.subarray(0, nameBytes.indexOf(0))),
  };
}

describe('loop devices', () => {
  it('LOOP_SET_FD: the device reads the file\'s bytes, writes go to the file, LOOP_CLR_FD detaches', () => {
    const u = machine();
    u.put('/img', 'hello loop' + '\0'.repeat(2048 - 10));
    const img = u.open('/img', O_RDWR);
    const lo = u.open('/dev/loop0', O_RDWR);
    expect(errname(status64(u, lo).r)).toBe('ENXIO');
    expect(u.sys('ioctl', lo, LOOP_SET_FD, img)).toBe(0);
    expect(errname(u.sys('ioctl', lo, LOOP_SET_FD, img))).toBe('EBUSY');
    expect(ioctlOut(u, lo, BLKGETSIZE64).u64).toBe(2048);
    expect(partitions_proc_show(u.k)).toContain('   7        0          2 loop0\n');
    expect(u.readText(lo, 10)).toBe('hello loop');
    expect(u.sys('lseek', lo, 1024, SEEK_SET)).toBe(1024);
    expect(u.write(lo, 'through')).toBe(7);
    expect(u.get('/img').slice(1024, 1031)).toBe('through');
    const st = status64(u, lo);
    expect(st).toMatchObject({ r: 0, number: 0, flags: 0, name: '' });
    expect(st.inode).toBe((u.stat('/img') as { ino: number }).ino);
    expect(u.k.log.records.map((r) => r.text)).toContain('loop0: detected capacity change from 0 to 4');
    expect(u.sys('ioctl', lo, LOOP_CLR_FD, 0)).toBe(0);
    expect(errname(u.sys('ioctl', lo, LOOP_CLR_FD, 0))).toBe('ENXIO');
    expect(ioctlOut(u, lo, BLKGETSIZE64).u64).toBe(0);
    expect(partitions_proc_show(u.k)).not.toContain('loop0');
  });

  it('a read-only file, or a loop device open read-only, makes a read-only device', () => {
    const u = machine();
    u.put('/img', 'x'.repeat(1024));
    const img = u.open('/img', O_RDONLY);
    const lo = u.open('/dev/loop1', O_RDWR);
    expect(u.sys('ioctl', lo, LOOP_SET_FD, img)).toBe(0);
    expect(status64(u, lo).flags).toBe(LO_FLAGS_READ_ONLY);
    expect(ioctlOut(u, lo, BLKROGET).i32).toBe(1);
    expect(errname(u.write(lo, 'y'))).toBe('EPERM');
  });

  it('bad backing files: not a descriptor (EBADF), a directory (EINVAL), itself (EBADF)', () => {
    const u = machine();
    const lo = u.open('/dev/loop0', O_RDWR);
    expect(errname(u.sys('ioctl', lo, LOOP_SET_FD, 99))).toBe('EBADF');
    const dir = u.open('/dev', O_RDONLY);
    expect(errname(u.sys('ioctl', lo, LOOP_SET_FD, dir))).toBe('EINVAL');
    expect(errname(u.sys('ioctl', lo, LOOP_SET_FD, lo))).toBe('EBADF');
    expect(errname(u.sys('ioctl', lo, 0x4cff, 0))).toBe('EINVAL');
  });

  it('LOOP_CONFIGURE with a name, an offset and PARTSCAN finds an MBR inside the file (partitions on major 259)', () => {
    const u = machine();
    const img = u.open('/img', 0o102 /* O_RDWR|O_CREAT */, 0o644);
    // 4 KiB of header, then a 64-sector "disk" with one partition at sector 8 of 32 sectors.
    u.sys('ftruncate', img, 4096 + 64 * 512);
    u.sys('lseek', img, 4096, SEEK_SET);
    u.write(img, make_mbr(1, [[8, 32]]));
    const lo = u.open('/dev/loop0', O_RDWR);
    expect(u.sys('ioctl', lo, LOOP_CONFIGURE, loopConfig(u, img, LO_FLAGS_PARTSCAN, '/img', 4096))).toBe(0);
    expect(status64(u, lo)).toMatchObject({ r: 0, name: '/img', offset: 4096, flags: LO_FLAGS_PARTSCAN });
    expect(ioctlOut(u, lo, BLKGETSIZE64).u64).toBe(64 * 512);
    expect(partitions_proc_show(u.k)).toContain('   7        0         32 loop0\n 259        0         16 loop0p1\n');
    expect(all_bdevs(u.k).map((b) => b.name)).toContain('loop0p1');
    // Unknown flags are refused.
    const lo1 = u.open('/dev/loop1', O_RDWR);
    expect(errname(u.sys('ioctl', lo1, LOOP_CONFIGURE, loopConfig(u, img, 0x1000, 'x')))).toBe('EINVAL');
  });

  it('LOOP_SET_STATUS64 sets AUTOCLEAR; the last close then detaches', () => {
    const u = machine();
    u.put('/img', 'z'.repeat(4096));
    const img = u.open('/img', O_RDWR);
    const lo = u.open('/dev/loop0', O_RDWR);
    expect(u.sys('ioctl', lo, LOOP_SET_FD, img)).toBe(0);
    const info = new Uint8Array(LOOP_INFO64.size);
    new DataView(info.buffer).setUint32(LOOP_INFO64.lo_flags, LO_FLAGS_AUTOCLEAR | LO_FLAGS_READ_ONLY, true);
    expect(u.sys('ioctl', lo, LOOP_SET_STATUS64, u.bytes(info))).toBe(0);
    // READ_ONLY cannot be set this way; AUTOCLEAR can.
    expect(status64(u, lo).flags).toBe(LO_FLAGS_AUTOCLEAR);
    u.sys('close', lo);
    const again = u.open('/dev/loop0', O_RDONLY);
    expect(errname(status64(u, again).r)).toBe('ENXIO');
  });

  it('/dev/loop-control: GET_FREE, ADD, REMOVE', () => {
    const u = machine();
    const ctl = u.open('/dev/loop-control', O_RDWR);
    expect(u.sys('ioctl', ctl, LOOP_CTL_GET_FREE, 0)).toBe(0);
    u.put('/img', 'q'.repeat(512));
    const img = u.open('/img', O_RDWR);
    const lo = u.open('/dev/loop0', O_RDWR);
    u.sys('ioctl', lo, LOOP_SET_FD, img);
    expect(u.sys('ioctl', ctl, LOOP_CTL_GET_FREE, 0)).toBe(1);
    expect(errname(u.sys('ioctl', ctl, LOOP_CTL_ADD, 3))).toBe('EEXIST');
    expect(u.sys('ioctl', ctl, LOOP_CTL_ADD, 12)).toBe(12);
    expect(errname(u.sys('ioctl', ctl, LOOP_CTL_REMOVE, 0))).toBe('EBUSY');
    expect(u.sys('ioctl', ctl, LOOP_CTL_REMOVE, 12)).toBe(0);
    expect(errname(u.sys('ioctl', ctl, LOOP_CTL_REMOVE, 12))).toBe('ENODEV');
    expect(errname(u.sys('ioctl', ctl, 0x1234, 0))).toBe('ENOSYS');
  });
});

describe('bad input', () => {
  it('ioctls with a bad pointer are EFAULT, never an exception', () => {
    const u = machine();
    const fd = u.open('/dev/sda', O_RDWR);
    for (const cmd of [BLKGETSIZE64, BLKGETSIZE, BLKSSZGET, BLKROGET, BLKROSET, BLKPBSZGET]) expect(errname(u.sys('ioctl', fd, cmd, BAD_ADDR))).toBe('EFAULT');
    const lo = u.open('/dev/loop0', O_RDWR);
    for (const cmd of [LOOP_CONFIGURE, LOOP_SET_STATUS64]) expect(errname(u.sys('ioctl', lo, cmd, BAD_ADDR))).toBe('EFAULT');
    u.put('/img', 'x'.repeat(512));
    const img = u.open('/img', O_RDWR);
    expect(u.sys('ioctl', lo, LOOP_SET_FD, img)).toBe(0);
    expect(errname(u.sys('ioctl', lo, LOOP_GET_STATUS64, BAD_ADDR))).toBe('EFAULT');
    expect(errname(u.sys('read', fd, BAD_ADDR, 512))).toBe('EFAULT');
  });

  it('pread and pwrite work at any offset; reads past the end are empty', () => {
    const u = machine();
    const fd = u.open('/dev/sda2', O_RDWR);
    expect(u.sys('pwrite64', fd, u.bytes('abc'), 3, 1000)).toBe(3);
    const buf = u.alloc(8);
    expect(u.sys('pread64', fd, buf, 3, 1000)).toBe(3);
    expect(u.peekStr(buf, 3)).toBe('abc');
    expect(u.sys('pread64', fd, buf, 8, 31744 * 1024)).toBe(0);
    expect(u.sys('lseek', fd, 0, SEEK_SET)).toBe(0);
  });

  it('the mount a backing file lives on stays busy until the loop device lets go', () => {
    const u = machine();
    u.sys('mkdir', '/mnt', 0o755);
    const where = path_lookupat(u.t, AT_FDCWD, '/mnt', LOOKUP_FOLLOW);
    if (typeof where === 'number') throw new Error(errname(where));
    expect(typeof do_new_mount(kernel_vfs(u.k), shmem_fs_type, 'tmpfs', 0, '', where)).not.toBe('number');
    u.put('/mnt/img', 'y'.repeat(1024));
    const img = u.open('/mnt/img', O_RDWR);
    const lo = u.open('/dev/loop0', O_RDWR);
    expect(u.sys('ioctl', lo, LOOP_SET_FD, img)).toBe(0);
    u.sys('close', img);
    expect(errname(sys_umount2(u.t, u.str('/mnt'), 0))).toBe('EBUSY');
    expect(u.sys('ioctl', lo, LOOP_CLR_FD, 0)).toBe(0);
    expect(sys_umount2(u.t, u.str('/mnt'), 0)).toBe(0);
  });
});

describe('fuzz', () => {
  it('random ioctls, reads, writes and seeks on block and loop devices return numbers, never throw', () => {
    const u = machine();
    u.put('/img', 'z'.repeat(4096));
    const img = u.open('/img', O_RDWR);
    const fds = [u.open('/dev/sda', O_RDWR), u.open('/dev/sda1', O_RDONLY), u.open('/dev/loop0', O_RDWR), u.open('/dev/loop1', O_RDONLY), u.open('/dev/loop-control', O_RDWR)];
    let seed = 12345;
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const good = u.alloc(512);
    const cmds = [0x1200, 0x1260, 0x1268, 0x127b, 0x125d, 0x125e, 0x125f, 0x1261, 0x80081272, 0x80081270, 0x4c00, 0x4c01, 0x4c04, 0x4c05, 0x4c07, 0x4c08, 0x4c09, 0x4c0a, 0x4c80, 0x4c81, 0x4c82];
    for (let i = 0; i < 3000; i++) {
      const fd = fds[rnd(fds.length)]!;
      const arg = [0, BAD_ADDR, good, img, rnd(20), -1, 0xffffffff][rnd(7)]!;
      const op = rnd(4);
      let r: number;
      if (op === 0) r = u.sys('ioctl', fd, cmds[rnd(cmds.length)]! + (rnd(10) === 0 ? rnd(256) : 0), arg);
      else if (op === 1) r = u.sys('read', fd, good, rnd(2048));
      else if (op === 2) r = u.sys('write', fd, good, rnd(2048));
      else r = u.sys('lseek', fd, rnd(70_000_000) - 1000, rnd(5));
      expect(typeof r).toBe('number');
    }
  });
});
