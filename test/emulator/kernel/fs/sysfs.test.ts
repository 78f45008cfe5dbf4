// sysfs through the syscalls: the tree the driver core made, as open/read/write/getdents/stat/
// readlink see it on a mounted /sys — Linux's modes, sizes and link counts, EACCES for the
// wrong direction on an attribute (even for root), ENODEV once a device is gone, stable readdir
// positions, chmod on an attribute, and no way to create or remove anything from user space.

import { describe, expect, it } from 'vitest';
import { driver_init } from '../../../../emulator/kernel/base/init';
import { device_create, device_destroy } from '../../../../emulator/kernel/base/core';
import { chr_dev_init } from '../../../../emulator/kernel/drivers/char/mem';
import { sys_mount } from '../../../../emulator/kernel/fs/namespace';
import { vfs_init } from '../../../../emulator/kernel/fs/vfs_init';
import { Kernel } from '../../../../emulator/kernel/kernel';
import { O_RDONLY, O_RDWR, O_WRONLY, SEEK_SET } from '../../../../emulator/uapi/fcntl';
import { makedev, S_IFCHR, S_IFDIR, S_IFLNK, S_IFMT, S_IFREG } from '../../../../emulator/uapi/stat';
import { errname, listdir, UTask } from './fixture';
import { vfs_poll } from '../../../../emulator/kernel/fs/fs';
import { sysfs_notify } from '../../../../emulator/kernel/fs/sysfs/sysfs';
import type { WaitQueue } from '../../../../emulator/kernel/sched/waitqueue';
import { POLLERR, POLLPRI } from '../../../../emulator/uapi/poll';

function sysMachine(): { k: Kernel; u: UTask } {
  const k = new Kernel({ seed: 7, memoryBytes: 64 << 20, nrCpus: 2, bootRealtimeNs: 1_700_000_000_000_000_000, runtime: { createContext: () => null } });
  vfs_init(k);
  driver_init(k);
  chr_dev_init(k);
  const u = new UTask(k);
  for (const d of ['/sys', '/dev']) expect(u.sys('mkdir', d, 0o755)).toBe(0);
  expect(sys_mount(u.t, u.str('sysfs'), u.str('/sys'), u.str('sysfs'), 0, 0)).toBe(0);
  expect(sys_mount(u.t, u.str('devtmpfs'), u.str('/dev'), u.str('devtmpfs'), 0, 0)).toBe(0);
  return { k, u };
}

function readlink(u: UTask, path: string): string | number {
  const buf = u.alloc(4096);
  const n = u.sys('readlink', path, buf, 4096);
  return n < 0 ? n : u.peekStr(buf, n);
}

