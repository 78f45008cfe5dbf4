// Path name lookup (fs/namei.c): turn "a/b/../c" into a place in the tree.
//
// The walk starts at the task's root ("/…"), its cwd, or a directory descriptor (the *at calls),
// and takes one component at a time:
//   - it needs search (x) permission on every directory it passes through;
//   - "." stays, ".." goes up — never above the task's root, and from the root of a mount to the
//     directory it is mounted on;
//   - entering a dentry that has something mounted on it continues in the mounted filesystem;
//   - a symlink in the middle of a path is always followed, its target walked from the directory
//     holding it (or from the root if absolute); the last component is followed only when asked
//     (stat follows, lstat does not). At most 40 links per lookup, then ELOOP;
//   - a trailing slash demands a directory and follows a final symlink.
// Components longer than 255 bytes are ENAMETOOLONG; getname() already limited the whole path.
//
// Simplified: Linux walks lock-free under RCU first and retries with locks; we have one thread.

import { EBADF, EEXIST, ELOOP, ENAMETOOLONG, ENOENT, ENOTDIR, EXDEV } from '../../uapi/errno';
import { AT_FDCWD } from '../../uapi/fcntl';
import { S_ISDIR, S_ISLNK } from '../../uapi/stat';
import { getname } from '../mm/uaccess';
import type { Task } from '../sched/task';
import { Cred } from '../security/cred';
import { d_add, d_alloc, d_delete, d_instantiate, d_lookup, type Dentry } from './dentry';
import { fget_raw } from './file';
import { MAY_EXEC } from './fs';
import type { Inode } from './inode';
import { follow_mounts, mnt_want_write } from './mount';
import type { Path } from './path';
import { path_equal } from './path';
import { inode_permission } from './permission';

/** Lookup flags (LOOKUP_*). */
export const LOOKUP_FOLLOW = 0x1, LOOKUP_DIRECTORY = 0x2, LOOKUP_EMPTY = 0x4000;
/** openat2's RESOLVE_* as lookup flags: no symlinks, no /proc magic links, no mount crossing, stay below the dirfd, or treat the dirfd as the root. */
export const LOOKUP_NO_SYMLINKS = 0x010000, LOOKUP_NO_MAGICLINKS = 0x020000, LOOKUP_NO_XDEV = 0x040000;
export const LOOKUP_BENEATH = 0x080000, LOOKUP_IN_ROOT = 0x100000;
export const LOOKUP_IS_SCOPED = LOOKUP_BENEATH | LOOKUP_IN_ROOT;
/** Symlinks followed in one lookup before ELOOP, and the longest component. */
export const MAXSYMLINKS = 40;
export const NAME_MAX = 255;
/** What the last component of a path is (LAST_*). */
export const LAST_NORM = 0, LAST_ROOT = 1, LAST_DOT = 2, LAST_DOTDOT = 3;

/** Who is walking: whose permissions, from which root and cwd, and the task for dirfds and magic links. */
export interface WalkCtx {
  cred: Cred;
  root: Path;
  pwd: Path;
  t: Task | null;
}

export function task_walk_ctx(t: Task): WalkCtx {
  return { cred: t.cred, root: t.fs.root, pwd: t.fs.pwd, t };
}

/** The kernel's own lookups (initramfs, devtmpfs): root's powers, from `root`. */
export function kernel_walk_ctx(root: Path, cred: Cred = new Cred()): WalkCtx {
  return { cred, root, pwd: root, t: null };
}

/** struct nameidata: the state of one walk. */
export class NameiData {
  path: Path;
  last = '';
  lastType = LAST_ROOT;
  /** The last component was followed by a slash. */
  lastSlash = false;
  totalLinks = 0;
  /** Where "/" and ".." stop: the task's root, or the dirfd for a scoped (RESOLVE_BENEATH/IN_ROOT) walk. */
  root: Path;

