// Superblocks and filesystem types (include/linux/fs.h struct super_block, fs/super.c).
//
// A superblock is one mounted instance of a filesystem: its device number (what stat's st_dev
// shows), its root dentry, how it numbers inodes. A filesystem type knows how to make one.

import { EBUSY } from '../../uapi/errno';
import type { StatfsFields } from '../../uapi/stat';
import type { BlockDevice } from '../block/genhd';
import type { Dentry } from './dentry';
import type { Inode } from './inode';
import type { Vfs } from './vfs';

/** Superblock flags (SB_*), mirroring the MS_* mount flags. */
export const SB_RDONLY = 1, SB_NOSUID = 2, SB_NODEV = 4, SB_NOEXEC = 8;

/** statfs(2) as a filesystem reports it (struct kstatfs). */
export type Kstatfs = StatfsFields;

export interface SuperOperations {
  /** The inode lost its last name and its last user: free its data. */
  evict_inode?(inode: Inode): void;
  statfs?(sb: SuperBlock): Kstatfs;
  /** Filesystem options for /proc/mounts, e.g. "size=65536k,mode=755". */
  show_options?(sb: SuperBlock): string;
  /** mount -o remount with filesystem options ("size=2m"): apply them, 0 or -errno (reconfigure). */
  remount_fs?(sb: SuperBlock, flags: number, data: string): number;
}

export interface FileSystemType {
  /** As /proc/filesystems and mount -t spell it. */
  readonly name: string;
  /** FS_REQUIRES_DEV: backed by a block device (otherwise /proc/filesystems says "nodev"). */
  readonly requiresDev: boolean;
  /**
   * Make a superblock for a new mount of this type, or -errno. A type that requires a device gets
   * the block device mount(2) found for the source (its sb.dev should be the device's number).
   */
  mount(vfs: Vfs, devname: string, flags: number, data: string, bdev?: BlockDevice): SuperBlock | number;
  /** The last mount of the superblock went away. */
  kill_sb?(sb: SuperBlock): void;
}

export class SuperBlock {
  root!: Dentry;
  op: SuperOperations = {};
  flags = 0;
  /** statfs f_type (TMPFS_MAGIC …). */
  magic = 0;
  blocksize = 4096;
  /** Filesystem-private data (s_fs_info). */
  fsInfo: unknown = null;
  /** Mounts of this superblock; kill_sb runs when the last one goes. */
  mounts = 0;
  private nextIno = 1;

  constructor(
    readonly type: FileSystemType,
    /** st_dev of every inode here, in the user encoding (makedev). */
    readonly dev: number,
    readonly vfs: Vfs,
  ) {}

  /** get_next_ino: inode numbers count up from 1 (the root is usually 1). */
  get_next_ino(): number {
    return this.nextIno++;
  }

  /** The time for timestamps: CLOCK_REALTIME in ns. */
  now(): number {
    return this.vfs.clock.realtime();
  }

  get readonly(): boolean {
    return (this.flags & SB_RDONLY) !== 0;
  }
}

/** register_filesystem: make a type known to mount(2) and /proc/filesystems. */
export function register_filesystem(vfs: Vfs, type: FileSystemType): number {
  if (vfs.filesystems.some((f) => f.name === type.name)) return -EBUSY;
  vfs.filesystems.push(type);
  return 0;
}

export function get_fs_type(vfs: Vfs, name: string): FileSystemType | null {
  return vfs.filesystems.find((f) => f.name === name) ?? null;
}
