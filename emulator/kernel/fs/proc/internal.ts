// What the files of procfs share (fs/proc/internal.h, inode.c, base.c's helpers).
//
// procfs keeps nothing on "disk": every inode stands for something in the kernel — a process,
// one of its descriptors, a kernel table — and is made when a lookup asks for it. Its contents
// are computed from live kernel state when the file is opened (the seq_file single_open style:
// one snapshot per open, then read and lseek move over that snapshot), so two reads of one open
// file agree with each other, and a new open sees the machine as it is now.
//
// Dentries that name a process stay in the dentry cache, but every lookup re-checks them
// (pid_revalidate): once the process is gone they are dropped, and the name is ENOENT.

import { EINVAL, ESRCH } from '../../../uapi/errno';
import { SEEK_CUR, SEEK_SET } from '../../../uapi/fcntl';
import { DT_UNKNOWN, dtFromMode, S_IFDIR } from '../../../uapi/stat';
import type { Kernel } from '../../kernel';
import type { Task } from '../../sched/task';
import type { Dentry, DentryOperations } from '../dentry';
import type { File } from '../file';
import type { DirContext, FileOperations, FilePos } from '../fs';
import { Inode } from '../inode';
import { bytesOf, simple_read_from_buffer, vfs_setpos } from '../libfs';
import { lookup_one } from '../namei';
import type { SuperBlock } from '../super';
import { ptrace_may_access as ptrace_may_access_mode } from '../../ptrace';

/** statfs f_type of procfs, and the inode number of its root. */
export const PROC_SUPER_MAGIC = 0x9fa0;
export const PROC_ROOT_INO = 1;
/** Inode numbers of the fixed entries (/proc/uptime …) start here (proc_alloc_inum). */
export const PROC_DYNAMIC_FIRST = 0xf0000000;

/** Clock ticks per second as user space sees them (sysconf(_SC_CLK_TCK), AT_CLKTCK). */
export const USER_HZ = 100;

/** nsec_to_clock_t: virtual ns → clock ticks, rounded down. */
export function nsec_to_clock_t(ns: number): number {
  return Math.floor(ns / (1_000_000_000 / USER_HZ));
}

/** Per superblock: the machine it shows (s_fs_info). */
export interface ProcFsInfo {
  kernel: Kernel;
}

export function proc_kernel(sb: SuperBlock): Kernel {
  return (sb.fsInfo as ProcFsInfo).kernel;
}

/**
 * struct proc_inode: which task an inode is about (null for global files), and for an fd link
 * which descriptor. `tgid` is true for /proc/<pid>/… (the whole process), false for
 * /proc/<pid>/task/<tid>/… (one thread): stat and status count differently.
 */
export interface ProcInodeInfo {
  task: Task | null;
  fd: number;
  tgid: boolean;
}

export function PROC_I(inode: Inode): ProcInodeInfo {
  return inode.private as ProcInodeInfo;
}

/** The task behind a proc inode, if it still exists (get_proc_task). */
export function get_proc_task(inode: Inode): Task | null {
  const task = PROC_I(inode).task;
  if (!task) return null;
  return task.kernel.tasks.get(task.tid) === task ? task : null;
}

/** A new procfs inode, owned by root (proc_get_inode / new_inode). */
export function proc_make_inode(sb: SuperBlock, mode: number, ino = sb.get_next_ino()): Inode {
  const inode = new Inode(sb, ino);
  inode.mode = mode;
  inode.private = { task: null, fd: -1, tgid: true } satisfies ProcInodeInfo;
  if ((mode & S_IFDIR) === S_IFDIR) inode.nlink = 2;
  return inode;
}

/**
 * task_dump_owner: files about a process belong to its effective uid and gid, so that its owner
 * (and root) may read the private ones. Simplified: Linux gives a non-dumpable process's files to
 * root; we have no dumpable flag yet.
 */
export function task_dump_owner(task: Task, inode: Inode): void {
  inode.uid = task.cred.euid;
  inode.gid = task.cred.egid;
}

/** proc_pid_make_inode: an inode about `task`. */
export function proc_pid_make_inode(sb: SuperBlock, task: Task, mode: number, tgid: boolean): Inode {
  const inode = proc_make_inode(sb, mode);
  inode.private = { task, fd: -1, tgid } satisfies ProcInodeInfo;
  task_dump_owner(task, inode);
  return inode;
}

