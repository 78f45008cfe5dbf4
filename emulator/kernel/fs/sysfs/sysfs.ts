// sysfs (fs/sysfs/dir.c, file.c, symlink.c): the kobject hierarchy as a kernfs tree. Each added
// kobject is a directory, each attribute a file whose read calls the attribute's show() and whose
// write calls its store(), and links between objects are symlinks. The tree is per machine; every
// mount of sysfs shows the same tree (mount.ts).

import { EIO } from '../../../uapi/errno';
import type { Kernel } from '../../kernel';
import type { Kobject } from '../../base/kobject';
import {
  kernfs_create_dir, kernfs_create_file, kernfs_create_link, kernfs_find, kernfs_notify, kernfs_remove, kernfs_remove_by_name,
  kernfs_rename, KernfsRoot, type KernfsNode,
} from '../kernfs/dir';

/** A sysfs attribute (struct attribute + sysfs_ops, folded together). */
export interface SysfsAttribute {
  name: string;
  /** Permission bits; default 0444, or 0644 with a store. */
  mode?: number;
  /** The file's contents (at most a page is shown); -errno fails the read. */
  show?(kobj: Kobject): string | number;
  /** One write: bytes consumed, or -errno. */
  store?(kobj: Kobject, value: string): number;
}

/** Attribute files are a page (the most show() may fill), as stat shows on Linux. */
export const SYSFS_FILE_SIZE = 4096;

/** The machine's sysfs tree (sysfs_root, sysfs_root_kn). */
const roots = new WeakMap<Kernel, KernfsRoot>();

/** sysfs_init: the empty tree; its root directory is mode 0555 as on Linux. */
export function sysfs_init(kernel: Kernel): KernfsRoot {
  let root = roots.get(kernel);
  if (!root) {
    root = new KernfsRoot(() => kernel.clock.realtime());
    root.kn.mode = (root.kn.mode & ~0o7777) | 0o555;
    roots.set(kernel, root);
  }
  return root;
}

export function sysfs_root_kn(kernel: Kernel): KernfsNode {
  return sysfs_init(kernel).kn;
}

/** sysfs_create_dir_ns: the directory of `kobj` under `parent` (null: the sysfs root). */
export function sysfs_create_dir_ns(kernel: Kernel, kobj: Kobject, parent: KernfsNode | null): KernfsNode | number {
  return kernfs_create_dir(parent ?? sysfs_root_kn(kernel), kobj.name, 0o755, kobj);
}

export function sysfs_remove_dir(kobj: Kobject): void {
  kernfs_remove(kobj.sd);
  kobj.sd = null;
}

export function sysfs_rename_dir(kobj: Kobject, name: string): number {
  if (!kobj.sd || !kobj.sd.parent) return -2;
  return kernfs_rename(kobj.sd, kobj.sd.parent, name);
}

/** The mode an attribute file gets. */
export function sysfs_attr_mode(attr: SysfsAttribute): number {
  return attr.mode ?? (attr.store ? 0o644 : 0o444);
}

/** sysfs_add_file_mode_ns: an attribute file in directory `dir`, calling back with `kobj`. */
export function sysfs_add_file(dir: KernfsNode, kobj: Kobject, attr: SysfsAttribute): KernfsNode | number {
  return kernfs_create_file(dir, attr.name, sysfs_attr_mode(attr), {
    show: attr.show ? () => attr.show!(kobj) : () => -EIO,
    store: attr.store ? (_kn, data) => attr.store!(kobj, data) : () => -EIO,
  }, attr);
}

/** sysfs_create_file: an attribute of `kobj` in its own directory. */
export function sysfs_create_file(kobj: Kobject, attr: SysfsAttribute): KernfsNode | number {
  if (!kobj.sd) return -2;
  return sysfs_add_file(kobj.sd, kobj, attr);
}

export function sysfs_remove_file(kobj: Kobject, name: string): void {
  if (kobj.sd) kernfs_remove_by_name(kobj.sd, name);
}

/**
 * sysfs_create_group: a named subdirectory of attributes (power/, queue/ …) — or, without a name,
 * the attributes straight in the object's directory. Returns the group's directory.
 */
export function sysfs_create_group(kobj: Kobject, name: string | null, attrs: readonly SysfsAttribute[]): KernfsNode | number {
  if (!kobj.sd) return -2;
  let dir = kobj.sd;
  if (name !== null) {
    const d = kernfs_create_dir(kobj.sd, name, 0o755, kobj);
    if (typeof d === 'number') return d;
    dir = d;
  }
  for (const a of attrs) {
    const r = sysfs_add_file(dir, kobj, a);
    if (typeof r === 'number') return r;
  }
  return dir;
}

/** sysfs_remove_group: take a named group's directory (and its files) away again. */
export function sysfs_remove_group(kobj: Kobject, name: string): void {
  if (kobj.sd) kernfs_remove_by_name(kobj.sd, name);
}

/** sysfs_create_link: `name` in the directory of `kobj` (null: the root) → the directory of `target`. */
export function sysfs_create_link_sd(dir: KernfsNode, target: KernfsNode, name: string): KernfsNode | number {
  return kernfs_create_link(dir, name, target);
}

export function sysfs_create_link(kobj: Kobject, target: Kobject, name: string): KernfsNode | number {
  if (!kobj.sd || !target.sd) return -2;
  return kernfs_create_link(kobj.sd, name, target.sd);
}

export function sysfs_remove_link(kobj: Kobject, name: string): void {
  if (kobj.sd) kernfs_remove_by_name(kobj.sd, name);
}

/** sysfs_create_mount_point: an empty directory for another filesystem to be mounted on. */
export function sysfs_create_mount_point(parent: Kobject, name: string): KernfsNode | number {
  if (!parent.sd) return -2;
  return kernfs_create_dir(parent.sd, name, 0o755, null);
}

/** sysfs_notify: tell pollers of an attribute that its value changed. */
export function sysfs_notify(kobj: Kobject, name: string): void {
  const kn = kobj.sd ? kernfs_find(kobj.sd, name) : null;
  if (kn) kernfs_notify(kn);
}
