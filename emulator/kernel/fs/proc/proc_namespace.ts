// /proc/<pid>/mounts (fs/proc_namespace.c: show_vfsmnt): the mount table as the process sees it,
// one line per mount, in the order they were mounted — the format of /etc/fstab:
//
//   proc /proc proc rw,relatime 0 0
//   source mountpoint type options dump pass
//
// The mount point is named from the process's root (a chrooted process sees its own names), and
// mounts outside its root are left out. Spaces, tabs, newlines and backslashes in names are
// written as octal escapes (\040 …) so that the line still splits on spaces.
//
// /proc/<pid>/mountinfo (show_mountinfo) says more, one line per mount:
//
//   36 35 98:0 /mnt1 /mnt/parent rw,noatime master:1 - ext3 /dev/root rw,errors=continue
//   (1)(2)(3)   (4)   (5)         (6)       (7)     (8)(9)  (10)      (11)
//
// (1) mount id, (2) the parent's id (the namespace root names itself), (3) st_dev of the
// filesystem, (4) the directory of the filesystem shown here ("/" unless a bind mount of a
// subdirectory), (5) the mount point, (6) per-mount options, (7) optional fields (shared:N,
// master:N, unbindable), (8) a lone "-", (9) the type, (10) the source, (11) the superblock's
// options: ro/rw of the filesystem itself, then what the filesystem adds.

import type { Task } from '../../sched/task';
import { major, minor } from '../../../uapi/stat';
import { prepend_path } from '../d_path';
import type { Dentry } from '../dentry';
import { MNT_NOATIME, MNT_NODEV, MNT_NODIRATIME, MNT_NOEXEC, MNT_NOSUID, MNT_READONLY, MNT_RELATIME, type Mount } from '../mount';
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

/** show_mnt_opts alone: ro/rw of the mount and its flags (mountinfo's sixth field). */
function mnt_opts(mnt: Mount): string {
  let opts = mnt.flags & MNT_READONLY ? 'ro' : 'rw';
  for (const [flag, name] of MNT_OPTS) if (mnt.flags & flag) opts += name;
  return opts;
}

/** The optional fields: peer group, master, unbindable (show_mountinfo's propagation part). */
function propagation_fields(mnt: Mount): string {
  let out = '';
  if (mnt.propagation === 'shared') out += ` shared:${mnt.groupId}`;
  if (mnt.masterId) out += ` master:${mnt.masterId}`;
  if (mnt.propagation === 'unbindable') out += ' unbindable';
  return out;
}

/** dentry_path_raw: a dentry's name from the root of its own filesystem. */
function dentry_path(d: Dentry): string {
  const parts: string[] = [];
  for (let x = d; !x.isRoot; x = x.parent) parts.push(x.name);
  return '/' + parts.reverse().join('/');
}

/** show_mountinfo: one line, or null for a mount outside `root`. */
export function show_mountinfo(mnt: Mount, root: Path): string | null {
  const where = prepend_path({ mnt, dentry: mnt.root }, root);
  if (where.unreachable) return null;
  const sb = mnt.sb;
  const parentId = mnt.parent ? mnt.parent.id : mnt.id;
  // The directory of the filesystem this mount shows, from the superblock's root.
  const fsRoot = dentry_path(mnt.root);
  const fsOpts = sb.op.show_options?.(sb) ?? '';
  const superOpts = (sb.readonly ? 'ro' : 'rw') + (fsOpts ? ',' + fsOpts : '');
  return (
    `${mnt.id} ${parentId} ${major(sb.dev)}:${minor(sb.dev)} ${mangle(fsRoot)} ` +
    `${mangle(where.name)} ${mnt_opts(mnt)}${propagation_fields(mnt)} - ${sb.type.name} ${mangle(mnt.devname || 'none')} ${superOpts}\n`
  );
}

/** The text of /proc/<pid>/mountinfo for `task`. */
export function proc_mountinfo_show(task: Task): string {
  const root = task.fs.root;
  let out = '';
  for (const mnt of root.mnt.ns.mounts) out += show_mountinfo(mnt, root) ?? '';
  return out;
}
