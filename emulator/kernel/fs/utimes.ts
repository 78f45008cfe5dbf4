// utimensat, futimesat, utimes, utime (fs/utimes.c): set a file's access and modification times —
// to given values (only the owner or root), or to now (also anyone who may write the file).
// UTIME_NOW and UTIME_OMIT in tv_nsec mean "now" and "leave alone"; the ctime always moves.

import { EBADF, EFAULT, EINVAL } from '../../uapi/errno';
import { AT_EMPTY_PATH, AT_FDCWD, AT_SYMLINK_NOFOLLOW } from '../../uapi/fcntl';
import { UTIME_NOW, UTIME_OMIT } from '../../uapi/stat';
import { copy_from_user, getname, StructReader } from '../mm/uaccess';
import type { Task } from '../sched/task';
import type { SyscallGroup } from '../syscalls/types';
import { notify_change } from './attr';
import { fget } from './file';
import { ATTR_ATIME, ATTR_ATIME_SET, ATTR_MTIME, ATTR_MTIME_SET, ATTR_TIMES_SET, ATTR_TOUCH, type IAttr } from './fs';
import { mnt_want_write } from './mount';
import { LOOKUP_EMPTY, LOOKUP_FOLLOW, path_lookupat } from './namei';
import type { Path } from './path';

/** A time as given: seconds and nanoseconds, or UTIME_NOW / UTIME_OMIT in nsec. */
type Ts = [number, number];

function nsec_valid(nsec: number): boolean {
  return nsec === UTIME_NOW || nsec === UTIME_OMIT || (nsec >= 0 && nsec <= 999_999_999);
}

export function vfs_utimes(t: Task, path: Path, times: [Ts, Ts] | null): number {
  const ro = mnt_want_write(path.mnt);
  if (ro) return ro;
  const attr: IAttr = { valid: ATTR_ATIME | ATTR_MTIME };
  if (times) {
    const [[as, an], [ms, mn]] = times;
    if (an === UTIME_OMIT) attr.valid &= ~ATTR_ATIME;
    else if (an !== UTIME_NOW) {
      attr.valid |= ATTR_ATIME_SET;
      attr.atime = as * 1e9 + an;
    }
    if (mn === UTIME_OMIT) attr.valid &= ~ATTR_MTIME;
    else if (mn !== UTIME_NOW) {
      attr.valid |= ATTR_MTIME_SET;
      attr.mtime = ms * 1e9 + mn;
    }
    attr.valid |= ATTR_TIMES_SET;
  } else {
    attr.valid |= ATTR_TOUCH;
  }
  return notify_change(t.cred, path.dentry, attr);
}

/** do_utimes: NULL times or both UTIME_NOW mean "touch"; both UTIME_OMIT do nothing at all. */
function do_utimes(t: Task, dfd: number, filename: number, times: [Ts, Ts] | null, flags: number): number {
  if (times && !(nsec_valid(times[0][1]) && nsec_valid(times[1][1]))) return -EINVAL;
  if (times && times[0][1] === UTIME_NOW && times[1][1] === UTIME_NOW) times = null;
  if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH)) return -EINVAL;
  if (times && times[0][1] === UTIME_OMIT && times[1][1] === UTIME_OMIT) return 0;
  let path: Path | number;
  if (filename === 0 && dfd !== AT_FDCWD) {
    // utimensat(fd, NULL, ...) is futimens: the file behind the descriptor.
    if (flags) return -EINVAL;
    const file = fget(t, dfd);
    if (!file) return -EBADF;
    path = file.path;
  } else {
    const name = getname(t, filename);
    if (typeof name === 'number') return name;
    let how = flags & AT_SYMLINK_NOFOLLOW ? 0 : LOOKUP_FOLLOW;
    if (flags & AT_EMPTY_PATH) how |= LOOKUP_EMPTY;
    path = path_lookupat(t, dfd, name, how);
  }
  if (typeof path === 'number') return path;
  return vfs_utimes(t, path, times);
}

function read_pair(t: Task, addr: number, usec: boolean): [Ts, Ts] | number {
  const raw = copy_from_user(t, addr, 32);
  if (typeof raw === 'number') return -EFAULT;
  const r = new StructReader(raw);
  const k = usec ? 1000 : 1;
  const a: Ts = [r.i64(0), r.i64(8)];
  const m: Ts = [r.i64(16), r.i64(24)];
  if (usec) {
    // struct timeval: microseconds must be below a million.
    if (a[1] < 0 || a[1] >= 1e6 || m[1] < 0 || m[1] >= 1e6) return -EINVAL;
    a[1] *= k;
    m[1] *= k;
  }
  return [a, m];
}

export function sys_utimensat(t: Task, dfd: number, filename: number, utimes: number, flags: number): number {
  let times: [Ts, Ts] | null = null;
  if (utimes) {
    const p = read_pair(t, utimes, false);
    if (typeof p === 'number') return p;
    times = p;
  }
  return do_utimes(t, dfd | 0, filename, times, flags | 0);
}

export function sys_futimesat(t: Task, dfd: number, filename: number, utimes: number): number {
  let times: [Ts, Ts] | null = null;
  if (utimes) {
    const p = read_pair(t, utimes, true);
    if (typeof p === 'number') return p;
    times = p;
  }
  return do_utimes(t, dfd | 0, filename, times, 0);
}

export function sys_utimes(t: Task, filename: number, utimes: number): number {
  return sys_futimesat(t, AT_FDCWD, filename, utimes);
}

/** utime: struct utimbuf { time_t actime, modtime } in whole seconds. */
export function sys_utime(t: Task, filename: number, times: number): number {
  let tv: [Ts, Ts] | null = null;
  if (times) {
    const raw = copy_from_user(t, times, 16);
    if (typeof raw === 'number') return -EFAULT;
    const r = new StructReader(raw);
    tv = [[r.i64(0), 0], [r.i64(8), 0]];
  }
  return do_utimes(t, AT_FDCWD, filename, tv, 0);
}

export const utimesSyscalls: SyscallGroup = {
  utimensat: sys_utimensat,
  futimesat: sys_futimesat,
  utimes: sys_utimes,
  utime: sys_utime,
};
