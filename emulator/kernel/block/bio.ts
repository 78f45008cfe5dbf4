// Moving bytes to and from a block device (block/bio.c, block/blk-core.c: submit_bio, and
// block/fops.c's byte-granular side). Disks only move whole 512-byte sectors; a read or write at
// any byte offset is widened to the sectors it touches, and a partial sector is written by
// reading it, changing the bytes, and writing it back (what the page cache does on Linux).
// Offsets within a partition are shifted by the partition's start before they reach the driver.

import { EIO, ENOSPC, EPERM } from '../../uapi/errno';
import { SECTOR_SIZE } from '../../uapi/fs';
import type { Task } from '../sched/task';
import type { BioOp, BlockDevice } from './genhd';

/**
 * The most one read or write call moves. Linux splits large I/O into bios of a few hundred KiB
 * and loops; we do it in one step but stop at 16 MiB, so a huge count cannot make the kernel
 * allocate that much at once — a short count, which every reader handles.
 */
export const BDEV_IO_MAX = 16 << 20;

/** submit_bio_wait: one bio for sectors of `bdev` (partition-relative), with accounting. */
export function submit_bio_wait(bdev: BlockDevice, op: BioOp, sector: number, buf: Uint8Array, t: Task | null): number {
  const disk = bdev.disk;
  const r = disk.fops.submit_bio(disk, op, bdev.startSect + sector, buf, t);
  if (r < 0) return r;
  const sectors = buf.length / SECTOR_SIZE;
  // The I/O counts for the partition and for the whole disk, as part_stat_add does.
  for (const b of bdev.partno ? [bdev, disk.part0] : [bdev]) {
    if (op === 'flush') b.stats.flushes++;
    else {
      const i = op === 'read' ? 0 : 1;
      b.stats.ios[i]!++;
      b.stats.sectors[i]! += sectors;
    }
  }
  return 0;
}

/** read_part_sector: one sector (the partition parsers' read_part_sector), or null on an error. */
export function read_sectors(bdev: BlockDevice, sector: number, count: number, t: Task | null): Uint8Array | null {
  if (sector < 0 || sector + count > bdev.nrSects) return null;
  const buf = new Uint8Array(count * SECTOR_SIZE);
  return submit_bio_wait(bdev, 'read', sector, buf, t) < 0 ? null : buf;
}

/** blkdev_read_iter: up to `count` bytes at byte `pos`; empty at and after the end. */
export function bdev_read(bdev: BlockDevice, t: Task | null, pos: number, count: number): Uint8Array | number {
  const size = bdev.size;
  if (pos >= size || count <= 0) return new Uint8Array(0);
  const n = Math.min(count, size - pos, BDEV_IO_MAX);
  const first = Math.floor(pos / SECTOR_SIZE);
  const last = Math.ceil((pos + n) / SECTOR_SIZE);
  const buf = new Uint8Array((last - first) * SECTOR_SIZE);
  const r = submit_bio_wait(bdev, 'read', first, buf, t);
  if (r < 0) return r;
  const off = pos - first * SECTOR_SIZE;
  return buf.subarray(off, off + n);
}

/**
 * blkdev_write_iter: write `data` at byte `pos`. EPERM on a read-only device, ENOSPC at or past
 * the end; a write running over the end is cut short there.
 */
export function bdev_write(bdev: BlockDevice, t: Task | null, pos: number, data: Uint8Array): number {
  if (bdev.isReadOnly) return -EPERM;
  const size = bdev.size;
  if (data.length === 0) return 0;
  if (pos >= size) return -ENOSPC;
  const n = Math.min(data.length, size - pos, BDEV_IO_MAX);
  const first = Math.floor(pos / SECTOR_SIZE);
  const last = Math.ceil((pos + n) / SECTOR_SIZE);
  const buf = new Uint8Array((last - first) * SECTOR_SIZE);
  const off = pos - first * SECTOR_SIZE;
  // Read the sectors the write only partly covers (the first and the last), then merge.
  if (off !== 0) {
    const head = read_sectors(bdev, first, 1, t);
    if (!head) return -EIO;
    buf.set(head, 0);
  }
  if ((pos + n) % SECTOR_SIZE !== 0 && (last - 1 !== first || off === 0)) {
    const tail = read_sectors(bdev, last - 1, 1, t);
    if (!tail) return -EIO;
    buf.set(tail, (last - 1 - first) * SECTOR_SIZE);
  }
  buf.set(data.subarray(0, n), off);
  const r = submit_bio_wait(bdev, 'write', first, buf, t);
  return r < 0 ? r : n;
}

/** blkdev_issue_flush: ask the driver to make what was written durable. */
export function bdev_flush(bdev: BlockDevice, t: Task | null): number {
  return submit_bio_wait(bdev, 'flush', 0, new Uint8Array(0), t);
}
