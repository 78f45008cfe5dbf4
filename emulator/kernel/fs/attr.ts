// Changing an inode's attributes (fs/attr.c: setattr_prepare, notify_change, setattr_copy) and the
// access-time rules (fs/inode.c: touch_atime, relatime). chmod, chown, truncate, utimensat and
// writes that must drop a set-user-ID bit all end in notify_change().

import { EOPNOTSUPP, EPERM } from '../../uapi/errno';
import { S_ISDIR, S_ISGID, S_ISLNK, S_ISREG, S_ISUID } from '../../uapi/stat';
import type { Cred } from '../security/cred';
import type { Dentry } from './dentry';
import {
  ATTR_ATIME, ATTR_ATIME_SET, ATTR_CTIME, ATTR_FORCE, ATTR_GID, ATTR_KILL_SGID, ATTR_KILL_SUID, ATTR_MODE,
  ATTR_MTIME, ATTR_MTIME_SET, ATTR_SIZE, ATTR_TIMES_SET, ATTR_TOUCH, ATTR_UID, MAY_WRITE, type IAttr,
} from './fs';
import { current_time, type Inode } from './inode';
import { MNT_NOATIME, MNT_NODIRATIME, MNT_RELATIME } from './mount';
import type { Path } from './path';
import { fs_capable, in_group_p, inode_owner_or_capable, inode_permission } from './permission';

const S_IXGRP = 0o010;

/**
 * setattr_prepare: may `cred` make this change? Changing the owner needs root; the group, the
 * owner who belongs to the new group; the mode and explicit times, the owner. A non-member
 * setting the mode loses S_ISGID.
 */
export function setattr_prepare(cred: Cred, inode: Inode, attr: IAttr): number {
  if (attr.valid & ATTR_FORCE) return 0;
  if (attr.valid & ATTR_UID && attr.uid !== inode.uid && !fs_capable(cred)) return -EPERM;
  if (attr.valid & ATTR_UID && attr.uid === inode.uid && cred.fsuid !== inode.uid && !fs_capable(cred)) return -EPERM;
  if (attr.valid & ATTR_GID && !fs_capable(cred)) {
    if (cred.fsuid !== inode.uid || (attr.gid !== inode.gid && !in_group_p(cred, attr.gid!))) return -EPERM;
  }
  if (attr.valid & ATTR_MODE) {
    if (!inode_owner_or_capable(cred, inode)) return -EPERM;
    const gid = attr.valid & ATTR_GID ? attr.gid! : inode.gid;
    if (!in_group_p(cred, gid) && !fs_capable(cred)) attr.mode = attr.mode! & ~S_ISGID;
  }
  if (attr.valid & (ATTR_ATIME_SET | ATTR_MTIME_SET | ATTR_TIMES_SET) && !inode_owner_or_capable(cred, inode)) return -EPERM;
  // may_setattr: touching the times to "now" is also allowed to whoever may write the file.
  if (attr.valid & ATTR_TOUCH && !inode_owner_or_capable(cred, inode)) return inode_permission(cred, inode, MAY_WRITE);
  return 0;
}

/** setattr_copy: write the accepted attributes into the inode. */
export function setattr_copy(inode: Inode, attr: IAttr): void {
  const v = attr.valid;
  if (v & ATTR_UID) inode.uid = attr.uid!;
  if (v & ATTR_GID) inode.gid = attr.gid!;
  if (v & ATTR_ATIME) inode.atime = attr.atime!;
  if (v & ATTR_MTIME) inode.mtime = attr.mtime!;
  if (v & ATTR_CTIME) inode.ctime = attr.ctime!;
  if (v & ATTR_MODE) inode.mode = (inode.mode & ~0o7777) | (attr.mode! & 0o7777);
  inode.version++;
}

/** simple_setattr: for filesystems that keep nothing but the inode (sizes are not theirs to change). */
export function simple_setattr(dentry: Dentry, attr: IAttr): number {
  setattr_copy(dentry.inode!, attr);
  return 0;
}