describe('sysfs', () => {
  it('modes, sizes and link counts as Linux shows them', () => {
    const { u } = sysMachine();
    const st = (p: string) => {
      const s = u.stat(p, true);
      if (typeof s === 'number') throw new Error(`${p}: ${errname(s)}`);
      return s;
    };
    expect(st('/sys').mode).toBe(S_IFDIR | 0o555);
    const dir = st('/sys/devices/virtual/mem/null');
    expect([dir.mode, dir.size, dir.nlink]).toEqual([S_IFDIR | 0o755, 0, 3]);
    const dev = st('/sys/devices/virtual/mem/null/dev');
    expect([dev.mode, dev.size, dev.nlink, dev.uid]).toEqual([S_IFREG | 0o444, 4096, 1, 0]);
    expect(st('/sys/devices/virtual/mem/null/uevent').mode).toBe(S_IFREG | 0o644);
    const link = st('/sys/class/mem/null');
    expect([link.mode & S_IFMT, link.size]).toEqual([S_IFLNK, 0]);
    // Inode numbers are the nodes' ids: the root is 1, and each file has its own.
    expect(st('/sys').ino).toBe(1);
    expect(new Set(['dev', 'uevent', 'power', 'subsystem'].map((n) => st(`/sys/devices/virtual/mem/null/${n}`).ino)).size).toBe(4);
  });

  it('reads an attribute, re-reads it after seeking to 0, and follows links', () => {
    const { u } = sysMachine();
    const fd = u.open('/sys/dev/char/1:5/dev', O_RDONLY);
    expect(fd).toBeGreaterThanOrEqual(0);
    expect(u.readText(fd, 2)).toBe('1:');
    expect(u.readText(fd)).toBe('5\n');
    expect(u.readText(fd)).toBe('');
    expect(u.sys('lseek', fd, 0, SEEK_SET)).toBe(0);
    expect(u.readText(fd)).toBe('1:5\n');
    expect(readlink(u, '/sys/dev/char/1:5')).toBe('../../devices/virtual/mem/zero');
    expect(u.get('/sys/kernel/uevent_seqnum')).toMatch(/^\d+\n$/);
  });

  it('EACCES for writing an attribute without store or reading one without show, even as root', () => {
    const { u } = sysMachine();
    expect(errname(u.open('/sys/devices/virtual/mem/null/dev', O_WRONLY))).toBe('EACCES');
    expect(errname(u.open('/sys/devices/virtual/mem/null/dev', O_RDWR))).toBe('EACCES');
    expect(errname(u.open('/sys/bus/cpu/uevent', O_RDONLY))).toBe('EACCES');
    expect(u.open('/sys/bus/cpu/uevent', O_WRONLY)).toBeGreaterThanOrEqual(0);
    // An ordinary user may not even open a writable attribute for writing (mode 0644, root's).
    const user = new UTask(u.k, 1000, 1000);
    expect(errname(user.open('/sys/devices/virtual/mem/null/uevent', O_WRONLY))).toBe('EACCES');
    expect(user.get('/sys/devices/virtual/mem/null/uevent')).toContain('DEVNAME=null\n');
  });

  it('a write is one store: errors come back from it', () => {
    const { u } = sysMachine();
    const fd = u.open('/sys/devices/virtual/mem/null/power/control', O_WRONLY);
    expect(u.write(fd, 'on\n')).toBe(3);
    expect(u.get('/sys/devices/virtual/mem/null/power/control')).toBe('on\n');
    expect(errname(u.write(fd, 'sometimes'))).toBe('EINVAL');
    const ue = u.open('/sys/devices/virtual/mem/null/uevent', O_WRONLY);
    expect(errname(u.write(ue, 'frobnicate\n'))).toBe('EINVAL');
    expect(u.write(ue, 'change')).toBe(6);
    expect(errname(u.read(u.open('/sys/devices/virtual/mem/null/power/autosuspend_delay_ms', O_RDONLY), 100) as number)).toBe('EIO');
  });

  it('ENODEV from open files, ENOENT for the name, once the device is gone', () => {
    const { k, u } = sysMachine();
    const dev = device_create(k, { name: 'gadget', className: 'misc', devt: makedev(10, 99), nodeMode: 0o660 });
    const st = u.stat('/dev/gadget');
    expect(typeof st !== 'number' && st.mode).toBe(S_IFCHR | 0o660);
    const fd = u.open('/sys/class/misc/gadget/dev', O_RDONLY);
    expect(u.readText(fd)).toBe('10:99\n');
    device_destroy(k, dev);
    expect(u.sys('lseek', fd, 0, SEEK_SET)).toBe(0);
    expect(errname(u.read(fd, 10) as number)).toBe('ENODEV');
    expect(errname(u.open('/sys/class/misc/gadget/dev', O_RDONLY))).toBe('ENOENT');
    expect(errname(u.stat('/dev/gadget') as number)).toBe('ENOENT');
  });

  it('getdents lists in the order Linux does (ls -f /sys on the host)', () => {
    const { u } = sysMachine();
    const order = (path: string): string[] => {
      const fd = u.open(path, O_RDONLY | 0o200000);
      const l = listdir(u, fd);
      return typeof l === 'number' ? [errname(l)] : l.map((e) => e.name).slice(2);
    };
    expect(order('/sys')).toEqual(['kernel', 'power', 'class', 'devices', 'dev', 'fs', 'bus', 'firmware', 'block', 'module']);
    expect(order('/sys/devices/virtual/mem/null')).toEqual(['uevent', 'power', 'dev', 'subsystem']);
    expect(order('/sys/class/mem').filter((n) => n !== 'mem')).toEqual(['random', 'zero', 'urandom', 'kmsg', 'full', 'null']);
  });

  it('getdents lists in hash order with positions that stay valid', () => {
    const { u } = sysMachine();
    const fd = u.open('/sys/class/mem', O_RDONLY | 0o200000);
    const all = listdir(u, fd);
    if (typeof all === 'number') throw new Error(errname(all));
    const names = all.map((e) => e.name);
    expect(names.slice(0, 2)).toEqual(['.', '..']);
    expect([...names.slice(2)].sort()).toEqual(['full', 'kmsg', 'mem', 'null', 'random', 'urandom', 'zero']);
    // Resume from the middle: seeking to an entry's d_off gives the rest.
    const mid = all[4]!;
    expect(u.sys('lseek', fd, mid.off, SEEK_SET)).toBe(mid.off);
    const rest = listdir(u, fd);
    expect(typeof rest !== 'number' && rest.map((e) => e.name)).toEqual(names.slice(5));
  });

  it('poll: POLLPRI|POLLERR once sysfs_notify says the value changed, until it is read again', () => {
    const { k, u } = sysMachine();
    let value = 'old';
    const dev = device_create(k, { name: 'knob', className: 'misc', attrs: [{ name: 'level', show: () => `${value}\n` }] });
    const fd = u.open('/sys/class/misc/knob/level', O_RDONLY);
    const file = u.t.files.get(fd)!;
    let woken = 0;
    const pt = { add: (wq: WaitQueue) => wq.callbacks.add({ wake: () => woken++ }) };
    expect(u.readText(fd)).toBe('old\n');
    expect(vfs_poll(file, u.t, pt as never) & (POLLPRI | POLLERR)).toBe(0);
    value = 'new';
    sysfs_notify(dev, 'level');
    expect(woken).toBe(1);
    expect(vfs_poll(file, u.t, null) & (POLLPRI | POLLERR)).toBe(POLLPRI | POLLERR);
    expect(u.sys('lseek', fd, 0, SEEK_SET)).toBe(0);
    expect(u.readText(fd)).toBe('new\n');
    expect(vfs_poll(file, u.t, null) & (POLLPRI | POLLERR)).toBe(0);
  });

  it('chmod on an attribute works; nothing can be created or removed', () => {
    const { u } = sysMachine();
    expect(u.sys('chmod', '/sys/devices/virtual/mem/null/uevent', 0o600)).toBe(0);
    const st = u.stat('/sys/class/mem/null/uevent');
    expect(typeof st !== 'number' && st.mode).toBe(S_IFREG | 0o600);
    expect(errname(u.sys('mkdir', '/sys/devices/mine', 0o755))).toBe('EPERM');
    expect(errname(u.sys('unlink', '/sys/devices/virtual/mem/null/dev'))).toBe('EPERM');
    expect(errname(u.open('/sys/newfile', 0o101 /* O_WRONLY|O_CREAT */))).toBe('EACCES');
  });
});
