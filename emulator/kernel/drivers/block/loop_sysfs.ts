// /sys/block/loopN/loop/ (drivers/block/loop.c: loop_attribute_group): while a file is attached,
// this directory tells user space which one and how — losetup -l and lsblk read it.
//
//   backing_file  the file's path ("/tmp/img")      offset, sizelimit  in bytes
//   autoclear     1 if the last close detaches       partscan, dio      1 or 0
//
// The directory is made on attach (loop_sysfs_init) and removed on detach (loop_sysfs_exit).

import { LO_FLAGS_AUTOCLEAR, LO_FLAGS_DIRECT_IO, LO_FLAGS_PARTSCAN, LOOP_CTRL_MINOR } from '../../../uapi/loop';
import { makedev } from '../../../uapi/stat';
import type { Kernel } from '../../kernel';
import { has_driver_model } from '../../base/base';
import { device_create } from '../../base/core';
import { bdev_device } from '../../block/sysfs';
import { kernfs_remove_by_name } from '../../fs/kernfs/dir';
import { sysfs_create_group, type SysfsAttribute } from '../../fs/sysfs/sysfs';
import { loop_backing_file_name, loop_listeners, MISC_MAJOR, type LoopDevice } from './loop';

function loop_attrs(kernel: Kernel, lo: LoopDevice): SysfsAttribute[] {
  const flag = (f: number) => () => `${lo.flags & f ? 1 : 0}\n`;
  return [
    { name: 'backing_file', show: () => `${loop_backing_file_name(kernel, lo)}\n` },
    { name: 'offset', show: () => `${lo.offset}\n` },
    { name: 'sizelimit', show: () => `${lo.sizelimit}\n` },
    { name: 'autoclear', show: flag(LO_FLAGS_AUTOCLEAR) },
    { name: 'partscan', show: flag(LO_FLAGS_PARTSCAN) },
    { name: 'dio', show: flag(LO_FLAGS_DIRECT_IO) },
  ];
}

/**
 * /dev/loop-control as a misc device (misc_register: class misc, 10:237), and the loop/ group
 * made and removed as devices are attached and detached.
 */
export function loop_sysfs_register(kernel: Kernel): void {
  if (!has_driver_model(kernel)) return;
  device_create(kernel, { name: 'loop-control', className: 'misc', devt: makedev(MISC_MAJOR, LOOP_CTRL_MINOR) });
  loop_listeners(kernel).push({
    bound(lo) {
      const dev = bdev_device(lo.disk.part0);
      if (dev) sysfs_create_group(dev, 'loop', loop_attrs(kernel, lo));
    },
    unbound(lo) {
      const dev = bdev_device(lo.disk.part0);
      if (dev?.sd) kernfs_remove_by_name(dev.sd, 'loop');
    },
  });
}
