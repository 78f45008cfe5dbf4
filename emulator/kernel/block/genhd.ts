// Disks and their partitions (block/genhd.c, include/linux/blkdev.h, include/linux/blk_types.h).
//
// A driver describes a disk with a struct gendisk: a name ("sda", "loop0"), a major and a range
// of minors, a capacity counted in 512-byte sectors and the operations that move sectors. Each
// disk has block devices (struct block_device): partition 0 is the whole disk, 1..n are the
// partitions found in its partition table. Opening a block device node (block/fops.ts) finds the
// block_device by its device number and reads and writes bytes through the disk's sectors.
//
// Simplified relative to Linux: there is no request queue, no I/O scheduler and no page cache in
// between — a read or write goes straight to the driver as one "bio" of whole sectors and
// completes before the call returns. A block device's I/O statistics count those bios.

import { EBUSY, EINVAL } from '../../uapi/errno';
import { major, makedev, minor } from '../../uapi/stat';
import type { Kernel } from '../kernel';
import type { Task } from '../sched/task';

/** The major of partitions that do not fit the disk's minors (BLOCK_EXT_MAJOR, "blkext"). */
export const BLOCK_EXT_MAJOR = 259;

/** gendisk flags (GENHD_FL_*). */
export const GENHD_FL_REMOVABLE = 1 << 0;
export const GENHD_FL_HIDDEN = 1 << 1;
export const GENHD_FL_NO_PART = 1 << 2;

/** What one bio asks the driver to do. */
export type BioOp = 'read' | 'write' | 'flush';

/** struct block_device_operations: how the block layer talks to a driver. */
export interface BlockDeviceOperations {
  /**
   * submit_bio: read `buf.length` bytes (a whole number of sectors) from `sector` of the disk into
   * `buf`, or write them from it; a flush has an empty buffer. 0 or -errno (EIO). `t` is the task
   * the I/O is done for (null for the kernel's own reads, e.g. a partition scan at boot).
   */
  submit_bio(disk: Gendisk, op: BioOp, sector: number, buf: Uint8Array, t: Task | null): number;
  /** A driver's own ioctls, after the generic ones (block/ioctl.ts); -ENOTTY if not understood. */
  ioctl?(bdev: BlockDevice, t: Task, cmd: number, arg: number, writable: boolean): number;
  /** The block device was opened, and closed for the last time by a file. */
  open?(bdev: BlockDevice, t: Task): number;
  release?(disk: Gendisk, t: Task): void;
}

/** The counters of /sys/block/<dev>/stat (struct disk_stats), per block device. */
export class DiskStats {
  /** I/Os completed, sectors moved: [read, write, discard]. */
  ios = [0, 0, 0];
  sectors = [0, 0, 0];
  flushes = 0;
}

/** struct block_device: the whole disk (partno 0) or one partition of it. */
export class BlockDevice {
  /** Files open on this block device (bd_openers). */
  openers = 0;
  /** Set by BLKROSET (or the driver, for the whole disk): writes fail with EPERM. */
  readOnly = false;
  readonly stats = new DiskStats();
  /** The device-model device that represents it in sysfs, once registered. */
  sysdev: unknown = null;

  constructor(
    /** bd_dev: the device number, in the user encoding (makedev). */
    readonly devt: number,
    readonly disk: Gendisk,
    readonly partno: number,
    /** Where the partition starts on the disk, and its length, in sectors. */
    public startSect: number,
    public nrSects: number,
  ) {}

  /** The name of /proc/partitions and /dev (%pg): "sda", "sda1", "loop0p1". */
  get name(): string {
    if (this.partno === 0) return this.disk.name;
    const d = this.disk.name;
    return /\d$/.test(d) ? `${d}p${this.partno}` : `${d}${this.partno}`;
  }

  /** bdev_nr_bytes. */
  get size(): number {
    return this.nrSects * 512;
  }

  /** bdev_read_only: the partition's flag or the whole disk's. */
  get isReadOnly(): boolean {
    return this.readOnly || this.disk.part0.readOnly;
  }
}

/** struct gendisk. */
export class Gendisk {
  flags = 0;
  /** The partitions, by number (part_tbl); partition 0 is part0 and is not in here. */
  readonly parts = new Map<number, BlockDevice>();
  /** The whole disk as a block device. */
  readonly part0: BlockDevice;
  /** Driver data (the loop device, the RAM of the disk). */
  privateData: unknown = null;
  /** Partitions currently open (open_partitions): BLKRRPART refuses to rescan under them. */
  openPartitions = 0;
  /** DISKSEQ, a number no other disk of this boot had (/sys/block/<dev>/diskseq). */
  diskseq = 0;
  /** Added (add_disk) and not yet deleted. */
  live = false;

