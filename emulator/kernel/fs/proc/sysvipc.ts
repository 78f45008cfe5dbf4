// /proc/sysvipc (ipc/util.c's ipc_init_proc_interface): the directory of the SysV IPC tables,
// one read-only file each for msg, sem and shm. Their text comes from ipc/proc.ts.

import { EIO } from '../../../uapi/errno';
import { S_IFDIR, S_IFREG } from '../../../uapi/stat';
import type { Kernel } from '../../kernel';
import { sysvipc_msg_proc_show, sysvipc_sem_proc_show, sysvipc_shm_proc_show } from '../../ipc/proc';
import type { Dentry } from '../dentry';
import type { FileOperations, InodeOperations } from '../fs';
import type { Inode } from '../inode';
import { generic_read_dir } from '../libfs';
import type { SuperBlock } from '../super';
import { dir_emit_dots, proc_fill_cache, proc_kernel, proc_lseek, proc_make_inode, proc_single_fops } from './internal';

const FILES: [string, (k: Kernel) => string][] = [
  ['msg', sysvipc_msg_proc_show],
  ['sem', sysvipc_sem_proc_show],
  ['shm', sysvipc_shm_proc_show],
];

const inodes = new WeakMap<SuperBlock, Map<string, number>>();

/** Stable inode numbers per superblock, so two lookups of one file agree. */
function inoFor(sb: SuperBlock, name: string): number {
  let m = inodes.get(sb);
  if (!m) inodes.set(sb, (m = new Map()));
  let ino = m.get(name);
  if (ino === undefined) m.set(name, (ino = sb.get_next_ino()));
  return ino;
}

function sysvipc_lookup(dir: Inode, dentry: Dentry): Inode | null {
  const f = FILES.find(([n]) => n === dentry.name);
  if (!f) return null;
  const inode = proc_make_inode(dir.sb, S_IFREG | 0o444, inoFor(dir.sb, f[0]));
  const k = proc_kernel(dir.sb);
  const show = f[1];
  inode.fop = proc_single_fops(() => show(k), () => -EIO);
  return inode;
}

const sysvipc_dir_iops: InodeOperations = { lookup: sysvipc_lookup };
const sysvipc_dir_fops: FileOperations = {
  read: generic_read_dir,
  iterate: (file, _t, ctx) => {
    if (!dir_emit_dots(file, ctx)) return 0;
    for (let i = ctx.pos - 2; i < FILES.length; i++) if (!proc_fill_cache(file, ctx, FILES[i]![0], i + 3)) return 0;
    return 0;
  },
  llseek: proc_lseek,
};

/** The /proc/sysvipc directory inode (a `dir` entry of the proc root). */
export function proc_sysvipc_inode(sb: SuperBlock): Inode {
  const inode = proc_make_inode(sb, S_IFDIR | 0o555, inoFor(sb, '.'));
  inode.nlink = 2;
  inode.iop = sysvipc_dir_iops;
  inode.fop = sysvipc_dir_fops;
  return inode;
}
