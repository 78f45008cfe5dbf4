// Bringing up the VFS (fs/namespace.c: mnt_init, init_rootfs, init_mount_tree; fs/pipe.c:
// init_pipe_fs): register the filesystems, mount an empty tmpfs as "rootfs" at /, mount pipefs
// inside the kernel. The initramfs is unpacked into the rootfs next (initramfs.ts), and the
// first task starts with / as its root and cwd.

import type { Kernel } from '../kernel';
import { FsStruct } from './fs_struct';
import { init_pipe_fs } from './pipe';
import { register_filesystem } from './super';
import { rootfs_fs_type, shmem_fs_type } from './tmpfs';
import { set_kernel_vfs, kernel_vfs, Vfs } from './vfs';

/** vfs_init: the machine's Vfs, with / mounted. */
export function vfs_init(kernel: Kernel): Vfs {
  const vfs = new Vfs(kernel.clock, kernel.phys);
  set_kernel_vfs(kernel, vfs);
  // rootfs is mounted directly and never registered, so /proc/filesystems does not list it.
  register_filesystem(vfs, shmem_fs_type);
  const sb = rootfs_fs_type.mount(vfs, 'rootfs', 0, '');
  if (typeof sb === 'number') throw new Error(`vfs_init: cannot make the rootfs (${sb})`);
  // Linux mounts rootfs without relatime: every read updates the access time there.
  vfs.initNs.setRoot(vfs.create_mount(sb, 'rootfs', 0, vfs.initNs));
  init_pipe_fs(vfs);
  return vfs;
}

/** The fs_struct of the first task: root and cwd at /, umask 022. */
export function init_fs_context(kernel: Kernel): FsStruct {
  const root = kernel_vfs(kernel).rootPath;
  return new FsStruct(root, root);
}