  constructor(
    readonly ctx: WalkCtx,
    public flags: number,
  ) {
    this.path = ctx.pwd;
    this.root = ctx.root;
  }
}

export function is_dir(inode: Inode | null): boolean {
  return inode !== null && S_ISDIR(inode.mode);
}

/**
 * path_init: where a walk of `name` starts. A scoped walk (openat2 RESOLVE_BENEATH/IN_ROOT) takes
 * the dirfd as its root; under RESOLVE_BENEATH an absolute name is already an escape (EXDEV).
 */
export function path_init(nd: NameiData, dfd: number, name: string): number {
  const absolute = name.startsWith('/');
  if (absolute && !(nd.flags & LOOKUP_IS_SCOPED)) {
    nd.path = nd.root;
    return 0;
  }
  if (dfd === AT_FDCWD) {
    nd.path = nd.ctx.pwd;
  } else {
    const file = nd.ctx.t ? fget_raw(nd.ctx.t, dfd) : null;
    if (!file) return -EBADF;
    if (name !== '' && !is_dir(file.inode)) return -ENOTDIR;
    nd.path = file.path;
  }
  if (nd.flags & LOOKUP_IS_SCOPED) {
    nd.root = nd.path;
    if (absolute && nd.flags & LOOKUP_BENEATH) return -EXDEV;
  }
  return 0;
}

/** Step onto what is mounted at `p`; crossing into another mount is EXDEV under RESOLVE_NO_XDEV. */
export function walk_mounts(nd: NameiData, p: Path): Path | number {
  const next = follow_mounts(p);
  if (next.mnt !== p.mnt && nd.flags & LOOKUP_NO_XDEV) return -EXDEV;
  return next;
}

/**
 * The child `name` of directory `dir` (lookup_fast, then lookup_slow): from the dentry cache, or
 * asked of the filesystem. Null if there is no such entry.
 */
export function lookup_one(dir: Dentry, name: string): Dentry | null | number {
  if (name.length > NAME_MAX) return -ENAMETOOLONG;
  let d = d_lookup(dir, name);
  if (d && d.op?.d_revalidate && !d.op.d_revalidate(d)) {
    d_delete(d);
    d = null;
  }
  if (d) return d;
  const inode = dir.inode;
  if (!inode?.iop.lookup) return null;
  const fresh = d_alloc(dir, name);
  const found = inode.iop.lookup(inode, fresh);
  if (typeof found === 'number') return found;
  // A filesystem that fills a directory in bulk on first lookup (tracefs's events) may have
  // cached the name itself meanwhile.
  if (!found) return d_lookup(dir, name);
  d_instantiate(fresh, found);
  d_add(fresh);
  return fresh;
}

/** may_lookup: searching a directory needs its x bit. */
function may_lookup(nd: NameiData): number {
  const inode = nd.path.dentry.inode;
  if (!inode) return -ENOENT;
  return inode_permission(nd.ctx.cred, inode, MAY_EXEC);
}

/**
 * follow_dotdot: up one level, stopping at the root, crossing mounts upwards. Under RESOLVE_BENEATH
 * ".." at the root is an escape (EXDEV); under RESOLVE_NO_XDEV so is leaving a mount.
 */
function follow_dotdot(nd: NameiData): number {
  let p = nd.path;
  for (;;) {
    if (path_equal(p, nd.root)) {
      if (nd.flags & LOOKUP_BENEATH) return -EXDEV;
      break;
    }
    if (p.dentry !== p.mnt.root) {
      p = { mnt: p.mnt, dentry: p.dentry.parent };
      break;
    }
    const m = p.mnt;
    if (!m.parent || !m.mountpoint) break;
    if (nd.flags & LOOKUP_NO_XDEV) return -EXDEV;
    p = { mnt: m.parent, dentry: m.mountpoint };
  }
  const next = walk_mounts(nd, p);
  if (typeof next === 'number') return next;
  nd.path = next;
  return 0;
}

