// devtmpfs (drivers/base/devtmpfs.c): a tmpfs the kernel itself fills with a node for every
// device that has a number, at the moment the driver registers it — so /dev is right before any
// udev runs. There is one instance; mounting "devtmpfs" anywhere shows that same tree (and
// what root creates or removes there stays, as on Linux).
//
// Nodes belong to root with the mode the driver (or its class) asked for, 0600 by default; a
// name with slashes ("pts/0", "dri/card0") gets its directories made (0755) as needed, and
// removing the device removes the node and the directories it emptied.
//
// Simplified: Linux hands the work to a kernel thread (kdevtmpfs) and waits; we do it inline.

import { ENODEV, ENOENT } from '../../uapi/errno';
import { AT_FDCWD } from '../../uapi/fcntl';
import { S_IFBLK, S_IFCHR, S_IFDIR, S_IFMT } from '../../uapi/stat';
import type { Kernel } from '../kernel';
import type { Dentry } from '../fs/dentry';
import type { Mount } from '../fs/mount';
import { MntNamespace } from '../fs/mount';
import { filename_create, filename_parentat, kernel_walk_ctx, lookup_one, LAST_NORM, type WalkCtx } from '../fs/namei';
import { vfs_mkdir, vfs_mknod, vfs_rmdir, vfs_unlink } from '../fs/namei_vfs';
import { register_filesystem, type FileSystemType, type SuperBlock } from '../fs/super';
import { shmem_fill_super } from '../fs/tmpfs';
import { kernel_vfs, type Vfs } from '../fs/vfs';

interface DevtmpfsState {
  mnt: Mount;
  ctx: WalkCtx;
}

const states = new WeakMap<Kernel, DevtmpfsState>();

/** devtmpfs: every mount gets the one internal superblock (devtmpfs_get_tree). */
export const devtmpfs_fs_type: FileSystemType = {
  name: 'devtmpfs',
  requiresDev: false,
  mount: (vfs) => sbOfVfs.get(vfs) ?? -ENODEV, // ENODEV: devtmpfs_init has not run
};

/** The instance by Vfs, for mount(2) (which knows only the Vfs). */
const sbOfVfs = new WeakMap<Vfs, SuperBlock>();

/** The internal type the superblock is made with (Linux's internal_fs_type, also "devtmpfs"). */
const internal_fs_type: FileSystemType = {
  name: 'devtmpfs',
  requiresDev: false,
  mount: (vfs, _devname, _flags, data) => shmem_fill_super(vfs, internal_fs_type, data, 0o755),
};

/** devtmpfs_init: make the internal instance and register the type for mount(2). */
export function devtmpfs_init(kernel: Kernel): number {
  const vfs = kernel_vfs(kernel);
  const sb = internal_fs_type.mount(vfs, 'devtmpfs', 0, 'mode=0755');
  if (typeof sb === 'number') return sb;
  const ns = new MntNamespace();
  const mnt = vfs.create_mount(sb, 'devtmpfs', 0, ns);
  ns.setRoot(mnt);
  const root = { mnt, dentry: sb.root };
  const state = { mnt, ctx: kernel_walk_ctx(root) };
  states.set(kernel, state);
  sbOfVfs.set(vfs, sb);
  const r = register_filesystem(vfs, devtmpfs_fs_type);
  kernel.printk(6, 'devtmpfs: initialized');
  return r;
}

/** Make the directories above `name` (create_path). */
function create_path(ctx: WalkCtx, name: string): void {
  const parts = name.split('/');
  for (let i = 1; i < parts.length; i++) {
    const c = filename_create(ctx, AT_FDCWD, parts.slice(0, i).join('/'), true);
    if (typeof c === 'number') continue; // already there
    vfs_mkdir(ctx.cred, c.parent.dentry.inode!, c.dentry, 0o755);
  }
}

/** devtmpfs_create_node (handle_create): the node `name` for device number `devt`. */
export function devtmpfs_create_node(kernel: Kernel, name: string, devt: number, block: boolean, mode: number): number {
  const s = states.get(kernel);
  if (!s) return 0; // no devtmpfs on this kernel (unit tests of the driver core alone)
  if (name.includes('/')) create_path(s.ctx, name);
  const c = filename_create(s.ctx, AT_FDCWD, name, false);
  if (typeof c === 'number') return c;
  return vfs_mknod(s.ctx.cred, c.parent.dentry.inode!, c.dentry, (block ? S_IFBLK : S_IFCHR) | (mode & 0o7777), devt);
}

/**
 * devtmpfs_delete_node (handle_remove): remove `name` if it is still the node devtmpfs made (the
 * same type and number: dev_mynode), then the directories above it that are now empty.
 */
export function devtmpfs_delete_node(kernel: Kernel, name: string, devt: number, block: boolean): number {
  const s = states.get(kernel);
  if (!s) return 0;
  const p = filename_parentat(s.ctx, AT_FDCWD, name);
  if (typeof p === 'number' || p.lastType !== LAST_NORM) return typeof p === 'number' ? p : -ENOENT;
  const d = lookup_one(p.path.dentry, p.last);
  if (!d || typeof d === 'number' || !d.inode) return -ENOENT;
  const type = block ? S_IFBLK : S_IFCHR;
  if ((d.inode.mode & S_IFMT) !== type || d.inode.rdev !== devt) return 0;
  const r = vfs_unlink(s.ctx.cred, p.path.dentry.inode!, d);
  if (r) return r;
  // delete_path: the emptied parents go too.
  let dir: Dentry = p.path.dentry;
  while (!dir.isRoot && (dir.inode!.mode & S_IFMT) === S_IFDIR && dir.children.size === 0) {
    const parent = dir.parent;
    if (vfs_rmdir(s.ctx.cred, parent.inode!, dir)) break;
    dir = parent;
  }
  return 0;
}

/** The root of the devtmpfs tree (for tests and the kernel's own lookups). */
export function devtmpfs_root(kernel: Kernel): Dentry | null {
  return states.get(kernel)?.mnt.root ?? null;
}
