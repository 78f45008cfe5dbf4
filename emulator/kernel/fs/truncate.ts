// truncate and ftruncate (fs/open.c): set a regular file's size. Shrinking drops the data past the
// end; growing leaves a hole that reads as zeros. Directories are EISDIR, other kinds EINVAL.

import { EBADF, EINVAL, EISDIR } from '../../uapi/errno';
import { AT_FDCWD } from '../../uapi/fcntl';
import { S_ISDIR, S_ISREG } from '../../uapi/stat';
import type { Task } from '../sched/task';
import type { SyscallGroup } from '../syscalls/types';
import { do_truncate } from './attr';
import { fget } from './file';
import { FMODE_WRITE, MAY_WRITE } from './fs';
import { mnt_want_write } from './mount';
import { LOOKUP_FOLLOW, user_path_at } from './namei';
import type { Path } from './path';
import { inode_permission } from './permission';

export function vfs_truncate(t: Task, path: Path, length: number): number {
  const inode = path.dentry.inode!;
  if (S_ISDIR(inode.mode)) return -EISDIR;
  if (!S_ISREG(inode.mode)) return -EINVAL;
  const ro = mnt_want_write(path.mnt);
  if (ro) return ro;
  const err = inode_permission(t.cred, inode, MAY_WRITE);
  if (err) return err;
  return do_truncate(t.cred, path.dentry, length);
}

export function sys_truncate(t: Task, pathname: number, length: number): number {
  if (length < 0) return -EINVAL;
  const path = user_path_at(t, AT_FDCWD, pathname, LOOKUP_FOLLOW);
  if (typeof path === 'number') return path;
  return vfs_truncate(t, path, length);
}

/** ftruncate: the descriptor must be open for writing (else EINVAL, not EBADF). */
export function sys_ftruncate(t: Task, fd: number, length: number): number {
  if (length < 0) return -EINVAL;
  const file = fget(t, fd | 0);
  if (!file) return -EBADF;
  if (!S_ISREG(file.inode.mode) || !(file.f_mode & FMODE_WRITE)) return -EINVAL;
  return do_truncate(t.cred, file.path.dentry, length);
}

export const truncateSyscalls: SyscallGroup = {
  truncate: sys_truncate,
  ftruncate: sys_ftruncate,
};
