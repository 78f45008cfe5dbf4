// Opening and closing files: open, openat, openat2, creat, close, close_range (fs/open.c), and the
// last steps of the path walk that open needs (fs/namei.c: do_filp_open, path_openat,
// open_last_lookups, do_open, may_open).
//
// The order of checks is Linux's, because it decides which errno a program sees: a free descriptor
// first (EMFILE), then the walk (ENOENT, ENOTDIR, EACCES, ELOOP), then for O_CREAT the create or
// EEXIST, then what the file is (EISDIR for writing a directory, ENXIO for a device nobody
// drives), the permission for the access mode, the driver's own open, and O_TRUNC last.

import { E2BIG, EACCES, EAGAIN, EEXIST, EFAULT, EINVAL, EISDIR, ELOOP, ENOENT, ENOTDIR, EOPNOTSUPP, EPERM } from '../../uapi/errno';
import {
  AT_FDCWD, O_ACCMODE, O_APPEND, O_CLOEXEC, O_CREAT, O_DIRECTORY, O_EXCL, O_LARGEFILE, O_NOATIME, O_NOCTTY,
  O_NOFOLLOW, O_PATH, O_TMPFILE, O_TRUNC, O_WRONLY, O_RDWR, O_DSYNC, O_SYNC, O_NONBLOCK, O_ASYNC, O_DIRECT,
} from '../../uapi/fcntl';
import { S_IFMT, S_IFBLK, S_IFCHR, S_IFDIR, S_IFIFO, S_IFLNK, S_IFREG, S_IFSOCK, S_ISREG } from '../../uapi/stat';
import { copy_from_user, getname, StructReader } from '../mm/uaccess';
import type { Task } from '../sched/task';
import { SLEEP } from '../sched/waitqueue';
import type { SyscallGroup } from '../syscalls/types';
import { do_truncate } from './attr';
import { d_alloc } from './dentry';
import { rlimit_nofile } from './fdtable';
import { File } from './file';
import {
  ATTR_CTIME, ATTR_MTIME, ATTR_OPEN, FMODE_LSEEK, FMODE_PATH, FMODE_PREAD, FMODE_PWRITE, FMODE_WRITE, MAY_APPEND,
  MAY_EXEC, MAY_OPEN, MAY_READ, MAY_WRITE, empty_fops,
} from './fs';
import { iput } from './inode';
import { mnt_want_write, MNT_NODEV, MNT_NOEXEC } from './mount';
import {
  LAST_NORM, LAST_ROOT, LOOKUP_BENEATH, LOOKUP_DIRECTORY, LOOKUP_FOLLOW, LOOKUP_IN_ROOT, LOOKUP_NO_MAGICLINKS,
  LOOKUP_NO_SYMLINKS, LOOKUP_NO_XDEV, NameiData, get_link_target, is_dir, link_path_walk, lookup_one, path_init,
  task_walk_ctx, vfs_path_lookup, walk_component, walk_mounts,
} from './namei';
import { S_IALLUGO, vfs_create } from './namei_vfs';
import type { Path } from './path';
import { inode_owner_or_capable, inode_permission } from './permission';
import { ftrace_graph_active, ftrace_graph_call } from '../trace/ftrace';

/** The flags open(2) knows (VALID_OPEN_FLAGS; O_RDONLY is 0); openat2 rejects others, open ignores them. */
export const VALID_OPEN_FLAGS =
  O_WRONLY | O_RDWR | O_CREAT | O_EXCL | O_NOCTTY | O_TRUNC | O_APPEND | O_NONBLOCK | O_DSYNC | O_ASYNC | O_DIRECT |
  O_LARGEFILE | O_DIRECTORY | O_NOFOLLOW | O_NOATIME | O_CLOEXEC | O_PATH | O_TMPFILE | O_SYNC;
/** The bit that makes O_TMPFILE (which also carries O_DIRECTORY). */
const __O_TMPFILE = O_TMPFILE & ~O_DIRECTORY;

/** What open(2) was asked, digested (struct open_flags). */
export interface OpenFlags {
  open_flag: number;
  mode: number;
  acc_mode: number;
  lookup_flags: number;
}

/** struct open_how, from openat2 or built by open/openat. */
export interface OpenHow {
  flags: number;
  mode: number;
  resolve: number;
}

