// /proc/kmsg (fs/proc/kmsg.c): the kernel log for one consuming reader (klogd), mode 0400. Its
// operations are printk's (printk/syslog.ts: syslog(2)'s READ from the shared syslog position);
// this file only makes the inode for the /proc root.

import { S_IFREG } from '../../../uapi/stat';
import type { Inode } from '../inode';
import type { SuperBlock } from '../super';
import { proc_kmsg_operations } from '../../printk/syslog';
import { proc_make_inode } from './internal';

export function proc_kmsg_inode(sb: SuperBlock): Inode {
  const inode = proc_make_inode(sb, S_IFREG | 0o400);
  inode.fop = proc_kmsg_operations;
  return inode;
}
