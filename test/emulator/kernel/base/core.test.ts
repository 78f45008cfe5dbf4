// The driver core: device_create makes the sysfs directory with Linux's files and links, the
// devtmpfs node, and an "add" uevent with Linux's lines; device_destroy undoes it.

import { describe, expect, it } from 'vitest';
import { driver_init } from '../../../../emulator/kernel/base/init';
import { device_create, device_destroy, device_find_devt } from '../../../../emulator/kernel/base/core';
import { uevent_recent, uevent_state, uevent_subscribe, type Uevent } from '../../../../emulator/kernel/base/kobject_uevent';
import { devtmpfs_root } from '../../../../emulator/kernel/base/devtmpfs';
import { cpulist, cpumask_hex } from '../../../../emulator/kernel/base/cpu';
import { kernfs_find, kernfs_get_target_path, kernfs_path, type KernfsNode } from '../../../../emulator/kernel/fs/kernfs/dir';
import { sysfs_root_kn } from '../../../../emulator/kernel/fs/sysfs/sysfs';
import { chr_dev_init } from '../../../../emulator/kernel/drivers/char/mem';
import { Kernel } from '../../../../emulator/kernel/kernel';
import { vfs_init } from '../../../../emulator/kernel/fs/vfs_init';
import { makedev, S_IFCHR, S_IFMT } from '../../../../emulator/uapi/stat';

function machine(nrCpus = 2): Kernel {
  const k = new Kernel({ seed: 7, memoryBytes: 64 << 20, nrCpus, bootRealtimeNs: 1_700_000_000_000_000_000, runtime: { createContext: () => null } });
  vfs_init(k);
  driver_init(k);
  chr_dev_init(k);
  return k;
}

function node(k: Kernel, path: string): KernfsNode | null {
  let kn: KernfsNode | null = sysfs_root_kn(k);
  for (const part of path.split('/')) kn = kn ? kernfs_find(kn, part) : null;
  return kn;
}

function read(k: Kernel, path: string): string | number {
  const kn = node(k, path);
  if (!kn?.ops?.show) throw new Error(`no attribute ${path}`);
  return kn.ops.show(kn);
}

