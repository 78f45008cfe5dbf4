// Block device ioctls (block/ioctl.c: blkdev_ioctl, blkdev_common_ioctl): the size in sectors
// or bytes, the sector sizes, the read-only flag, flushing, and re-reading the partition table.
// What the generic layer does not know goes to the driver (a loop device's LOOP_* calls).

import { EACCES, EFAULT, EINVAL, ENOTTY } from '../../uapi/errno';
import {
  BLKBSZGET, BLKFLSBUF, BLKGETSIZE, BLKGETSIZE64, BLKIOMIN, BLKIOOPT, BLKPBSZGET, BLKROGET, BLKROSET,
  BLKRRPART, BLKSSZGET, SECTOR_SIZE,
} from '../../uapi/fs';
import { get_user_i32, put_user_i32, put_user_i64, put_user_u32 } from '../mm/uaccess';
import type { Task } from '../sched/task';
import { bdev_flush } from './bio';
import type { BlockDevice } from './genhd';
import { bdev_disk_changed } from './partitions/check';

/** The block size buffered I/O on a whole device uses (what BLKBSZGET reports; PAGE_SIZE). */
const BDEV_SOFT_BLOCK_SIZE = 4096;

const put_int = (t: Task, arg: number, v: number): number => (put_user_i32(t, arg, v) < 0 ? -EFAULT : 0);

/** blkdev_ioctl. `writable`: the file is open for writing (some drivers' calls need it). */
export function blkdev_ioctl(bdev: BlockDevice, t: Task, cmd: number, arg: number, writable: boolean): number {
  cmd >>>= 0;
  switch (cmd) {
    case BLKROSET: {
      // blkdev_roset: CAP_SYS_ADMIN, then the int the argument points at.
      if (!t.cred.capable()) return -EACCES;
      const v = get_user_i32(t, arg);
      if (Number.isNaN(v)) return -EFAULT;
      bdev.readOnly = v !== 0;
      return 0;
    }
    case BLKROGET:
      return put_int(t, arg, bdev.isReadOnly ? 1 : 0);
    case BLKGETSIZE:
      // An unsigned long of 512-byte sectors.
      return put_user_i64(t, arg, bdev.nrSects) < 0 ? -EFAULT : 0;
    case BLKGETSIZE64:
      return put_user_i64(t, arg, bdev.size) < 0 ? -EFAULT : 0;
    case BLKSSZGET:
      return put_int(t, arg, SECTOR_SIZE);
    case BLKPBSZGET:
    case BLKIOMIN:
      return put_user_u32(t, arg, SECTOR_SIZE) < 0 ? -EFAULT : 0;
    case BLKIOOPT:
      return put_user_u32(t, arg, 0) < 0 ? -EFAULT : 0;
    case BLKBSZGET:
      return put_int(t, arg, BDEV_SOFT_BLOCK_SIZE);
    case BLKFLSBUF:
      // blkdev_flushbuf: write back and drop the cached pages; we have no cache, only the flush.
      if (!t.cred.capable()) return -EACCES;
      return bdev_flush(bdev, t);
    case BLKRRPART:
      // blkdev_reread_part: only on the whole disk, and only where partitions may be scanned.
      if (!t.cred.capable()) return -EACCES;
      if (bdev.partno !== 0) return -EINVAL;
      if (!bdev.disk.partscan) return -EINVAL;
      return bdev_disk_changed(bdev.disk, t);
    default:
      return bdev.disk.fops.ioctl ? bdev.disk.fops.ioctl(bdev, t, cmd, arg, writable) : -ENOTTY;
  }
}
