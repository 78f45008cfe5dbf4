// The machine's disk: /dev/sda, block major 8 ("sd", SCSI disks), 16 minors per disk.
//
// On a real machine sda is a SCSI (or SATA/USB, which speak SCSI) disk driven by drivers/scsi/sd.c
// under a host adapter. This driver stands in for that whole stack: the disk is RAM, kept as
// sparse 4 KiB pages so that only sectors ever written use memory (a never-written sector reads
// as zeros, like a fresh disk). It has the numbers, name and partitions of the real thing.
//
// The disk is new at every boot, so the driver writes an MBR partition table on it as an
// installer's fdisk would (2048-sector alignment, Linux type 0x83): sda1 the first half, sda2 the
// rest — then the block layer scans it like any disk, finding sda1 (8:1) and sda2 (8:2).

import { SECTOR_SIZE } from '../../../uapi/fs';
import type { Kernel } from '../../kernel';
import { add_disk, alloc_disk, register_blkdev, set_capacity, type BioOp, type Gendisk } from '../../block/genhd';
import { bdev_disk_changed } from '../../block/partitions/check';

export const SCSI_DISK0_MAJOR = 8;
/** Minors per sd disk: the disk and 15 partitions. */
export const SD_MINORS = 16;
/** The disk's size: 64 MiB. */
export const SD_RAM_BYTES = 64 << 20;

/**
 * The disk identifier in the MBR (what `fdisk -l` shows as 0x52696e67, "Ring"). fdisk picks a
 * random one; a fixed one keeps the machine's random stream the same with or without a disk.
 */
export const SD_DISK_ID = 0x52696e67;

const PAGE = 4096;

/** The disk's contents: page index → page, only for pages written at least once. */
export class SparseDisk {
  readonly pages = new Map<number, Uint8Array>();

  read(sector: number, buf: Uint8Array): void {
    for (let done = 0; done < buf.length; ) {
      const byte = sector * SECTOR_SIZE + done;
      const idx = Math.floor(byte / PAGE);
      const off = byte % PAGE;
      const n = Math.min(PAGE - off, buf.length - done);
      const page = this.pages.get(idx);
      if (page) buf.set(page.subarray(off, off + n), done);
      else buf.fill(0, done, done + n);
      done += n;
    }
  }

  write(sector: number, buf: Uint8Array): void {
    for (let done = 0; done < buf.length; ) {
      const byte = sector * SECTOR_SIZE + done;
      const idx = Math.floor(byte / PAGE);
      const off = byte % PAGE;
      const n = Math.min(PAGE - off, buf.length - done);
      let page = this.pages.get(idx);
      if (!page) {
        // Writing zeros over a hole keeps it a hole.
        if (buf.subarray(done, done + n).every((b) => b === 0)) {
          done += n;
          continue;
        }
        page = new Uint8Array(PAGE);
        this.pages.set(idx, page);
      }
      page.set(buf.subarray(done, done + n), off);
      done += n;
    }
  }

  /** Bytes of RAM in use. */
  get bytesUsed(): number {
    return this.pages.size * PAGE;
  }
}

/** sd's submit_bio: the sectors come from (or go to) RAM; a flush has nothing to do. */
function sd_submit_bio(disk: Gendisk, op: BioOp, sector: number, buf: Uint8Array): number {
  const ram = disk.privateData as SparseDisk;
  if (op === 'read') ram.read(sector, buf);
  else if (op === 'write') ram.write(sector, buf);
  return 0;
}

/** CHS of an LBA for the MBR's legacy fields (255 heads, 63 sectors; 1023/254/63 past the limit). */
function lba_to_chs(lba: number): [number, number, number] {
  const c = Math.floor(lba / (255 * 63));
  if (c > 1023) return [0xfe, 0xff, 0xff];
  const h = Math.floor(lba / 63) % 255;
  const s = (lba % 63) + 1;
  return [h, s | ((c >> 2) & 0xc0), c & 0xff];
}

/**
 * The MBR fdisk would write: a disk identifier, then primary partitions given as [start, sectors]
 * of type 0x83, and the 55 AA signature.
 */
export function make_mbr(diskId: number, parts: readonly (readonly [number, number])[]): Uint8Array {
  const mbr = new Uint8Array(SECTOR_SIZE);
  const v = new DataView(mbr.buffer);
  v.setUint32(440, diskId >>> 0, true);
  parts.forEach(([start, size], i) => {
    const e = 446 + 16 * i;
    mbr[e] = 0; // not bootable
    mbr.set(lba_to_chs(start), e + 1);
    mbr[e + 4] = 0x83;
    mbr.set(lba_to_chs(start + size - 1), e + 5);
    v.setUint32(e + 8, start, true);
    v.setUint32(e + 12, size, true);
  });
  mbr[510] = 0x55;
  mbr[511] = 0xaa;
  return mbr;
}

/** sd_probe for the one disk: register major 8, make sda, partition it, add it. */
export function sd_ram_init(kernel: Kernel, bytes = SD_RAM_BYTES): Gendisk | number {
  const major = register_blkdev(kernel, SCSI_DISK0_MAJOR, 'sd');
  if (major < 0) return major;
  const disk = alloc_disk(kernel, 'sda', SCSI_DISK0_MAJOR, 0, SD_MINORS, { submit_bio: sd_submit_bio });
  const ram = new SparseDisk();
  disk.privateData = ram;
  const sectors = Math.floor(bytes / SECTOR_SIZE);
  set_capacity(disk, sectors);
  // First partition from sector 2048 to the middle, the second from there (aligned) to the end.
  const half = Math.floor(sectors / 2);
  const p2 = half + 2048;
  ram.write(0, make_mbr(SD_DISK_ID, [[2048, half], [p2, sectors - p2]]));
  kernel.printk(5, `sd 0:0:0:0: [sda] ${sectors} 512-byte logical blocks: (${(bytes / 1e6).toFixed(1)} MB/${bytes / 1048576} MiB)`);
  const r = add_disk(disk);
  if (r < 0) return r;
  bdev_disk_changed(disk, null);
  kernel.printk(5, 'sd 0:0:0:0: [sda] Attached SCSI disk');
  return disk;
}
