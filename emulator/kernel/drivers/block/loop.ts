// Loop devices (drivers/block/loop.c): a block device whose sectors are the bytes of a file.
//
// /dev/loop0../dev/loop7 (block major 7, one minor each) exist from boot and are empty (size 0,
// absent from /proc/partitions). LOOP_SET_FD or LOOP_CONFIGURE attaches an open file: from then on
// sector N of the device is byte offset + N*512 of the file, read and written with the file's own
// read and write (a real VFS read: tmpfs pages, or another block device). LOOP_CLR_FD detaches it.
// Attaching and detaching tell user space with a "change" uevent, and sysfs shows the binding in
// /sys/block/loopN/loop/ (backing_file, offset, sizelimit, autoclear, partscan, dio).
//
// /dev/loop-control (misc 10:237) hands out devices: LOOP_CTL_GET_FREE returns the first unbound
// one (making a new one if all are bound), LOOP_CTL_ADD and LOOP_CTL_REMOVE make and delete loopN.
//
// A loop device has one minor, so its partitions (with LO_FLAGS_PARTSCAN) get numbers of the
// extended major 259, as on Linux with the default max_part=0.
//
// Simplified: no direct I/O (LOOP_SET_DIRECT_IO accepts only "off"), the logical block size is
// always 512 (LOOP_SET_BLOCK_SIZE accepts only 512), and the old 32-bit LOOP_SET_STATUS and
// LOOP_GET_STATUS and LOOP_CHANGE_FD are not implemented (EINVAL, like any unknown loop ioctl).

import { EBADF, EBUSY, EEXIST, EFAULT, EINVAL, EIO, ENODEV, ENOSYS, ENXIO, EOVERFLOW, EPERM } from '../../../uapi/errno';
import {
  LO_FLAGS_AUTOCLEAR, LO_FLAGS_DIRECT_IO, LO_FLAGS_PARTSCAN, LO_FLAGS_READ_ONLY, LO_KEY_SIZE, LO_NAME_SIZE,
  LOOP_CLR_FD, LOOP_CONFIG, LOOP_CONFIGURE, LOOP_CONFIGURE_SETTABLE_FLAGS, LOOP_CTL_ADD, LOOP_CTL_GET_FREE,
  LOOP_CTL_REMOVE, LOOP_CTRL_MINOR, LOOP_GET_STATUS64, LOOP_INFO64, LOOP_MAJOR, LOOP_SET_BLOCK_SIZE,
  LOOP_SET_CAPACITY, LOOP_SET_DIRECT_IO, LOOP_SET_FD, LOOP_SET_STATUS64, LOOP_SET_STATUS_CLEARABLE_FLAGS,
  LOOP_SET_STATUS_SETTABLE_FLAGS,
} from '../../../uapi/loop';
import { SECTOR_SIZE } from '../../../uapi/fs';
import { S_ISBLK, S_ISREG } from '../../../uapi/stat';
import type { Kernel } from '../../kernel';
import { copy_from_user, copy_to_user, StructReader, StructWriter } from '../../mm/uaccess';
import type { Task } from '../../sched/task';
import { bdev_lookup, add_disk, alloc_disk, del_gendisk, disk_uevent_change, GENHD_FL_NO_PART, register_blkdev, set_capacity, set_capacity_and_notify, type BioOp, type BlockDevice, type Gendisk } from '../../block/genhd';
import { blkdev_file_operations, file_bdev } from '../../block/fops';
import { bdev_disk_changed, blk_drop_partitions } from '../../block/partitions/check';
import { registerChrdev } from '../../fs/char_dev';
import { d_path } from '../../fs/d_path';
import { fget, fput, get_file, type File } from '../../fs/file';
import { FMODE_WRITE, type FileOperations } from '../../fs/fs';
import { noop_llseek } from '../../fs/libfs';
import { vfs_read, vfs_write } from '../../fs/read_write';
import { kernel_vfs } from '../../fs/vfs';

/** How many loop devices exist from boot (CONFIG_BLK_DEV_LOOP_MIN_COUNT). */
export const LOOP_MIN_COUNT = 8;
/** The misc character major /dev/loop-control lives under. */
export const MISC_MAJOR = 10;

export type LoopState = 'unbound' | 'bound' | 'rundown';

/** struct loop_device. */
export class LoopDevice {
  state: LoopState = 'unbound';
  backing: File | null = null;
  offset = 0;
  sizelimit = 0;
  flags = 0;
  /** lo_file_name: what the attaching program said the file is called (64 bytes at most). */
  fileName = '';

