// configfs (fs/configfs/): the mirror image of sysfs. In sysfs the kernel makes objects and user
// space looks at them; in configfs user space makes kernel objects with mkdir(2), sets them up by
// writing their attribute files, and destroys them with rmdir(2). A subsystem (netconsole, the
// USB gadget framework, the SCSI target…) registers a directory under /sys/kernel/config; each
// mkdir in it calls the subsystem's make_item, which returns the new item's attributes.
//
// Simplified: one level of items per subsystem (no nested groups, no symlinks between items),
// which is what netconsole uses.

import { EACCES, EEXIST, EINVAL, ENOENT } from '../../../uapi/errno';
import { O_ACCMODE, O_RDONLY } from '../../../uapi/fcntl';
import type { Kernel } from '../../kernel';
import { d_instantiate, type Dentry } from '../dentry';
import type { InodeOperations } from '../fs';
import { new_inode } from '../inode';
import { S_IFDIR } from '../../../uapi/stat';
import {
  attr_fops, pseudo_create_dir, pseudo_create_file, pseudo_remove, pseudo_single_sb, simple_dir_inode_operations,
  simple_dir_operations,
} from '../debugfs/inode';
import { register_filesystem, type FileSystemType } from '../super';
import { kernel_vfs } from '../vfs';

export const CONFIGFS_MAGIC = 0x62656570;

/** struct configfs_attribute: a file of an item. */
export interface ConfigfsAttribute<T> {
  name: string;
  /** Default 0644 with a store, 0444 without. */
  mode?: number;
  show(item: T): string;
  /** Bytes consumed or -errno. */
  store?(item: T, value: string): number;
}

/** What a subsystem gives (configfs_subsystem with its group operations). */
export interface ConfigfsSubsystem<T> {
  name: string;
  /** make_item: a new item called `name`, or -errno. */
  make_item(kernel: Kernel, name: string): T | number;
  /** drop_item: the item's directory is being removed. */
  drop_item?(kernel: Kernel, item: T): void;
  attrs: readonly ConfigfsAttribute<T>[];
}

export const configfs_fs_type: FileSystemType = {
  name: 'configfs',
  requiresDev: false,
  mount: (vfs) => pseudo_single_sb(vfs, configfs_fs_type, CONFIGFS_MAGIC, 0o755),
};

export function configfs_root(kernel: Kernel): Dentry {
  return pseudo_single_sb(kernel_vfs(kernel), configfs_fs_type, CONFIGFS_MAGIC, 0o755).root;
}

/** configfs_init: register the type (its mount point /sys/kernel/config belongs to sysfs). */
export function configfs_init(kernel: Kernel): number {
  return register_filesystem(kernel_vfs(kernel), configfs_fs_type);
}

/** configfs_register_subsystem: the subsystem's directory, where mkdir makes items. */
export function configfs_register_subsystem<T>(kernel: Kernel, subsys: ConfigfsSubsystem<T>): number {
  const root = configfs_root(kernel);
  if (root.children.has(subsys.name)) return -EEXIST;
  const items = new WeakMap<Dentry, T>();
  const item_iops: InodeOperations = { ...simple_dir_inode_operations };
  const group_iops: InodeOperations = {
    lookup: () => null,
    // configfs_mkdir: make the item, then its directory with one file per attribute.
    mkdir: (dir, dentry, mode) => {
      const item = subsys.make_item(kernel, dentry.name);
      if (typeof item === 'number') return item;
      const inode = new_inode(dir.sb);
      inode.mode = S_IFDIR | (mode & 0o7777);
      inode.nlink = 2;
      inode.iop = item_iops;
      inode.fop = simple_dir_operations;
      d_instantiate(dentry, inode);
      dir.nlink++;
      items.set(dentry, item);
      for (const a of subsys.attrs) {
        const attrMode = a.mode ?? (a.store ? 0o644 : 0o444);
        const fops = attr_fops({
          show: () => a.show(item),
          store: a.store ? (_k, _i, v) => a.store!(item, v) : undefined,
        });
        // configfs_open_file: opening for writing an attribute that cannot be written is EACCES,
        // even for root.
        const open = fops.open!;
        fops.open = (inode, file, t) => ((file.f_flags & O_ACCMODE) !== O_RDONLY && !a.store ? -EACCES : open(inode, file, t));
        pseudo_create_file(dentry, a.name, attrMode, fops);
      }
      return 0;
    },
    // configfs_rmdir: the attributes go with the item (they are not user files).
    rmdir: (dir, dentry) => {
      const item = items.get(dentry);
      if (item === undefined) return -ENOENT;
      subsys.drop_item?.(kernel, item);
      items.delete(dentry);
      for (const c of [...dentry.children.values()]) pseudo_remove(c);
      dir.nlink--;
      if (dentry.inode) dentry.inode.nlink = 0;
      return 0;
    },
  };
  pseudo_create_dir(root, subsys.name, 0o755, group_iops);
  return 0;
}

/** kstrtobool: y/t/1 and n/f/0 by the first character, "on"/"off" by the second. */
export function kstrtobool(s: string): boolean | number {
  const c0 = s[0]?.toLowerCase();
  if (c0 === 'y' || c0 === 't' || c0 === '1') return true;
  if (c0 === 'n' || c0 === 'f' || c0 === '0') return false;
  if (c0 === 'o') {
    const c1 = s[1]?.toLowerCase();
    if (c1 === 'n') return true;
    if (c1 === 'f') return false;
  }
  return -EINVAL;
}
