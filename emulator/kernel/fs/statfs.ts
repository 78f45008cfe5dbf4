// statfs and fstatfs (fs/statfs.c): the filesystem's type, sizes and free space, and the mount's
// flags — what `df` and `stat -f` print.

import { EBADF, EFAULT } from '../../uapi/errno';
import { AT_FDCWD } from '../../uapi/fcntl';
import {
  STATFS, STATFS_SIZE, ST_NOATIME, ST_NODEV, ST_NODIRATIME, ST_NOEXEC, ST_NOSUID, ST_RDONLY, ST_RELATIME, ST_VALID,
} from '../../uapi/stat';
import { copy_to_user, StructWriter } from '../mm/uaccess';
import type { Task } from '../sched/task';
import type { SyscallGroup } from '../syscalls/types';
import { fget_raw } from './file';
import { MNT_NOATIME, MNT_NODEV, MNT_NODIRATIME, MNT_NOEXEC, MNT_NOSUID, MNT_RELATIME } from './mount';
import { LOOKUP_FOLLOW, user_path_at } from './namei';
import type { Path } from './path';
import type { Kstatfs } from './super';

/** vfs_statfs: the filesystem's numbers, with the flags of this mount. */
export function vfs_statfs(path: Path): Kstatfs {
  const sb = path.mnt.sb;
  const st: Kstatfs = sb.op.statfs?.(sb) ?? {
    type: sb.magic, bsize: sb.blocksize, blocks: 0, bfree: 0, bavail: 0, files: 0, ffree: 0, namelen: 255, frsize: sb.blocksize, flags: 0,
  };
  const m = path.mnt.flags;
  let flags = ST_VALID;
  if (path.mnt.readonly) flags |= ST_RDONLY;
  if (m & MNT_NOSUID) flags |= ST_NOSUID;
  if (m & MNT_NODEV) flags |= ST_NODEV;
  if (m & MNT_NOEXEC) flags |= ST_NOEXEC;
  if (m & MNT_NOATIME) flags |= ST_NOATIME;
  if (m & MNT_NODIRATIME) flags |= ST_NODIRATIME;
  if (m & MNT_RELATIME) flags |= ST_RELATIME;
  return { ...st, flags };
}

function put_statfs(t: Task, path: Path, buf: number): number {
  const st = vfs_statfs(path);
  const w = new StructWriter(STATFS_SIZE);
  w.i64(STATFS.type, st.type).i64(STATFS.bsize, st.bsize).u64(STATFS.blocks, st.blocks).u64(STATFS.bfree, st.bfree);
  w.u64(STATFS.bavail, st.bavail).u64(STATFS.files, st.files).u64(STATFS.ffree, st.ffree);
  // f_fsid: the device number, as filesystems without a UUID report it.
  w.u32(STATFS.fsid, path.mnt.sb.dev).u32(STATFS.fsid + 4, 0);
  w.i64(STATFS.namelen, st.namelen).i64(STATFS.frsize, st.frsize).i64(STATFS.flags, st.flags);
  return copy_to_user(t, buf, w.bytes) < 0 ? -EFAULT : 0;
}

export function sys_statfs(t: Task, pathname: number, buf: number): number {
  const path = user_path_at(t, AT_FDCWD, pathname, LOOKUP_FOLLOW);
  if (typeof path === 'number') return path;
  return put_statfs(t, path, buf);
}

export function sys_fstatfs(t: Task, fd: number, buf: number): number {
  const file = fget_raw(t, fd | 0);
  if (!file) return -EBADF;
  return put_statfs(t, file.path, buf);
}

export const statfsSyscalls: SyscallGroup = {
  statfs: sys_statfs,
  fstatfs: sys_fstatfs,
};