/**
 * notify_change: apply `attr` to the inode behind `dentry`. The ctime always moves; the other times
 * move to now unless set explicitly (ATTR_*_SET). Kill-suid requests become mode changes.
 */
export function notify_change(cred: Cred, dentry: Dentry, attr: IAttr): number {
  const inode = dentry.inode!;
  // The mode of a symlink means nothing and cannot be changed.
  if (attr.valid & ATTR_MODE && S_ISLNK(inode.mode)) return -EOPNOTSUPP;
  const now = current_time(inode);
  attr.ctime = now;
  attr.valid |= ATTR_CTIME;
  if (!(attr.valid & ATTR_ATIME_SET)) attr.atime = now;
  if (!(attr.valid & ATTR_MTIME_SET)) attr.mtime = now;
  if (attr.valid & ATTR_KILL_SUID && inode.mode & S_ISUID) {
    attr.valid |= ATTR_MODE;
    attr.mode = inode.mode & ~S_ISUID;
  }
  if (attr.valid & ATTR_KILL_SGID && (inode.mode & (S_ISGID | S_IXGRP)) === (S_ISGID | S_IXGRP)) {
    const base = attr.valid & ATTR_MODE ? attr.mode! : inode.mode;
    attr.valid |= ATTR_MODE;
    attr.mode = base & ~S_ISGID;
  }
  const err = setattr_prepare(cred, inode, attr);
  if (err) return err;
  if (inode.iop.setattr) return inode.iop.setattr(dentry, attr, cred);
  return simple_setattr(dentry, attr);
}

/**
 * should_remove_suid: a write or truncate by someone other than root clears S_ISUID, and S_ISGID
 * when the group may execute (otherwise S_ISGID means mandatory locking and stays).
 */
export function should_remove_suid(cred: Cred, inode: Inode): number {
  if (!S_ISREG(inode.mode)) return 0;
  let kill = 0;
  if (inode.mode & S_ISUID) kill |= ATTR_KILL_SUID;
  if ((inode.mode & (S_ISGID | S_IXGRP)) === (S_ISGID | S_IXGRP)) kill |= ATTR_KILL_SGID;
  return kill && !fs_capable(cred) ? kill : 0;
}

/** file_remove_privs: before a write. */
export function file_remove_privs(cred: Cred, dentry: Dentry): number {
  const kill = should_remove_suid(cred, dentry.inode!);
  return kill ? notify_change(cred, dentry, { valid: kill | ATTR_FORCE }) : 0;
}

/** do_truncate: set the size (truncate, ftruncate, O_TRUNC); mtime and ctime move with it. */
export function do_truncate(cred: Cred, dentry: Dentry, length: number, timeAttrs = ATTR_MTIME | ATTR_CTIME): number {
  const attr: IAttr = { valid: ATTR_SIZE | timeAttrs, size: length };
  const kill = should_remove_suid(cred, dentry.inode!);
  if (kill) attr.valid |= kill | ATTR_FORCE;
  return notify_change(cred, dentry, attr);
}

/** One day, in ns: relatime still updates an access time older than this. */
const RELATIME_MAX_AGE = 24 * 3600 * 1e9;

/**
 * touch_atime: a read happened. Not on noatime mounts (nor directories on nodiratime), and with
 * relatime only if the old atime is not newer than mtime/ctime or is a day old — enough for
 * "has this mail been read?" without a write per read.
 */
export function touch_atime(path: Path): void {
  const inode = path.dentry.inode;
  if (!inode) return;
  const mnt = path.mnt;
  if (mnt.flags & MNT_NOATIME || mnt.readonly) return;
  if (mnt.flags & MNT_NODIRATIME && S_ISDIR(inode.mode)) return;
  const now = current_time(inode);
  if (mnt.flags & MNT_RELATIME) {
    const need = inode.mtime >= inode.atime || inode.ctime >= inode.atime || now - inode.atime >= RELATIME_MAX_AGE;
    if (!need) return;
  }
  inode.atime = now;
}