  constructor(
    readonly number: number,
    readonly disk: Gendisk,
  ) {}
}

/** Every loop device of a machine, by number (loop_index_idr). */
const loopsOf = new WeakMap<Kernel, Map<number, LoopDevice>>();

export function loop_devices(kernel: Kernel): Map<number, LoopDevice> {
  let m = loopsOf.get(kernel);
  if (!m) {
    m = new Map();
    loopsOf.set(kernel, m);
  }
  return m;
}

/** The loop device behind a block device, or null (is_loop_device). */
export function bdev_loop(bdev: BlockDevice): LoopDevice | null {
  return bdev.disk.major === LOOP_MAJOR && bdev.disk.privateData instanceof LoopDevice ? bdev.disk.privateData : null;
}

/** The size in bytes of the backing file (a block device's size, or the file's). */
function backing_size(file: File): number {
  if (S_ISBLK(file.inode.mode) && file.fop === blkdev_file_operations) return file_bdev(file).size;
  return file.inode.size;
}

/** get_size: the device's sectors — the file from `offset`, cut at `sizelimit` if one is set. */
function get_loop_size(lo: LoopDevice, file: File): number {
  let bytes = Math.max(0, backing_size(file) - lo.offset);
  if (lo.sizelimit > 0 && lo.sizelimit < bytes) bytes = lo.sizelimit;
  return Math.floor(bytes / SECTOR_SIZE);
}

/**
 * lo_rw_aio in its simple form: the sectors are read from or written to the backing file at
 * offset + sector*512. A read past the file's end (a file shorter than the device after a
 * truncate) gives zeros, as loop does.
 */
function lo_submit_bio(disk: Gendisk, op: BioOp, sector: number, buf: Uint8Array, t: Task | null): number {
  const lo = disk.privateData as LoopDevice;
  const file = lo.backing;
  if (!file || lo.state !== 'bound' || !t) return -EIO;
  const pos = { pos: lo.offset + sector * SECTOR_SIZE };
  if (op === 'flush') return file.fop.fsync ? Math.min(0, file.fop.fsync(file, t, false)) : 0;
  let done = 0;
  while (done < buf.length) {
    if (op === 'read') {
      const data = vfs_read(t, file, buf.length - done, pos);
      if (typeof data === 'number') return -EIO;
      if (data.length === 0) {
        buf.fill(0, done);
        break;
      }
      buf.set(data, done);
      done += data.length;
    } else {
      const n = vfs_write(t, file, buf.subarray(done), pos);
      if (n <= 0) return -EIO;
      done += n;
    }
  }
  return 0;
}

/** loop_validate_file: a regular file or a block device, and no loop of loops back to `lo`. */
function loop_validate_file(file: File, lo: LoopDevice): number {
  let f: File = file;
  for (;;) {
    if (!S_ISBLK(f.inode.mode) || f.fop !== blkdev_file_operations) break;
    const l = bdev_loop(file_bdev(f));
    if (!l) break;
    if (l === lo) return -EBADF;
    if (l.state !== 'bound' || !l.backing) return -EINVAL;
    f = l.backing;
  }
  if (!S_ISREG(file.inode.mode) && !S_ISBLK(file.inode.mode)) return -EINVAL;
  return 0;
}

/** struct loop_info64 as the kernel reads it. */
interface LoopInfo64 {
  offset: number;
  sizelimit: number;
  flags: number;
  fileName: string;
  encryptType: number;
  encryptKeySize: number;
}

function read_info64(b: Uint8Array, at: number): LoopInfo64 {
  const r = new StructReader(b.subarray(at, at + LOOP_INFO64.size));
  const nameBytes = b.subarray(at + LOOP_INFO64.lo_file_name, at + LOOP_INFO64.lo_file_name + LO_NAME_SIZE);
  const nul = nameBytes.indexOf(0);
  let fileName = '';
  for (const c of nul < 0 ? nameBytes.subarray(0, LO_NAME_SIZE - 1) : nameBytes.subarray(0, nul)) fileName += String.fromCharCode(c);
  return {
    offset: Number(r.u64(LOOP_INFO64.lo_offset)),
    sizelimit: Number(r.u64(LOOP_INFO64.lo_sizelimit)),
    flags: r.u32(LOOP_INFO64.lo_flags),
    fileName,
    encryptType: r.u32(LOOP_INFO64.lo_encrypt_type),
    encryptKeySize: r.u32(LOOP_INFO64.lo_encrypt_key_size),
  };
}

