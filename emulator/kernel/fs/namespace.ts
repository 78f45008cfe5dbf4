// mount(2) and umount2(2) (fs/namespace.c: path_mount, do_new_mount, do_remount, do_umount).
//
// mount(source, target, type, flags, data) either attaches a new instance of a filesystem type
// on a directory, or changes an existing mount (MS_REMOUNT, MS_BIND|MS_REMOUNT, the propagation
// flags). The order of checks is Linux's, because it decides which errno a program sees: the
// strings are copied first (EFAULT), the target is looked up (ENOENT, ENOTDIR) *before* the
// privilege check (EPERM), then the type (ENODEV), then the filesystem's own options (EINVAL).
//
// Per-mount flags (nosuid, nodev, noexec, noatime, relatime, ro) live on the Mount and show in
// /proc/mounts; MS_RDONLY on a new mount also makes the superblock read-only. Every new mount is
// relatime unless MS_NOATIME or MS_STRICTATIME says otherwise, as on Linux.
//
// Bind mounts (MS_BIND) show a directory (or file) of a mounted filesystem at a second place;
// MS_BIND|MS_REC also copies the mounts below it. MS_MOVE moves a mount elsewhere.
//
// Propagation (Documentation/filesystems/sharedsubtree.rst): a mount made or removed under a
// shared mount is made or removed under each of its peers and slaves too; the types show in
// /proc/<pid>/mountinfo (shared:N, master:N, unbindable). Simplified: a mount is shared or a
// slave, not both at once, and moves do not propagate.
//
// Remounting changes filesystem options only for filesystems with a remount_fs operation (tmpfs
// size= and nr_inodes=). A type that needs a block device (FS_REQUIRES_DEV) is handed the one its
// source names (block/bdev.ts: ENOTBLK, ENXIO …); no such filesystem exists yet.

import { EAGAIN, EBUSY, EFAULT, EINVAL, ELOOP, ENODEV, ENOTDIR, EPERM } from '../../uapi/errno';
import { AT_FDCWD } from '../../uapi/fcntl';
import { PAGE_SIZE } from '../../uapi/mman';
import {
  MNT_DETACH, MNT_EXPIRE, MNT_FORCE, MS_BIND, MS_MGC_MSK, MS_MGC_VAL, MS_MOVE, MS_NOATIME, MS_NODEV,
  MS_NODIRATIME, MS_NOEXEC, MS_NOSUID, MS_PRIVATE, MS_PROPAGATION, MS_RDONLY, MS_REC, MS_RELATIME, MS_REMOUNT,
  MS_SHARED, MS_SILENT, MS_SLAVE, MS_STRICTATIME, UMOUNT_NOFOLLOW,
} from '../../uapi/mount';
import { S_ISDIR } from '../../uapi/stat';
import { is_subdir } from './dentry';
import { lookup_bdev } from '../block/bdev';
import { strncpy_from_user } from '../mm/uaccess';
import type { Task } from '../sched/task';
import type { SyscallGroup } from '../syscalls/types';
import { kernel_vfs, do_new_mount as vfs_do_new_mount, type Vfs } from './vfs';
import {
  MNT_NOATIME, MNT_NODEV, MNT_NODIRATIME, MNT_NOEXEC, MNT_NOSUID, MNT_READONLY, MNT_RELATIME, type Mount,
  type Propagation,
} from './mount';
import { LOOKUP_FOLLOW, path_lookupat } from './namei';
import type { Path } from './path';
import { get_fs_type, SB_RDONLY } from './super';

/** The per-mount atime flags (MNT_ATIME_MASK). */
const MNT_ATIME_MASK = MNT_NOATIME | MNT_NODIRATIME | MNT_RELATIME;

/** may_mount: CAP_SYS_ADMIN, which for now means an effective uid of 0. */
function may_mount(t: Task): boolean {
  return t.cred.capable();
}

/** copy_mount_string: a string argument that may be NULL (null then). */
function copy_mount_string(t: Task, addr: number): string | null | number {
  if (addr === 0) return null;
  const s = strncpy_from_user(t, addr, PAGE_SIZE - 1);
  // A string longer than a page is cut, as strndup_user would refuse it; EFAULT stays EFAULT.
  return typeof s === 'number' ? (s === -EFAULT ? -EFAULT : -EINVAL) : s;
}

