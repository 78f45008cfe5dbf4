// Open files (include/linux/fs.h struct file, fs/file_table.c). open(2) makes one; descriptors
// point at it. dup, fork and SCM_RIGHTS share it (one position, one set of status flags), which is
// why a child's `echo` moves the parent's file offset. `count` is f_count: the file is released
// when the last descriptor or other holder lets go (fput).

import type { Task } from '../sched/task';
import { FMODE_PATH, type FileOperations } from './fs';
import { ihold, iput, type Inode } from './inode';
import { locks_remove_flock } from './locks';
import { eventpoll_release } from './eventpoll';
import type { Path } from './path';

export class File {
  /** f_count: descriptors and other holders. */
  count = 1;
  /** f_pos. */
  pos = 0;
  /** Driver- or filesystem-private state (private_data). */
  private_data: unknown = null;
  /** F_SETOWN / F_SETSIG: who gets SIGIO, and which signal. */
  owner = 0;
  signum = 0;
  /** A counter snapshot a driver may keep per open file (f_version; FIFOs use it for POLLHUP). */
  version = 0;
  /** The epoll items watching this open file (f_ep); the last fput drops them (eventpoll.ts). */
  epItems: Set<object> | null = null;
  readonly inode: Inode;

  constructor(
    readonly path: Path,
    /** The open flags that stay (f_flags): access mode, O_APPEND, O_NONBLOCK, … */
    public f_flags: number,
    /** FMODE_* */
    public f_mode: number,
    public fop: FileOperations,
  ) {
    this.inode = path.dentry.inode!;
    ihold(this.inode);
  }
}

/** get_file: one more holder. */
export function get_file(file: File): File {
  file.count++;
  return file;
}

/** fput: drop a holder; the last one releases the file (the driver's ->release, then the inode). */
export function fput(file: File, t: Task): void {
  if (--file.count > 0) return;
  if (file.epItems) eventpoll_release(file);
  locks_remove_flock(file);
  file.fop.release?.(file.inode, file, t);
  iput(file.inode);
}

/**
 * fget: the file behind a descriptor for I/O — an O_PATH descriptor does not count (EBADF), as
 * Linux's fget() skips FMODE_PATH files.
 */
export function fget(t: Task, fd: number): File | null {
  const f = t.files.get(fd);
  return f && !(f.f_mode & FMODE_PATH) ? f : null;
}

/** fget_raw: any descriptor, O_PATH included (fstat, fchdir, dup, close, the *at dirfds). */
export function fget_raw(t: Task, fd: number): File | null {
  return t.files.get(fd);
}