/** pid_revalidate: is the process still there? (and refresh the owner, which setuid may change). */
export function pid_revalidate(dentry: Dentry): boolean {
  const inode = dentry.inode;
  if (!inode) return false;
  const task = get_proc_task(inode);
  if (!task) return false;
  task_dump_owner(task, inode);
  return true;
}

export const pid_dentry_operations: DentryOperations = { d_revalidate: pid_revalidate };

/** ptrace_may_access(PTRACE_MODE_READ_FSCREDS): may `reader` look inside `task` through /proc? */
export function ptrace_may_access(reader: Task, task: Task): boolean {
  return ptrace_may_access_mode(reader, task, 'fs');
}

// ---- single_open: files whose whole text is made at open --------------------------------------

/** Makes a proc file's text for `reader`; -errno to refuse the open (ESRCH once the task is gone). */
export type ProcShow = (reader: Task, inode: Inode) => string | Uint8Array | number;

const asciiEncoder = new TextEncoder();

/**
 * The bytes of a generated text (one byte per char). The native UTF-8 encoder is much faster than
 * a loop, and gives the same bytes when the text is all ASCII — which its length tells.
 */
export function proc_bytes(text: string): Uint8Array {
  const b = asciiEncoder.encode(text);
  return b.length === text.length ? b : bytesOf(text);
}

/** The snapshot an open proc file reads from (file->private_data of a seq_file). */
function snapshot(file: File): Uint8Array {
  return file.private_data as Uint8Array;
}

/**
 * seq_lseek: SEEK_SET and SEEK_CUR only; a position past the end is allowed and reads as end of
 * file.
 */
export function proc_lseek(file: File, offset: number, whence: number): number {
  if (whence === SEEK_SET) return vfs_setpos(file, offset);
  if (whence === SEEK_CUR) return vfs_setpos(file, file.pos + offset);
  return -EINVAL;
}

/** seq_read over the snapshot. */
export function proc_snapshot_read(file: File, _t: Task, count: number, ppos: FilePos): Uint8Array {
  return simple_read_from_buffer(snapshot(file), count, ppos);
}

/**
 * The file operations of a /proc/<pid> "ONE" entry (proc_single_open): like proc_single_fops, but
 * the text is made at the first read, as seq_read calls the show method — so a refusal (EPERM,
 * ESRCH) comes from read(2), not open(2), and /proc/self/syscall shows the reader inside read.
 */
export function proc_single_show_fops(show: ProcShow): FileOperations {
  return {
    read(file, t, count, ppos) {
      if (file.private_data === undefined || file.private_data === null) {
        const text = show(t, file.inode);
        if (typeof text === 'number') return text;
        file.private_data = typeof text === 'string' ? proc_bytes(text) : text;
      }
      return proc_snapshot_read(file, t, count, ppos);
    },
    llseek: proc_lseek,
  };
}

/** The file operations of a generated file (single_open + seq_read + seq_lseek). */
export function proc_single_fops(show: ProcShow, write?: FileOperations['write']): FileOperations {
  return {
    open(inode, file, t) {
      const text = show(t, inode);
      if (typeof text === 'number') return text;
      file.private_data = typeof text === 'string' ? proc_bytes(text) : text;
      return 0;
    },
    read: proc_snapshot_read,
    llseek: proc_lseek,
    ...(write ? { write } : {}),
  };
}

/** A show function for a per-task file: ESRCH once the task has been reaped. */
export function task_show(fn: (reader: Task, task: Task, inode: Inode) => string | Uint8Array | number): ProcShow {
  return (reader, inode) => {
    const task = get_proc_task(inode);
    return task ? fn(reader, task, inode) : -ESRCH;
  };
}

// ---- directories ---------------------------------------------------------------------------------

export { dir_emit_dots } from '../libfs';

/**
 * proc_fill_cache: emit `name` of the directory being read, with the inode number and type of
 * what looking it up gives (which puts it in the dentry cache). Then the position moves to
 * `next`. False when the buffer is full.
 */
export function proc_fill_cache(file: File, ctx: DirContext, name: string, next: number): boolean {
  const d = lookup_one(file.path.dentry, name);
  const ok = d && typeof d !== 'number' && d.inode
    ? ctx.emit(name, d.inode.ino, dtFromMode(d.inode.mode))
    : ctx.emit(name, 1, DT_UNKNOWN);
  if (ok) ctx.pos = next;
  return ok;
}
