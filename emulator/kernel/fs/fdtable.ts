// The descriptor table (include/linux/fdtable.h struct files_struct, fs/file.c): small integers
// naming open files, each with its close-on-exec bit. New descriptors take the lowest free number,
// which is what makes `close(1); open(...)` redirect standard output.

import { EBADF, EINVAL, EMFILE } from '../../uapi/errno';
import { O_CLOEXEC } from '../../uapi/fcntl';
import type { SyscallGroup } from '../syscalls/types';
import type { Task } from '../sched/task';
import { fget_raw, fput, get_file, type File } from './file';

/** The default RLIMIT_NOFILE soft limit, and the hard ceiling (sysctl fs.nr_open). */
export const NR_OPEN_DEFAULT = 1024;
export const NR_OPEN_MAX = 1024 * 1024;
const RLIMIT_NOFILE = 7;

/** How many descriptors `t` may have: its RLIMIT_NOFILE soft limit. */
export function rlimit_nofile(t: Task): number {
  const lim = t.group?.rlimits?.[RLIMIT_NOFILE]?.[0];
  return lim === undefined ? NR_OPEN_DEFAULT : Math.min(lim, NR_OPEN_MAX);
}

export interface FdEntry {
  fd: number;
  file: File;
  cloexec: boolean;
}

export class FilesStruct {
  private fdt: (File | null)[] = [];
  private cloexecBits: boolean[] = [];
  /** Tasks sharing this table (CLONE_FILES). */
  users = 1;

  /** The file at `fd`, or null. */
  get(fd: number): File | null {
    return Number.isInteger(fd) && fd >= 0 ? (this.fdt[fd] ?? null) : null;
  }

  isCloexec(fd: number): boolean {
    return this.cloexecBits[fd] === true;
  }

  setCloexec(fd: number, on: boolean): void {
    if (this.get(fd)) this.cloexecBits[fd] = on;
  }

  /** get_unused_fd: the lowest free descriptor ≥ minfd below `limit`, or -EMFILE. */
  unusedFd(minfd = 0, limit = NR_OPEN_DEFAULT): number {
    for (let fd = Math.max(0, minfd); fd < limit; fd++) if (!this.fdt[fd]) return fd;
    return -EMFILE;
  }

  /**
   * alloc_fd + fd_install: give `file` the lowest free number ≥ minfd. The table takes over the
   * caller's reference. Returns the descriptor or -EMFILE (the caller still owns the file then).
   */
  install(file: File, cloexec: boolean, minfd = 0, limit = NR_OPEN_DEFAULT): number {
    const fd = this.unusedFd(minfd, limit);
    if (fd < 0) return fd;
    this.fdt[fd] = file;
    this.cloexecBits[fd] = cloexec;
    return fd;
  }

  /** Put `file` at exactly `fd` (dup2); returns what was there, for the caller to release. */
  installAt(fd: number, file: File, cloexec: boolean): File | null {
    const old = this.fdt[fd] ?? null;
    this.fdt[fd] = file;
    this.cloexecBits[fd] = cloexec;
    return old;
  }

  /** pick_file: take the file out of the table (the caller releases it). */
  remove(fd: number): File | null {
    const f = this.get(fd);
    if (!f) return null;
    this.fdt[fd] = null;
    this.cloexecBits[fd] = false;
    while (this.fdt.length && !this.fdt[this.fdt.length - 1]) {
      this.fdt.length--;
      this.cloexecBits.length = Math.min(this.cloexecBits.length, this.fdt.length);
    }
    return f;
  }

  /** close_fd: 0 or -EBADF; the file's ->flush result if it has one. */
  close(fd: number, t: Task): number {
    const f = this.remove(fd);
    return f ? filp_close(f, t) : -EBADF;
  }

  /** dup_fd: the copy fork makes without CLONE_FILES; every file gets one more holder. */
  dup(): FilesStruct {
    const n = new FilesStruct();
    n.fdt = this.fdt.map((f) => (f ? get_file(f) : null));
    n.cloexecBits = [...this.cloexecBits];
    return n;
  }

  /** do_close_on_exec: execve closes every descriptor marked FD_CLOEXEC. */
  closeOnExec(t: Task): void {
    for (let fd = 0; fd < this.fdt.length; fd++) if (this.fdt[fd] && this.cloexecBits[fd]) this.close(fd, t);
  }

  /** Close everything (exit of the last user of the table). */
  closeAll(t: Task): void {
    for (let fd = 0; fd < this.fdt.length; fd++) if (this.fdt[fd]) this.close(fd, t);
  }

  /** The open descriptors in order (for /proc/<pid>/fd and the introspection API). */
  entries(): FdEntry[] {
    const out: FdEntry[] = [];
    this.fdt.forEach((file, fd) => {
      if (file) out.push({ fd, file, cloexec: this.cloexecBits[fd] === true });
    });
    return out;
  }

  /** One past the highest open descriptor. */
  get maxFd(): number {
    return this.fdt.length;
  }
}

/** filp_close: what close(2) does to the file: ->flush, then drop the descriptor's reference. */
export function filp_close(file: File, t: Task): number {
  const r = file.fop.flush?.(file, t) ?? 0;
  fput(file, t);
  return r;
}

// ---- dup, dup2, dup3 (fs/file.c) -------------------------------------------------------------

export function sys_dup(t: Task, fildes: number): number {
  const file = fget_raw(t, fildes | 0);
  if (!file) return -EBADF;
  const fd = t.files.install(get_file(file), false, 0, rlimit_nofile(t));
  if (fd < 0) fput(file, t);
  return fd;
}

/** do_dup2: replace whatever `newfd` was, atomically; EBADF for a newfd beyond the limit. */
function do_dup2(t: Task, oldfd: number, newfd: number, flags: number): number {
  const file = fget_raw(t, oldfd);
  if (!file) return -EBADF;
  if (newfd < 0 || newfd >= rlimit_nofile(t)) return -EBADF;
  const old = t.files.installAt(newfd, get_file(file), (flags & O_CLOEXEC) !== 0);
  if (old) filp_close(old, t);
  return newfd;
}

export function sys_dup2(t: Task, oldfd: number, newfd: number): number {
  oldfd |= 0;
  newfd |= 0;
  // dup2(fd, fd) is a no-op that only checks fd is open.
  if (oldfd === newfd) return fget_raw(t, oldfd) ? newfd : -EBADF;
  return do_dup2(t, oldfd, newfd, 0);
}

export function sys_dup3(t: Task, oldfd: number, newfd: number, flags: number): number {
  oldfd |= 0;
  newfd |= 0;
  if ((flags | 0) & ~O_CLOEXEC) return -EINVAL;
  if (oldfd === newfd) return -EINVAL;
  return do_dup2(t, oldfd, newfd, flags | 0);
}

export const fdtableSyscalls: SyscallGroup = {
  dup: sys_dup,
  dup2: sys_dup2,
  dup3: sys_dup3,
};