/** loop_set_status_from_info: offset, size limit, name and flags from user space. */
function loop_set_status_from_info(lo: LoopDevice, info: LoopInfo64): number {
  if (info.encryptKeySize > LO_KEY_SIZE) return -EINVAL;
  // Encryption was removed from loop in 5.12: only "none" (0) is accepted.
  if (info.encryptType !== 0) return -EINVAL;
  if (info.offset > Number.MAX_SAFE_INTEGER || info.sizelimit > Number.MAX_SAFE_INTEGER) return -EOVERFLOW;
  lo.offset = info.offset;
  lo.sizelimit = info.sizelimit;
  lo.fileName = info.fileName;
  lo.flags = info.flags;
  return 0;
}

/** What listens to a loop device's binding (sysfs's loop/ directory): set by the device model. */
export interface LoopListener {
  bound(lo: LoopDevice): void;
  unbound(lo: LoopDevice): void;
}
const listenersOf = new WeakMap<Kernel, LoopListener[]>();

export function loop_listeners(kernel: Kernel): LoopListener[] {
  let l = listenersOf.get(kernel);
  if (!l) {
    l = [];
    listenersOf.set(kernel, l);
  }
  return l;
}

/** loop_set_size: the new capacity, with the "change" uevent loop always sends. */
function loop_set_size(lo: LoopDevice, sectors: number): void {
  if (!set_capacity_and_notify(lo.disk, sectors)) disk_uevent_change(lo.disk);
}

/** loop_configure: attach the file of `config` (LOOP_SET_FD and LOOP_CONFIGURE). */
function loop_configure(lo: LoopDevice, t: Task, writable: boolean, fd: number, blockSize: number, info: LoopInfo64 | null): number {
  const file = fget(t, fd);
  if (!file) return -EBADF;
  if (lo.state !== 'unbound') return -EBUSY;
  const err = loop_validate_file(file, lo);
  if (err) return err;
  if (info && info.flags & ~LOOP_CONFIGURE_SETTABLE_FLAGS) return -EINVAL;
  // blk_validate_block_size allows powers of two from 512 to the page size; we support 512.
  if (blockSize && blockSize !== SECTOR_SIZE) return -EINVAL;
  const prev = { offset: lo.offset, sizelimit: lo.sizelimit, flags: lo.flags, fileName: lo.fileName };
  const r = loop_set_status_from_info(lo, info ?? { offset: 0, sizelimit: 0, flags: 0, fileName: '', encryptType: 0, encryptKeySize: 0 });
  if (r) {
    Object.assign(lo, prev);
    return r;
  }
  if (lo.flags & LO_FLAGS_DIRECT_IO) lo.flags &= ~LO_FLAGS_DIRECT_IO; // buffered I/O only
  // A file not open for writing, or a loop device not open for writing, makes a read-only device.
  if (!(file.f_mode & FMODE_WRITE) || !writable || !file.fop.write) lo.flags |= LO_FLAGS_READ_ONLY;
  lo.disk.part0.readOnly = (lo.flags & LO_FLAGS_READ_ONLY) !== 0;
  lo.backing = get_file(file);
  // The backing file keeps its mount busy (umount says EBUSY until the device is detached).
  file.path.mnt.kernelRefs++;
  lo.state = 'bound';
  const partscan = (lo.flags & LO_FLAGS_PARTSCAN) !== 0;
  if (partscan) lo.disk.flags &= ~GENHD_FL_NO_PART;
  for (const l of loop_listeners(lo.disk.kernel)) l.bound(lo);
  loop_set_size(lo, get_loop_size(lo, file));
  if (partscan) bdev_disk_changed(lo.disk, t);
  return 0;
}

/** __loop_clr_fd: let go of the file; the device is empty again. */
function loop_clr_fd_now(lo: LoopDevice, t: Task): void {
  lo.state = 'rundown';
  const file = lo.backing;
  blk_drop_partitions(lo.disk);
  set_capacity(lo.disk, 0);
  lo.disk.flags |= GENHD_FL_NO_PART;
  lo.disk.part0.readOnly = false;
  for (const l of loop_listeners(lo.disk.kernel)) l.unbound(lo);
  lo.backing = null;
  lo.offset = lo.sizelimit = lo.flags = 0;
  lo.fileName = '';
  lo.state = 'unbound';
  disk_uevent_change(lo.disk);
  if (file) {
    file.path.mnt.kernelRefs--;
    fput(file, t);
  }
}

