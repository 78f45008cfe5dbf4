// Character device numbers (fs/char_dev.c): drivers claim a range of minor numbers under a major,
// and opening a device node — any inode with S_IFCHR, on any filesystem — hands the file over to
// the driver that owns its rdev. No driver for the number: ENXIO ("No such device or address").
//
// The registry lives in the machine's Vfs (kernel_vfs(kernel).chrdevs); /proc/devices lists it.

import { EBUSY, EINVAL, ENXIO } from '../../uapi/errno';
import { major, minor } from '../../uapi/stat';
import type { Kernel } from '../kernel';
import type { Task } from '../sched/task';
import type { File } from './file';
import type { FileOperations } from './fs';
import type { Inode } from './inode';
import { kernel_vfs } from './vfs';

export interface CharDevRegion {
  major: number;
  minorStart: number;
  count: number;
  name: string;
  fops: FileOperations;
}

/** Majors handed out to drivers that ask for any (CHRDEV_MAJOR_DYN_END..CHRDEV_MAJOR_DYN_START). */
const DYN_MAJOR_HIGH = 254;
const DYN_MAJOR_LOW = 234;
const MINORMASK = (1 << 20) - 1;

export class CharDevices {
  readonly regions: CharDevRegion[] = [];

  /**
   * __register_chrdev: claim minors [minorStart, minorStart+count) of `major` (0: pick a free
   * major). Returns the major, or -EBUSY if any of the numbers is taken.
   */
  register(majorNr: number, minorStart: number, count: number, name: string, fops: FileOperations): number {
    if (count <= 0 || minorStart < 0 || minorStart + count - 1 > MINORMASK || majorNr < 0 || majorNr > 4095) return -EINVAL;
    if (majorNr === 0) {
      for (let m = DYN_MAJOR_HIGH; m >= DYN_MAJOR_LOW; m--) {
        if (!this.regions.some((r) => r.major === m)) {
          majorNr = m;
          break;
        }
      }
      if (majorNr === 0) return -EBUSY;
    }
    const overlap = this.regions.some(
      (r) => r.major === majorNr && r.minorStart < minorStart + count && minorStart < r.minorStart + r.count,
    );
    if (overlap) return -EBUSY;
    this.regions.push({ major: majorNr, minorStart, count, name, fops });
    this.regions.sort((a, b) => a.major - b.major || a.minorStart - b.minorStart);
    return majorNr;
  }

  /** __unregister_chrdev. */
  unregister(majorNr: number, minorStart: number, count: number): void {
    const i = this.regions.findIndex((r) => r.major === majorNr && r.minorStart === minorStart && r.count === count);
    if (i >= 0) this.regions.splice(i, 1);
  }

  /** The driver for a device number, or null. */
  lookup(majorNr: number, minorNr: number): CharDevRegion | null {
    return this.regions.find((r) => r.major === majorNr && minorNr >= r.minorStart && minorNr < r.minorStart + r.count) ?? null;
  }

  /** The "Character devices:" section of /proc/devices: [major, name], one per distinct pair. */
  list(): [number, string][] {
    const out: [number, string][] = [];
    for (const r of this.regions) if (!out.some(([m, n]) => m === r.major && n === r.name)) out.push([r.major, r.name]);
    return out;
  }
}

/**
 * registerChrdev: what a driver calls at init (after vfs_init).
 * Returns the major (useful with major 0) or -errno.
 */
export function registerChrdev(
  kernel: Kernel,
  majorNr: number,
  minorStart: number,
  count: number,
  name: string,
  fops: FileOperations,
): number {
  return kernel_vfs(kernel).chrdevs.register(majorNr, minorStart, count, name, fops);
}

/** chrdev_open: find the driver for the node's rdev and let it take over the file. */
function chrdev_open(inode: Inode, file: File, t: Task): number {
  const region = inode.sb.vfs.chrdevs.lookup(major(inode.rdev), minor(inode.rdev));
  if (!region) return -ENXIO;
  file.fop = region.fops;
  return region.fops.open ? region.fops.open(inode, file, t) : 0;
}

/** The file operations of every character device node until open replaces them. */
export const def_chr_fops: FileOperations = { open: chrdev_open };
