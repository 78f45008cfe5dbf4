// stat, lstat, fstat, newfstatat, statx, readlink (fs/stat.c): what an inode says about itself,
// in the x86-64 layouts of struct stat and struct statx.

import { EBADF, EFAULT, EINVAL, ENOENT } from '../../uapi/errno';
import { AT_EMPTY_PATH, AT_FDCWD, AT_NO_AUTOMOUNT, AT_STATX_SYNC_TYPE, AT_SYMLINK_NOFOLLOW } from '../../uapi/fcntl';
import {
  STAT, STATX, STATX_ATTR_APPEND, STATX_ATTR_AUTOMOUNT, STATX_ATTR_DAX, STATX_ATTR_IMMUTABLE, STATX_ATTR_MOUNT_ROOT,
  STATX_ATTR_NODUMP, STATX_BASIC_STATS, STATX_BTIME, STATX_MNT_ID, STATX_MNT_ID_OFF, STATX_SIZE, STATX__RESERVED,
  STAT_SIZE, S_ISLNK, major, minor,
} from '../../uapi/stat';
import { copy_to_user, getname, StructWriter } from '../mm/uaccess';
import type { Task } from '../sched/task';
import type { SyscallGroup } from '../syscalls/types';
import { touch_atime } from './attr';
import { fget_raw } from './file';
import type { Kstat } from './fs';
import { LOOKUP_EMPTY, LOOKUP_FOLLOW, path_lookupat } from './namei';
import type { Path } from './path';

/** Split ns since the epoch into (seconds, nanoseconds), exactly. */
export function ns_to_timespec(ns: number): [bigint, number] {
  const b = BigInt(Math.round(ns));
  let sec = b / 1_000_000_000n;
  let nsec = b % 1_000_000_000n;
  if (nsec < 0n) {
    nsec += 1_000_000_000n;
    sec -= 1n;
  }
  return [sec, Number(nsec)];
}

/** generic_fillattr + the filesystem's getattr: the kstat of a path. */
export function vfs_getattr(t: Task, path: Path): Kstat {
  const inode = path.dentry.inode!;
  const stat: Kstat = {
    dev: inode.sb.dev, ino: inode.ino, mode: inode.mode, nlink: inode.nlink, uid: inode.uid, gid: inode.gid,
    rdev: inode.rdev, size: inode.size, blksize: inode.sb.blocksize, blocks: inode.blocks,
    atime: inode.atime, mtime: inode.mtime, ctime: inode.ctime, btime: inode.btime,
    mntId: path.mnt.id, attributes: path.dentry === path.mnt.root ? STATX_ATTR_MOUNT_ROOT : 0,
  };
  inode.iop.getattr?.(path, stat, t);
  return stat;
}

/** cp_new_stat: struct stat as x86-64 lays it out. */
export function cp_new_stat(st: Kstat): Uint8Array {
  const w = new StructWriter(STAT_SIZE);
  w.u64(STAT.dev, st.dev).u64(STAT.ino, st.ino).u64(STAT.nlink, st.nlink).u32(STAT.mode, st.mode);
  w.u32(STAT.uid, st.uid).u32(STAT.gid, st.gid).u64(STAT.rdev, st.rdev).i64(STAT.size, st.size);
  w.i64(STAT.blksize, st.blksize).i64(STAT.blocks, st.blocks);
  const times: [number, number][] = [[STAT.atime, st.atime], [STAT.mtime, st.mtime], [STAT.ctime, st.ctime]];
  for (const [off, ns] of times) {
    const [sec, nsec] = ns_to_timespec(ns);
    w.i64(off, sec).u64(off + 8, nsec);
  }
  return w.bytes;
}

/** The statx attributes a filesystem can report here (the generic ones plus tmpfs's). */
const ATTRIBUTES_MASK = STATX_ATTR_IMMUTABLE | STATX_ATTR_APPEND | STATX_ATTR_NODUMP | STATX_ATTR_AUTOMOUNT | STATX_ATTR_MOUNT_ROOT | STATX_ATTR_DAX;

/** cp_statx: struct statx. Everything basic is always filled, plus btime and the mount id. */
export function cp_statx(st: Kstat): Uint8Array {
  const w = new StructWriter(STATX_SIZE);
  w.u32(STATX.mask, STATX_BASIC_STATS | STATX_BTIME | STATX_MNT_ID).u32(STATX.blksize, st.blksize);
  w.u64(STATX.attributes, st.attributes).u32(STATX.nlink, st.nlink).u32(STATX.uid, st.uid).u32(STATX.gid, st.gid);
  w.u16(STATX.mode, st.mode).u64(STATX.ino, st.ino).u64(STATX.size, st.size).u64(STATX.blocks, st.blocks);
  w.u64(STATX.attributes_mask, ATTRIBUTES_MASK);
  const times: [number, number][] = [[STATX.atime, st.atime], [STATX.btime, st.btime], [STATX.ctime, st.ctime], [STATX.mtime, st.mtime]];
  for (const [off, ns] of times) {
    const [sec, nsec] = ns_to_timespec(ns);
    w.i64(off, sec).u32(off + 8, nsec);
  }
  w.u32(STATX.rdev_major, major(st.rdev)).u32(STATX.rdev_minor, minor(st.rdev));
  w.u32(STATX.dev_major, major(st.dev)).u32(STATX.dev_minor, minor(st.dev));
  w.u64(STATX_MNT_ID_OFF, st.mntId);
  return w.bytes;
}

