// /proc/<pid>/mounts (fs/proc_namespace.c: show_vfsmnt): the mount table as the process sees it,
// one line per mount, in the order they were mounted — the format of /etc/fstab:
//
//   proc /proc proc rw,relatime 0 0
//   source mountpoint type options dump pass
//
// The mount point is named from the process's root (a chrooted process sees its own names), and
// mounts outside its root are left out. Spaces, tabs, newlines and backslashes in names are
// written as octal escapes (\040 …) so that the line still splits on spaces.

import type { Task } from '../../sched/task';
import { prepend_path } from '../d_path';
import { MNT_NOATIME, MNT_NODEV, MNT_NODIRATIME, MNT_NOEXEC, MNT_NOSUID, MNT_RELATIME, type Mount } from '../mount';
import type { Path } from '../path';

/** mangle: octal escapes for the characters that would break the line apart. */
export function mangle(s: string): string {
  return s.replace(/[ \t\n\\]/g, (c) => '\\' + c.charCodeAt(0).toString(8).padStart(3, '0'));
}

/** show_mnt_opts: the per-mount flags, in Linux's order. */
const MNT_OPTS: [number, string][] = [
  [MNT_NOSUID, ',nosuid'],
  [MNT_NODEV, ',nodev'],
  [MNT_NOEXEC, ',noexec'],
  [MNT_NOATIME, ',noatime'],
  [MNT_NODIRATIME, ',nodiratime'],
  [MNT_RELATIME, ',relatime'],
];

/** The options column: ro/rw, the mount's flags, then what the filesystem adds. */
export function mount_options(mnt: Mount): string {
  let opts = mnt.readonly ? 'ro' : 'rw';
  for (const [flag, name] of MNT_OPTS) if (mnt.flags & flag) opts += name;
  const fsOpts = mnt.sb.op.show_options?.(mnt.sb) ?? '';
  if (fsOpts) opts += ',' + fsOpts;
  return opts;
}

/** show_vfsmnt: one line, or null for a mount outside `root`. */
export function show_vfsmnt(mnt: Mount, root: Path): string | null {
  const where = prepend_path({ mnt, dentry: mnt.root }, root);
  if (where.unreachable) return null;
  return `${mangle(mnt.devname || 'none')} ${mangle(where.name)} ${mnt.sb.type.name} ${mount_options(mnt)} 0 0\n`;
}

/** The text of /proc/<pid>/mounts for `task`. */
export function proc_mounts_show(task: Task): string {
  const root = task.fs.root;
  let out = '';
  for (const mnt of root.mnt.ns.mounts) out += show_vfsmnt(mnt, root) ?? '';
  return out;
}