/** openat2's RESOLVE_* flags (include/uapi/linux/openat2.h). */
export const RESOLVE_NO_XDEV = 0x01, RESOLVE_NO_MAGICLINKS = 0x02, RESOLVE_NO_SYMLINKS = 0x04;
export const RESOLVE_BENEATH = 0x08, RESOLVE_IN_ROOT = 0x10, RESOLVE_CACHED = 0x20;
const VALID_RESOLVE_FLAGS = 0x3f;

/** ACC_MODE: the permission an access mode needs (3, "no access", needs both, as on Linux). */
const ACC_MODE = [MAY_READ, MAY_WRITE, MAY_READ | MAY_WRITE, MAY_READ | MAY_WRITE];

/** build_open_flags: validate and digest. `strict` is openat2 (unknown bits are errors). */
export function build_open_flags(how: OpenHow, strict: boolean): OpenFlags | number {
  let flags = how.flags;
  if (strict) {
    if (flags & ~VALID_OPEN_FLAGS) return -EINVAL;
    if (how.resolve & ~VALID_RESOLVE_FLAGS) return -EINVAL;
    if (how.mode & ~S_IALLUGO) return -EINVAL;
    if (how.mode && !(flags & (O_CREAT | __O_TMPFILE))) return -EINVAL;
  } else {
    flags &= VALID_OPEN_FLAGS;
  }
  if (flags & __O_TMPFILE) {
    if ((flags & (O_TMPFILE | O_CREAT)) !== O_TMPFILE) return -EINVAL;
    if (!(flags & (O_WRONLY | O_RDWR))) return -EINVAL;
  }
  // O_DIRECTORY with O_CREAT never made sense and is refused since Linux 6.4.
  if (flags & O_CREAT && flags & O_DIRECTORY) return -EINVAL;
  const mode = flags & (O_CREAT | __O_TMPFILE) ? (how.mode & S_IALLUGO) | S_IFREG : 0;
  if (flags & O_SYNC) flags |= O_DSYNC;
  let acc_mode: number;
  if (flags & O_PATH) {
    flags &= O_DIRECTORY | O_NOFOLLOW | O_PATH | O_CLOEXEC;
    acc_mode = 0;
  } else {
    acc_mode = ACC_MODE[flags & O_ACCMODE]!;
    if (flags & O_TRUNC) acc_mode |= MAY_WRITE;
    if (flags & O_APPEND) acc_mode |= MAY_APPEND;
  }
  let lookup_flags = 0;
  if (flags & O_DIRECTORY) lookup_flags |= LOOKUP_DIRECTORY;
  if (!(flags & O_NOFOLLOW)) lookup_flags |= LOOKUP_FOLLOW;
  const r = how.resolve;
  if (r & RESOLVE_BENEATH && r & RESOLVE_IN_ROOT) return -EINVAL;
  if (r & RESOLVE_NO_XDEV) lookup_flags |= LOOKUP_NO_XDEV;
  if (r & RESOLVE_NO_MAGICLINKS) lookup_flags |= LOOKUP_NO_MAGICLINKS;
  if (r & RESOLVE_NO_SYMLINKS) lookup_flags |= LOOKUP_NO_SYMLINKS;
  if (r & RESOLVE_BENEATH) lookup_flags |= LOOKUP_BENEATH;
  if (r & RESOLVE_IN_ROOT) lookup_flags |= LOOKUP_IN_ROOT;
  // RESOLVE_CACHED: everything is in the dentry cache here, except what would write (EAGAIN).
  if (r & RESOLVE_CACHED && flags & (O_TRUNC | O_CREAT | __O_TMPFILE)) return -EAGAIN;
  return { open_flag: flags, mode, acc_mode, lookup_flags };
}

/** OPEN_FMODE: O_RDONLY→read, O_WRONLY→write, O_RDWR→both, 3→neither (ioctl-only opens). */
function open_fmode(flags: number): number {
  return (flags + 1) & O_ACCMODE;
}

/** special_file: device nodes, FIFOs and sockets (they are written without touching the fs). */
function special_file(mode: number): boolean {
  const type = mode & S_IFMT;
  return type === S_IFCHR || type === S_IFBLK || type === S_IFIFO || type === S_IFSOCK;
}

