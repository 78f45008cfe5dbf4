// The syscalls that make and remove names (fs/namei.c: do_mkdirat, do_rmdir, do_unlinkat,
// do_symlinkat, do_linkat, do_renameat2, do_mknodat). Each does its parent lookup, the checks
// whose order decides the errno, and calls the vfs_* helper in namei_vfs.ts.

import { EBUSY, EEXIST, EINVAL, EISDIR, ENOENT, ENOTDIR, ENOTEMPTY, EPERM, EXDEV } from '../../uapi/errno';
import {
  AT_EMPTY_PATH, AT_FDCWD, AT_REMOVEDIR, AT_SYMLINK_FOLLOW, RENAME_EXCHANGE, RENAME_NOREPLACE, RENAME_WHITEOUT,
} from '../../uapi/fcntl';
import { S_IFBLK, S_IFCHR, S_IFDIR, S_IFIFO, S_IFMT, S_IFREG, S_IFSOCK, S_ISGID, S_ISREG, S_ISUID } from '../../uapi/stat';
import { getname } from '../mm/uaccess';
import type { Task } from '../sched/task';
import type { SyscallGroup } from '../syscalls/types';
import { d_alloc, is_subdir } from './dentry';
import { mnt_want_write } from './mount';
import {
  LAST_DOT, LAST_DOTDOT, LAST_NORM, LOOKUP_EMPTY, LOOKUP_FOLLOW, filename_create, filename_parentat, is_dir,
  lookup_one, path_lookupat, task_walk_ctx,
} from './namei';
import { S_IALLUGO, vfs_create, vfs_link, vfs_mkdir, vfs_mknod, vfs_rename, vfs_rmdir, vfs_symlink, vfs_unlink } from './namei_vfs';
import { MAY_READ, MAY_WRITE } from './fs';
import type { Inode } from './inode';
import { fs_capable, inode_owner_or_capable, inode_permission } from './permission';

export function do_mkdirat(t: Task, dfd: number, pathname: number, mode: number): number {
  const name = getname(t, pathname);
  if (typeof name === 'number') return name;
  const c = filename_create(task_walk_ctx(t), dfd | 0, name, true);
  if (typeof c === 'number') return c;
  return vfs_mkdir(t.cred, c.parent.dentry.inode!, c.dentry, (mode & S_IALLUGO) & ~t.fs.umask);
}

export function sys_mkdirat(t: Task, dfd: number, pathname: number, mode: number): number {
  return do_mkdirat(t, dfd, pathname, mode);
}

export function sys_mkdir(t: Task, pathname: number, mode: number): number {
  return do_mkdirat(t, AT_FDCWD, pathname, mode);
}

/** rmdir: "." is EINVAL, ".." ENOTEMPTY (it has at least us), "/" EBUSY. */
export function do_rmdir(t: Task, dfd: number, pathname: number): number {
  const name = getname(t, pathname);
  if (typeof name === 'number') return name;
  const p = filename_parentat(task_walk_ctx(t), dfd | 0, name);
  if (typeof p === 'number') return p;
  if (p.lastType === LAST_DOTDOT) return -ENOTEMPTY;
  if (p.lastType === LAST_DOT) return -EINVAL;
  if (p.lastType !== LAST_NORM) return -EBUSY;
  const ro = mnt_want_write(p.path.mnt);
  if (ro) return ro;
  const d = lookup_one(p.path.dentry, p.last);
  if (typeof d === 'number') return d;
  if (!d) return -ENOENT;
  return vfs_rmdir(t.cred, p.path.dentry.inode!, d);
}

export function sys_rmdir(t: Task, pathname: number): number {
  return do_rmdir(t, AT_FDCWD, pathname);
}

/** unlink: a directory is EISDIR; "name/" on a file is ENOTDIR. */
export function do_unlinkat(t: Task, dfd: number, pathname: number): number {
  const name = getname(t, pathname);
  if (typeof name === 'number') return name;
  const p = filename_parentat(task_walk_ctx(t), dfd | 0, name);
  if (typeof p === 'number') return p;
  if (p.lastType !== LAST_NORM) return -EISDIR;
  const ro = mnt_want_write(p.path.mnt);
  if (ro) return ro;
  const d = lookup_one(p.path.dentry, p.last);
  if (typeof d === 'number') return d;
  if (!d) return -ENOENT;
  if (p.lastSlash) return is_dir(d.inode) ? -EISDIR : -ENOTDIR;
  return vfs_unlink(t.cred, p.path.dentry.inode!, d);
}

export function sys_unlink(t: Task, pathname: number): number {
  return do_unlinkat(t, AT_FDCWD, pathname);
}

