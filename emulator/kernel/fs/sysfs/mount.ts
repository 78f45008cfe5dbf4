// Mounting sysfs (fs/sysfs/mount.c): every mount shows the machine's one kobject tree through one
// superblock (in the initial network namespace, which is all we have), so `mount -t sysfs sysfs
// /mnt` and /sys are the same files.

import type { Kernel } from '../../kernel';
import { kernfs_fill_super } from '../kernfs/mount';
import { register_filesystem, type FileSystemType, type SuperBlock } from '../super';
import { kernel_vfs, type Vfs } from '../vfs';
import { SYSFS_FILE_SIZE, sysfs_init } from './sysfs';

export const SYSFS_MAGIC = 0x62656572;

/** The superblock of each machine's sysfs, made at the first mount. */
const supers = new WeakMap<Vfs, SuperBlock>();
const kernels = new WeakMap<Vfs, Kernel>();

export const sysfs_fs_type: FileSystemType = {
  name: 'sysfs',
  requiresDev: false,
  mount(vfs) {
    let sb = supers.get(vfs);
    if (!sb) {
      const kernel = kernels.get(vfs);
      if (!kernel) return -19; // ENODEV
      sb = kernfs_fill_super(vfs, sysfs_fs_type, sysfs_init(kernel), SYSFS_MAGIC, SYSFS_FILE_SIZE);
      supers.set(vfs, sb);
    }
    return sb;
  },
};

/** sysfs_init's registration: make "sysfs" mountable on this machine. */
export function sysfs_register(kernel: Kernel): number {
  const vfs = kernel_vfs(kernel);
  kernels.set(vfs, kernel);
  return register_filesystem(vfs, sysfs_fs_type);
}