/**
 * vfs_open / do_dentry_open: the struct file for `path`, then the driver's open. The open-only
 * flags (O_CREAT, O_EXCL, O_NOCTTY, O_TRUNC) are forgotten afterwards, as F_GETFL shows.
 */
export function vfs_open(t: Task, path: Path, flags: number): File | number {
  const inode = path.dentry.inode!;
  const fmode = open_fmode(flags) | FMODE_LSEEK | FMODE_PREAD | FMODE_PWRITE;
  if (fmode & FMODE_WRITE && !special_file(inode.mode)) {
    const ro = mnt_want_write(path.mnt);
    if (ro) return ro;
  }
  const file = new File(path, flags & ~O_CLOEXEC, fmode, inode.fop);
  if (file.fop.open) {
    const err = file.fop.open(inode, file, t);
    if (err) {
      iput(inode);
      return err === SLEEP ? SLEEP : err;
    }
  }
  file.f_flags &= ~(O_CREAT | O_EXCL | O_NOCTTY | O_TRUNC);
  return file;
}

/** may_open: is this kind of file openable this way, and does the caller have the permission? */
function may_open(t: Task, path: Path, acc_mode: number, flags: number): number {
  const inode = path.dentry.inode!;
  switch (inode.mode & S_IFMT) {
    case S_IFLNK:
      return -ELOOP;
    case S_IFDIR:
      if (acc_mode & MAY_WRITE) return -EISDIR;
      if (acc_mode & MAY_EXEC) return -EACCES;
      break;
    case S_IFBLK:
    case S_IFCHR:
      if (path.mnt.flags & MNT_NODEV) return -EACCES;
      if (acc_mode & MAY_EXEC) return -EACCES;
      break;
    case S_IFIFO:
    case S_IFSOCK:
      if (acc_mode & MAY_EXEC) return -EACCES;
      break;
    case S_IFREG:
      if (acc_mode & MAY_EXEC && path.mnt.flags & MNT_NOEXEC) return -EACCES;
      break;
  }
  const err = inode_permission(t.cred, inode, MAY_OPEN | acc_mode);
  if (err) return err;
  if (flags & O_NOATIME && !inode_owner_or_capable(t.cred, inode)) return -EPERM;
  return 0;
}

/** Where the last-component handling of an open left things. */
interface OpenState {
  created: boolean;
  mustDir: boolean;
}

/**
 * open_last_lookups: the final component. Returns 0 with nd.path on the file (made, for
 * O_CREAT, if missing), -errno, or the body of a symlink still to be walked.
 */
function open_last_lookups(t: Task, nd: NameiData, op: OpenFlags, st: OpenState): number | string {
  const flags = op.open_flag;
  const { last, lastType, lastSlash } = nd;
  if (lastSlash) st.mustDir = true;
  if (lastType !== LAST_NORM) {
    return lastType === LAST_ROOT ? 0 : walk_component(nd, last, lastType, false);
  }
  if (flags & O_CREAT && lastSlash) return -EISDIR;
  const d = lookup_one(nd.path.dentry, last);
  if (typeof d === 'number') return d;
  if (!d) {
    if (!(flags & O_CREAT)) return -ENOENT;
    const ro = mnt_want_write(nd.path.mnt);
    if (ro) return ro;
    const dentry = d_alloc(nd.path.dentry, last);
    const err = vfs_create(t.cred, nd.path.dentry.inode!, dentry, op.mode & ~t.fs.umask);
    if (err) return err;
    nd.path = { mnt: nd.path.mnt, dentry };
    st.created = true;
    return 0;
  }
  if (flags & O_CREAT && flags & O_EXCL) return -EEXIST;
  const next = walk_mounts(nd, { mnt: nd.path.mnt, dentry: d });
  if (typeof next === 'number') return next;
  const inode = next.dentry.inode!;
  if ((inode.mode & S_IFMT) === S_IFLNK && (nd.flags & LOOKUP_FOLLOW || lastSlash)) {
    const target = get_link_target(nd, next);
    if (typeof target === 'number') return target;
    if (typeof target !== 'string') {
      nd.path = target;
      return 0;
    }
    return target;
  }
  nd.path = next;
  return 0;
}

