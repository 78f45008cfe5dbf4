// Opening a program for execve (fs/exec.c: do_open_execat): the file must be a regular file with
// an execute bit the caller may use (root needs at least one x bit), on a mount that allows exec.
// A directory is EACCES, like any other non-regular file; read permission is not needed.

import { EACCES, EIO } from '../../uapi/errno';
import { AT_FDCWD, O_LARGEFILE, O_RDONLY } from '../../uapi/fcntl';
import { S_ISREG } from '../../uapi/stat';
import type { Task } from '../sched/task';
import { d_path } from './d_path';
import { fput, type File } from './file';
import { FMODE_EXEC, MAY_EXEC, MAY_OPEN } from './fs';
import type { Inode } from './inode';
import { MNT_NOEXEC } from './mount';
import { LOOKUP_FOLLOW, path_lookupat } from './namei';
import { vfs_open } from './open';
import { inode_permission } from './permission';
import { kernel_read } from './read_write';

export interface ExecFile {
  /** The open file; it stays open as the program's executable (mm->exe_file): fput it when done. */
  file: File;
  inode: Inode;
  /** The resolved absolute path (/proc/<pid>/exe). */
  path: string;
  /** The whole file. */
  bytes: Uint8Array;
}

export function open_exec(t: Task, pathname: string): ExecFile | number {
  const path = path_lookupat(t, AT_FDCWD, pathname, LOOKUP_FOLLOW);
  if (typeof path === 'number') return path;
  const inode = path.dentry.inode!;
  if (!S_ISREG(inode.mode) || path.mnt.flags & MNT_NOEXEC) return -EACCES;
  const err = inode_permission(t.cred, inode, MAY_EXEC | MAY_OPEN);
  if (err) return err;
  const file = vfs_open(t, path, O_RDONLY | O_LARGEFILE);
  if (typeof file === 'number') return file;
  file.f_mode |= FMODE_EXEC;
  const bytes = kernel_read(t, file, inode.size, 0);
  if (typeof bytes === 'number' || bytes.length !== inode.size) {
    fput(file, t);
    return typeof bytes === 'number' ? bytes : -EIO;
  }
  return { file, inode, path: d_path(path, t.fs.root), bytes };
}
