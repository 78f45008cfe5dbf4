// Finding and adding partitions (block/partitions/core.c: bdev_disk_changed, blk_add_partitions,
// add_partition; block/partitions/check.h: struct parsed_partitions).
//
// A rescan drops every partition of the disk, asks each partition-table parser in turn whether it
// understands sector 0 (here only msdos), and adds a block device per partition found. The kernel
// log tells the story as Linux's does: " sda: sda1 sda2", or " sda: sda1 < sda5 sda6 >" when
// there are logical partitions.

import { EBUSY, EINVAL } from '../../../uapi/errno';
import { makedev } from '../../../uapi/stat';
import type { Task } from '../../sched/task';
import { read_sectors } from '../bio';
import {
  bdev_add, BLOCK_EXT_MAJOR, blk_layer, BlockDevice, delete_partition, type Gendisk,
} from '../genhd';
import { msdos_partition } from './msdos';

/** One partition a parser found (start and size in sectors). */
export interface ParsedPart {
  partno: number;
  start: number;
  size: number;
  extended: boolean;
  logical?: boolean;
}

/** struct parsed_partitions. */
export interface ParsedPartitions {
  label: string | null;
  parts: ParsedPart[];
}

/** The most partitions a disk may have (DISK_MAX_PARTS). */
export const DISK_MAX_PARTS = 256;

/** check_partition: run the parsers over the whole disk. */
export function check_partition(disk: Gendisk, t: Task | null): ParsedPartitions {
  const state: ParsedPartitions = { label: null, parts: [] };
  const read = (sector: number) => read_sectors(disk.part0, sector, 1, t);
  msdos_partition(read, state);
  return state;
}

/**
 * add_partition: a block device for partition `partno`. Its number is the disk's major and
 * first_minor + partno while the disk has minors for it; beyond that (a loop device has one minor)
 * it gets a number of the extended major 259, as Linux does.
 */
export function add_partition(disk: Gendisk, partno: number, start: number, len: number): BlockDevice | number {
  if (partno <= 0 || partno >= DISK_MAX_PARTS) return -EINVAL;
  if (disk.parts.has(partno)) return -EBUSY;
  const devt = partno < disk.minors
    ? makedev(disk.major, disk.firstMinor + partno)
    : makedev(BLOCK_EXT_MAJOR, blk_layer(disk.kernel).alloc_ext_minor());
  const part = new BlockDevice(devt, disk, partno, start, len);
  disk.parts.set(partno, part);
  bdev_add(part);
  return part;
}

/** blk_drop_partitions. */
export function blk_drop_partitions(disk: Gendisk): void {
  for (const part of [...disk.parts.values()].sort((a, b) => b.partno - a.partno)) delete_partition(part);
}

/**
 * bdev_disk_changed: forget the partitions and scan the table again. EBUSY while a partition is
 * open (BLKRRPART's answer). A disk without partition scanning only loses its partitions.
 */
export function bdev_disk_changed(disk: Gendisk, t: Task | null): number {
  if (disk.openPartitions > 0) return -EBUSY;
  blk_drop_partitions(disk);
  if (!disk.capacity || !disk.partscan) return 0;
  const state = check_partition(disk, t);
  if (!state.label) return 0;
  const names: string[] = [];
  let inLogical = false;
  for (const p of state.parts) {
    if (p.logical && !inLogical) {
      names.push('<');
      inLogical = true;
    }
    const name = blk_add_partition(disk, p);
    if (name) names.push(name);
  }
  if (inLogical) names.push('>');
  disk.kernel.printk(6, ` ${disk.name}: ${names.join(' ')}`);
  return 0;
}

/**
 * blk_add_partition: one found partition, cut to the disk's end (with a warning) or skipped.
 * Linux first asks the driver to unlock a larger "native capacity" (old ATA disks); ours have
 * none, so the message ends in "truncated" as it does for such a driver.
 */
function blk_add_partition(disk: Gendisk, p: ParsedPart): string | null {
  const cap = disk.capacity;
  let size = p.size;
  if (p.start >= cap) {
    disk.kernel.printk(4, `${disk.name}: p${p.partno} start ${p.start} is beyond EOD, truncated`);
    return null;
  }
  if (p.start + size > cap) {
    size = cap - p.start;
    disk.kernel.printk(4, `${disk.name}: p${p.partno} size ${p.size} extends beyond EOD, truncated`);
  }
  const part = add_partition(disk, p.partno, p.start, size);
  return typeof part === 'number' ? null : part.name;
}
