// A /proc directory of generated read-only files (fs/proc/generic.c: proc_mkdir plus
// proc_create_single for each file): /proc/sysvipc, /proc/net. Each file's text is made from kernel
// state when it is opened; the inode numbers are stable per superblock so two lookups agree.

import { EIO } from '../../../uapi/errno';
import { S_IFDIR, S_IFREG } from '../../../uapi/stat';
import type { Kernel } from '../../kernel';
import type { Dentry } from '../dentry';
import type { FileOperations, InodeOperations } from '../fs';
import type { Inode } from '../inode';
import { generic_read_dir } from '../libfs';
import type { SuperBlock } from '../super';
import { dir_emit_dots, proc_fill_cache, proc_kernel, proc_lseek, proc_make_inode, proc_single_fops } from './internal';

export type ProcShow = (k: Kernel) => string;

/** The inode maker for a directory `name` holding `files` ([name, show] in listing order). */
export function proc_files_dir(name: string, files: readonly (readonly [string, ProcShow])[]): (sb: SuperBlock) => Inode {
  const inodes = new WeakMap<SuperBlock, Map<string, number>>();
  const inoFor = (sb: SuperBlock, entry: string): number => {
    let m = inodes.get(sb);
    if (!m) inodes.set(sb, (m = new Map()));
    let ino = m.get(entry);
    if (ino === undefined) m.set(entry, (ino = sb.get_next_ino()));
    return ino;
  };
  const iops: InodeOperations = {
    lookup(dir: Inode, dentry: Dentry): Inode | null {
      const f = files.find(([n]) => n === dentry.name);
      if (!f) return null;
      const inode = proc_make_inode(dir.sb, S_IFREG | 0o444, inoFor(dir.sb, f[0]));
      const k = proc_kernel(dir.sb);
      const show = f[1];
      inode.fop = proc_single_fops(() => show(k), () => -EIO);
      return inode;
    },
  };
  const fops: FileOperations = {
    read: generic_read_dir,
    iterate: (file, _t, ctx) => {
      if (!dir_emit_dots(file, ctx)) return 0;
      for (let i = ctx.pos - 2; i < files.length; i++) if (!proc_fill_cache(file, ctx, files[i]![0], i + 3)) return 0;
      return 0;
    },
    llseek: proc_lseek,
  };
  return (sb) => {
    const inode = proc_make_inode(sb, S_IFDIR | 0o555, inoFor(sb, `${name}/`));
    inode.nlink = 2;
    inode.iop = iops;
    inode.fop = fops;
    return inode;
  };
}
