// The memory devices (drivers/char/mem.c, and random.c's device side), major 1:
//
//   1:3 /dev/null     reads end of file, swallows every write
//   1:5 /dev/zero     reads zeros, swallows writes
//   1:7 /dev/full     reads zeros, every write fails with ENOSPC
//   1:8 /dev/random   reads the machine's seeded random generator
//   1:9 /dev/urandom  the same (Linux's two have not differed since 5.18)
//   1:1 /dev/mem      physical memory: every open is refused (EPERM). Linux with
//                     CONFIG_STRICT_DEVMEM still opens it and refuses reads of RAM pages; we
//                     have no physical address space to show, so we refuse at open.
//
// /dev/kmsg (1:11) belongs to printk (which registers its file operations); its device is made
// here with the others, as mem.c's devlist does. Each device is in the "mem" class
// (/sys/class/mem/null) and devtmpfs makes its node with the mode below (mem_devnode).

import { EFAULT, EINVAL, ENOSPC, ENOTTY, EPERM } from '../../../uapi/errno';
import { POLLIN, POLLOUT, POLLRDNORM, POLLWRNORM } from '../../../uapi/poll';
import type { Kernel } from '../../kernel';
import { put_user_i32 } from '../../mm/uaccess';
import type { Task } from '../../sched/task';
import { registerChrdev } from '../../fs/char_dev';
import type { File } from '../../fs/file';
import { type FileOperations } from '../../fs/fs';
import { noop_llseek } from '../../fs/libfs';
import { fs_capable } from '../../fs/permission';
import { has_driver_model } from '../../base/base';
import { device_create } from '../../base/core';
import { makedev } from '../../../uapi/stat';

export const MEM_MAJOR = 1;

/**
 * The most one read of /dev/zero or /dev/urandom returns. Linux fills any count (checking for
 * signals as it goes); we stop at 32 MiB so a huge count cannot exhaust the host — a short read,
 * which every careful reader handles.
 */
export const MEM_READ_MAX = 32 << 20;

/** null_lseek / full_lseek: the position is always 0. */
function zero_pos(file: File): number {
  file.pos = 0;
  return 0;
}

export const null_fops: FileOperations = {
  read: () => new Uint8Array(0),
  write: (_file, _t, data) => data.length,
  llseek: zero_pos,
};

function read_zero(_file: File, _t: Task, count: number): Uint8Array {
  return new Uint8Array(Math.min(count, MEM_READ_MAX));
}

export const zero_fops: FileOperations = {
  read: read_zero,
  write: (_file, _t, data) => data.length,
  llseek: noop_llseek,
};

export const full_fops: FileOperations = {
  read: read_zero,
  write: () => -ENOSPC,
  llseek: zero_pos,
};

/** The random device ioctls (include/uapi/linux/random.h). */
export const RNDGETENTCNT = 0x80045200;
export const RNDADDTOENTCNT = 0x40045201;
export const RNDADDENTROPY = 0x40085203;
export const RNDZAPENTCNT = 0x5204;
export const RNDCLEARPOOL = 0x5206;
export const RNDRESEEDCRNG = 0x5207;
/** What RNDGETENTCNT reports: a fully seeded pool (POOL_BITS). */
const POOL_BITS = 256;

function read_random(_file: File, t: Task, count: number): Uint8Array {
  const buf = new Uint8Array(Math.min(count, MEM_READ_MAX));
  t.kernel.random.fill(buf);
  return buf;
}

function random_ioctl(_file: File, t: Task, cmd: number, arg: number): number {
  switch (cmd) {
    case RNDGETENTCNT:
      return put_user_i32(t, arg, POOL_BITS) < 0 ? -EFAULT : 0;
    case RNDADDTOENTCNT:
    case RNDADDENTROPY:
    case RNDZAPENTCNT:
    case RNDCLEARPOOL:
    case RNDRESEEDCRNG:
      // Crediting or resetting entropy needs CAP_SYS_ADMIN; a seeded generator has nothing to change.
      return fs_capable(t.cred) ? 0 : -EPERM;
    default:
      return cmd >>> 8 === 0x52 ? -EINVAL : -ENOTTY;
  }
}

export const random_fops: FileOperations = {
  read: read_random,
  // Writing mixes bytes into the pool on Linux; the seeded generator keeps replays exact instead.
  write: (_file, _t, data) => data.length,
  llseek: noop_llseek,
  ioctl: random_ioctl,
  poll: () => POLLIN | POLLRDNORM | POLLOUT | POLLWRNORM,
};

export const mem_fops: FileOperations = {
  open: () => -EPERM,
};

/**
 * The devices of this driver (mem.c's devlist): name, minor, node mode (0: devtmpfs's default
 * 0600 and no DEVMODE in the uevent).
 */
export const MEM_DEVICES: readonly { name: string; minor: number; mode: number; fops: FileOperations }[] = [
  { name: 'mem', minor: 1, mode: 0, fops: mem_fops },
  { name: 'null', minor: 3, mode: 0o666, fops: null_fops },
  { name: 'zero', minor: 5, mode: 0o666, fops: zero_fops },
  { name: 'full', minor: 7, mode: 0o666, fops: full_fops },
  { name: 'random', minor: 8, mode: 0o666, fops: random_fops },
  { name: 'urandom', minor: 9, mode: 0o666, fops: random_fops },
];

/** /dev/kmsg: a device of this driver, whose file operations printk registers (1:11, mode 0644). */
export const KMSG_MINOR = 11;
const KMSG_MODE = 0o644;

/**
 * chr_dev_init: register major 1's minors ("1 mem" in /proc/devices) and create their devices
 * (after driver_init; a bare kernel in unit tests gets only the numbers).
 */
export function chr_dev_init(kernel: Kernel): number {
  for (const d of MEM_DEVICES) {
    const r = registerChrdev(kernel, MEM_MAJOR, d.minor, 1, 'mem', d.fops);
    if (r < 0) return r;
  }
  if (!has_driver_model(kernel)) return 0;
  const devs = [...MEM_DEVICES.map((d) => ({ name: d.name, minor: d.minor, mode: d.mode })), { name: 'kmsg', minor: KMSG_MINOR, mode: KMSG_MODE }];
  devs.sort((a, b) => a.minor - b.minor);
  for (const d of devs) device_create(kernel, { name: d.name, className: 'mem', devt: makedev(MEM_MAJOR, d.minor), ...(d.mode ? { nodeMode: d.mode } : {}) });
  return 0;
}
