// The VFS side of making and removing names (fs/namei.c: vfs_create, vfs_mkdir, vfs_mknod,
// vfs_symlink, vfs_link, vfs_unlink, vfs_rmdir, vfs_rename). Each checks permissions, asks the
// directory's filesystem to do it, and updates the dentry cache. The syscalls (namei_syscalls.ts,
// open.ts) and the kernel's own users (initramfs) both come through here.

import { EACCES, EBUSY, ENOENT, EPERM, EXDEV } from '../../uapi/errno';
import { RENAME_EXCHANGE } from '../../uapi/fcntl';
import { S_IFDIR, S_IFMT, S_IFREG, S_ISBLK, S_ISCHR, S_ISDIR } from '../../uapi/stat';
import type { Cred } from '../security/cred';
import { d_add, d_delete, d_exchange, d_move, type Dentry } from './dentry';
import { MAY_WRITE } from './fs';
import type { Inode } from './inode';
import { fs_capable, inode_permission, may_create, may_delete } from './permission';

/** The permission and special bits of a mode (S_IALLUGO). */
export const S_IALLUGO = 0o7777;

export function vfs_create(cred: Cred, dir: Inode, dentry: Dentry, mode: number): number {
  const err = may_create(cred, dir);
  if (err) return err;
  if (!dir.iop.create) return -EACCES;
  const r = dir.iop.create(dir, dentry, (mode & S_IALLUGO) | S_IFREG, cred);
  if (r) return r;
  d_add(dentry);
  return 0;
}

export function vfs_mkdir(cred: Cred, dir: Inode, dentry: Dentry, mode: number): number {
  const err = may_create(cred, dir);
  if (err) return err;
  if (!dir.iop.mkdir) return -EPERM;
  const r = dir.iop.mkdir(dir, dentry, (mode & 0o1777) | S_IFDIR, cred);
  if (r) return r;
  d_add(dentry);
  return 0;
}

/** Device nodes need CAP_MKNOD (root here); FIFOs and sockets anyone may make. */
export function vfs_mknod(cred: Cred, dir: Inode, dentry: Dentry, mode: number, rdev: number): number {
  const err = may_create(cred, dir);
  if (err) return err;
  if ((S_ISCHR(mode) || S_ISBLK(mode)) && !fs_capable(cred)) return -EPERM;
  if (!dir.iop.mknod) return -EPERM;
  const r = dir.iop.mknod(dir, dentry, (mode & S_IFMT) | (mode & S_IALLUGO), rdev, cred);
  if (r) return r;
  d_add(dentry);
  return 0;
}

export function vfs_symlink(cred: Cred, dir: Inode, dentry: Dentry, target: string): number {
  const err = may_create(cred, dir);
  if (err) return err;
  if (!dir.iop.symlink) return -EPERM;
  const r = dir.iop.symlink(dir, dentry, target, cred);
  if (r) return r;
  d_add(dentry);
  return 0;
}

/** A second name for an existing file. Directories cannot be hard-linked (EPERM). */
export function vfs_link(cred: Cred, oldDentry: Dentry, dir: Inode, newDentry: Dentry): number {
  const inode = oldDentry.inode;
  if (!inode) return -ENOENT;
  const err = may_create(cred, dir);
  if (err) return err;
  if (dir.sb !== inode.sb) return -EXDEV;
  if (S_ISDIR(inode.mode)) return -EPERM;
  if (!dir.iop.link) return -EPERM;
  // A file that lost all its names stays nameless (an O_TMPFILE file may gain its first).
  if (inode.nlink === 0 && !inode.linkable) return -ENOENT;
  const r = dir.iop.link(oldDentry, dir, newDentry);
  if (r) return r;
  d_add(newDentry);
  return 0;
}

export function vfs_unlink(cred: Cred, dir: Inode, dentry: Dentry): number {
  const err = may_delete(cred, dir, dentry, false);
  if (err) return err;
  if (!dir.iop.unlink) return -EPERM;
  if (dentry.mounted) return -EBUSY;
  const r = dir.iop.unlink(dir, dentry);
  if (r) return r;
  d_delete(dentry);
  return 0;
}

export function vfs_rmdir(cred: Cred, dir: Inode, dentry: Dentry): number {
  const err = may_delete(cred, dir, dentry, true);
  if (err) return err;
  if (!dir.iop.rmdir) return -EPERM;
  if (dentry.mounted) return -EBUSY;
  const r = dir.iop.rmdir(dir, dentry);
  if (r) return r;
  d_delete(dentry);
  return 0;
}

/**
 * vfs_rename: `oldDentry` in `oldDir` becomes `newDentry` (which may exist, and is then replaced,
 * or exchanged with RENAME_EXCHANGE). The caller has checked ancestry and mounts.
 */
export function vfs_rename(cred: Cred, oldDir: Inode, oldDentry: Dentry, newDir: Inode, newDentry: Dentry, flags: number): number {
  const source = oldDentry.inode!;
  const target = newDentry.inode;
  if (source === target) return 0;
  const isdir = S_ISDIR(source.mode);
  const newIsDir = target !== null && S_ISDIR(target.mode);
  let err = may_delete(cred, oldDir, oldDentry, isdir);
  if (err) return err;
  if (!target) err = may_create(cred, newDir);
  else err = may_delete(cred, newDir, newDentry, flags & RENAME_EXCHANGE ? newIsDir : isdir);
  if (err) return err;
  if (!oldDir.iop.rename) return -EPERM;
  // A directory that changes parent rewrites its "..": it must itself be writable.
  if (newDir !== oldDir) {
    if (isdir && (err = inode_permission(cred, source, MAY_WRITE))) return err;
    if (flags & RENAME_EXCHANGE && newIsDir && (err = inode_permission(cred, target!, MAY_WRITE))) return err;
  }
  if (oldDentry.mounted || newDentry.mounted) return -EBUSY;
  err = oldDir.iop.rename(oldDir, oldDentry, newDir, newDentry, flags, cred);
  if (err) return err;
  if (flags & RENAME_EXCHANGE) d_exchange(oldDentry, newDentry);
  else d_move(oldDentry, newDentry.parent, newDentry.name);
  return 0;
}
