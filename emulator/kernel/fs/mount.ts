// Mounts (fs/mount.h struct mount, fs/namespace.c). A mount attaches the root of a superblock on a
// dentry of another mount (its mountpoint). The path walk asks the mount table "is anything
// mounted here, in this mount?" whenever it enters a dentry that has mounts on it; `..` at a
// mount's root continues from the mountpoint in the parent mount.
//
// A mount namespace is the set of mounts a task sees; there is one for now, plus private ones
// for the kernel's internal filesystems (pipefs), which are never mounted anywhere.

import { EBUSY, EINVAL, EROFS } from '../../uapi/errno';
import type { Dentry } from './dentry';
import type { Path } from './path';
import type { SuperBlock } from './super';

/** Per-mount flags (MNT_*). */
export const MNT_NOSUID = 0x1, MNT_NODEV = 0x2, MNT_NOEXEC = 0x4, MNT_NOATIME = 0x8;
export const MNT_NODIRATIME = 0x10, MNT_RELATIME = 0x20, MNT_READONLY = 0x40;

/** How mount and unmount events spread between mounts (Documentation/filesystems/sharedsubtree). */
export type Propagation = 'private' | 'shared' | 'slave' | 'unbindable';

export class Mount {
  /** The mount this one is attached to, and where; null for a namespace root or internal mount. */
  parent: Mount | null = null;
  /** MS_SHARED/MS_SLAVE/MS_PRIVATE/MS_UNBINDABLE, and the peer group a shared mount is in (mnt_group_id). */
  propagation: Propagation = 'private';
  groupId = 0;
  /** For a slave: the peer group it receives events from (shown as master:N). */
  masterId = 0;
  /**
   * Files the kernel itself holds open on this mount (a loop device's backing file). Linux
   * counts every reference to a mount; we count these, and find the tasks' own by looking.
   */
  kernelRefs = 0;
  mountpoint: Dentry | null = null;
  readonly children: Mount[] = [];

  constructor(
    readonly id: number,
    readonly sb: SuperBlock,
    /** The dentry of `sb` that appears at the mountpoint (usually sb.root; another for bind mounts). */
    readonly root: Dentry,
    /** The "device" column of /proc/mounts (the source given to mount(2)). */
    readonly devname: string,
    public flags: number,
    public ns: MntNamespace,
  ) {}

  get readonly(): boolean {
    return (this.flags & MNT_READONLY) !== 0 || this.sb.readonly;
  }
}

export class MntNamespace {
  /** Every attached mount, in mount order (as /proc/mounts lists them). */
  readonly mounts: Mount[] = [];
  /** mountpoint dentry → the mounts on it (from different parents, or stacked). */
  private readonly hash = new Map<Dentry, Mount[]>();
  root: Mount | null = null;

  /**
   * lookup_mnt: the mount on `dentry` inside `mnt`, or null. Stacked mounts on one place are
   * each mounted on the root of the previous, so the walk finds the top one by repeating this.
   */
  lookup_mnt(mnt: Mount, dentry: Dentry): Mount | null {
    if (dentry.mounted === 0) return null;
    const list = this.hash.get(dentry);
    if (!list) return null;
    for (let i = list.length - 1; i >= 0; i--) if (list[i]!.parent === mnt) return list[i]!;
    return null;
  }

  /** attach_mnt: put `child` on `where` (a path already followed to its topmost mount). */
  attach(child: Mount, where: Path): void {
    child.parent = where.mnt;
    child.mountpoint = where.dentry;
    child.ns = this;
    where.mnt.children.push(child);
    where.dentry.mounted++;
    const list = this.hash.get(where.dentry);
    if (list) list.push(child);
    else this.hash.set(where.dentry, [child]);
    this.mounts.push(child);
    child.sb.mounts++;
  }

  /** Make `mnt` the root of this (empty) namespace. */
  setRoot(mnt: Mount): void {
    this.root = mnt;
    mnt.ns = this;
    this.mounts.push(mnt);
    mnt.sb.mounts++;
  }

  /**
   * do_umount: detach a mount. EBUSY while something is mounted on it, EINVAL for the root.
   * Simplified: Linux also refuses (EBUSY) while files or cwds are open in the mount; we do not
   * count those users, so a lazy-unmount is what you get.
   */
  umount(mnt: Mount): number {
    if (mnt === this.root || !mnt.parent || !mnt.mountpoint) return -EINVAL;
    if (mnt.children.length) return -EBUSY;
    this.detach(mnt);
    this.mounts.splice(this.mounts.indexOf(mnt), 1);
    if (--mnt.sb.mounts === 0) mnt.sb.type.kill_sb?.(mnt.sb);
    return 0;
  }

  /** detach_mnt: take `mnt` off its mountpoint (it stays in the namespace's list; MS_MOVE). */
  detach(mnt: Mount): void {
    if (!mnt.parent || !mnt.mountpoint) return;
    const list = this.hash.get(mnt.mountpoint)!;
    list.splice(list.indexOf(mnt), 1);
    if (!list.length) this.hash.delete(mnt.mountpoint);
    mnt.mountpoint.mounted--;
    const siblings = mnt.parent.children;
    siblings.splice(siblings.indexOf(mnt), 1);
    mnt.parent = null;
    mnt.mountpoint = null;
  }

  /** Put a detached mount of this namespace on `where` again, keeping its place in the list. */
  reattach(mnt: Mount, where: Path): void {
    const i = this.mounts.indexOf(mnt);
    this.attach(mnt, where);
    mnt.sb.mounts--;
    if (i >= 0) this.mounts.splice(this.mounts.length - 1, 1);
  }
}

/**
 * follow_mount: from a dentry, step onto whatever is mounted there (repeatedly, for stacks). An
 * automount point (d_automount, e.g. debugfs's "tracing") gets its mount made and attached on the
 * first walk through it, as follow_automount does.
 */
export function follow_mounts(path: Path): Path {
  let p = path;
  for (;;) {
    let m = p.dentry.mounted > 0 ? p.mnt.ns.lookup_mnt(p.mnt, p.dentry) : null;
    if (!m && p.dentry.op?.d_automount) {
      m = p.dentry.op.d_automount(p);
      if (m) p.mnt.ns.attach(m, p);
    }
    if (!m) break;
    p = { mnt: m, dentry: m.root };
  }
  return p;
}

/** mnt_want_write: may this mount be written? */
export function mnt_want_write(mnt: Mount): number {
  return mnt.readonly ? -EROFS : 0;
}
