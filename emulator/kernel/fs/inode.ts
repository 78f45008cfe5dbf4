// Inodes (include/linux/fs.h struct inode, fs/inode.c): the file itself — type and permissions,
// owner, link count, size, times, and the operation tables of its filesystem. Names live in
// dentries; an inode knows nothing of what it is called.

import { S_IFBLK, S_IFCHR, S_IFIFO, S_IFMT, S_IFSOCK, S_ISDIR, S_ISGID } from '../../uapi/stat';
import type { Cred } from '../security/cred';
import type { AddressSpace } from './address_space';
import { def_blk_fops } from '../block/fops';
import { def_chr_fops } from './char_dev';
import { empty_iops, type FileOperations, type InodeOperations } from './fs';
import type { FileLockContext } from './locks';
import { bad_sock_fops, pipefifo_fops, type PipeInodeInfo } from './pipe';
import type { SuperBlock } from './super';

export class Inode {
  mode = 0;
  uid = 0;
  gid = 0;
  nlink = 1;
  size = 0;
  /** Times in ns since the epoch (CLOCK_REALTIME), as Linux keeps timespec64s. */
  atime: number;
  mtime: number;
  ctime: number;
  /** Birth time (statx btime). */
  btime: number;
  /** The device a device node stands for, in the user encoding (makedev). */
  rdev = 0;
  iop: InodeOperations = empty_iops;
  fop: FileOperations = {};
  /** The file's data pages, for filesystems that keep data in memory (tmpfs): i_mapping. */
  mapping: AddressSpace | null = null;
  /** flock locks on this file (i_flctx), once there were any. */
  flctx: FileLockContext | null = null;
  /** The pipe behind a FIFO or pipe inode (i_pipe). */
  pipe: PipeInodeInfo | null = null;
  /** Filesystem-private data (i_private). */
  private: unknown = null;
  /** Open files and other holders (i_count); the inode goes once this and nlink are both 0. */
  refs = 0;
  /** Bumped by every change, for the poll of a few pseudo files (i_version). */
  version = 0;
  /** I_LINKABLE: an O_TMPFILE file, nameless yet, that linkat may give a first name. */
  linkable = false;

  constructor(
    readonly sb: SuperBlock,
    readonly ino: number,
  ) {
    const now = sb.now();
    this.atime = this.mtime = this.ctime = this.btime = now;
  }

  get type(): number {
    return this.mode & S_IFMT;
  }

  /** 512-byte blocks in use (i_blocks): the filesystem's pages, or 0. */
  get blocks(): number {
    return this.mapping ? this.mapping.nrpages * 8 : 0;
  }
}

/** new_inode: a fresh inode on `sb` with the next inode number. */
export function new_inode(sb: SuperBlock): Inode {
  return new Inode(sb, sb.get_next_ino());
}

/** current_time(): now, for an inode's timestamps. */
export function current_time(inode: Inode): number {
  return inode.sb.now();
}

/** Mark a change to the data: mtime and ctime (inode_set_mtime_to_ts + inode_set_ctime_current). */
export function inode_touch_mc(inode: Inode): void {
  inode.mtime = inode.ctime = current_time(inode);
  inode.version++;
}

/** Mark a change to the metadata only (ctime). */
export function inode_touch_c(inode: Inode): void {
  inode.ctime = current_time(inode);
  inode.version++;
}

/**
 * inode_init_owner: a new inode belongs to the creator's fsuid, and to its fsgid — unless the
 * directory is set-group-ID, when it takes the directory's group (and a new directory inherits
 * the bit, so the whole subtree stays in that group).
 */
export function inode_init_owner(cred: Cred, inode: Inode, dir: Inode | null, mode: number): void {
  inode.uid = cred.fsuid;
  if (dir && dir.mode & S_ISGID) {
    inode.gid = dir.gid;
    if (S_ISDIR(mode)) mode |= S_ISGID;
    // A group-executable set-group-ID file for a group its creator is not in would be a way in.
    else if ((mode & (S_ISGID | 0o010)) === (S_ISGID | 0o010) && !cred.inGroup(dir.gid) && cred.fsuid !== 0) mode &= ~S_ISGID;
  } else {
    inode.gid = cred.fsgid;
  }
  inode.mode = mode;
}

/**
 * init_special_inode: device nodes, FIFOs and sockets have the same file operations on every
 * filesystem — open dispatches to the driver, the pipe, or fails for a socket.
 */
export function init_special_inode(inode: Inode, mode: number, rdev: number): void {
  inode.mode = mode;
  switch (mode & S_IFMT) {
    case S_IFCHR:
      inode.fop = def_chr_fops;
      inode.rdev = rdev;
      break;
    case S_IFBLK:
      inode.fop = def_blk_fops;
      inode.rdev = rdev;
      break;
    case S_IFIFO:
      inode.fop = pipefifo_fops;
      break;
    case S_IFSOCK:
      inode.fop = bad_sock_fops;
      break;
  }
}

/** ihold: one more holder (an open file). */
export function ihold(inode: Inode): void {
  inode.refs++;
}

/** iput: drop a holder; an inode without links and holders is evicted (its data freed). */
export function iput(inode: Inode): void {
  if (inode.refs > 0) inode.refs--;
  if (inode.refs === 0 && inode.nlink === 0) evict(inode);
}

/** drop_nlink: one name fewer; the last name of an unused inode frees it. */
export function drop_nlink(inode: Inode): void {
  if (inode.nlink > 0) inode.nlink--;
  if (inode.nlink === 0 && inode.refs === 0) evict(inode);
}

/** clear_nlink: a removed directory has no names at all. */
export function clear_nlink(inode: Inode): void {
  inode.nlink = 0;
  if (inode.refs === 0) evict(inode);
}

export function inc_nlink(inode: Inode): void {
  inode.nlink++;
}

function evict(inode: Inode): void {
  inode.sb.op.evict_inode?.(inode);
}