/** do_open: the checks on what was found, then vfs_open, then O_TRUNC. */
function do_open(t: Task, nd: NameiData, op: OpenFlags, st: OpenState): File | number {
  const inode = nd.path.dentry.inode!;
  const flags = op.open_flag;
  if (flags & O_CREAT && is_dir(inode)) return -EISDIR;
  if ((nd.flags & LOOKUP_DIRECTORY || st.mustDir) && !is_dir(inode)) return -ENOTDIR;
  const acc_mode = st.created ? 0 : op.acc_mode;
  const truncate = !st.created && (flags & O_TRUNC) !== 0 && S_ISREG(inode.mode);
  if (truncate) {
    const ro = mnt_want_write(nd.path.mnt);
    if (ro) return ro;
  }
  let err = may_open(t, nd.path, acc_mode, flags);
  if (err) return err;
  const file = ftrace_graph_active ? ftrace_graph_call(t, 'vfs_open', () => vfs_open(t, nd.path, flags)) : vfs_open(t, nd.path, flags);
  if (typeof file === 'number') return file;
  if (truncate) {
    err = do_truncate(t.cred, nd.path.dentry, 0, ATTR_MTIME | ATTR_CTIME | ATTR_OPEN);
    if (err) return err;
  }
  return file;
}

/** O_TMPFILE: an unnamed file in the directory `name`, which linkat() may name later. */
function do_tmpfile(t: Task, dfd: number, name: string, op: OpenFlags): File | number {
  const dir = vfs_path_lookup(task_walk_ctx(t), dfd, name, op.lookup_flags | LOOKUP_DIRECTORY);
  if (typeof dir === 'number') return dir;
  const dirInode = dir.dentry.inode!;
  let err = mnt_want_write(dir.mnt);
  if (err) return err;
  err = inode_permission(t.cred, dirInode, MAY_WRITE | MAY_EXEC);
  if (err) return err;
  if (!dirInode.iop.tmpfile) return -EOPNOTSUPP;
  const dentry = d_alloc(dir.dentry, '');
  err = dirInode.iop.tmpfile(dirInode, dentry, op.mode & ~t.fs.umask, t.cred);
  if (err) return err;
  const inode = dentry.inode!;
  dentry.name = `#${inode.ino}`;
  // O_EXCL: this file may never get a name.
  inode.linkable = !(op.open_flag & O_EXCL);
  return vfs_open(t, { mnt: dir.mnt, dentry }, op.open_flag & ~O_CREAT);
}

/** do_filp_open: O_TMPFILE and O_PATH opens here, the others through path_openat. */
export function do_filp_open(t: Task, dfd: number, name: string, op: OpenFlags): File | number {
  const flags = op.open_flag;
  if (flags & __O_TMPFILE) return do_tmpfile(t, dfd, name, op);
  if (flags & O_PATH) {
    const path = vfs_path_lookup(task_walk_ctx(t), dfd, name, op.lookup_flags);
    if (typeof path === 'number') return path;
    return new File(path, flags & ~O_CLOEXEC, FMODE_PATH, empty_fops);
  }
  if (name === '') return -ENOENT;
  return ftrace_graph_active ? ftrace_graph_call(t, 'path_openat', () => path_openat(t, dfd, name, op)) : path_openat(t, dfd, name, op);
}

/** path_openat: the walk to the last component, its lookup (following links), and the open. */
function path_openat(t: Task, dfd: number, name: string, op: OpenFlags): File | number {
  const nd = new NameiData(task_walk_ctx(t), op.lookup_flags);
  const st: OpenState = { created: false, mustDir: false };
  let err = path_init(nd, dfd, name);
  if (err) return err;
  let body = name;
  for (;;) {
    err = ftrace_graph_active ? ftrace_graph_call(t, 'link_path_walk', () => link_path_walk(nd, body)) : link_path_walk(nd, body);
    if (err) return err;
    const r = ftrace_graph_active ? ftrace_graph_call(t, 'open_last_lookups', () => open_last_lookups(t, nd, op, st)) : open_last_lookups(t, nd, op, st);
    if (typeof r === 'number') {
      if (r) return r;
      break;
    }
    body = r;
  }
  return ftrace_graph_active ? ftrace_graph_call(t, 'do_open', () => do_open(t, nd, op, st)) : do_open(t, nd, op, st);
}

