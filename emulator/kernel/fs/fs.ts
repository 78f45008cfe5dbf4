// The operation tables a filesystem or driver fills in (include/linux/fs.h): how the VFS asks an
// inode to look up, create or remove names, and how it asks an open file to read, write, seek,
// list a directory, answer an ioctl or a poll. tmpfs, pipes, character devices, and later procfs,
// sysfs and sockets all plug in here; the syscalls in this folder only ever go through them.
//
// Conventions: a method returns a result or -errno. A file method that must wait returns SLEEP after
// putting the task on a wait queue (sched/wait.ts's sleepOn) and is called again from the top when
// woken; progress that must survive (bytes already written) lives in `t.restart`.

import { POLLIN, POLLOUT, POLLRDNORM, POLLWRNORM } from '../../uapi/poll';
import type { Task } from '../sched/task';
import type { WaitQueue } from '../sched/waitqueue';
import type { Cred } from '../security/cred';
import type { Dentry } from './dentry';
import type { File } from './file';
import type { Inode } from './inode';
import type { Path } from './path';

/** Access wanted, for permission checks (MAY_*). */
export const MAY_EXEC = 0x1, MAY_WRITE = 0x2, MAY_READ = 0x4, MAY_APPEND = 0x8;
export const MAY_ACCESS = 0x10, MAY_OPEN = 0x20, MAY_CHDIR = 0x40;

/** How a file is open (file->f_mode, FMODE_*): derived from the open flags, plus capabilities. */
export const FMODE_READ = 0x1, FMODE_WRITE = 0x2, FMODE_LSEEK = 0x4, FMODE_PREAD = 0x8;
export const FMODE_PWRITE = 0x10, FMODE_EXEC = 0x20, FMODE_PATH = 0x4000, FMODE_CREATED = 0x100000;
/** A stream (pipe, socket, tty): no position at all. */
export const FMODE_STREAM = 0x200000;

/** The file position a read or write works at (loff_t *ppos); the method advances it. */
export interface FilePos {
  pos: number;
}

/** struct dir_context: where getdents is in a directory and how to hand it an entry. */
export interface DirContext {
  /** The position; the filesystem sets it past each entry it emits. */
  pos: number;
  /** dir_emit: false when the caller's buffer is full (stop without moving pos). */
  emit(name: string, ino: number, dtype: number): boolean;
}

/** What poll/select/epoll collect: the queues a poll method says it may wake (poll_table). */
export interface PollTable {
  add(wq: WaitQueue): void;
}

/** What a file without a poll method always is: readable and writable (DEFAULT_POLLMASK). */
export const DEFAULT_POLLMASK = POLLIN | POLLOUT | POLLRDNORM | POLLWRNORM;

/** vfs_poll: the file's ready mask, registering its wait queues with `pt` (poll, select, epoll). */
export function vfs_poll(file: File, t: Task, pt: PollTable | null): number {
  return file.fop.poll ? file.fop.poll(file, t, pt) : DEFAULT_POLLMASK;
}

/** poll_wait(): register a queue with the poller, if there is one. */
export function poll_wait(pt: PollTable | null, wq: WaitQueue): void {
  pt?.add(wq);
}

export interface FileOperations {
  /**
   * After the VFS built the file for open(2). May replace file.fop (a character device node
   * hands over to its driver this way). 0, -errno, or SLEEP (a FIFO waiting for its partner).
   */
  open?(inode: Inode, file: File, t: Task): number;
  /** Every close(2) of a descriptor for this file (->flush), even if other descriptors remain. */
  flush?(file: File, t: Task): number;
  /** The last reference is gone (__fput). */
  release?(inode: Inode, file: File, t: Task): void;
  /** Up to `count` bytes at ppos.pos (advance it). An empty array is end of file. */
  read?(file: File, t: Task, count: number, ppos: FilePos): Uint8Array | number;
  /** Write `data` at ppos.pos (advance it); the count written, -errno, or SLEEP. */
  write?(file: File, t: Task, data: Uint8Array, ppos: FilePos): number;
  /** The new position, or -errno. Without one, lseek says ESPIPE. */
  llseek?(file: File, offset: number, whence: number): number;
  /** List directory entries from ctx.pos (iterate_shared). 0 or -errno. */
  iterate?(file: File, t: Task, ctx: DirContext): number;
  /** An ioctl the generic layer did not handle; -ENOTTY when not understood. */
  ioctl?(file: File, t: Task, cmd: number, arg: number): number;
  /** The ready mask (POLLIN…), after registering the queues that will announce changes. */
  poll?(file: File, t: Task, pt: PollTable | null): number;
  /** fsync/fdatasync. */
  fsync?(file: File, t: Task, datasync: boolean): number;
  /** Reserve (mode 0, FALLOC_FL_KEEP_SIZE) or punch out (FALLOC_FL_PUNCH_HOLE) a byte range. */
  fallocate?(file: File, mode: number, offset: number, len: number): number;
  /** Lines of /proc/<pid>/fdinfo/<fd> after pos/flags/mnt_id/ino (eventfd-count, tfd …), each ending in "\n". */
  show_fdinfo?(file: File): string;
}

