// chdir, fchdir, chroot (fs/open.c) and umask (kernel/sys.c): the parts of a task's filesystem
// context (fs_struct.ts) that a program changes itself.

import { EBADF, ENOTDIR, EPERM } from '../../uapi/errno';
import type { Task } from '../sched/task';
import type { SyscallGroup } from '../syscalls/types';
import { fget_raw } from './file';
import { MAY_CHDIR, MAY_EXEC } from './fs';
import { LOOKUP_DIRECTORY, LOOKUP_FOLLOW, is_dir, user_path_at } from './namei';
import { AT_FDCWD } from '../../uapi/fcntl';
import type { Path } from './path';
import { fs_capable, inode_permission } from './permission';

/** A directory the task may enter (search permission). */
function dir_lookup(t: Task, filename: number): Path | number {
  const path = user_path_at(t, AT_FDCWD, filename, LOOKUP_FOLLOW | LOOKUP_DIRECTORY);
  if (typeof path === 'number') return path;
  const err = inode_permission(t.cred, path.dentry.inode!, MAY_EXEC | MAY_CHDIR);
  return err || path;
}

export function sys_chdir(t: Task, filename: number): number {
  const path = dir_lookup(t, filename);
  if (typeof path === 'number') return path;
  t.fs.pwd = path;
  return 0;
}

export function sys_fchdir(t: Task, fd: number): number {
  const file = fget_raw(t, fd | 0);
  if (!file) return -EBADF;
  if (!is_dir(file.inode)) return -ENOTDIR;
  const err = inode_permission(t.cred, file.inode, MAY_EXEC | MAY_CHDIR);
  if (err) return err;
  t.fs.pwd = file.path;
  return 0;
}

/** chroot: a new root for the walk (CAP_SYS_CHROOT). The cwd stays where it was, even outside. */
export function sys_chroot(t: Task, filename: number): number {
  const path = dir_lookup(t, filename);
  if (typeof path === 'number') return path;
  if (!fs_capable(t.cred)) return -EPERM;
  t.fs.root = path;
  return 0;
}

/** umask: set the creation mask, return the old one. */
export function sys_umask(t: Task, mask: number): number {
  const old = t.fs.umask;
  t.fs.umask = mask & 0o777;
  return old;
}

export const chdirSyscalls: SyscallGroup = {
  chdir: sys_chdir,
  fchdir: sys_fchdir,
  chroot: sys_chroot,
  umask: sys_umask,
};