/** The per-mount flags (MNT_*) that the MS_* flags of a mount call ask for. */
export function ms_to_mnt_flags(flags: number): number {
  let mnt = 0;
  if (!(flags & MS_NOATIME)) mnt |= MNT_RELATIME;
  if (flags & MS_NOSUID) mnt |= MNT_NOSUID;
  if (flags & MS_NODEV) mnt |= MNT_NODEV;
  if (flags & MS_NOEXEC) mnt |= MNT_NOEXEC;
  if (flags & MS_NOATIME) mnt |= MNT_NOATIME;
  if (flags & MS_NODIRATIME) mnt |= MNT_NODIRATIME;
  if (flags & MS_STRICTATIME) mnt &= ~(MNT_RELATIME | MNT_NOATIME);
  if (flags & MS_RDONLY) mnt |= MNT_READONLY;
  return mnt;
}

/** Is `path` the root of its mount (what remount, umount and propagation changes need)? */
function is_mount_root(path: Path): boolean {
  return path.dentry === path.mnt.root;
}

/** do_new_mount: make a superblock of `fstype` and attach it at `where`. */
function do_new_mount(t: Task, where: Path, fstype: string | null, flags: number, mntFlags: number, source: string | null, data: string): number {
  if (fstype === null) return -EINVAL;
  const vfs = kernel_vfs(t.kernel);
  const type = get_fs_type(vfs, fstype);
  if (!type) return -ENODEV;
  // Mounting the same filesystem instance on its own root would hide nothing but itself (EBUSY);
  // that can only happen for single-instance types, which we do not have, so no check here.
  const dir = where.dentry.inode;
  if (!dir || !S_ISDIR(dir.mode)) return -ENOTDIR; // every filesystem here has a directory root
  if (type.requiresDev) {
    // get_tree_bdev: the source must name a usable block device.
    const bdev = lookup_bdev(t, source, (flags & MS_RDONLY) !== 0);
    if (typeof bdev === 'number') return bdev;
    const sb = type.mount(vfs, source!, flags & MS_RDONLY ? SB_RDONLY : 0, data, bdev);
    if (typeof sb === 'number') return sb;
    const m = vfs.create_mount(sb, source!, mntFlags, where.mnt.ns);
    where.mnt.ns.attach(m, where);
    if (flags & MS_RDONLY) sb.flags |= SB_RDONLY;
    propagate_mnt(vfs, where, m);
    return 0;
  }
  const mnt = vfs_do_new_mount(vfs, type, source ?? 'none', mntFlags, data, where);
  if (typeof mnt === 'number') return mnt;
  if (flags & MS_RDONLY) mnt.sb.flags |= SB_RDONLY;
  propagate_mnt(vfs, where, mnt);
  return 0;
}

/**
 * do_remount: new flags for a mounted filesystem (and MS_RDONLY for its superblock), and new
 * filesystem options for a filesystem that can change them (reconfigure_super).
 */
function do_remount(where: Path, flags: number, mntFlags: number, data: string): number {
  if (!is_mount_root(where)) return -EINVAL;
  const sb = where.mnt.sb;
  if (data && sb.op.remount_fs) {
    const r = sb.op.remount_fs(sb, flags, data);
    if (r < 0) return r;
  }
  if (flags & MS_RDONLY) sb.flags |= SB_RDONLY;
  else sb.flags &= ~SB_RDONLY;
  where.mnt.flags = mntFlags;
  return 0;
}

/** do_reconfigure_mnt (MS_REMOUNT|MS_BIND): change only this mount's flags, not the superblock's. */
function do_reconfigure_mnt(where: Path, mntFlags: number): number {
  if (!is_mount_root(where)) return -EINVAL;
  where.mnt.flags = mntFlags;
  return 0;
}

