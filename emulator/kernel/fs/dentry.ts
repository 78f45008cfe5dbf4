// Directory entries (include/linux/dcache.h, fs/dcache.c): the name → inode links of the tree.
//
// A dentry is one name of an inode in one directory; a file with two hard links has two dentries
// and one inode. Each dentry caches its children, so a path walk mostly never asks the filesystem.
// For tmpfs the cache *is* the filesystem (as for Linux's ramfs/tmpfs): a directory's contents are
// exactly its children here. Filesystems with their own storage (procfs, sysfs) fill the cache on
// demand through InodeOperations.lookup and may drop stale entries with d_revalidate.
//
// Simplified: Linux also caches negative dentries (names known not to exist) and frees unused
// dentries under memory pressure; we keep only positive ones and let the garbage collector work.

import type { Inode } from './inode';
import type { Mount } from './mount';
import type { Path } from './path';
import type { SuperBlock } from './super';

export interface DentryOperations {
  /** Is a cached child still valid? (procfs: does the process still exist?) */
  d_revalidate?(dentry: Dentry): boolean;
  /** A made-up name for d_path, for dentries that live on no mounted tree: "pipe:[1234]". */
  d_dname?(dentry: Dentry): string;
  /** An automount point: the mount to attach here when a walk first passes (follow_automount). */
  d_automount?(path: Path): Mount | null;
}

export class Dentry {
  /** The parent directory; the root of a filesystem is its own parent (IS_ROOT). */
  parent: Dentry;
  readonly children = new Map<string, Dentry>();
  /** How many mounts sit on this dentry (DCACHE_MOUNTED): the walk looks them up only if > 0. */
  mounted = 0;
  /** Removed from its directory (d_unhashed): d_path adds " (deleted)". */
  unhashed = true;
  op: DentryOperations | null = null;
  /** The directory position of this entry, for filesystems with stable readdir offsets (tmpfs). */
  offset = 0;
  /** Filesystem-private data (d_fsdata). */
  fsdata: unknown = null;

  constructor(
    public name: string,
    parent: Dentry | null,
    public inode: Inode | null,
    readonly sb: SuperBlock,
  ) {
    this.parent = parent ?? this;
  }

  get isRoot(): boolean {
    return this.parent === this;
  }
}

/** d_make_root: the root dentry of a new superblock. */
export function d_make_root(inode: Inode): Dentry {
  const d = new Dentry('/', null, inode, inode.sb);
  d.unhashed = false;
  return d;
}

/** d_alloc: a new, not yet linked, dentry for `name` in `parent`. */
export function d_alloc(parent: Dentry, name: string): Dentry {
  return new Dentry(name, parent, null, parent.sb);
}

/** d_instantiate: attach an inode to a fresh dentry. */
export function d_instantiate(dentry: Dentry, inode: Inode): void {
  dentry.inode = inode;
}

/** d_add: link a positive dentry into its parent so lookups find it. */
export function d_add(dentry: Dentry): void {
  const parent = dentry.parent;
  parent.children.set(dentry.name, dentry);
  dentry.unhashed = false;
}

/** d_lookup: the cached child called `name`, or null. */
export function d_lookup(parent: Dentry, name: string): Dentry | null {
  return parent.children.get(name) ?? null;
}

/** d_delete / d_drop: unlink a dentry from its parent (unlink, rmdir, or a stale cache entry). */
export function d_delete(dentry: Dentry): void {
  const parent = dentry.parent;
  if (parent.children.get(dentry.name) === dentry) parent.children.delete(dentry.name);
  dentry.unhashed = true;
}

/** d_move: rename. Whatever was cached at the target name is dropped first. */
export function d_move(dentry: Dentry, newParent: Dentry, newName: string): void {
  const target = newParent.children.get(newName);
  if (target && target !== dentry) d_delete(target);
  d_delete(dentry);
  dentry.parent = newParent;
  dentry.name = newName;
  d_add(dentry);
}

/** d_exchange: RENAME_EXCHANGE swaps two names. */
export function d_exchange(a: Dentry, b: Dentry): void {
  const [pa, na, pb, nb] = [a.parent, a.name, b.parent, b.name];
  d_delete(a);
  d_delete(b);
  a.parent = pb;
  a.name = nb;
  b.parent = pa;
  b.name = na;
  d_add(a);
  d_add(b);
}

/** is `d` equal to or below `ancestor` (is_subdir)? Only within one filesystem. */
export function is_subdir(d: Dentry, ancestor: Dentry): boolean {
  for (let p = d; ; p = p.parent) {
    if (p === ancestor) return true;
    if (p.isRoot) return false;
  }
}
