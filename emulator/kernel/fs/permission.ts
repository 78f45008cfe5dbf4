// Permission checks (Linux keeps these in fs/namei.c: generic_permission, inode_permission,
// may_create, may_delete; fs/attr.c: inode_owner_or_capable).
//
// The owner's bits apply to the owner, the group bits to members of the group, the rest to
// everyone else — and only one set applies: an owner without read permission cannot read even if
// "others" may. Identity is the filesystem uid/gid (fsuid, fsgid: normally the effective ids).
//
// Simplified: there are no capabilities yet; an fsuid of 0 stands for CAP_DAC_OVERRIDE,
// CAP_DAC_READ_SEARCH, CAP_FOWNER, CAP_CHOWN and CAP_FSETID. It may read and write anything, search
// any directory, but execute a file only if some execute bit is set.

import { EACCES, EBUSY, EISDIR, ENOENT, ENOTDIR, EPERM, EROFS } from '../../uapi/errno';
import { S_ISDIR, S_ISLNK, S_ISREG, S_ISVTX } from '../../uapi/stat';
import type { Cred } from '../security/cred';
import type { Dentry } from './dentry';
import { MAY_APPEND, MAY_EXEC, MAY_READ, MAY_WRITE } from './fs';
import type { Inode } from './inode';

/** Does `cred` act with root's powers over files (capable_wrt_inode_uidgid)? */
export function fs_capable(cred: Cred): boolean {
  return cred.fsuid === 0;
}

/** in_group_p: the fsgid or one of the supplementary groups. */
export function in_group_p(cred: Cred, gid: number): boolean {
  return cred.inGroup(gid);
}

/** generic_permission: the rwx bits (MAY_READ/WRITE/EXEC of `mask`) for this cred. */
export function generic_permission(cred: Cred, inode: Inode, mask: number): number {
  const want = mask & (MAY_READ | MAY_WRITE | MAY_EXEC);
  let bits: number;
  if (cred.fsuid === inode.uid) bits = inode.mode >> 6;
  else if (in_group_p(cred, inode.gid)) bits = inode.mode >> 3;
  else bits = inode.mode;
  if ((want & ~bits & 7) === 0) return 0;
  if (fs_capable(cred)) {
    if (S_ISDIR(inode.mode)) return 0;
    if (!(want & MAY_EXEC) || inode.mode & 0o111) return 0;
  }
  return -EACCES;
}

/**
 * inode_permission: writing into a read-only filesystem is EROFS (for files, directories and
 * symlinks: device nodes and FIFOs stay writable), then the filesystem's own check or the bits.
 */
export function inode_permission(cred: Cred, inode: Inode, mask: number): number {
  if (mask & (MAY_WRITE | MAY_APPEND) && inode.sb.readonly && (S_ISREG(inode.mode) || S_ISDIR(inode.mode) || S_ISLNK(inode.mode))) {
    return -EROFS;
  }
  if (inode.iop.permission) return inode.iop.permission(inode, mask, cred);
  return generic_permission(cred, inode, mask);
}

/** inode_owner_or_capable: may `cred` change this inode's mode or times as its owner? */
export function inode_owner_or_capable(cred: Cred, inode: Inode): boolean {
  return cred.fsuid === inode.uid || fs_capable(cred);
}

/** may_create: a new name in `dir` needs write and search permission there. */
export function may_create(cred: Cred, dir: Inode): number {
  // A removed directory (IS_DEADDIR) takes no new entries.
  if (dir.nlink === 0) return -ENOENT;
  return inode_permission(cred, dir, MAY_WRITE | MAY_EXEC);
}

/**
 * may_delete: removing `victim` from `dir`. Write+search on the directory; in a sticky directory
 * (/tmp, mode 1777) only the file's owner, the directory's owner or root may remove it.
 */
export function may_delete(cred: Cred, dir: Inode, victim: Dentry, isdir: boolean): number {
  const inode = victim.inode;
  if (!inode) return -ENOENT;
  const err = inode_permission(cred, dir, MAY_WRITE | MAY_EXEC);
  if (err) return err;
  if (dir.mode & S_ISVTX && cred.fsuid !== inode.uid && cred.fsuid !== dir.uid && !fs_capable(cred)) return -EPERM;
  if (isdir) {
    if (!S_ISDIR(inode.mode)) return -ENOTDIR;
    if (victim.isRoot) return -EBUSY;
  } else if (S_ISDIR(inode.mode)) {
    return -EISDIR;
  }
  return 0;
}