/**
 * loop_clr_fd: detach now, or — while someone else still has the device open — mark it to detach
 * at the last close (LO_FLAGS_AUTOCLEAR) and succeed, as Linux ≥ 5.x does.
 */
function loop_clr_fd(lo: LoopDevice, t: Task): number {
  if (lo.state !== 'bound') return -ENXIO;
  if (lo.disk.part0.openers > 1) {
    lo.flags |= LO_FLAGS_AUTOCLEAR;
    return 0;
  }
  loop_clr_fd_now(lo, t);
  return 0;
}

/** loop_get_status64. */
function loop_get_status64(lo: LoopDevice, t: Task, arg: number): number {
  if (lo.state !== 'bound' || !lo.backing) return -ENXIO;
  const inode = lo.backing.inode;
  // huge_encode_dev is the same encoding as makedev.
  const w = new StructWriter(LOOP_INFO64.size)
    .u64(LOOP_INFO64.lo_device, inode.sb.dev)
    .u64(LOOP_INFO64.lo_inode, inode.ino)
    .u64(LOOP_INFO64.lo_rdevice, inode.rdev)
    .u64(LOOP_INFO64.lo_offset, lo.offset)
    .u64(LOOP_INFO64.lo_sizelimit, lo.sizelimit)
    .u32(LOOP_INFO64.lo_number, lo.number)
    .u32(LOOP_INFO64.lo_flags, lo.flags)
    .str(LOOP_INFO64.lo_file_name, lo.fileName, LO_NAME_SIZE);
  return copy_to_user(t, arg, w.bytes) < 0 ? -EFAULT : 0;
}

/** loop_set_status (LOOP_SET_STATUS64): new offset/size limit/name/flags of a bound device. */
function loop_set_status64(lo: LoopDevice, t: Task, arg: number): number {
  const b = copy_from_user(t, arg, LOOP_INFO64.size);
  if (typeof b === 'number') return -EFAULT;
  if (lo.state !== 'bound' || !lo.backing) return -ENXIO;
  const info = read_info64(b, 0);
  const prevFlags = lo.flags;
  const prev = { offset: lo.offset, sizelimit: lo.sizelimit, fileName: lo.fileName };
  const r = loop_set_status_from_info(lo, info);
  if (r) {
    Object.assign(lo, prev, { flags: prevFlags });
    return r;
  }
  // Only AUTOCLEAR and PARTSCAN may be set, only AUTOCLEAR cleared; the rest keep their value.
  lo.flags = (lo.flags & LOOP_SET_STATUS_SETTABLE_FLAGS) | (prevFlags & ~LOOP_SET_STATUS_SETTABLE_FLAGS) | (prevFlags & ~LOOP_SET_STATUS_CLEARABLE_FLAGS);
  if (lo.offset !== prev.offset || lo.sizelimit !== prev.sizelimit) loop_set_size(lo, get_loop_size(lo, lo.backing));
  if (!(prevFlags & LO_FLAGS_PARTSCAN) && lo.flags & LO_FLAGS_PARTSCAN) {
    lo.disk.flags &= ~GENHD_FL_NO_PART;
    bdev_disk_changed(lo.disk, t);
  }
  return 0;
}

/** lo_ioctl: the LOOP_* calls on /dev/loopN. */
function lo_ioctl(bdev: BlockDevice, t: Task, cmd: number, arg: number, writable: boolean): number {
  const lo = bdev_loop(bdev);
  if (!lo) return -EINVAL;
  switch (cmd) {
    case LOOP_SET_FD:
      return loop_configure(lo, t, writable, arg | 0, 0, null);
    case LOOP_CONFIGURE: {
      const b = copy_from_user(t, arg, LOOP_CONFIG.size);
      if (typeof b === 'number') return -EFAULT;
      const r = new StructReader(b);
      return loop_configure(lo, t, writable, r.i32(LOOP_CONFIG.fd), r.u32(LOOP_CONFIG.block_size), read_info64(b, LOOP_CONFIG.info));
    }
    case LOOP_CLR_FD:
      return loop_clr_fd(lo, t);
    case LOOP_SET_STATUS64:
      if (!writable && !t.cred.capable()) return -EPERM;
      return loop_set_status64(lo, t, arg);
    case LOOP_GET_STATUS64:
      return loop_get_status64(lo, t, arg);
    case LOOP_SET_CAPACITY:
    case LOOP_SET_DIRECT_IO:
    case LOOP_SET_BLOCK_SIZE:
      if (!writable && !t.cred.capable()) return -EPERM;
      if (lo.state !== 'bound' || !lo.backing) return -ENXIO;
      if (cmd === LOOP_SET_CAPACITY) {
        loop_set_size(lo, get_loop_size(lo, lo.backing));
        return 0;
      }
      if (cmd === LOOP_SET_DIRECT_IO) return arg === 0 ? 0 : -EINVAL;
      return arg === SECTOR_SIZE ? 0 : -EINVAL;
    default:
      return -EINVAL;
  }
}

