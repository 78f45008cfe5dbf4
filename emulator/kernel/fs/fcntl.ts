// fcntl(2) (fs/fcntl.c): duplicate a descriptor at or above a number, the close-on-exec bit, the
// status flags that may change after open (O_APPEND, O_NONBLOCK, O_ASYNC, O_DIRECT, O_NOATIME),
// the SIGIO owner and signal, and pipe sizes.
//
// Not here yet: record locks (F_GETLK, F_SETLK, F_SETLKW, F_OFD_*), leases, dnotify and seals
// answer EINVAL, as a kernel built without them would.

import { EBADF, EINVAL, EPERM } from '../../uapi/errno';
import {
  FD_CLOEXEC, F_DUPFD, F_DUPFD_CLOEXEC, F_GETFD, F_GETFL, F_GETOWN, F_GETPIPE_SZ, F_GETSIG, F_SETFD, F_SETFL,
  F_SETOWN, F_SETPIPE_SZ, F_SETSIG, O_APPEND, O_ASYNC, O_DIRECT, O_NOATIME, O_NONBLOCK,
} from '../../uapi/fcntl';
import { NSIG } from '../../uapi/signal';
import type { Task } from '../sched/task';
import type { SyscallGroup } from '../syscalls/types';
import { rlimit_nofile } from './fdtable';
import { fget_raw, fput, get_file, type File } from './file';
import { FMODE_PATH } from './fs';
import { inode_owner_or_capable } from './permission';
import { pipe_fcntl } from './pipe';

/** The status flags F_SETFL may change. */
export const SETFL_MASK = O_APPEND | O_NONBLOCK | O_ASYNC | O_DIRECT | O_NOATIME;

function setfl(t: Task, file: File, arg: number): number {
  if (arg & O_NOATIME && !(file.f_flags & O_NOATIME) && !inode_owner_or_capable(t.cred, file.inode)) return -EPERM;
  file.f_flags = (arg & SETFL_MASK) | (file.f_flags & ~SETFL_MASK);
  return 0;
}

/** f_dupfd: the lowest free descriptor ≥ arg; EINVAL beyond RLIMIT_NOFILE, EMFILE if all taken. */
function f_dupfd(t: Task, file: File, from: number, cloexec: boolean): number {
  const limit = rlimit_nofile(t);
  if (from < 0 || from >= limit) return -EINVAL;
  const fd = t.files.install(get_file(file), cloexec, from, limit);
  if (fd < 0) fput(file, t);
  return fd;
}

/** Commands an O_PATH descriptor allows (check_fcntl_cmd). */
function path_ok(cmd: number): boolean {
  return cmd === F_DUPFD || cmd === F_DUPFD_CLOEXEC || cmd === F_GETFD || cmd === F_SETFD || cmd === F_GETFL;
}

export function sys_fcntl(t: Task, fd: number, cmd: number, arg: number): number {
  fd |= 0;
  cmd |= 0;
  const file = fget_raw(t, fd);
  if (!file) return -EBADF;
  if (file.f_mode & FMODE_PATH && !path_ok(cmd)) return -EBADF;
  switch (cmd) {
    case F_DUPFD:
    case F_DUPFD_CLOEXEC:
      return f_dupfd(t, file, arg, cmd === F_DUPFD_CLOEXEC);
    case F_GETFD:
      return t.files.isCloexec(fd) ? FD_CLOEXEC : 0;
    case F_SETFD:
      t.files.setCloexec(fd, (arg & FD_CLOEXEC) !== 0);
      return 0;
    case F_GETFL:
      return file.f_flags;
    case F_SETFL:
      return setfl(t, file, arg | 0);
    case F_GETOWN:
      return file.owner;
    case F_SETOWN:
      file.owner = arg | 0;
      return 0;
    case F_GETSIG:
      return file.signum;
    case F_SETSIG:
      if (arg < 0 || arg > NSIG) return -EINVAL;
      file.signum = arg;
      return 0;
    case F_GETPIPE_SZ:
    case F_SETPIPE_SZ:
      return pipe_fcntl(t, file, cmd, arg);
    default:
      return -EINVAL;
  }
}

export const fcntlSyscalls: SyscallGroup = {
  fcntl: sys_fcntl,
};
