// kernfs (fs/kernfs/dir.c): the in-kernel tree behind sysfs (and, on Linux, cgroupfs and
// resctrl). A kernfs node is a directory, an attribute file, or a symlink to another node; the
// kernel builds and tears the tree down as objects come and go (kobject_add → a directory,
// device_create_file → a file, class links → symlinks). Mounting turns the tree into VFS inodes on
// demand (mount.ts), so the tree itself knows nothing about dentries or open files.
//
// Siblings are kept ordered as Linux's rbtree orders them: by a hash of the name, then by name.
// The hash is also the directory position readdir hands out, so positions stay valid while the
// directory changes, and `ls -f /sys` lists in the same order as on Linux.

import { S_IFDIR, S_IFLNK, S_IFMT, S_IFREG } from '../../../uapi/stat';
import { WaitQueue } from '../../sched/waitqueue';

export const KERNFS_DIR = S_IFDIR, KERNFS_FILE = S_IFREG, KERNFS_LINK = S_IFLNK;

/** What an attribute file does when read or written (struct kernfs_ops, as sysfs fills it). */
export interface KernfsOps {
  /** The whole contents (seq_show); a negative number is -errno for the read. */
  show?(kn: KernfsNode): string | number;
  /** A write of `data` (one write(2), at most a page): bytes consumed, or -errno. */
  store?(kn: KernfsNode, data: string): number;
}

/** struct kernfs_iattrs: times in ns since the epoch. */
export interface KernfsIattr {
  atime: number;
  mtime: number;
  ctime: number;
}

/** The clock timestamps come from: CLOCK_REALTIME in ns. */
export type KernfsClock = () => number;

/** struct kernfs_root: one tree, its inode numbers and its clock. */
export class KernfsRoot {
  readonly kn: KernfsNode;
  private nextIno = 1;

  constructor(readonly now: KernfsClock) {
    this.kn = new KernfsNode(this, '', null, KERNFS_DIR | 0o755);
  }

  /** idr_alloc_cyclic(&root->ino_idr, kn, 1, 0): inode numbers count up from 1 (the root). */
  alloc_ino(): number {
    return this.nextIno++;
  }
}

/** struct kernfs_node. */
export class KernfsNode {
  readonly ino: number;
  /** The node's position among its siblings and its readdir offset (kernfs_name_hash). */
  readonly hash: number;
  /** Children ordered by (hash, name); directories only. */
  readonly children: KernfsNode[] = [];
  /** Subdirectories (what a directory's link count shows: 2 + this). */
  subdirs = 0;
  uid = 0;
  gid = 0;
  /** When the node was made. */
  readonly born: number;
  /**
   * Times, once anyone set them (kn->iattr: utimes, chmod, chown). Until then the node shows when
   * it was made. (Linux shows when its inode was made, at the first lookup; a file that appears
   * newer than the clock `ls` read at its start would make a date with a year in our ls.)
   */
  iattr: KernfsIattr | null = null;
  /** Still in the tree (KERNFS_ACTIVATED and not removed): open files of removed nodes get ENODEV. */
  active = true;
  /** For a symlink: the node it points to. */
  target: KernfsNode | null = null;
  ops: KernfsOps | null = null;
  /** The owner's object (kn->priv: the kobject of a directory, the attribute of a file). */
  priv: unknown = null;
  /** Bumped when a file's contents change (kernfs_notify); pollers see POLLPRI|POLLERR. */
  event = 0;
  /** Who polls this file (kernfs_open_node.poll), made at the first poll. */
  poll: WaitQueue | null = null;

  constructor(
    readonly root: KernfsRoot,
    public name: string,
    public parent: KernfsNode | null,
    /** Type and permission bits. */
    public mode: number,
  ) {
    this.ino = root.alloc_ino();
    this.hash = kernfs_name_hash(name);
    this.born = root.now();
  }

  get type(): number {
    return this.mode & S_IFMT;
  }
}

const GOLDEN_RATIO_64 = 0x61c8864680b583ebn;
const MASK64 = (1n << 64n) - 1n;

/**
 * kernfs_name_hash: full_name_hash(ns = NULL, name) folded to 31 bits, avoiding 0 and 1 (the
 * positions of "." and "..") and INT_MAX (end of directory).
 */
export function kernfs_name_hash(name: string): number {
  let hash = 0n;
  for (let i = 0; i < name.length; i++) {
    const c = BigInt(name.charCodeAt(i) & 0xff);
    hash = ((hash + (c << 4n) + (c >> 4n)) * 11n) & MASK64; // partial_name_hash
  }
  let h = Number(((hash * GOLDEN_RATIO_64) & MASK64) >> 32n); // end_name_hash: hash_long(hash, 32)
  h &= 0x7fffffff;
  if (h < 2) h += 2;
  if (h >= 0x7fffffff) h = 0x7ffffffe;
  return h;
}

/** kernfs_sd_compare: hash first, then name. */
function compare(a: { hash: number; name: string }, b: KernfsNode): number {
  if (a.hash !== b.hash) return a.hash < b.hash ? -1 : 1;
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/** kernfs_find_ns: the child called `name`, or null. */
export function kernfs_find(parent: KernfsNode, name: string): KernfsNode | null {
  const key = { hash: kernfs_name_hash(name), name };
  let lo = 0, hi = parent.children.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const c = compare(key, parent.children[mid]!);
    if (c === 0) return parent.children[mid]!;
    if (c < 0) hi = mid;
    else lo = mid + 1;
  }
  return null;
}

/**
 * kernfs_dir_pos: where a listing of `parent` continues — `last`, the entry it stopped at, if that
 * is still there with this hash; otherwise the first active child whose hash is at least `hash`.
 */
