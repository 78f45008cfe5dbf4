// The file operations of a block device node (block/fops.c: def_blk_fops, blkdev_open,
// blkdev_read_iter, blkdev_write_iter, blkdev_llseek, blkdev_fsync).
//
// Every inode with S_IFBLK — on devtmpfs, or made by mknod anywhere — starts with def_blk_fops.
// Opening it looks up the block device by the node's rdev (ENXIO when no disk or partition has
// that number) and keeps it as the file's private data; from then on reads and writes move bytes
// at the file position through the disk's sectors (bio.ts), and lseek knows the device's size.
//
// Simplified: no O_EXCL exclusive opens (Linux refuses one while the device is mounted), no
// O_DIRECT alignment rules, and the device node's inode is the filesystem's own (Linux redirects
// I/O to the block device's inode in bdevfs; stat shows the node either way).

import { ENXIO } from '../../uapi/errno';
import type { Task } from '../sched/task';
import type { File } from '../fs/file';
import { FMODE_WRITE, type FileOperations, type FilePos } from '../fs/fs';
import type { Inode } from '../fs/inode';
import { generic_file_llseek_size } from '../fs/libfs';
import { bdev_flush, bdev_read, bdev_write } from './bio';
import { bdev_lookup, type BlockDevice } from './genhd';
import { blkdev_ioctl } from './ioctl';

/** The block device behind an open block file. */
export function file_bdev(file: File): BlockDevice {
  return file.private_data as BlockDevice;
}

/** blkdev_open → blkdev_get_by_dev: find the device and count the opener. */
function blkdev_open(inode: Inode, file: File, t: Task): number {
  const bdev = bdev_lookup(t.kernel, inode.rdev);
  if (!bdev || !bdev.disk.live) return -ENXIO;
  const disk = bdev.disk;
  if (disk.fops.open) {
    const r = disk.fops.open(bdev, t);
    if (r < 0) return r;
  }
  bdev.openers++;
  if (bdev.partno) disk.openPartitions++;
  file.private_data = bdev;
  file.fop = blkdev_file_operations;
  return 0;
}

/** blkdev_release: the last close of this file. */
function blkdev_release(_inode: Inode, file: File, t: Task): void {
  const bdev = file_bdev(file);
  bdev.openers--;
  if (bdev.partno) bdev.disk.openPartitions--;
  bdev.disk.fops.release?.(bdev.disk, t);
}

function blkdev_read(file: File, t: Task, count: number, ppos: FilePos): Uint8Array | number {
  const data = bdev_read(file_bdev(file), t, ppos.pos, count);
  if (typeof data !== 'number') ppos.pos += data.length;
  return data;
}

function blkdev_write(file: File, t: Task, data: Uint8Array, ppos: FilePos): number {
  const n = bdev_write(file_bdev(file), t, ppos.pos, data);
  if (n > 0) ppos.pos += n;
  return n;
}

/** blkdev_llseek: SEEK_END is the device's size. */
function blkdev_llseek(file: File, offset: number, whence: number): number {
  return generic_file_llseek_size(file, offset, whence, file_bdev(file).size);
}

function blkdev_fsync(file: File, t: Task): number {
  return bdev_flush(file_bdev(file), t);
}

function blkdev_file_ioctl(file: File, t: Task, cmd: number, arg: number): number {
  return blkdev_ioctl(file_bdev(file), t, cmd, arg, (file.f_mode & FMODE_WRITE) !== 0);
}

/** What an open block device file does. */
export const blkdev_file_operations: FileOperations = {
  open: blkdev_open,
  release: blkdev_release,
  read: blkdev_read,
  write: blkdev_write,
  llseek: blkdev_llseek,
  fsync: blkdev_fsync,
  ioctl: blkdev_file_ioctl,
};

/** The file operations of every block device node until open (init_special_inode). */
export const def_blk_fops: FileOperations = { open: blkdev_open };