  constructor(
    readonly name: string,
    readonly major: number,
    readonly firstMinor: number,
    /** How many minors the disk has: 1 means no room for partitions (they go to blkext). */
    readonly minors: number,
    readonly fops: BlockDeviceOperations,
    readonly kernel: Kernel,
  ) {
    this.part0 = new BlockDevice(makedev(major, firstMinor), this, 0, 0, 0);
  }

  /** get_capacity, in sectors. */
  get capacity(): number {
    return this.part0.nrSects;
  }

  get devt(): number {
    return this.part0.devt;
  }

  get removable(): boolean {
    return (this.flags & GENHD_FL_REMOVABLE) !== 0;
  }

  /** disk_has_partscan: may a partition table on this disk be scanned? */
  get partscan(): boolean {
    return (this.flags & GENHD_FL_NO_PART) === 0;
  }
}

/**
 * What the rest of the kernel hears from the block layer: a disk or partition came or went, a
 * disk changed (its size, its backing file). The device model (sysfs, devtmpfs, uevents) hooks in
 * here, so this file does not depend on it.
 */
export interface BlockListener {
  added(bdev: BlockDevice): void;
  removed(bdev: BlockDevice): void;
  changed(disk: Gendisk): void;
}

/** The block layer of one machine: registered majors, live disks, block devices by number. */
export class BlockLayer {
  /** major → name, as register_blkdev made them ("Block devices:" of /proc/devices). */
  readonly majors = new Map<number, string>();
  /** Live disks in the order they were added (the block class's device order). */
  readonly disks: Gendisk[] = [];
  readonly bdevs = new Map<number, BlockDevice>();
  readonly listeners: BlockListener[] = [];
  private nextDiskseq = 1;
  private readonly extMinors = new Set<number>();

  constructor(readonly kernel: Kernel) {}

  /** blk_alloc_ext_minor: a free minor of major 259. */
  alloc_ext_minor(): number {
    let m = 0;
    while (this.extMinors.has(m)) m++;
    this.extMinors.add(m);
    return m;
  }

  free_ext_minor(m: number): void {
    this.extMinors.delete(m);
  }

  next_diskseq(): number {
    return this.nextDiskseq++;
  }
}

const layers = new WeakMap<Kernel, BlockLayer>();

/** The machine's block layer (made on first use: a kernel without disks has an empty one). */
export function blk_layer(kernel: Kernel): BlockLayer {
  let l = layers.get(kernel);
  if (!l) {
    l = new BlockLayer(kernel);
    layers.set(kernel, l);
  }
  return l;
}

/**
 * register_blkdev: claim a major for a driver (0: pick a free one, counting down from 254 as
 * Linux's dynamic range does). Returns the major, or -EBUSY / -EINVAL.
 */
export function register_blkdev(kernel: Kernel, majorNr: number, name: string): number {
  const l = blk_layer(kernel);
  if (majorNr < 0 || majorNr > 511) return -EINVAL;
  if (majorNr === 0) {
    for (let m = 254; m > 0; m--) {
      if (!l.majors.has(m)) {
        majorNr = m;
        break;
      }
    }
    if (majorNr === 0) return -EBUSY;
  }
  if (l.majors.has(majorNr)) return -EBUSY;
  l.majors.set(majorNr, name);
  return majorNr;
}

export function unregister_blkdev(kernel: Kernel, majorNr: number, name: string): void {
  const l = blk_layer(kernel);
  if (l.majors.get(majorNr) === name) l.majors.delete(majorNr);
}

/** blkdev_show: the "Block devices:" section of /proc/devices, one "%3d %s" line per major. */
export function blkdev_show(kernel: Kernel): string {
  const majors = [...blk_layer(kernel).majors.entries()].sort((a, b) => a[0] - b[0]);
  return majors.map(([m, name]) => `${String(m).padStart(3)} ${name}\n`).join('');
}

/** blk_alloc_disk: a disk not yet visible to anyone. */
export function alloc_disk(kernel: Kernel, name: string, majorNr: number, firstMinor: number, minors: number, fops: BlockDeviceOperations): Gendisk {
  return new Gendisk(name, majorNr, firstMinor, minors, fops, kernel);
}

/** set_capacity: a new size in sectors, quietly. */
export function set_capacity(disk: Gendisk, sectors: number): void {
  disk.part0.nrSects = Math.max(0, Math.floor(sectors));
}

