// access, faccessat, faccessat2 (fs/open.c): "could I read/write/execute this?" — asked with the
// *real* uid and gid (so a set-user-ID program can check on behalf of the user who ran it),
// unless AT_EACCESS asks with the effective ones. The whole lookup runs with those credentials.

import { EACCES, EINVAL, EROFS } from '../../uapi/errno';
import { AT_EACCESS, AT_EMPTY_PATH, AT_FDCWD, AT_SYMLINK_NOFOLLOW } from '../../uapi/fcntl';
import { S_IFMT, S_IFBLK, S_IFCHR, S_IFIFO, S_IFSOCK, S_ISREG } from '../../uapi/stat';
import { getname } from '../mm/uaccess';
import type { Task } from '../sched/task';
import type { SyscallGroup } from '../syscalls/types';
import { MAY_ACCESS, MAY_EXEC, MAY_WRITE } from './fs';
import { MNT_NOEXEC } from './mount';
import { LOOKUP_EMPTY, LOOKUP_FOLLOW, task_walk_ctx, vfs_path_lookup } from './namei';
import { inode_permission } from './permission';

export function do_faccessat(t: Task, dfd: number, filename: number, mode: number, flags: number): number {
  mode |= 0;
  flags |= 0;
  if (mode & ~7) return -EINVAL;
  if (flags & ~(AT_EACCESS | AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH)) return -EINVAL;
  let how = flags & AT_SYMLINK_NOFOLLOW ? 0 : LOOKUP_FOLLOW;
  if (flags & AT_EMPTY_PATH) how |= LOOKUP_EMPTY;
  // access_override_creds: the real ids stand in for the filesystem ids.
  let cred = t.cred;
  if (!(flags & AT_EACCESS)) {
    cred = t.cred.clone();
    cred.fsuid = cred.uid;
    cred.fsgid = cred.gid;
  }
  const name = getname(t, filename);
  if (typeof name === 'number') return name;
  const path = vfs_path_lookup({ ...task_walk_ctx(t), cred }, dfd | 0, name, how);
  if (typeof path === 'number') return path;
  const inode = path.dentry.inode!;
  if (mode & MAY_EXEC && S_ISREG(inode.mode) && path.mnt.flags & MNT_NOEXEC) return -EACCES;
  const res = inode_permission(cred, inode, mode | MAY_ACCESS);
  if (res) return res;
  const type = inode.mode & S_IFMT;
  const special = type === S_IFCHR || type === S_IFBLK || type === S_IFIFO || type === S_IFSOCK;
  if (mode & MAY_WRITE && !special && path.mnt.readonly) return -EROFS;
  return 0;
}

export function sys_access(t: Task, filename: number, mode: number): number {
  return do_faccessat(t, AT_FDCWD, filename, mode, 0);
}

export function sys_faccessat(t: Task, dfd: number, filename: number, mode: number): number {
  return do_faccessat(t, dfd, filename, mode, 0);
}

export function sys_faccessat2(t: Task, dfd: number, filename: number, mode: number, flags: number): number {
  return do_faccessat(t, dfd, filename, mode, flags);
}

export const accessSyscalls: SyscallGroup = {
  access: sys_access,
  faccessat: sys_faccessat,
  faccessat2: sys_faccessat2,
};
