// Mounting a kernfs tree (fs/kernfs/mount.c: kernfs_get_tree, kernfs_fill_super): a superblock
// whose root dentry is the tree's root node. Users (sysfs) decide whether mounts share one
// superblock; the inodes of a superblock are made on demand from the nodes (inode.ts).

import { d_make_root } from '../dentry';
import { SuperBlock, type FileSystemType, type Kstatfs } from '../super';
import type { Vfs } from '../vfs';
import type { KernfsRoot } from './dir';
import { kernfs_get_inode, type KernfsSuperInfo } from './inode';

/** kernfs_fill_super: a superblock for `root`, with statfs f_type `magic`. */
export function kernfs_fill_super(vfs: Vfs, type: FileSystemType, root: KernfsRoot, magic: number, fileSize: number): SuperBlock {
  const sb = new SuperBlock(type, vfs.get_anon_bdev(), vfs);
  sb.magic = magic;
  const info: KernfsSuperInfo = { root: root.kn, inodes: new WeakMap(), fileSize };
  sb.fsInfo = info;
  sb.op = {
    // simple_statfs: no blocks, no inode limit.
    statfs: (): Kstatfs => ({ type: magic, bsize: 4096, frsize: 4096, blocks: 0, bfree: 0, bavail: 0, files: 0, ffree: 0, namelen: 255, flags: 0 }),
  };
  sb.root = d_make_root(kernfs_get_inode(sb, root.kn));
  return sb;
}