/**
 * walk_component: step into `name` (of kind `type`). A symlink found there is followed if
 * `follow`; otherwise the walk stops on the link itself.
 */
export function walk_component(nd: NameiData, name: string, type: number, follow: boolean): number {
  if (type === LAST_DOT) return 0;
  if (type === LAST_DOTDOT) return follow_dotdot(nd);
  const d = lookup_one(nd.path.dentry, name);
  if (typeof d === 'number') return d;
  if (!d) return -ENOENT;
  const next = walk_mounts(nd, { mnt: nd.path.mnt, dentry: d });
  if (typeof next === 'number') return next;
  if (follow && next.dentry.inode && S_ISLNK(next.dentry.inode.mode)) return pick_link(nd, next);
  nd.path = next;
  return 0;
}

/**
 * pick_link: follow the symlink at `link`. nd.path is still the directory holding it, which is
 * where a relative target starts. Afterwards nd.path is wherever the target leads.
 */
export function pick_link(nd: NameiData, link: Path): number {
  const target = get_link_target(nd, link);
  if (typeof target === 'number') return target;
  if (typeof target !== 'string') {
    nd.path = target;
    return 0;
  }
  const err = link_path_walk(nd, target);
  if (err) return err;
  // Now the link body's own last component, always followed.
  const mustDir = nd.lastSlash;
  if (nd.lastType !== LAST_ROOT) {
    const e = walk_component(nd, nd.last, nd.lastType, true);
    if (e) return e;
  }
  if (mustDir && !is_dir(nd.path.dentry.inode)) return -ENOTDIR;
  return 0;
}

/**
 * The next step of following the symlink at `link`: its target text, or for a magic link
 * (procfs) the place it names — with the checks of the ELOOP count and openat2's RESOLVE_*.
 */
export function get_link_target(nd: NameiData, link: Path): string | Path | number {
  if (nd.flags & LOOKUP_NO_SYMLINKS) return -ELOOP;
  if (++nd.totalLinks > MAXSYMLINKS) return -ELOOP;
  const inode = link.dentry.inode!;
  if (!inode.iop.get_link) return -ENOENT;
  const target = inode.iop.get_link(link.dentry, inode, nd.ctx.t);
  if (typeof target === 'number') return target;
  if (typeof target !== 'string') {
    // nd_jump_link: a magic link jumps straight to the place it names.
    if (nd.flags & LOOKUP_NO_MAGICLINKS) return -ELOOP;
    if (nd.flags & LOOKUP_NO_XDEV && target.mnt !== nd.path.mnt) return -EXDEV;
    if (nd.flags & LOOKUP_IS_SCOPED) return -EXDEV;
    return target;
  }
  if (target === '') return -ENOENT;
  if (target.startsWith('/') && nd.flags & LOOKUP_BENEATH) return -EXDEV;
  return target;
}

/**
 * link_path_walk: walk every component of `name` but the last, which it leaves in nd.last /
 * nd.lastType / nd.lastSlash. nd.path ends at the directory that should contain it.
 */
export function link_path_walk(nd: NameiData, name: string): number {
  const n = name.length;
  let i = 0;
  if (name.charCodeAt(0) === 0x2f) {
    nd.path = nd.root;
    while (i < n && name.charCodeAt(i) === 0x2f) i++;
  }
  if (i === n) {
    nd.last = '';
    nd.lastType = LAST_ROOT;
    nd.lastSlash = false;
    return 0;
  }
  for (;;) {
    const perm = may_lookup(nd);
    if (perm) return perm;
    let j = name.indexOf('/', i);
    if (j < 0) j = n;
    const comp = name.slice(i, j);
    if (comp.length > NAME_MAX) return -ENAMETOOLONG;
    const type = comp === '.' ? LAST_DOT : comp === '..' ? LAST_DOTDOT : LAST_NORM;
    let k = j;
    while (k < n && name.charCodeAt(k) === 0x2f) k++;
    if (k === n) {
      nd.last = comp;
      nd.lastType = type;
      nd.lastSlash = j < n;
      return 0;
    }
    const err = walk_component(nd, comp, type, true);
    if (err) return err;
    if (!is_dir(nd.path.dentry.inode)) return -ENOTDIR;
    i = k;
  }
}

