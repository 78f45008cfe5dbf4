// chmod and chown and their variants (fs/open.c: chmod_common, chown_common). Both end in
// notify_change, which checks who may do it: the owner may change the mode, only root the owner,
// and the owner the group — to one of its own groups. Changing the owner or group of a file also
// clears its set-user-ID bit (and set-group-ID if the group may execute), even for root.

import { EBADF, EINVAL } from '../../uapi/errno';
import { AT_EMPTY_PATH, AT_FDCWD, AT_SYMLINK_NOFOLLOW } from '../../uapi/fcntl';
import { S_ISDIR } from '../../uapi/stat';
import type { Task } from '../sched/task';
import type { SyscallGroup } from '../syscalls/types';
import { notify_change } from './attr';
import { fget } from './file';
import { ATTR_GID, ATTR_KILL_SGID, ATTR_KILL_SUID, ATTR_MODE, ATTR_UID, type IAttr } from './fs';
import { mnt_want_write } from './mount';
import { LOOKUP_EMPTY, LOOKUP_FOLLOW, user_path_at } from './namei';
import { S_IALLUGO } from './namei_vfs';
import type { Path } from './path';

export function chmod_common(t: Task, path: Path, mode: number): number {
  const ro = mnt_want_write(path.mnt);
  if (ro) return ro;
  return notify_change(t.cred, path.dentry, { valid: ATTR_MODE, mode: mode & S_IALLUGO });
}

function do_fchmodat(t: Task, dfd: number, filename: number, mode: number, flags: number): number {
  if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH)) return -EINVAL;
  let how = flags & AT_SYMLINK_NOFOLLOW ? 0 : LOOKUP_FOLLOW;
  if (flags & AT_EMPTY_PATH) how |= LOOKUP_EMPTY;
  const path = user_path_at(t, dfd, filename, how);
  if (typeof path === 'number') return path;
  return chmod_common(t, path, mode);
}

export function sys_chmod(t: Task, filename: number, mode: number): number {
  return do_fchmodat(t, AT_FDCWD, filename, mode, 0);
}

export function sys_fchmodat(t: Task, dfd: number, filename: number, mode: number): number {
  return do_fchmodat(t, dfd, filename, mode, 0);
}

export function sys_fchmodat2(t: Task, dfd: number, filename: number, mode: number, flags: number): number {
  return do_fchmodat(t, dfd, filename, mode, flags | 0);
}

export function sys_fchmod(t: Task, fd: number, mode: number): number {
  const file = fget(t, fd | 0);
  if (!file) return -EBADF;
  return chmod_common(t, file.path, mode);
}

/** chown_common: uid/gid -1 leaves that id alone. */
export function chown_common(t: Task, path: Path, user: number, group: number): number {
  const ro = mnt_want_write(path.mnt);
  if (ro) return ro;
  const uid = user >>> 0;
  const gid = group >>> 0;
  const attr: IAttr = { valid: 0 };
  if (uid !== 0xffffffff) {
    attr.valid |= ATTR_UID;
    attr.uid = uid;
  }
  if (gid !== 0xffffffff) {
    attr.valid |= ATTR_GID;
    attr.gid = gid;
  }
  if (!S_ISDIR(path.dentry.inode!.mode)) attr.valid |= ATTR_KILL_SUID | ATTR_KILL_SGID;
  return notify_change(t.cred, path.dentry, attr);
}

function do_fchownat(t: Task, dfd: number, filename: number, user: number, group: number, flag: number): number {
  flag |= 0;
  if (flag & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH)) return -EINVAL;
  let how = flag & AT_SYMLINK_NOFOLLOW ? 0 : LOOKUP_FOLLOW;
  if (flag & AT_EMPTY_PATH) how |= LOOKUP_EMPTY;
  const path = user_path_at(t, dfd, filename, how);
  if (typeof path === 'number') return path;
  return chown_common(t, path, user, group);
}

export function sys_chown(t: Task, filename: number, user: number, group: number): number {
  return do_fchownat(t, AT_FDCWD, filename, user, group, 0);
}

export function sys_lchown(t: Task, filename: number, user: number, group: number): number {
  return do_fchownat(t, AT_FDCWD, filename, user, group, AT_SYMLINK_NOFOLLOW);
}

export function sys_fchownat(t: Task, dfd: number, filename: number, user: number, group: number, flag: number): number {
  return do_fchownat(t, dfd, filename, user, group, flag);
}

export function sys_fchown(t: Task, fd: number, user: number, group: number): number {
  const file = fget(t, fd | 0);
  if (!file) return -EBADF;
  return chown_common(t, file.path, user, group);
}

export const chmodSyscalls: SyscallGroup = {
  chmod: sys_chmod,
  fchmod: sys_fchmod,
  fchmodat: sys_fchmodat,
  fchmodat2: sys_fchmodat2,
  chown: sys_chown,
  lchown: sys_lchown,
  fchown: sys_fchown,
  fchownat: sys_fchownat,
};