/**
 * set_capacity_and_notify: a new size, logged for a live disk ("detected capacity change"). A
 * resize between two non-zero sizes is also announced with a "change" uevent; the return value
 * says whether one was sent (a driver that must announce a change anyway sends its own).
 */
export function set_capacity_and_notify(disk: Gendisk, sectors: number): boolean {
  const old = disk.capacity;
  set_capacity(disk, sectors);
  const size = disk.capacity;
  if (!disk.live || old === size || disk.flags & GENHD_FL_HIDDEN) return false;
  disk.kernel.printk(6, `${disk.name}: detected capacity change from ${old} to ${size}`);
  if (!old || !size) return false;
  disk_uevent_change(disk);
  return true;
}

/** kobject_uevent(KOBJ_CHANGE) for the disk. */
export function disk_uevent_change(disk: Gendisk): void {
  for (const l of blk_layer(disk.kernel).listeners) l.changed(disk);
}

/** add_disk: make the disk and its whole-disk device known (sysfs, /dev, /proc/partitions). */
export function add_disk(disk: Gendisk): number {
  const l = blk_layer(disk.kernel);
  if (disk.live) return -EBUSY;
  if (l.bdevs.has(disk.devt)) return -EBUSY;
  disk.diskseq = l.next_diskseq();
  disk.live = true;
  l.disks.push(disk);
  bdev_add(disk.part0);
  return 0;
}

/** del_gendisk: the partitions go first, then the disk. */
export function del_gendisk(disk: Gendisk): void {
  if (!disk.live) return;
  for (const part of [...disk.parts.values()].reverse()) delete_partition(part);
  const l = blk_layer(disk.kernel);
  bdev_del(disk.part0);
  l.disks.splice(l.disks.indexOf(disk), 1);
  disk.live = false;
}

/** bdev_add: the block device can be found by number and is announced. */
export function bdev_add(bdev: BlockDevice): void {
  const l = blk_layer(bdev.disk.kernel);
  l.bdevs.set(bdev.devt, bdev);
  for (const x of l.listeners) x.added(bdev);
}

function bdev_del(bdev: BlockDevice): void {
  const l = blk_layer(bdev.disk.kernel);
  for (const x of l.listeners) x.removed(bdev);
  l.bdevs.delete(bdev.devt);
}

/** delete_partition (block/partitions/core.c). */
export function delete_partition(part: BlockDevice): void {
  const disk = part.disk;
  bdev_del(part);
  disk.parts.delete(part.partno);
  if (major(part.devt) === BLOCK_EXT_MAJOR) blk_layer(disk.kernel).free_ext_minor(minor(part.devt));
}

/** The block device with this device number (blkdev_get_no_open), or null. */
export function bdev_lookup(kernel: Kernel, devt: number): BlockDevice | null {
  return blk_layer(kernel).bdevs.get(devt) ?? null;
}

/** Every live block device, disk first then its partitions, disks in the order they were added. */
export function all_bdevs(kernel: Kernel): BlockDevice[] {
  const out: BlockDevice[] = [];
  for (const disk of blk_layer(kernel).disks) {
    out.push(disk.part0);
    for (const p of [...disk.parts.values()].sort((a, b) => a.partno - b.partno)) out.push(p);
  }
  return out;
}

/**
 * /proc/partitions (show_partition): a header, a blank line, then every block device of every
 * disk with a size — "%4d  %7d %10llu %pg", the size in 1 KiB blocks. Empty disks (a loop device
 * with nothing attached) and hidden ones are left out.
 */
export function partitions_proc_show(kernel: Kernel): string {
  let out = 'major minor  #blocks  name\n\n';
  for (const disk of blk_layer(kernel).disks) {
    if (!disk.capacity || disk.flags & GENHD_FL_HIDDEN) continue;
    const parts = [disk.part0, ...[...disk.parts.values()].sort((a, b) => a.partno - b.partno)];
    for (const p of parts) {
      if (!p.nrSects) continue;
      out += `${String(major(p.devt)).padStart(4)}  ${String(minor(p.devt)).padStart(7)} ${String(Math.floor(p.nrSects / 2)).padStart(10)} ${p.name}\n`;
    }
  }
  return out;
}

/** genhd_device_init: the block layer at boot ("259 blkext" is always in /proc/devices). */
export function genhd_device_init(kernel: Kernel): number {
  const r = register_blkdev(kernel, BLOCK_EXT_MAJOR, 'blkext');
  return r < 0 ? r : 0;
}
