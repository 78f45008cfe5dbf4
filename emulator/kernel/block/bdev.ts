// Finding a block device by name for mount(2) (block/bdev.c: lookup_bdev; fs/super.c:
// get_tree_bdev). A filesystem that lives on a disk is mounted from a block device node: the
// name must lead to one (ENOTBLK for anything else, ENOENT for nothing), on a mount that allows
// device nodes (EACCES under nodev), with a disk or partition behind its number (ENXIO), and a
// read-only device can only be mounted read-only (EACCES).

import { EACCES, EINVAL, ENOTBLK, ENXIO } from '../../uapi/errno';
import { AT_FDCWD } from '../../uapi/fcntl';
import { S_ISBLK } from '../../uapi/stat';
import { MNT_NODEV } from '../fs/mount';
import { LOOKUP_FOLLOW, path_lookupat } from '../fs/namei';
import type { Task } from '../sched/task';
import { bdev_lookup, type BlockDevice } from './genhd';

/** lookup_bdev + blkdev_get_by_dev: the block device `source` names, or -errno. */
export function lookup_bdev(t: Task, source: string | null, readonly: boolean): BlockDevice | number {
  if (source === null || source === '') return -EINVAL; // "No source specified"
  const path = path_lookupat(t, AT_FDCWD, source, LOOKUP_FOLLOW);
  if (typeof path === 'number') return path;
  const inode = path.dentry.inode!;
  if (!S_ISBLK(inode.mode)) return -ENOTBLK;
  if (path.mnt.flags & MNT_NODEV) return -EACCES;
  const bdev = bdev_lookup(t.kernel, inode.rdev);
  if (!bdev || !bdev.disk.live) return -ENXIO;
  if (bdev.isReadOnly && !readonly) return -EACCES;
  return bdev;
}
