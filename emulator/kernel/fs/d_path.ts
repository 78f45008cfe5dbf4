// Turning a place in the tree back into a name (fs/d_path.c): d_path for /proc/<pid>/fd and
// /proc/<pid>/cwd, and getcwd(2). Walk up the dentries to the task's root, crossing from a
// mount's root to its mountpoint. A removed file reads "… (deleted)"; a pipe or socket, which
// is in no tree, names itself ("pipe:[1234]").

import { EFAULT, ENOENT, ERANGE } from '../../uapi/errno';
import { copy_to_user } from '../mm/uaccess';
import type { Task } from '../sched/task';
import type { SyscallGroup } from '../syscalls/types';
import type { Dentry } from './dentry';
import { bytesOf } from './libfs';
import { path_equal, type Path } from './path';

export interface DPath {
  name: string;
  /** The path is not below `root` (a cwd outside a chroot): getcwd prefixes "(unreachable)". */
  unreachable: boolean;
}

/** d_unlinked: removed from its directory (and not a root, which is never in one). */
export function d_unlinked(d: Dentry): boolean {
  return d.unhashed && !d.isRoot;
}

/** prepend_path: the names from `root` down to `path`. */
export function prepend_path(path: Path, root: Path): DPath {
  const parts: string[] = [];
  let p = path;
  let unreachable = false;
  for (;;) {
    if (path_equal(p, root)) break;
    if (p.dentry === p.mnt.root || p.dentry.isRoot) {
      const m = p.mnt;
      if (m.parent && m.mountpoint) {
        p = { mnt: m.parent, dentry: m.mountpoint };
        continue;
      }
      unreachable = true;
      break;
    }
    parts.push(p.dentry.name);
    p = { mnt: p.mnt, dentry: p.dentry.parent };
  }
  return { name: '/' + parts.reverse().join('/'), unreachable };
}

/** d_path: the name of `path` as seen from `root`, as /proc/<pid>/fd links show it. */
export function d_path(path: Path, root: Path): string {
  const d = path.dentry;
  if (d.op?.d_dname && (!d.isRoot || d !== path.mnt.root)) return d.op.d_dname(d);
  const r = prepend_path(path, root);
  return r.name + (d_unlinked(d) ? ' (deleted)' : '');
}

/** getcwd: the cwd's name; ENOENT once it was removed, ERANGE if `size` cannot hold it. */
export function sys_getcwd(t: Task, buf: number, size: number): number {
  const pwd = t.fs.pwd;
  if (d_unlinked(pwd.dentry)) return -ENOENT;
  const r = prepend_path(pwd, t.fs.root);
  const name = (r.unreachable ? '(unreachable)' : '') + r.name;
  const len = name.length + 1;
  if (len > size >>> 0) return -ERANGE;
  const bytes = new Uint8Array(len);
  bytes.set(bytesOf(name));
  return copy_to_user(t, buf, bytes) < 0 ? -EFAULT : len;
}

export const dPathSyscalls: SyscallGroup = {
  getcwd: sys_getcwd,
};
