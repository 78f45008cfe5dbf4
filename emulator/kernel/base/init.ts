// driver_init (drivers/base/init.c): bring up the driver core before any driver registers —
// devtmpfs, /sys/devices, /sys/bus, /sys/class, the firmware, hypervisor and system roots,
// the platform bus and the CPUs. /sys/kernel, /sys/fs, /sys/power and /sys/module come from other
// subsystems' init on Linux (ksysfs_init, mnt_init, pm_init, param_sysfs_init); they are made
// here too so that /sys has its usual shape from the start.

import type { Kernel } from '../kernel';
import { sysfs_create_file, sysfs_create_mount_point, sysfs_init } from '../fs/sysfs/sysfs';
import { sysfs_register } from '../fs/sysfs/mount';
import { set_driver_model, type DriverModel } from './base';
import { bus_uevent_ops } from './bus';
import { class_register } from './class';
import { device_uevent_ops } from './core';
import { cpu_dev_init } from './cpu';
import { devtmpfs_init } from './devtmpfs';
import { kobject_create_and_add, kset_create_and_add } from './kobject';
import { uevent_state } from './kobject_uevent';
import { platform_bus_init } from './platform';

/**
 * The classes whose subsystems we have (chr_dev_init: mem, tty_class_init: tty, misc_init: misc,
 * genhd: block, net_dev_init: net — its devices come with the network stack).
 */
const CORE_CLASSES = ['mem', 'tty', 'misc', 'block', 'net'];

export function driver_init(kernel: Kernel): void {
  sysfs_init(kernel);
  sysfs_register(kernel);
  devtmpfs_init(kernel);
  // Linux makes these in this order (which gives their inode numbers): mnt_init's /sys/fs and
  // cgroup_init's mount point come before driver_init; /sys/kernel, /sys/power, /sys/module and
  // /sys/block come from initcalls after it.
  const fs_kobj = kobject_create_and_add(kernel, 'fs', null);
  sysfs_create_mount_point(fs_kobj, 'cgroup');
  // devices_init
  const devices_kset = kset_create_and_add(kernel, 'devices', device_uevent_ops, null);
  const dev_kobj = kobject_create_and_add(kernel, 'dev', null);
  const sysfs_dev_block_kobj = kobject_create_and_add(kernel, 'block', dev_kobj);
  const sysfs_dev_char_kobj = kobject_create_and_add(kernel, 'char', dev_kobj);
  // buses_init, classes_init, firmware_init
  const bus_kset = kset_create_and_add(kernel, 'bus', bus_uevent_ops, null);
  const system_kset = kset_create_and_add(kernel, 'system', null, devices_kset);
  const class_kset = kset_create_and_add(kernel, 'class', null, null);
  const firmware_kobj = kobject_create_and_add(kernel, 'firmware', null);
  const dm: DriverModel = {
    devices_kset, virtual_dir: null, system_kset, dev_kobj, sysfs_dev_char_kobj, sysfs_dev_block_kobj, class_kset, bus_kset,
    fs_kobj, firmware_kobj, block_depr: null, kernel_kobj: null, power_kobj: null, module_kset: null,
    classes: new Map(), buses: new Map(), glue_dirs: new Map(), devices: [],
  };
  set_driver_model(kernel, dm);
  platform_bus_init(kernel);
  cpu_dev_init(kernel);
  // ksysfs_init: /sys/kernel with uevent_seqnum and the mount points of other filesystems.
  dm.kernel_kobj = kobject_create_and_add(kernel, 'kernel', null);
  sysfs_create_file(dm.kernel_kobj, { name: 'uevent_seqnum', show: () => `${uevent_state(kernel).seqnum}\n` });
  // Facts of the architecture: the width of a pointer and the byte order (x86-64: 64, little).
  sysfs_create_file(dm.kernel_kobj, { name: 'address_bits', show: () => '64\n' });
  sysfs_create_file(dm.kernel_kobj, { name: 'cpu_byteorder', show: () => 'little\n' });
  for (const mp of ['debug', 'tracing', 'config', 'security']) sysfs_create_mount_point(dm.kernel_kobj, mp);
  dm.power_kobj = kobject_create_and_add(kernel, 'power', null);
  dm.module_kset = kset_create_and_add(kernel, 'module', null, null);
  for (const c of CORE_CLASSES) class_register(kernel, c);
  // genhd_device_init's /sys/block.
  dm.block_depr = kobject_create_and_add(kernel, 'block', null);
}
