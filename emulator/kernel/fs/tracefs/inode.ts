// tracefs (fs/tracefs/inode.c): the filesystem of ftrace's control files, mounted at
// /sys/kernel/tracing (mode 0700). Like debugfs — whose code it copies — it is a single tree per
// machine that the kernel fills at boot (trace.c's tracer_init_tracefs) and every mount shows.

import type { Kernel } from '../../kernel';
import type { Dentry } from '../dentry';
import { pseudo_single_sb } from '../debugfs/inode';
import { register_filesystem, type FileSystemType } from '../super';
import { kernel_vfs } from '../vfs';

export const TRACEFS_MAGIC = 0x74726163;
/** TRACEFS_DEFAULT_MODE: only root may enter. */
const TRACEFS_ROOT_MODE = 0o700;

export const tracefs_fs_type: FileSystemType = {
  name: 'tracefs',
  requiresDev: false,
  mount: (vfs) => pseudo_single_sb(vfs, tracefs_fs_type, TRACEFS_MAGIC, TRACEFS_ROOT_MODE),
};

/** The root of the machine's tracefs tree. */
export function tracefs_root(kernel: Kernel): Dentry {
  return pseudo_single_sb(kernel_vfs(kernel), tracefs_fs_type, TRACEFS_MAGIC, TRACEFS_ROOT_MODE).root;
}

/** tracefs_init: register the type. */
export function tracefs_init(kernel: Kernel): number {
  return register_filesystem(kernel_vfs(kernel), tracefs_fs_type);
}