/** The peer group numbers of shared mounts (mnt_alloc_group_id), counting from 1. */
const groupIds = new WeakMap<Vfs, number>();
function alloc_group_id(vfs: Vfs): number {
  const id = (groupIds.get(vfs) ?? 0) + 1;
  groupIds.set(vfs, id);
  return id;
}

/** change_mnt_propagation for one mount. */
function change_mnt_propagation(vfs: Vfs, mnt: Mount, type: Propagation): void {
  if (type === 'shared') {
    if (mnt.propagation !== 'shared') mnt.groupId = alloc_group_id(vfs);
    mnt.masterId = 0;
  } else if (type === 'slave') {
    // A shared mount becomes the slave of its old peer group; anything else just stops sharing.
    mnt.masterId = mnt.propagation === 'shared' ? mnt.groupId : mnt.masterId;
    mnt.groupId = 0;
  } else {
    mnt.groupId = 0;
    mnt.masterId = 0;
  }
  mnt.propagation = type;
}

/** do_change_type: exactly one propagation type, on a mount root; MS_REC for the mounts below too. */
function do_change_type(t: Task, where: Path, flags: number): number {
  if (!is_mount_root(where)) return -EINVAL;
  const bits = flags & MS_PROPAGATION;
  if (bits & (bits - 1)) return -EINVAL;
  if (flags & ~(MS_PROPAGATION | MS_REC | MS_SILENT)) return -EINVAL;
  const type: Propagation = bits === MS_SHARED ? 'shared' : bits === MS_SLAVE ? 'slave' : bits === MS_PRIVATE ? 'private' : 'unbindable';
  const vfs = kernel_vfs(t.kernel);
  const visit = (m: Mount): void => {
    change_mnt_propagation(vfs, m, type);
    if (flags & MS_REC) for (const c of m.children) visit(c);
  };
  visit(where.mnt);
  return 0;
}

/** clone_mnt: a new mount of the same superblock showing `root`, with the same flags. */
function clone_mnt(vfs: Vfs, old: Mount, root: Path['dentry']): Mount {
  const m = vfs.create_mount(old.sb, old.devname, old.flags, old.ns, root);
  // A clone of a shared mount joins its peer group; a slave's clone is a slave of the same master.
  if (old.propagation === 'shared' || old.propagation === 'slave') {
    m.propagation = old.propagation;
    m.groupId = old.groupId;
    m.masterId = old.masterId;
  }
  return m;
}

/**
 * do_loopback (MS_BIND): show `oldName` also at `where`. With MS_REC the mounts below oldName
 * come along (copy_tree), each at the same place relative to the new mount.
 */
function do_loopback(t: Task, where: Path, oldName: string | null, recurse: boolean): number {
  if (oldName === null) return -EFAULT;
  const old = path_lookupat(t, AT_FDCWD, oldName, LOOKUP_FOLLOW);
  if (typeof old === 'number') return old;
  if (old.mnt.propagation === 'unbindable') return -EINVAL;
  // graft_tree: a directory goes on a directory, a file on a file.
  const dirSrc = S_ISDIR(old.dentry.inode!.mode);
  if (dirSrc !== S_ISDIR(where.dentry.inode!.mode)) return -ENOTDIR;
  const vfs = kernel_vfs(t.kernel);
  const top = clone_mnt(vfs, old.mnt, old.dentry);
  where.mnt.ns.attach(top, where);
  if (recurse) copy_tree(vfs, old.mnt, old.dentry, top);
  propagate_mnt(vfs, where, top);
  return 0;
}

/** copy_tree: clone the mounts of `src` that sit below `root`, onto the clone `dst`, recursively. */
function copy_tree(vfs: Vfs, src: Mount, root: Path['dentry'], dst: Mount): void {
  for (const child of [...src.children]) {
    if (!child.mountpoint || !is_subdir(child.mountpoint, root)) continue;
    if (child.propagation === 'unbindable') continue;
    const c = clone_mnt(vfs, child, child.root);
    dst.ns.attach(c, { mnt: dst, dentry: child.mountpoint });
    copy_tree(vfs, child, child.root, c);
  }
}

