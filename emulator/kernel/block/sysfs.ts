// Disks and partitions in the device model (block/genhd.c: disk_attrs, block/partitions/core.c:
// part_attrs, device_add_disk): every block device becomes a device of class "block" — a disk
// in /sys/devices/.../block/<disk> with its partitions as subdirectories, /sys/block/<disk>,
// /sys/class/block/<name>, /sys/dev/block/M:m and a node in devtmpfs — with the attribute files
// lsblk and udev read. A disk whose size or backing changes sends a "change" uevent.
//
// A disk also has queue/ (block/blk-sysfs.c): the request queue's limits, which tools such as
// lsblk -t read.
//
// Simplified: a disk's device has no parent (Linux puts sda under its SCSI host and target in
// /sys/devices/platform/…; here it is /sys/devices/virtual/block/sda, where loop devices live on
// Linux too), queue/ has only the main limits (there is no request queue or I/O scheduler:
// scheduler reads "[none]"), and the in-flight counters are always zero because every I/O
// completes before the call that made it returns.

import { has_driver_model } from '../base/base';
import { device_destroy, device_try_create, kobject_uevent, type Device, type DeviceAttribute } from '../base/core';
import type { Kernel } from '../kernel';
import { sysfs_create_group, type SysfsAttribute } from '../fs/sysfs/sysfs';
import { blk_layer, type BlockDevice, type BlockListener, type Gendisk } from './genhd';

/** The stat file (Documentation/block/stat.rst): 17 counters, "%8lu" each, one space apart. */
function stat_show(b: BlockDevice): string {
  const s = b.stats;
  // read I/Os, merges, sectors, ticks; write …; in_flight, io_ticks, time_in_queue;
  // discard I/Os, merges, sectors, ticks; flush I/Os, ticks.
  const fields = [s.ios[0]!, 0, s.sectors[0]!, 0, s.ios[1]!, 0, s.sectors[1]!, 0, 0, 0, 0, s.ios[2]!, 0, s.sectors[2]!, 0, s.flushes, 0];
  return fields.map((n) => String(n).padStart(8)).join(' ') + '\n';
}

const num = (n: number | boolean): string => `${typeof n === 'boolean' ? (n ? 1 : 0) : n}\n`;

/** The attributes every block device has (size, ro, stat, inflight, alignment). */
function common_attrs(b: BlockDevice): DeviceAttribute[] {
  return [
    { name: 'size', show: () => num(b.nrSects) },
    { name: 'ro', show: () => num(b.isReadOnly) },
    { name: 'alignment_offset', show: () => num(0) },
    { name: 'discard_alignment', show: () => num(0) },
    { name: 'stat', show: () => stat_show(b) },
    { name: 'inflight', show: () => `${'0'.padStart(8)} ${'0'.padStart(8)}\n` },
  ];
}

/** disk_attrs. */
function disk_attrs(disk: Gendisk): DeviceAttribute[] {
  return [
    { name: 'range', show: () => num(disk.minors) },
    { name: 'ext_range', show: () => num(disk.minors > 1 ? disk.minors : 256) },
    { name: 'removable', show: () => num(disk.removable) },
    { name: 'hidden', show: () => num(0) },
    ...common_attrs(disk.part0),
    { name: 'capability', show: () => num(0) },
    { name: 'events', show: () => '\n' },
    { name: 'events_async', show: () => '\n' },
    { name: 'events_poll_msecs', show: () => num(-1) },
    { name: 'diskseq', show: () => num(disk.diskseq) },
    { name: 'partscan', show: () => num(disk.partscan) },
  ];
}

/** part_attrs. */
function part_attrs(part: BlockDevice): DeviceAttribute[] {
  return [
    { name: 'partition', show: () => num(part.partno) },
    { name: 'start', show: () => num(part.startSect) },
    ...common_attrs(part),
  ];
}

/** The device-model device of a block device, once it has one. */
export function bdev_device(bdev: BlockDevice): Device | null {
  return (bdev.sysdev as Device | null) ?? null;
}

/**
 * queue/ (queue_attrs): 512-byte sectors, Linux's default readahead and request count; the RAM
 * disk does not rotate, a loop device says it does until told otherwise (as loop_add leaves it).
 */
const queue_attrs = (disk: Gendisk): SysfsAttribute[] => [
  { name: 'logical_block_size', show: () => num(512) },
  { name: 'physical_block_size', show: () => num(512) },
  { name: 'hw_sector_size', show: () => num(512) },
  { name: 'minimum_io_size', show: () => num(512) },
  { name: 'optimal_io_size', show: () => num(0) },
  { name: 'rotational', show: () => num(disk.major === 7 ? 1 : 0) },
  { name: 'read_ahead_kb', show: () => num(128) },
  { name: 'max_sectors_kb', show: () => num(1280) },
  { name: 'nr_requests', show: () => num(128) },
  // elv_iosched_show: "[none] " then the schedulers one could choose (none are built in).
  { name: 'scheduler', show: () => '[none] \n' },
];

function bdev_register(kernel: Kernel, bdev: BlockDevice): void {
  const disk = bdev.disk;
  const isDisk = bdev.partno === 0;
  // device_try_create: this runs inside syscalls (LOOP_CTL_ADD, BLKRRPART), where a failure must
  // not become an exception; the block device then simply has no sysfs directory.
  const dev = device_try_create(kernel, {
    name: bdev.name,
    className: 'block',
    devt: bdev.devt,
    block: true,
    parent: isDisk ? null : bdev_device(disk.part0),
    devtype: isDisk ? 'disk' : 'partition',
    attrs: isDisk ? disk_attrs(disk) : part_attrs(bdev),
    uevent: () => (isDisk ? [`DISKSEQ=${disk.diskseq}`] : [`PARTN=${bdev.partno}`]),
  });
  if (typeof dev === 'number') {
    kernel.printk(3, `block: cannot register ${bdev.name} (error ${dev})`);
    return;
  }
  if (isDisk) sysfs_create_group(dev, 'queue', queue_attrs(disk));
  bdev.sysdev = dev;
}

/** Hook the block layer to the device model; call once, after driver_init and genhd_device_init. */
export function blk_register_sysfs(kernel: Kernel): void {
  if (!has_driver_model(kernel)) return;
  const listener: BlockListener = {
    added: (bdev) => bdev_register(kernel, bdev),
    removed(bdev) {
      const dev = bdev_device(bdev);
      if (dev) device_destroy(kernel, dev);
      bdev.sysdev = null;
    },
    changed(disk) {
      const dev = bdev_device(disk.part0);
      if (dev) kobject_uevent(kernel, dev, 'change');
    },
  };
  blk_layer(kernel).listeners.push(listener);
}