export function kernfs_dir_pos(parent: KernfsNode, hash: number, last: KernfsNode | null = null): KernfsNode | null {
  if (last && last.active && last.parent === parent && last.hash === hash) return last;
  for (const kn of parent.children) if (kn.hash >= hash && kn.active) return kn;
  return null;
}

/** kernfs_dir_next_pos: the next active sibling in listing order. */
export function kernfs_dir_next_pos(pos: KernfsNode): KernfsNode | null {
  const siblings = pos.parent?.children ?? [];
  for (let i = siblings.indexOf(pos) + 1; i < siblings.length; i++) if (siblings[i]!.active) return siblings[i]!;
  return null;
}

/**
 * kernfs_add_one: link a new node under its parent. -EEXIST if the name is taken (Linux also
 * warns "cannot create duplicate filename"), -ENOENT if the parent was removed.
 */
function kernfs_add_one(kn: KernfsNode): number {
  const parent = kn.parent!;
  if (!parent.active) return -2; // ENOENT
  let lo = 0, hi = parent.children.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const c = compare(kn, parent.children[mid]!);
    if (c === 0) return -17; // EEXIST
    if (c < 0) hi = mid;
    else lo = mid + 1;
  }
  parent.children.splice(lo, 0, kn);
  if (kn.type === KERNFS_DIR) parent.subdirs++;
  // A directory whose times were ever set keeps them current (kernfs_add_one).
  if (parent.iattr) parent.iattr.mtime = parent.iattr.ctime = kn.root.now();
  return 0;
}

/** kernfs_create_dir: a directory `name` under `parent` (mode without type bits). */
export function kernfs_create_dir(parent: KernfsNode, name: string, mode: number, priv: unknown = null): KernfsNode | number {
  const kn = new KernfsNode(parent.root, name, parent, KERNFS_DIR | (mode & 0o7777));
  kn.priv = priv;
  const r = kernfs_add_one(kn);
  return r < 0 ? r : kn;
}

/** __kernfs_create_file: an attribute file. */
export function kernfs_create_file(parent: KernfsNode, name: string, mode: number, ops: KernfsOps, priv: unknown = null): KernfsNode | number {
  const kn = new KernfsNode(parent.root, name, parent, KERNFS_FILE | (mode & 0o7777));
  kn.ops = ops;
  kn.priv = priv;
  const r = kernfs_add_one(kn);
  return r < 0 ? r : kn;
}

/** kernfs_create_link: a symlink `name` under `parent` to `target` (made relative at readlink). */
export function kernfs_create_link(parent: KernfsNode, name: string, target: KernfsNode): KernfsNode | number {
  const kn = new KernfsNode(parent.root, name, parent, KERNFS_LINK | 0o777);
  kn.target = target;
  const r = kernfs_add_one(kn);
  return r < 0 ? r : kn;
}

/** kernfs_remove: take `kn` and everything below it out of the tree. */
export function kernfs_remove(kn: KernfsNode | null): void {
  if (!kn) return;
  for (const child of [...kn.children]) kernfs_remove(child);
  kn.active = false;
  const parent = kn.parent;
  if (!parent) return;
  const i = parent.children.indexOf(kn);
  if (i >= 0) {
    parent.children.splice(i, 1);
    if (kn.type === KERNFS_DIR) parent.subdirs--;
    if (parent.iattr) parent.iattr.mtime = parent.iattr.ctime = kn.root.now();
  }
}

/** kernfs_remove_by_name: remove the child `name` of `parent`; -ENOENT if there is none. */
export function kernfs_remove_by_name(parent: KernfsNode, name: string): number {
  const kn = kernfs_find(parent, name);
  if (!kn) return -2;
  kernfs_remove(kn);
  return 0;
}

/** kernfs_rename: move `kn` under `newParent` as `newName` (device_rename, device_move). */
export function kernfs_rename(kn: KernfsNode, newParent: KernfsNode, newName: string): number {
  if (kernfs_find(newParent, newName)) return -17;
  const old = kn.parent!;
  const i = old.children.indexOf(kn);
  if (i >= 0) old.children.splice(i, 1);
  if (kn.type === KERNFS_DIR) old.subdirs--;
  kn.parent = newParent;
  kn.name = newName;
  (kn as { hash: number }).hash = kernfs_name_hash(newName);
  return kernfs_add_one(kn);
}

/** The path of `kn` from the root, without a leading slash ("devices/virtual/mem/null"). */
export function kernfs_path(kn: KernfsNode): string {
  const parts: string[] = [];
  for (let n: KernfsNode | null = kn; n && n.parent; n = n.parent) parts.unshift(n.name);
  return parts.join('/');
}

/** kernfs_get_target_path: the relative path from the directory `parent` to `target` ("../../devices/…"). */
export function kernfs_get_target_path(parent: KernfsNode, target: KernfsNode): string {
  const ancestors = new Set<KernfsNode>();
  for (let n: KernfsNode | null = parent; n; n = n.parent) ancestors.add(n);
  let common: KernfsNode | null = target;
  while (common && !ancestors.has(common)) common = common.parent;
  let rel = '';
  for (let n: KernfsNode | null = parent; n && n !== common; n = n.parent) rel += '../';
  const down: string[] = [];
  for (let n: KernfsNode | null = target; n && n !== common; n = n.parent) down.unshift(n.name);
  return rel + down.join('/');
}

/** kernfs_notify: a file's contents changed (pollers of sysfs attributes wake). */
export function kernfs_notify(kn: KernfsNode): void {
  kn.event++;
  kn.poll?.wakeAll();
}