/** Is `mnt` equal to or attached (at any depth) below `ancestor`? */
function mnt_is_below(mnt: Mount, ancestor: Mount): boolean {
  for (let m: Mount | null = mnt; m; m = m.parent) if (m === ancestor) return true;
  return false;
}

/** do_move_mount (MS_MOVE): take the mount at `oldName` off its place and put it on `where`. */
function do_move_mount(t: Task, where: Path, oldName: string | null): number {
  if (oldName === null) return -EFAULT;
  const old = path_lookupat(t, AT_FDCWD, oldName, LOOKUP_FOLLOW);
  if (typeof old === 'number') return old;
  const mnt = old.mnt;
  if (!is_mount_root(old) || !mnt.parent) return -EINVAL;
  // Moving a mount below itself would make a loop.
  if (mnt_is_below(where.mnt, mnt)) return -ELOOP;
  if (S_ISDIR(mnt.root.inode!.mode) !== S_ISDIR(where.dentry.inode!.mode)) return -ENOTDIR;
  // A mount under a shared parent may not move (Linux: EINVAL, it would have to propagate).
  if (mnt.parent.propagation === 'shared') return -EINVAL;
  const ns = mnt.ns;
  ns.detach(mnt);
  ns.reattach(mnt, where);
  return 0;
}

/**
 * The mounts that receive mount and unmount events from `mnt` (fs/pnode.c): the other members of
 * its peer group, and the slaves of that group. Only a shared mount sends events.
 */
function propagation_targets(mnt: Mount): Mount[] {
  if (mnt.propagation !== 'shared' || !mnt.groupId) return [];
  return mnt.ns.mounts.filter((m) => m !== mnt && ((m.propagation === 'shared' && m.groupId === mnt.groupId) || m.masterId === mnt.groupId));
}

/**
 * propagate_mnt: a mount made under a shared mount appears at the same place under each peer
 * and slave that shows that place. The new mount and its copies under peers form a new peer
 * group (so later mounts below them propagate too); a copy under a slave is a slave of it.
 * Simplified: only the top of a recursive bind is copied, not the mounts below it.
 */
function propagate_mnt(vfs: Vfs, where: Path, source: Mount): void {
  const targets = propagation_targets(where.mnt).filter((m) => m !== source);
  if (!targets.length) return;
  // invent_group_ids: the new mount becomes shared with its copies.
  change_mnt_propagation(vfs, source, 'shared');
  for (const m of targets) {
    if (!is_subdir(where.dentry, m.root)) continue;
    const copy = clone_mnt(vfs, source, source.root);
    if (m.propagation !== 'shared') change_mnt_propagation(vfs, copy, 'slave');
    m.ns.attach(copy, { mnt: m, dentry: where.dentry });
  }
}

/**
 * propagate_umount: unmounting below a shared mount also unmounts the copies at the same place
 * under its peers and slaves — those that have nothing mounted on them and are not in use
 * (unless `lazy`, which takes them regardless).
 */
function propagate_umount(t: Task, mnt: Mount, lazy: boolean): void {
  const parent = mnt.parent;
  if (!parent) return;
  for (const m of propagation_targets(parent)) {
    const copy = m.children.find((c) => c.mountpoint === mnt.mountpoint && c.sb === mnt.sb && c.root === mnt.root);
    if (!copy) continue;
    if (lazy) umount_tree(copy);
    else if (!copy.children.length && !mount_busy(t, copy)) copy.ns.umount(copy);
  }
}