/**
 * vfs_statx's lookup: the path named by (dfd, filename, flags). A NULL filename with AT_EMPTY_PATH
 * means the dirfd itself, as Linux accepts since 6.11.
 */
function statx_lookup(t: Task, dfd: number, filename: number, flags: number): Path | number {
  if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_NO_AUTOMOUNT | AT_EMPTY_PATH | AT_STATX_SYNC_TYPE)) return -EINVAL;
  let name: string | number = '';
  if (!(filename === 0 && flags & AT_EMPTY_PATH)) name = getname(t, filename);
  if (typeof name === 'number') return name;
  let lookup = flags & AT_SYMLINK_NOFOLLOW ? 0 : LOOKUP_FOLLOW;
  if (flags & AT_EMPTY_PATH) lookup |= LOOKUP_EMPTY;
  if (name === '' && dfd !== AT_FDCWD && !fget_raw(t, dfd)) return -EBADF;
  return path_lookupat(t, dfd, name, lookup);
}

function put_stat(t: Task, path: Path, statbuf: number): number {
  return copy_to_user(t, statbuf, cp_new_stat(vfs_getattr(t, path))) < 0 ? -EFAULT : 0;
}

export function sys_newfstatat(t: Task, dfd: number, filename: number, statbuf: number, flag: number): number {
  if ((flag | 0) & AT_STATX_SYNC_TYPE) return -EINVAL;
  const path = statx_lookup(t, dfd | 0, filename, flag | 0);
  if (typeof path === 'number') return path;
  return put_stat(t, path, statbuf);
}

export function sys_stat(t: Task, filename: number, statbuf: number): number {
  return sys_newfstatat(t, AT_FDCWD, filename, statbuf, 0);
}

export function sys_lstat(t: Task, filename: number, statbuf: number): number {
  return sys_newfstatat(t, AT_FDCWD, filename, statbuf, AT_SYMLINK_NOFOLLOW);
}

export function sys_fstat(t: Task, fd: number, statbuf: number): number {
  const file = fget_raw(t, fd | 0);
  if (!file) return -EBADF;
  return put_stat(t, file.path, statbuf);
}

export function sys_statx(t: Task, dfd: number, filename: number, flags: number, mask: number, buffer: number): number {
  flags |= 0;
  if ((mask >>> 0) & STATX__RESERVED) return -EINVAL;
  if ((flags & AT_STATX_SYNC_TYPE) === AT_STATX_SYNC_TYPE) return -EINVAL;
  const path = statx_lookup(t, dfd | 0, filename, flags);
  if (typeof path === 'number') return path;
  return copy_to_user(t, buffer, cp_statx(vfs_getattr(t, path))) < 0 ? -EFAULT : 0;
}

/** readlinkat: the target of a symlink, not NUL-terminated, cut to bufsiz. */
export function sys_readlinkat(t: Task, dfd: number, pathname: number, buf: number, bufsiz: number): number {
  bufsiz |= 0;
  if (bufsiz <= 0) return -EINVAL;
  const name = getname(t, pathname);
  if (typeof name === 'number') return name;
  // readlinkat(fd, "") reads the link an O_PATH|O_NOFOLLOW descriptor stands on.
  const path = path_lookupat(t, dfd | 0, name, LOOKUP_EMPTY);
  if (typeof path === 'number') return path;
  const inode = path.dentry.inode!;
  if (!S_ISLNK(inode.mode)) return name === '' ? -ENOENT : -EINVAL;
  let target: string | number;
  if (inode.iop.readlink) target = inode.iop.readlink(path.dentry, t);
  else {
    const l = inode.iop.get_link ? inode.iop.get_link(path.dentry, inode, t) : -EINVAL;
    target = typeof l === 'string' || typeof l === 'number' ? l : -EINVAL;
  }
  if (typeof target === 'number') return target;
  touch_atime(path);
  const bytes = Uint8Array.from(target.slice(0, bufsiz), (c) => c.charCodeAt(0) & 0xff);
  return copy_to_user(t, buf, bytes) < 0 ? -EFAULT : bytes.length;
}

export function sys_readlink(t: Task, pathname: number, buf: number, bufsiz: number): number {
  return sys_readlinkat(t, AT_FDCWD, pathname, buf, bufsiz);
}

export const statSyscalls: SyscallGroup = {
  stat: sys_stat,
  lstat: sys_lstat,
  fstat: sys_fstat,
  newfstatat: sys_newfstatat,
  statx: sys_statx,
  readlink: sys_readlink,
  readlinkat: sys_readlinkat,
};