/** Which attributes a setattr changes (ATTR_*), and struct iattr. */
export const ATTR_MODE = 1, ATTR_UID = 2, ATTR_GID = 4, ATTR_SIZE = 8, ATTR_ATIME = 0x10;
export const ATTR_MTIME = 0x20, ATTR_CTIME = 0x40, ATTR_ATIME_SET = 0x80, ATTR_MTIME_SET = 0x100;
export const ATTR_FORCE = 0x200, ATTR_KILL_SUID = 0x800, ATTR_KILL_SGID = 0x1000, ATTR_OPEN = 0x8000;
/** utimes with explicit times (owner only), and utimes to "now" (owner, or anyone who may write). */
export const ATTR_TIMES_SET = 0x10000, ATTR_TOUCH = 0x20000;

export interface IAttr {
  valid: number;
  mode?: number;
  uid?: number;
  gid?: number;
  size?: number;
  atime?: number;
  mtime?: number;
  ctime?: number;
}

/** What stat(2) reports (struct kstat); times in ns since the epoch. */
export interface Kstat {
  dev: number;
  ino: number;
  mode: number;
  nlink: number;
  uid: number;
  gid: number;
  rdev: number;
  size: number;
  blksize: number;
  blocks: number;
  atime: number;
  mtime: number;
  ctime: number;
  btime: number;
  mntId: number;
  /** STATX_ATTR_* bits. */
  attributes: number;
}

export interface InodeOperations {
  /**
   * Find `dentry.name` in directory `dir` when the dentry cache does not know it: the inode, or
   * null if there is no such name. The VFS links the dentry into the cache.
   */
  lookup?(dir: Inode, dentry: Dentry): Inode | null | number;
  /** Make a regular file; instantiate `dentry` (d_instantiate). 0 or -errno. */
  create?(dir: Inode, dentry: Dentry, mode: number, cred: Cred): number;
  mkdir?(dir: Inode, dentry: Dentry, mode: number, cred: Cred): number;
  /** Device nodes, FIFOs and sockets; `rdev` is in the user encoding (makedev). */
  mknod?(dir: Inode, dentry: Dentry, mode: number, rdev: number, cred: Cred): number;
  symlink?(dir: Inode, dentry: Dentry, target: string, cred: Cred): number;
  /** A new name `newDentry` in `dir` for the inode of `oldDentry`. */
  link?(oldDentry: Dentry, dir: Inode, newDentry: Dentry): number;
  unlink?(dir: Inode, dentry: Dentry): number;
  rmdir?(dir: Inode, dentry: Dentry): number;
  /** Rename in the filesystem; the VFS moves the dentries afterwards. `flags`: RENAME_*. */
  rename?(oldDir: Inode, oldDentry: Dentry, newDir: Inode, newDentry: Dentry, flags: number, cred: Cred): number;
  /**
   * A symlink's target, to be walked. A procfs "magic link" (/proc/self/fd/3) returns a Path to
   * jump to instead. `t` is null for the kernel's own lookups.
   */
  get_link?(dentry: Dentry, inode: Inode, t: Task | null): string | Path | number;
  /** What readlink(2) shows, when it differs from get_link (magic links). */
  readlink?(dentry: Dentry, t: Task): string | number;
  /** Replace generic_permission. */
  permission?(inode: Inode, mask: number, cred: Cred): number;
  /** Change attributes (chmod, chown, truncate, utimes); the default is simple_setattr. */
  setattr?(dentry: Dentry, attr: IAttr, cred: Cred): number;
  /** Adjust what stat reports after the generic fill from the inode. */
  getattr?(path: Path, stat: Kstat, t: Task): number;
  /** O_TMPFILE: an unnamed file in `dir` (instantiate `dentry`, which stays unhashed). */
  tmpfile?(dir: Inode, dentry: Dentry, mode: number, cred: Cred): number;
}

/** A file with no operations at all: an O_PATH descriptor. */
export const empty_fops: FileOperations = {};
export const empty_iops: InodeOperations = {};
