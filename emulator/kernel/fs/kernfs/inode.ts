// kernfs inodes (fs/kernfs/inode.c, dir.c's lookup, symlink.c): how a mounted kernfs tree looks to
// the VFS. An inode is made for a node the first time a lookup reaches it, with the node's id as
// its number; its mode, owner and times always come from the node (kernfs_refresh_inode), so a
// chmod through one mount shows through every other. Dentries of removed nodes fail revalidation
// and drop out of the cache.

import { ENOENT } from '../../../uapi/errno';
import { S_IFDIR } from '../../../uapi/stat';
import type { Dentry, DentryOperations } from '../dentry';
import { ATTR_ATIME, ATTR_CTIME, ATTR_GID, ATTR_MODE, ATTR_MTIME, ATTR_UID, type IAttr, type InodeOperations } from '../fs';
import { Inode } from '../inode';
import type { SuperBlock } from '../super';
import { kernfs_find, kernfs_get_target_path, KERNFS_DIR, KERNFS_FILE, KERNFS_LINK, type KernfsNode } from './dir';
import { kernfs_dir_fops, kernfs_file_fops } from './file';

/** What a kernfs superblock keeps: the inode made for each node (the icache of this sb). */
export interface KernfsSuperInfo {
  root: KernfsNode;
  inodes: WeakMap<KernfsNode, Inode>;
  /** st_size of attribute files (sysfs: a page). */
  fileSize: number;
}

export function kernfs_info(sb: SuperBlock): KernfsSuperInfo {
  return sb.fsInfo as KernfsSuperInfo;
}

/** The node behind an inode (inode->i_private). */
export function kernfs_node_of(inode: Inode): KernfsNode {
  return inode.private as KernfsNode;
}

/** kernfs_refresh_inode: the node's attributes onto the inode. */
export function kernfs_refresh_inode(kn: KernfsNode, inode: Inode): void {
  inode.mode = kn.mode;
  inode.uid = kn.uid;
  inode.gid = kn.gid;
  const t = kn.iattr ?? { atime: kn.born, mtime: kn.born, ctime: kn.born };
  inode.atime = t.atime;
  inode.mtime = t.mtime;
  inode.ctime = t.ctime;
  if (kn.type === KERNFS_DIR) inode.nlink = 2 + kn.subdirs;
}

/** kernfs_get_inode: the inode of `kn` on `sb`, made on first use. */
export function kernfs_get_inode(sb: SuperBlock, kn: KernfsNode): Inode {
  const info = kernfs_info(sb);
  let inode = info.inodes.get(kn);
  if (!inode) {
    inode = new Inode(sb, kn.ino);
    inode.private = kn;
    inode.btime = kn.born;
    switch (kn.type) {
      case KERNFS_DIR:
        inode.iop = kernfs_dir_iops;
        inode.fop = kernfs_dir_fops;
        break;
      case KERNFS_LINK:
        inode.iop = kernfs_symlink_iops;
        break;
      case KERNFS_FILE:
        inode.iop = kernfs_iops;
        inode.fop = kernfs_file_fops;
        inode.size = info.fileSize;
        break;
    }
    info.inodes.set(kn, inode);
  }
  kernfs_refresh_inode(kn, inode);
  return inode;
}

/** kernfs_iop_setattr: chmod, chown and utimes change the node; a size (O_TRUNC) is ignored. */
function kernfs_iop_setattr(dentry: Dentry, attr: IAttr): number {
  const inode = dentry.inode!;
  const kn = kernfs_node_of(inode);
  const v = attr.valid;
  if (v & ATTR_UID) kn.uid = attr.uid!;
  if (v & ATTR_GID) kn.gid = attr.gid!;
  const ia = (kn.iattr ??= { atime: inode.atime, mtime: inode.mtime, ctime: inode.ctime });
  if (v & ATTR_ATIME) ia.atime = attr.atime!;
  if (v & ATTR_MTIME) ia.mtime = attr.mtime!;
  if (v & ATTR_CTIME) ia.ctime = attr.ctime!;
  if (v & ATTR_MODE) kn.mode = (kn.mode & ~0o7777) | (attr.mode! & 0o7777);
  kernfs_refresh_inode(kn, inode);
  inode.version++;
  return 0;
}

/** kernfs_dop_revalidate: the node is still in the tree under the same name and parent. */
function kernfs_dop_revalidate(dentry: Dentry): boolean {
  const inode = dentry.inode;
  if (!inode) return false;
  const kn = kernfs_node_of(inode);
  const parent = dentry.parent.inode ? kernfs_node_of(dentry.parent.inode) : null;
  if (!kn.active || kn.name !== dentry.name || kn.parent !== parent) return false;
  kernfs_refresh_inode(kn, inode);
  return true;
}

export const kernfs_dops: DentryOperations = { d_revalidate: kernfs_dop_revalidate };

/** kernfs_iop_lookup. */
function kernfs_iop_lookup(dir: Inode, dentry: Dentry): Inode | null {
  const parent = kernfs_node_of(dir);
  const kn = kernfs_find(parent, dentry.name);
  dentry.op = kernfs_dops;
  if (!kn || !kn.active) return null;
  return kernfs_get_inode(dir.sb, kn);
}

const kernfs_iops: InodeOperations = { setattr: kernfs_iop_setattr };

const kernfs_dir_iops: InodeOperations = {
  lookup: kernfs_iop_lookup,
  setattr: kernfs_iop_setattr,
  // Directories are made by the kernel only: mkdir, mknod, unlink … have no method (EPERM).
};

/** kernfs_iop_get_link: the target, relative to the link's directory ("../../devices/…"). */
function kernfs_iop_get_link(_dentry: Dentry, inode: Inode): string | number {
  const kn = kernfs_node_of(inode);
  if (!kn.target || !kn.target.active || !kn.parent) return -ENOENT;
  return kernfs_get_target_path(kn.parent, kn.target);
}

const kernfs_symlink_iops: InodeOperations = {
  get_link: kernfs_iop_get_link,
  setattr: kernfs_iop_setattr,
};

/** Is `inode` a kernfs directory (for the fill_super of users)? */
export function kernfs_is_dir(inode: Inode): boolean {
  return (inode.mode & S_IFDIR) === S_IFDIR && inode.iop === kernfs_dir_iops;
}
