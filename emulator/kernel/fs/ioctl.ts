// ioctl(2) (fs/ioctl.c): a few requests mean the same for every file and are answered here —
// close-on-exec (FIOCLEX, FIONCLEX), non-blocking and async mode (FIONBIO, FIOASYNC), bytes left
// to read in a regular file (FIONREAD), a size (FIOQSIZE). Everything else goes to the file's
// driver; a file whose driver has no ioctl says ENOTTY ("Inappropriate ioctl for device").

import { EBADF, EFAULT, ENOTTY } from '../../uapi/errno';
import { O_ASYNC, O_NONBLOCK } from '../../uapi/fcntl';
import { FIOASYNC, FIOCLEX, FIONBIO, FIONCLEX, FIONREAD, FIOQSIZE } from '../../uapi/ioctls';
import { S_ISDIR, S_ISLNK, S_ISREG } from '../../uapi/stat';
import { get_user_i32, put_user_i32, put_user_i64 } from '../mm/uaccess';
import type { Task } from '../sched/task';
import type { SyscallGroup } from '../syscalls/types';
import { fget, type File } from './file';

/** vfs_ioctl: the driver's turn. */
export function vfs_ioctl(t: Task, file: File, cmd: number, arg: number): number {
  if (!file.fop.ioctl) return -ENOTTY;
  return file.fop.ioctl(file, t, cmd, arg);
}

function set_flag(file: File, flag: number, on: boolean): void {
  file.f_flags = on ? file.f_flags | flag : file.f_flags & ~flag;
}

export function sys_ioctl(t: Task, fd: number, cmd: number, arg: number): number {
  fd |= 0;
  const file = fget(t, fd);
  if (!file) return -EBADF;
  cmd >>>= 0;
  const inode = file.inode;
  switch (cmd) {
    case FIOCLEX:
      t.files.setCloexec(fd, true);
      return 0;
    case FIONCLEX:
      t.files.setCloexec(fd, false);
      return 0;
    case FIONBIO:
    case FIOASYNC: {
      const on = get_user_i32(t, arg);
      if (Number.isNaN(on)) return -EFAULT;
      set_flag(file, cmd === FIONBIO ? O_NONBLOCK : O_ASYNC, on !== 0);
      return 0;
    }
    case FIOQSIZE:
      if (S_ISDIR(inode.mode) || S_ISREG(inode.mode) || S_ISLNK(inode.mode)) {
        return put_user_i64(t, arg, inode.size) < 0 ? -EFAULT : 0;
      }
      return -ENOTTY;
    case FIONREAD:
      if (S_ISREG(inode.mode)) return put_user_i32(t, arg, inode.size - file.pos) < 0 ? -EFAULT : 0;
      return vfs_ioctl(t, file, cmd, arg);
    default:
      return vfs_ioctl(t, file, cmd, arg);
  }
}

export const ioctlSyscalls: SyscallGroup = {
  ioctl: sys_ioctl,
};