/** lookup_last: resolve the final component left by link_path_walk. */
function lookup_last(nd: NameiData): number {
  const { last, lastType, lastSlash } = nd;
  const follow = (nd.flags & LOOKUP_FOLLOW) !== 0 || lastSlash;
  const mustDir = (nd.flags & LOOKUP_DIRECTORY) !== 0 || lastSlash;
  if (lastType !== LAST_ROOT) {
    const err = walk_component(nd, last, lastType, follow);
    if (err) return err;
  }
  if (mustDir && !is_dir(nd.path.dentry.inode)) return -ENOTDIR;
  return 0;
}

/** Resolve `name` completely (path_lookupat). LOOKUP_EMPTY lets "" mean the dirfd itself. */
export function vfs_path_lookup(ctx: WalkCtx, dfd: number, name: string, flags: number): Path | number {
  const nd = new NameiData(ctx, flags);
  if (name === '') {
    if (!(flags & LOOKUP_EMPTY)) return -ENOENT;
    const err = path_init(nd, dfd, name);
    return err || nd.path;
  }
  let err = path_init(nd, dfd, name);
  if (!err) err = link_path_walk(nd, name);
  if (!err) err = lookup_last(nd);
  return err || nd.path;
}

/** path_lookupat for a task: `dfd` is AT_FDCWD or a directory descriptor. */
export function path_lookupat(t: Task, dfd: number, name: string, flags: number): Path | number {
  return vfs_path_lookup(task_walk_ctx(t), dfd | 0, name, flags);
}

/** user_path_at: a pathname argument from user memory, resolved. */
export function user_path_at(t: Task, dfd: number, pathname: number, flags: number): Path | number {
  const name = getname(t, pathname);
  if (typeof name === 'number') return name;
  return path_lookupat(t, dfd, name, flags);
}

/** The result of a parent lookup: the directory, and the name left to act on in it. */
export interface ParentLookup {
  path: Path;
  last: string;
  lastType: number;
  lastSlash: boolean;
}

/** filename_parentat: walk to the directory that holds the last component. */
export function filename_parentat(ctx: WalkCtx, dfd: number, name: string): ParentLookup | number {
  if (name === '') return -ENOENT;
  const nd = new NameiData(ctx, 0);
  let err = path_init(nd, dfd, name);
  if (!err) err = link_path_walk(nd, name);
  if (err) return err;
  return { path: nd.path, last: nd.last, lastType: nd.lastType, lastSlash: nd.lastSlash };
}

/** A name about to be created: its directory and a fresh (unlinked, negative) dentry. */
export interface CreateLookup {
  parent: Path;
  dentry: Dentry;
}

/**
 * filename_create: the parent lookup for mkdir, mknod, symlink and link. EEXIST if the name exists
 * (or is "." or ".." or "/"); a trailing slash is allowed only when making a directory.
 */
export function filename_create(ctx: WalkCtx, dfd: number, name: string, isDir: boolean): CreateLookup | number {
  const p = filename_parentat(ctx, dfd, name);
  if (typeof p === 'number') return p;
  if (p.lastType !== LAST_NORM) return -EEXIST;
  const ro = mnt_want_write(p.path.mnt);
  const d = lookup_one(p.path.dentry, p.last);
  if (typeof d === 'number') return d;
  if (d) return -EEXIST;
  if (p.lastSlash && !isDir) return -ENOENT;
  if (ro) return ro;
  return { parent: p.path, dentry: d_alloc(p.path.dentry, p.last) };
}