/** do_sys_openat2: a descriptor for the opened file. */
export function do_sys_openat2(t: Task, dfd: number, filename: number, how: OpenHow, strict = false): number {
  const op = build_open_flags(how, strict);
  if (typeof op === 'number') return op;
  // function_graph's probes (a single check while the tracer is off).
  const name = ftrace_graph_active ? ftrace_graph_call(t, 'getname', () => getname(t, filename)) : getname(t, filename);
  if (typeof name === 'number') return name;
  const limit = rlimit_nofile(t);
  const fd = t.files.unusedFd(0, limit);
  if (fd < 0) return fd;
  const file = ftrace_graph_active ? ftrace_graph_call(t, 'do_filp_open', () => do_filp_open(t, dfd | 0, name, op)) : do_filp_open(t, dfd | 0, name, op);
  if (typeof file === 'number') return file;
  return t.files.install(file, (how.flags & O_CLOEXEC) !== 0, fd, limit);
}

/** On 64-bit every open is a large-file open (force_o_largefile), which F_GETFL shows. */
function do_sys_open(t: Task, dfd: number, filename: number, flags: number, mode: number): number {
  const how = { flags: (flags | 0) | O_LARGEFILE, mode: mode & S_IALLUGO, resolve: 0 };
  if (ftrace_graph_active) return ftrace_graph_call(t, 'do_sys_openat2', () => do_sys_openat2(t, dfd, filename, how));
  return do_sys_openat2(t, dfd, filename, how);
}

export function sys_open(t: Task, filename: number, flags: number, mode: number): number {
  return do_sys_open(t, AT_FDCWD, filename, flags, mode);
}

export function sys_openat(t: Task, dfd: number, filename: number, flags: number, mode: number): number {
  return do_sys_open(t, dfd, filename, flags, mode);
}

export function sys_creat(t: Task, pathname: number, mode: number): number {
  return do_sys_open(t, AT_FDCWD, pathname, O_CREAT | O_WRONLY | O_TRUNC, mode);
}

/** struct open_how: u64 flags, u64 mode, u64 resolve (OPEN_HOW_SIZE_VER0 = 24). */
const OPEN_HOW_SIZE_VER0 = 24;

export function sys_openat2(t: Task, dfd: number, filename: number, uhow: number, usize: number): number {
  if (usize < OPEN_HOW_SIZE_VER0) return -EINVAL;
  if (usize > 4096) return -E2BIG;
  const raw = copy_from_user(t, uhow, usize);
  if (typeof raw === 'number') return -EFAULT;
  // copy_struct_from_user: a newer, bigger struct is fine if the fields we do not know are zero.
  for (let i = OPEN_HOW_SIZE_VER0; i < usize; i++) if (raw[i]) return -E2BIG;
  const r = new StructReader(raw);
  const flags = r.u64(0);
  const mode = r.u64(8);
  const resolve = r.u64(16);
  if (flags >> 32n) return -EINVAL;
  if (mode >> 32n) return -EINVAL;
  if (resolve >> 32n) return -EINVAL;
  const how: OpenHow = { flags: Number(flags) | O_LARGEFILE, mode: Number(mode), resolve: Number(resolve) };
  return do_sys_openat2(t, dfd, filename, how, true);
}

export function sys_close(t: Task, fd: number): number {
  return t.files.close(fd | 0, t);
}

export const CLOSE_RANGE_UNSHARE = 1 << 1;
export const CLOSE_RANGE_CLOEXEC = 1 << 2;

/** close_range: close (or mark close-on-exec) every descriptor in [first, last]. */
export function sys_close_range(t: Task, first: number, last: number, flags: number): number {
  first >>>= 0;
  last >>>= 0;
  if (flags & ~(CLOSE_RANGE_UNSHARE | CLOSE_RANGE_CLOEXEC)) return -EINVAL;
  if (first > last) return -EINVAL;
  if (flags & CLOSE_RANGE_UNSHARE && t.files.users > 1) {
    t.files.users--;
    t.files = t.files.dup();
  }
  const end = Math.min(last, t.files.maxFd - 1);
  for (let fd = first; fd <= end; fd++) {
    if (!t.files.get(fd)) continue;
    if (flags & CLOSE_RANGE_CLOEXEC) t.files.setCloexec(fd, true);
    else t.files.close(fd, t);
  }
  return 0;
}

export const openSyscalls: SyscallGroup = {
  open: sys_open,
  openat: sys_openat,
  openat2: sys_openat2,
  creat: sys_creat,
  close: sys_close,
  close_range: sys_close_range,
};
