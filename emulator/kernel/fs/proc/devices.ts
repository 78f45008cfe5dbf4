// /proc/devices (fs/proc/devices.c): the majors drivers have registered, character devices then
// block devices, "%3d %s" per line — a major appears once per name it was registered under
// (5 is /dev/tty, /dev/console and /dev/ptmx). The character list is the char_dev registry's, the
// block list the block layer's (register_blkdev).

import type { Kernel } from '../../kernel';
import { blkdev_show } from '../../block/genhd';
import { kernel_vfs } from '../vfs';

export function devices_proc_show(k: Kernel): string {
  const chr = [...kernel_vfs(k).chrdevs.list()].sort((a, b) => a[0] - b[0]);
  let out = 'Character devices:\n';
  for (const [major, name] of chr) out += `${String(major).padStart(3)} ${name}\n`;
  return out + '\nBlock devices:\n' + blkdev_show(k);
}
