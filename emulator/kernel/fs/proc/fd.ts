// /proc/<pid>/fd (fs/proc/fd.c): one symbolic link per open descriptor of the process.
//
// Each link is a "magic link": readlink shows where the descriptor points — a path, or the made-up
// name of something that has no path ("pipe:[12775]", "socket:[…]", "anon_inode:[eventfd]", which
// d_path asks the dentry for) — and following it (open("/proc/self/fd/3")) lands on the open
// file's own dentry and mount, even if the file has since been renamed or deleted.
//
// The link's mode says how the descriptor is open: lr-x------ read-only, l-wx------ write-only,
// lrwx------ both. Only the owner (or root) may list the directory, and only a reader that may
// ptrace the process may follow or read the links.

import { EACCES, ENOENT, ESRCH } from '../../../uapi/errno';
import { O_CLOEXEC } from '../../../uapi/fcntl';
import { S_IFDIR, S_IFLNK, S_IFREG } from '../../../uapi/stat';
import type { Task } from '../../sched/task';
import { d_path } from '../d_path';
import type { Dentry, DentryOperations } from '../dentry';
import type { File } from '../file';
import { FMODE_READ, FMODE_WRITE, type DirContext, type FileOperations, type InodeOperations } from '../fs';
import type { Inode } from '../inode';
import { generic_read_dir } from '../libfs';
import type { Path } from '../path';
import {
  dir_emit_dots, get_proc_task, proc_fill_cache, proc_lseek, proc_pid_make_inode, proc_single_fops, ptrace_may_access, PROC_I,
  task_dump_owner,
} from './internal';

/** The descriptor table of a task, unless it has exited (exit_files leaves none). */
function task_files(task: Task): Task['files'] | null {
  return task.isZombie || !task.files || task.files.users === 0 ? null : task.files;
}

/** The open file behind an fd link, if the descriptor is still open. */
function fd_file(inode: Inode): File | null {
  const task = get_proc_task(inode);
  if (!task) return null;
  return task_files(task)?.get(PROC_I(inode).fd) ?? null;
}

/** tid_fd_update_inode: owner from the task; for a link, permission bits from how the file is open. */
function tid_fd_update_inode(task: Task, inode: Inode, file: File): void {
  task_dump_owner(task, inode);
  if ((inode.mode & S_IFLNK) !== S_IFLNK) return; // an fdinfo file keeps its 0444
  let mode = S_IFLNK;
  if (file.f_mode & FMODE_READ) mode |= 0o500;
  if (file.f_mode & FMODE_WRITE) mode |= 0o300;
  inode.mode = mode;
}

/** tid_fd_revalidate: the descriptor must still be open (possibly on another file, after dup2). */
function tid_fd_revalidate(dentry: Dentry): boolean {
  const inode = dentry.inode;
  if (!inode) return false;
  const file = fd_file(inode);
  if (!file) return false;
  tid_fd_update_inode(get_proc_task(inode)!, inode, file);
  return true;
}

const tid_fd_dentry_operations: DentryOperations = { d_revalidate: tid_fd_revalidate };

/** The place an fd link leads to, for a reader allowed to look (proc_fd_link). */
function proc_fd_link(inode: Inode, reader: Task | null): Path | number {
  const task = get_proc_task(inode);
  if (!task) return -ENOENT;
  if (reader && !ptrace_may_access(reader, task)) return -EACCES;
  const file = task_files(task)?.get(PROC_I(inode).fd);
  return file ? file.path : -ENOENT;
}

const proc_fd_link_inode_operations: InodeOperations = {
  get_link: (_dentry, inode, t) => proc_fd_link(inode, t),
  readlink(dentry, t) {
    const path = proc_fd_link(dentry.inode!, t);
    return typeof path === 'number' ? path : d_path(path, t.fs.root);
  },
};

/** proc_fd_instantiate: the link inode for descriptor `fd`. */
function proc_fd_instantiate(dir: Inode, dentry: Dentry, task: Task, fd: number, file: File): Inode {
  const inode = proc_pid_make_inode(dir.sb, task, S_IFLNK, PROC_I(dir).tgid);
  PROC_I(inode).fd = fd;
  inode.size = 64;
  inode.iop = proc_fd_link_inode_operations;
  tid_fd_update_inode(task, inode, file);
  dentry.op = tid_fd_dentry_operations;
  return inode;
}

/** A descriptor number as the directory names it: canonical decimal, no sign, no leading zeros. */
function name_to_fd(name: string): number {
  return /^(0|[1-9]\d{0,9})$/.test(name) ? Number(name) : -1;
}

