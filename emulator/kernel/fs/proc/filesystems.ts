// /proc/filesystems (fs/filesystems.c): every registered filesystem type, one per line, with
// "nodev" in the first column for those that need no block device (a tab always separates the
// columns, so a disk filesystem's line starts with a tab):
//
//   nodev	proc
//   	ext4

import type { Kernel } from '../../kernel';
import { kernel_vfs } from '../vfs';

export function filesystems_proc_show(k: Kernel): string {
  return kernel_vfs(k).filesystems.map((fs) => `${fs.requiresDev ? '' : 'nodev'}\t${fs.name}\n`).join('');
}
