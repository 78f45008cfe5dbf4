// sync, syncfs, fsync, fdatasync (fs/sync.c). Everything here lives in memory, so there is nothing
// to write back: the calls check their descriptor and succeed, and fsync on something that is not
// a file with storage (a pipe, a socket) is EINVAL as on Linux.

import { EBADF, EINVAL } from '../../uapi/errno';
import type { Task } from '../sched/task';
import type { SyscallGroup } from '../syscalls/types';
import { fget } from './file';

export function sys_sync(): number {
  return 0;
}

export function sys_syncfs(t: Task, fd: number): number {
  return fget(t, fd | 0) ? 0 : -EBADF;
}

function do_fsync(t: Task, fd: number, datasync: boolean): number {
  const file = fget(t, fd | 0);
  if (!file) return -EBADF;
  if (!file.fop.fsync) return -EINVAL;
  return file.fop.fsync(file, t, datasync);
}

export function sys_fsync(t: Task, fd: number): number {
  return do_fsync(t, fd, false);
}

export function sys_fdatasync(t: Task, fd: number): number {
  return do_fsync(t, fd, true);
}

export const syncSyscalls: SyscallGroup = {
  sync: sys_sync,
  syncfs: sys_syncfs,
  fsync: sys_fsync,
  fdatasync: sys_fdatasync,
};