describe('device model', () => {
  it('mem devices: directory, attributes, links as on Linux', () => {
    const k = machine();
    const names = node(k, 'devices/virtual/mem/null')!.children.map((c) => c.name).sort();
    expect(names).toEqual(['dev', 'power', 'subsystem', 'uevent']);
    expect(read(k, 'devices/virtual/mem/null/dev')).toBe('1:3\n');
    expect(read(k, 'devices/virtual/mem/null/uevent')).toBe('MAJOR=1\nMINOR=3\nDEVNAME=null\nDEVMODE=0666\n');
    expect(read(k, 'devices/virtual/mem/mem/uevent')).toBe('MAJOR=1\nMINOR=1\nDEVNAME=mem\n');
    const link = node(k, 'class/mem/null')!;
    expect(kernfs_get_target_path(link.parent!, link.target!)).toBe('../../devices/virtual/mem/null');
    const sub = node(k, 'devices/virtual/mem/null/subsystem')!;
    expect(kernfs_get_target_path(sub.parent!, sub.target!)).toBe('../../../../class/mem');
    const dc = node(k, 'dev/char/1:3')!;
    expect(kernfs_path(dc.target!)).toBe('devices/virtual/mem/null');
    expect(node(k, 'devices/virtual/mem/null/power')!.children.map((c) => c.name).sort()).toEqual([
      'autosuspend_delay_ms', 'control', 'runtime_active_time', 'runtime_status', 'runtime_suspended_time',
    ]);
    expect(read(k, 'devices/virtual/mem/null/power/autosuspend_delay_ms')).toBe(-5);
  });

  it('sends add uevents with Linux lines and SEQNUM, and counts them in uevent_seqnum', () => {
    const k = machine();
    const ev = uevent_recent(k).find((e) => e.devpath === '/devices/virtual/mem/null')!;
    expect(ev.env).toEqual([
      'ACTION=add', 'DEVPATH=/devices/virtual/mem/null', 'SUBSYSTEM=mem', 'MAJOR=1', 'MINOR=3', 'DEVNAME=null', 'DEVMODE=0666',
      `SEQNUM=${ev.seqnum}`,
    ]);
    expect(read(k, 'kernel/uevent_seqnum')).toBe(`${uevent_state(k).seqnum}\n`);
  });

  it('registering a bus announces it', () => {
    const k = machine();
    const ev = uevent_recent(k).find((e) => e.devpath === '/bus/cpu')!;
    expect(ev.env).toEqual(['ACTION=add', 'DEVPATH=/bus/cpu', 'SUBSYSTEM=bus', `SEQNUM=${ev.seqnum}`]);
    // Its devices/ and drivers/ directories are not buses and say nothing.
    expect(uevent_recent(k).some((e) => e.devpath.startsWith('/bus/cpu/'))).toBe(false);
  });

  it('writing the uevent file sends a synthetic event; garbage is EINVAL', () => {
    const k = machine();
    const got: Uevent[] = [];
    uevent_subscribe(k, (e) => got.push(e));
    const kn = node(k, 'devices/virtual/mem/zero/uevent')!;
    expect(kn.ops!.store!(kn, 'change\n')).toBe(7);
    expect(got).toHaveLength(1);
    expect(got[0]!.env.slice(0, 4)).toEqual(['ACTION=change', 'DEVPATH=/devices/virtual/mem/zero', 'SUBSYSTEM=mem', 'SYNTH_UUID=0']);
    expect(kn.ops!.store!(kn, 'bogus')).toBe(-22);
    expect(kn.ops!.store!(kn, 'add not-a-uuid')).toBe(-22);
    expect(kn.ops!.store!(kn, 'add 12345678-1234-1234-1234-123456789abc A=1')).toBeGreaterThan(0);
    expect(got[1]!.env).toContain('SYNTH_ARG_A=1');
    expect(got).toHaveLength(2);
  });

  it('devtmpfs gets a node per device, removed with the device', () => {
    const k = machine();
    const root = devtmpfs_root(k)!;
    const n = root.children.get('null')!.inode!;
    expect(n.mode & S_IFMT).toBe(S_IFCHR);
    expect(n.mode & 0o7777).toBe(0o666);
    expect(n.rdev).toBe(makedev(1, 3));
    expect(root.children.get('mem')!.inode!.mode & 0o7777).toBe(0o600);
    const dev = device_create(k, { name: 'sub/thing', className: 'misc', devt: makedev(10, 200) });
    expect(dev.name).toBe('sub!thing');
    expect(root.children.get('sub')!.children.get('thing')).toBeTruthy();
    expect(node(k, 'devices/virtual/misc/sub!thing')).toBeTruthy();
    expect(device_find_devt(k, makedev(10, 200), false)).toBe(dev);
    const before = uevent_state(k).seqnum;
    device_destroy(k, dev);
    expect(uevent_state(k).seqnum).toBe(before + 1);
    expect(uevent_recent(k).at(-1)!.action).toBe('remove');
    expect(root.children.get('sub')).toBeUndefined();
    expect(node(k, 'devices/virtual/misc')).toBeNull(); // the glue directory went with its last device
    expect(node(k, 'class/misc/sub!thing')).toBeNull();
    expect(node(k, 'dev/char/10:200')).toBeNull();
  });

  it('block devices: /sys/block and /sys/dev/block links, partitions under their disk', () => {
    const k = machine();
    const disk = device_create(k, { name: 'vdz', className: 'block', devt: makedev(250, 0), block: true, devtype: 'disk' });
    device_create(k, { name: 'vdz1', className: 'block', devt: makedev(250, 1), block: true, devtype: 'partition', parent: disk, uevent: () => ['PARTN=1'] });
    expect(kernfs_path(node(k, 'block/vdz')!.target!)).toBe('devices/virtual/block/vdz');
    expect(node(k, 'block/vdz1')).toBeNull();
    expect(kernfs_path(node(k, 'dev/block/250:1')!.target!)).toBe('devices/virtual/block/vdz/vdz1');
    expect(read(k, 'devices/virtual/block/vdz/vdz1/uevent')).toBe('MAJOR=250\nMINOR=1\nDEVNAME=vdz1\nDEVTYPE=partition\nPARTN=1\n');
    expect(devtmpfs_root(k)!.children.get('vdz1')!.inode!.mode & S_IFMT).toBe(0o060000);
  });

  it('one cpuN per CPU, with the masks', () => {
    const k = machine(3);
    expect(node(k, 'devices/system/cpu')!.children.map((c) => c.name).filter((n) => /^cpu\d/.test(n)).sort()).toEqual(['cpu0', 'cpu1', 'cpu2']);
    expect(read(k, 'devices/system/cpu/online')).toBe('0-2\n');
    expect(kernfs_path(node(k, 'bus/cpu/devices/cpu1')!.target!)).toBe('devices/system/cpu/cpu1');
    expect(read(k, 'devices/system/cpu/cpu1/uevent')).toBe('');
    expect(read(k, 'devices/system/cpu/cpu1/topology/core_id')).toBe('1\n');
    expect(read(k, 'devices/system/cpu/cpu1/topology/thread_siblings')).toBe('2\n');
    expect(read(k, 'devices/system/cpu/cpu1/topology/package_cpus')).toBe('7\n');
    expect(read(k, 'devices/system/cpu/cpu1/topology/package_cpus_list')).toBe('0-2\n');
  });

  it('cpumasks print as Linux prints them', () => {
    expect(cpumask_hex([0, 1], 2)).toBe('3');
    expect(cpumask_hex([0, 35], 40)).toBe('08,00000001');
    expect(cpulist([0, 2, 3, 4, 7])).toBe('0,2-4,7');
  });

  it('destroying a disk takes its partitions with it', () => {
    const k = machine();
    const disk = device_create(k, { name: 'vdy', className: 'block', devt: makedev(251, 0), block: true, devtype: 'disk' });
    device_create(k, { name: 'vdy1', className: 'block', devt: makedev(251, 1), block: true, devtype: 'partition', parent: disk });
    device_destroy(k, disk);
    expect(device_find_devt(k, makedev(251, 1), true)).toBeNull();
    expect(node(k, 'class/block/vdy1')).toBeNull();
    expect(node(k, 'dev/block/251:1')).toBeNull();
    expect(devtmpfs_root(k)!.children.get('vdy1')).toBeUndefined();
    expect(uevent_recent(k).slice(-2).map((e) => `${e.action} ${e.devpath}`)).toEqual([
      'remove /devices/virtual/block/vdy/vdy1', 'remove /devices/virtual/block/vdy',
    ]);
  });

  it('a second device with the same number is refused', () => {
    const k = machine();
    expect(() => device_create(k, { name: 'null2', className: 'mem', devt: makedev(1, 3) })).toThrow();
  });
});