/** lo_release: the last close of a device marked AUTOCLEAR detaches it. */
function lo_release(disk: Gendisk, t: Task): void {
  const lo = disk.privateData as LoopDevice;
  if (disk.part0.openers === 0 && lo.state === 'bound' && lo.flags & LO_FLAGS_AUTOCLEAR) loop_clr_fd_now(lo, t);
}

/** loop_add: make loopN (any free number when `i` < 0). Returns its number or -errno. */
export function loop_add(kernel: Kernel, i: number): number {
  const loops = loop_devices(kernel);
  if (i >= 0) {
    if (i > 0xfffff) return -EINVAL;
    if (loops.has(i)) return -EEXIST;
  } else {
    i = 0;
    while (loops.has(i)) i++;
  }
  const disk = alloc_disk(kernel, `loop${i}`, LOOP_MAJOR, i, 1, { submit_bio: lo_submit_bio, ioctl: lo_ioctl, release: lo_release });
  disk.flags |= GENHD_FL_NO_PART;
  const lo = new LoopDevice(i, disk);
  disk.privateData = lo;
  const r = add_disk(disk);
  if (r < 0) return r;
  loops.set(i, lo);
  return i;
}

/** loop_control_remove. */
function loop_control_remove(kernel: Kernel, idx: number): number {
  if (idx < 0) {
    kernel.printk(4, 'deleting an unspecified loop device is not supported.');
    return -EINVAL;
  }
  const loops = loop_devices(kernel);
  const lo = loops.get(idx);
  if (!lo) return -ENODEV;
  if (lo.state !== 'unbound' || lo.disk.part0.openers > 0) return -EBUSY;
  del_gendisk(lo.disk);
  loops.delete(idx);
  return 0;
}

/** loop_control_get_free: the first unbound device, or a new one. */
function loop_control_get_free(kernel: Kernel): number {
  const loops = [...loop_devices(kernel).values()].sort((a, b) => a.number - b.number);
  for (const lo of loops) if (lo.state === 'unbound') return lo.number;
  return loop_add(kernel, -1);
}

function loop_control_ioctl(_file: File, t: Task, cmd: number, arg: number): number {
  switch (cmd >>> 0) {
    case LOOP_CTL_ADD:
      return loop_add(t.kernel, arg | 0);
    case LOOP_CTL_REMOVE:
      return loop_control_remove(t.kernel, arg | 0);
    case LOOP_CTL_GET_FREE:
      return loop_control_get_free(t.kernel);
    default:
      return -ENOSYS;
  }
}

export const loop_ctl_fops: FileOperations = {
  ioctl: loop_control_ioctl,
  llseek: noop_llseek,
};

/** The name the sysfs backing_file attribute shows: the file's path from the root. */
export function loop_backing_file_name(kernel: Kernel, lo: LoopDevice): string {
  return lo.backing ? d_path(lo.backing.path, kernel_vfs(kernel).rootPath) : '';
}

/** loop_init: major 7, /dev/loop-control, and loop0..loop7. */
export function loop_init(kernel: Kernel): number {
  const r = register_blkdev(kernel, LOOP_MAJOR, 'loop');
  if (r < 0) return r;
  const c = registerChrdev(kernel, MISC_MAJOR, LOOP_CTRL_MINOR, 1, 'misc', loop_ctl_fops);
  if (c < 0) return c;
  for (let i = 0; i < LOOP_MIN_COUNT; i++) loop_add(kernel, i);
  return 0;
}

/** The loop device a block device number names (for tools of the kernel side, e.g. tests). */
export function loop_of_devt(kernel: Kernel, devt: number): LoopDevice | null {
  const bdev = bdev_lookup(kernel, devt);
  return bdev ? bdev_loop(bdev) : null;
}