/** mount(2). */
export function sys_mount(t: Task, devName: number, dirName: number, typeAddr: number, flags: number, dataAddr: number): number {
  const type = copy_mount_string(t, typeAddr);
  if (typeof type === 'number') return type;
  const source = copy_mount_string(t, devName);
  if (typeof source === 'number') return source;
  const data = copy_mount_string(t, dataAddr);
  if (typeof data === 'number') return data;
  if (dirName === 0) return -EFAULT;
  const target = strncpy_from_user(t, dirName, PAGE_SIZE - 1);
  if (typeof target === 'number') return target;
  const where = path_lookupat(t, AT_FDCWD, target, LOOKUP_FOLLOW);
  if (typeof where === 'number') return where;

  // path_mount: drop the old magic number, check privilege, split the flags.
  flags >>>= 0;
  if ((flags & MS_MGC_MSK) >>> 0 === MS_MGC_VAL) flags &= ~MS_MGC_MSK;
  if (!may_mount(t)) return -EPERM;
  let mntFlags = ms_to_mnt_flags(flags);
  // A remount that names no atime flag keeps the mount's old one.
  if (flags & MS_REMOUNT && !(flags & (MS_NOATIME | MS_NODIRATIME | MS_RELATIME | MS_STRICTATIME))) {
    mntFlags = (mntFlags & ~MNT_ATIME_MASK) | (where.mnt.flags & MNT_ATIME_MASK);
  }
  if ((flags & (MS_REMOUNT | MS_BIND)) === (MS_REMOUNT | MS_BIND)) return do_reconfigure_mnt(where, mntFlags);
  if (flags & MS_REMOUNT) return do_remount(where, flags, mntFlags, data ?? '');
  if (flags & MS_BIND) return do_loopback(t, where, source, (flags & MS_REC) !== 0);
  if (flags & MS_PROPAGATION) return do_change_type(t, where, flags);
  if (flags & MS_MOVE) return do_move_mount(t, where, source);
  return do_new_mount(t, where, type, flags, mntFlags, source, data ?? '');
}

/** Mounts marked by a first umount2(MNT_EXPIRE); a second one unmounts them. */
const expiryMarks = new WeakSet<Mount>();

/**
 * Is anything using `mnt` — a task's cwd or root, an open file on it, or a file the kernel holds
 * there (propagate_mount_busy)?
 * Linux counts references on the mount; we look at every task, which is the same answer.
 */
function mount_busy(t: Task, mnt: Mount): boolean {
  if (mnt.kernelRefs > 0) return true;
  for (const task of t.kernel.tasks.values()) {
    const fs = task.fs;
    if (fs && fs.users > 0 && (fs.pwd.mnt === mnt || fs.root.mnt === mnt)) return true;
    if (task.files && task.files.users > 0 && task.files.entries().some((e) => e.file.path.mnt === mnt)) return true;
  }
  return false;
}

/** umount_tree for MNT_DETACH: take the mounts below `mnt` away first, deepest first. */
function umount_tree(mnt: Mount): number {
  for (const child of [...mnt.children]) {
    const err = umount_tree(child);
    if (err) return err;
  }
  return mnt.ns.umount(mnt);
}

/** umount2(2). */
export function sys_umount2(t: Task, name: number, flags: number): number {
  flags |= 0;
  if (flags & ~(MNT_FORCE | MNT_DETACH | MNT_EXPIRE | UMOUNT_NOFOLLOW)) return -EINVAL;
  if (name === 0) return -EFAULT;
  const target = strncpy_from_user(t, name, PAGE_SIZE - 1);
  if (typeof target === 'number') return target;
  const path = path_lookupat(t, AT_FDCWD, target, flags & UMOUNT_NOFOLLOW ? 0 : LOOKUP_FOLLOW);
  if (typeof path === 'number') return path;
  // can_umount
  if (!may_mount(t)) return -EPERM;
  if (!is_mount_root(path)) return -EINVAL;
  const mnt = path.mnt;
  if (!mnt.parent) return mnt === mnt.ns.root ? -EBUSY : -EINVAL;
  // do_umount
  if (flags & MNT_EXPIRE) {
    if (flags & (MNT_FORCE | MNT_DETACH)) return -EINVAL;
    if (!expiryMarks.has(mnt) || mount_busy(t, mnt)) {
      expiryMarks.add(mnt);
      return -EAGAIN;
    }
  }
  if (flags & MNT_DETACH) {
    propagate_umount(t, mnt, true);
    return umount_tree(mnt);
  }
  if (mnt.children.length || mount_busy(t, mnt)) return -EBUSY;
  propagate_umount(t, mnt, false);
  return mnt.ns.umount(mnt);
}

export const namespaceSyscalls: SyscallGroup = {
  mount: sys_mount,
  umount2: sys_umount2,
};