export function sys_unlinkat(t: Task, dfd: number, pathname: number, flag: number): number {
  if ((flag | 0) & ~AT_REMOVEDIR) return -EINVAL;
  return flag & AT_REMOVEDIR ? do_rmdir(t, dfd, pathname) : do_unlinkat(t, dfd, pathname);
}

export function do_symlinkat(t: Task, oldname: number, newdfd: number, newname: number): number {
  const from = getname(t, oldname);
  if (typeof from === 'number') return from;
  if (from === '') return -ENOENT;
  const to = getname(t, newname);
  if (typeof to === 'number') return to;
  const c = filename_create(task_walk_ctx(t), newdfd | 0, to, false);
  if (typeof c === 'number') return c;
  return vfs_symlink(t.cred, c.parent.dentry.inode!, c.dentry, from);
}

export function sys_symlink(t: Task, oldname: number, newname: number): number {
  return do_symlinkat(t, oldname, AT_FDCWD, newname);
}

export function sys_symlinkat(t: Task, oldname: number, newdfd: number, newname: number): number {
  return do_symlinkat(t, oldname, newdfd, newname);
}

/** /proc/sys/fs/protected_hardlinks, as Debian sets it (systemd's 50-default.conf): on. */
export const PROTECTED_HARDLINKS = true;

/**
 * may_linkat: with protected_hardlinks, only the owner (or root) may hard-link a file — or anyone,
 * if it is a plain regular file they could read and write anyway. Stops pinning someone else's
 * set-user-ID program or secret file in a directory they cannot clean.
 */
function may_linkat(t: Task, inode: Inode): number {
  if (!PROTECTED_HARDLINKS || inode_owner_or_capable(t.cred, inode)) return 0;
  const m = inode.mode;
  const safe = S_ISREG(m) && !(m & S_ISUID) && (m & (S_ISGID | 0o010)) !== (S_ISGID | 0o010) && !inode_permission(t.cred, inode, MAY_READ | MAY_WRITE);
  return safe ? 0 : -EPERM;
}

/**
 * linkat: link(2) does not follow a symlink it is given (it links the link); AT_SYMLINK_FOLLOW
 * does. AT_EMPTY_PATH links the file behind a descriptor (needs CAP_DAC_READ_SEARCH).
 */
export function do_linkat(t: Task, olddfd: number, oldname: number, newdfd: number, newname: number, flags: number): number {
  flags |= 0;
  if (flags & ~(AT_SYMLINK_FOLLOW | AT_EMPTY_PATH)) return -EINVAL;
  let how = flags & AT_SYMLINK_FOLLOW ? LOOKUP_FOLLOW : 0;
  if (flags & AT_EMPTY_PATH) {
    if (!fs_capable(t.cred)) return -ENOENT;
    how |= LOOKUP_EMPTY;
  }
  const from = getname(t, oldname);
  if (typeof from === 'number') return from;
  const old = path_lookupat(t, olddfd, from, how);
  if (typeof old === 'number') return old;
  const to = getname(t, newname);
  if (typeof to === 'number') return to;
  const c = filename_create(task_walk_ctx(t), newdfd | 0, to, false);
  if (typeof c === 'number') return c;
  if (old.mnt !== c.parent.mnt) return -EXDEV;
  const err = may_linkat(t, old.dentry.inode!);
  if (err) return err;
  return vfs_link(t.cred, old.dentry, c.parent.dentry.inode!, c.dentry);
}

export function sys_link(t: Task, oldname: number, newname: number): number {
  return do_linkat(t, AT_FDCWD, oldname, AT_FDCWD, newname, 0);
}

export function sys_linkat(t: Task, olddfd: number, oldname: number, newdfd: number, newname: number, flags: number): number {
  return do_linkat(t, olddfd | 0, oldname, newdfd, newname, flags);
}

/**
 * renameat2: both names in one mount (EXDEV), neither "." nor ".." (EBUSY), a directory not
 * moved into itself (EINVAL) nor onto one of its ancestors (ENOTEMPTY).
 */