/** proc_lookupfd. */
function proc_lookupfd(dir: Inode, dentry: Dentry): Inode | null {
  const task = get_proc_task(dir);
  if (!task) return null;
  const fd = name_to_fd(dentry.name);
  const file = fd >= 0 ? task_files(task)?.get(fd) : null;
  return file ? proc_fd_instantiate(dir, dentry, task, fd, file) : null;
}

/** proc_readfd: ".", "..", then each open descriptor in order (position fd + 2). */
function proc_readfd(file: File, _t: Task, ctx: DirContext): number {
  const task = get_proc_task(file.inode);
  if (!task) return -ENOENT;
  if (!dir_emit_dots(file, ctx)) return 0;
  for (const e of task_files(task)?.entries() ?? []) {
    if (e.fd + 2 < ctx.pos) continue;
    if (!proc_fill_cache(file, ctx, String(e.fd), e.fd + 3)) return 0;
  }
  return 0;
}

export const proc_fd_inode_operations: InodeOperations = {
  lookup: proc_lookupfd,
  // proc_fd_getattr: the directory's size is the number of open descriptors.
  getattr(path, stat) {
    const task = get_proc_task(path.dentry.inode!);
    stat.size = task ? (task_files(task)?.entries().length ?? 0) : 0;
    return 0;
  },
};

export const proc_fd_operations: FileOperations = {
  read: generic_read_dir,
  iterate: proc_readfd,
  llseek: proc_lseek,
};

/** The mode of the fd directory: only the owner may list it. */
export const PROC_FD_DIR_MODE = S_IFDIR | 0o500;

// ---- /proc/<pid>/fdinfo ---------------------------------------------------------------------------
//
// One file per open descriptor (r--r--r--, but only a reader that may trace the process gets its
// text: EACCES otherwise), telling what the link does not:
//
//   pos:    1841        the file position
//   flags:  0100001     the open flags in octal with a leading 0 (O_LARGEFILE|O_WRONLY here);
//                       O_CLOEXEC shows when the descriptor is close-on-exec
//   mnt_id: 27          the mount the file is on (as in /proc/<pid>/mountinfo)
//   ino:    2228797     its inode number
//
// and then whatever the kind of file adds (an eventfd its counter, an epoll its watched fds).

/** seq_show: the four lines, read when the file is opened. */
function seq_show(reader: Task, inode: Inode): string | number {
  const task = get_proc_task(inode);
  if (!task) return -ESRCH;
  // proc_fdinfo_access_allowed: the same rule as following the fd link.
  if (!ptrace_may_access(reader, task)) return -EACCES;
  const files = task_files(task);
  const fd = PROC_I(inode).fd;
  const file = files?.get(fd);
  if (!files || !file) return -ENOENT;
  let flags = file.f_flags & ~O_CLOEXEC;
  if (files.isCloexec(fd)) flags |= O_CLOEXEC;
  const head = `pos:\t${file.pos}\nflags:\t0${flags.toString(8)}\nmnt_id:\t${file.path.mnt.id}\nino:\t${file.inode.ino}\n`;
  // Then what the file's own kind adds (f_op->show_fdinfo).
  return head + (file.fop.show_fdinfo?.(file) ?? '');
}

const proc_fdinfo_file_operations = proc_single_fops(seq_show);

/** proc_fdinfo_instantiate: a regular file, r--r--r--. */
function proc_fdinfo_instantiate(dir: Inode, dentry: Dentry, task: Task, fd: number): Inode {
  const inode = proc_pid_make_inode(dir.sb, task, S_IFREG | 0o444, PROC_I(dir).tgid);
  PROC_I(inode).fd = fd;
  inode.fop = proc_fdinfo_file_operations;
  dentry.op = tid_fd_dentry_operations;
  return inode;
}

function proc_lookupfdinfo(dir: Inode, dentry: Dentry): Inode | null {
  const task = get_proc_task(dir);
  if (!task) return null;
  const fd = name_to_fd(dentry.name);
  const file = fd >= 0 ? task_files(task)?.get(fd) : null;
  return file ? proc_fdinfo_instantiate(dir, dentry, task, fd) : null;
}

export const proc_fdinfo_inode_operations: InodeOperations = { lookup: proc_lookupfdinfo };
export const proc_fdinfo_operations: FileOperations = { read: generic_read_dir, iterate: proc_readfd, llseek: proc_lseek };
