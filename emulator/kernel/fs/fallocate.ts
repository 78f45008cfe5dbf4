// fallocate(2) (fs/open.c: vfs_fallocate) and posix_fadvise (mm/fadvise.c).
//
// fallocate reserves space so later writes cannot fail with ENOSPC (mode 0 also grows the file,
// FALLOC_FL_KEEP_SIZE does not), or punches a hole (FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE)
// that reads as zeros and frees the pages. fadvise is advice about caching: everything is in memory
// here, so after its checks it has nothing to do.

import { EBADF, EFBIG, EINVAL, EISDIR, ENODEV, EOPNOTSUPP, ESPIPE } from '../../uapi/errno';
import { S_ISDIR, S_ISFIFO, S_ISREG } from '../../uapi/stat';
import type { Task } from '../sched/task';
import type { SyscallGroup } from '../syscalls/types';
import { fget } from './file';
import { FMODE_WRITE } from './fs';
import { MAX_LFS_FILESIZE } from './libfs';

export const FALLOC_FL_KEEP_SIZE = 0x01, FALLOC_FL_PUNCH_HOLE = 0x02;
export const POSIX_FADV_NORMAL = 0, POSIX_FADV_NOREUSE = 5;

export function sys_fallocate(t: Task, fd: number, mode: number, offset: number, len: number): number {
  mode |= 0;
  if (offset < 0 || len <= 0) return -EINVAL;
  if (mode & ~(FALLOC_FL_KEEP_SIZE | FALLOC_FL_PUNCH_HOLE)) return -EOPNOTSUPP;
  if (mode & FALLOC_FL_PUNCH_HOLE && !(mode & FALLOC_FL_KEEP_SIZE)) return -EOPNOTSUPP;
  const file = fget(t, fd | 0);
  if (!file) return -EBADF;
  if (!(file.f_mode & FMODE_WRITE)) return -EBADF;
  const m = file.inode.mode;
  if (S_ISFIFO(m)) return -ESPIPE;
  if (S_ISDIR(m)) return -EISDIR;
  if (!S_ISREG(m)) return -ENODEV;
  if (offset + len > MAX_LFS_FILESIZE) return -EFBIG;
  if (!file.fop.fallocate) return -EOPNOTSUPP;
  return file.fop.fallocate(file, mode, offset, len);
}

/** fadvise64: valid advice on a file is accepted; a pipe is ESPIPE. */
export function sys_fadvise64(t: Task, fd: number, offset: number, len: number, advice: number): number {
  const file = fget(t, fd | 0);
  if (!file) return -EBADF;
  if (S_ISFIFO(file.inode.mode)) return -ESPIPE;
  if (advice < POSIX_FADV_NORMAL || advice > POSIX_FADV_NOREUSE || len < 0) return -EINVAL;
  void offset;
  return 0;
}

export const fallocateSyscalls: SyscallGroup = {
  fallocate: sys_fallocate,
  fadvise64: sys_fadvise64,
};