export function do_renameat2(t: Task, olddfd: number, oldname: number, newdfd: number, newname: number, flags: number): number {
  flags >>>= 0;
  if (flags & ~(RENAME_NOREPLACE | RENAME_EXCHANGE | RENAME_WHITEOUT)) return -EINVAL;
  if (flags & (RENAME_NOREPLACE | RENAME_WHITEOUT) && flags & RENAME_EXCHANGE) return -EINVAL;
  if (flags & RENAME_WHITEOUT && !fs_capable(t.cred)) return -EPERM;
  const ctx = task_walk_ctx(t);
  const fromName = getname(t, oldname);
  if (typeof fromName === 'number') return fromName;
  const toName = getname(t, newname);
  if (typeof toName === 'number') return toName;
  const from = filename_parentat(ctx, olddfd | 0, fromName);
  if (typeof from === 'number') return from;
  const to = filename_parentat(ctx, newdfd | 0, toName);
  if (typeof to === 'number') return to;
  if (from.path.mnt !== to.path.mnt) return -EXDEV;
  if (from.lastType !== LAST_NORM) return -EBUSY;
  if (to.lastType !== LAST_NORM) return flags & RENAME_NOREPLACE ? -EEXIST : -EBUSY;
  const ro = mnt_want_write(from.path.mnt);
  if (ro) return ro;
  const oldD = lookup_one(from.path.dentry, from.last);
  if (typeof oldD === 'number') return oldD;
  if (!oldD) return -ENOENT;
  const existing = lookup_one(to.path.dentry, to.last);
  if (typeof existing === 'number') return existing;
  if (flags & RENAME_NOREPLACE && existing) return -EEXIST;
  if (flags & RENAME_EXCHANGE && !existing) return -ENOENT;
  if (flags & RENAME_EXCHANGE && !is_dir(existing!.inode) && to.lastSlash) return -ENOTDIR;
  if (!is_dir(oldD.inode) && (from.lastSlash || (!(flags & RENAME_EXCHANGE) && to.lastSlash))) return -ENOTDIR;
  const newD = existing ?? d_alloc(to.path.dentry, to.last);
  // lock_rename's "trap": the source above the target's directory, or the target above the source's.
  if (to.path.dentry !== from.path.dentry) {
    if (is_subdir(to.path.dentry, oldD)) return -EINVAL;
    if (existing && is_subdir(from.path.dentry, existing)) return flags & RENAME_EXCHANGE ? -EINVAL : -ENOTEMPTY;
  }
  return vfs_rename(t.cred, from.path.dentry.inode!, oldD, to.path.dentry.inode!, newD, flags);
}

export function sys_rename(t: Task, oldname: number, newname: number): number {
  return do_renameat2(t, AT_FDCWD, oldname, AT_FDCWD, newname, 0);
}

export function sys_renameat(t: Task, olddfd: number, oldname: number, newdfd: number, newname: number): number {
  return do_renameat2(t, olddfd, oldname, newdfd, newname, 0);
}

export function sys_renameat2(t: Task, olddfd: number, oldname: number, newdfd: number, newname: number, flags: number): number {
  return do_renameat2(t, olddfd, oldname, newdfd, newname, flags);
}

/** may_mknod: which kinds of node mknod makes (a directory is EPERM: that is mkdir's job). */
function may_mknod(mode: number): number {
  switch (mode & S_IFMT) {
    case S_IFREG:
    case S_IFCHR:
    case S_IFBLK:
    case S_IFIFO:
    case S_IFSOCK:
    case 0:
      return 0;
    case S_IFDIR:
      return -EPERM;
    default:
      return -EINVAL;
  }
}

export function do_mknodat(t: Task, dfd: number, filename: number, mode: number, dev: number): number {
  mode >>>= 0;
  const err = may_mknod(mode);
  if (err) return err;
  const name = getname(t, filename);
  if (typeof name === 'number') return name;
  const c = filename_create(task_walk_ctx(t), dfd | 0, name, false);
  if (typeof c === 'number') return c;
  const dir = c.parent.dentry.inode!;
  const perm = (mode & S_IALLUGO) & ~t.fs.umask;
  switch (mode & S_IFMT) {
    case 0:
    case S_IFREG:
      return vfs_create(t.cred, dir, c.dentry, perm);
    case S_IFCHR:
    case S_IFBLK:
      return vfs_mknod(t.cred, dir, c.dentry, (mode & S_IFMT) | perm, dev >>> 0);
    default:
      return vfs_mknod(t.cred, dir, c.dentry, (mode & S_IFMT) | perm, 0);
  }
}

export function sys_mknodat(t: Task, dfd: number, filename: number, mode: number, dev: number): number {
  return do_mknodat(t, dfd, filename, mode, dev);
}

export function sys_mknod(t: Task, filename: number, mode: number, dev: number): number {
  return do_mknodat(t, AT_FDCWD, filename, mode, dev);
}

export const nameiSyscalls: SyscallGroup = {
  mkdir: sys_mkdir,
  mkdirat: sys_mkdirat,
  rmdir: sys_rmdir,
  unlink: sys_unlink,
  unlinkat: sys_unlinkat,
  symlink: sys_symlink,
  symlinkat: sys_symlinkat,
  link: sys_link,
  linkat: sys_linkat,
  rename: sys_rename,
  renameat: sys_renameat,
  renameat2: sys_renameat2,
  mknod: sys_mknod,
  mknodat: sys_mknodat,
};
