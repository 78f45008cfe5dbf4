// debugfs (fs/debugfs/inode.c, file.c): a filesystem where kernel code puts files for debugging,
// mounted at /sys/kernel/debug (mode 0700, root only). Its tree is made by the kernel with
// debugfs_create_dir/debugfs_create_file before anyone mounts it, and every mount shows the same
// superblock (mount_single). tracefs (fs/tracefs/inode.c) is a copy of the same code with its own
// type and magic; both use the helpers here.
//
// As in Linux the dentry cache *is* the tree: a directory's children are exactly its entries, so
// lookup never has to ask anything (a name not cached does not exist).

import { EINVAL } from '../../../uapi/errno';
import { O_ACCMODE, O_TRUNC, O_WRONLY } from '../../../uapi/fcntl';
import { S_IFDIR, S_IFREG } from '../../../uapi/stat';
import type { Kernel } from '../../kernel';
import type { Task } from '../../sched/task';
import { d_add, d_alloc, d_delete, d_instantiate, d_make_root, type Dentry } from '../dentry';
import type { File } from '../file';
import type { DirContext, FileOperations, FilePos, InodeOperations } from '../fs';
import { new_inode, type Inode } from '../inode';
import { bytesOf, dcache_readdir, generic_file_llseek_size, generic_read_dir, simple_read_from_buffer, stringOf } from '../libfs';
import { register_filesystem, SuperBlock, type FileSystemType, type Kstatfs } from '../super';
import { kernel_vfs, type Vfs } from '../vfs';

export const DEBUGFS_MAGIC = 0x64626720;

/** dcache_readdir, in the order the entries were made. */
function debugfs_readdir(file: File, _t: Task, ctx: DirContext): number {
  return dcache_readdir(file, ctx, false);
}

export const simple_dir_operations: FileOperations = {
  read: generic_read_dir,
  iterate: debugfs_readdir,
  llseek: (file, offset, whence) => generic_file_llseek_size(file, offset, whence, Number.MAX_SAFE_INTEGER),
};

/** simple_dir_inode_operations: the dcache has every name; anything else does not exist. */
export const simple_dir_inode_operations: InodeOperations = { lookup: () => null };

/** One superblock per filesystem type and machine (get_tree_single). */
const singles = new WeakMap<Vfs, Map<string, SuperBlock>>();

/** The superblock of a single-instance pseudo filesystem, made on first use. */
export function pseudo_single_sb(vfs: Vfs, type: FileSystemType, magic: number, rootMode: number): SuperBlock {
  let m = singles.get(vfs);
  if (!m) singles.set(vfs, (m = new Map()));
  let sb = m.get(type.name);
  if (!sb) {
    sb = new SuperBlock(type, vfs.get_anon_bdev(), vfs);
    sb.magic = magic;
    sb.op = { statfs: (s) => simple_statfs(s) };
    const root = new_inode(sb);
    root.mode = S_IFDIR | rootMode;
    root.nlink = 2;
    root.iop = simple_dir_inode_operations;
    root.fop = simple_dir_operations;
    sb.root = d_make_root(root);
    m.set(type.name, sb);
  }
  return sb;
}

function simple_statfs(sb: SuperBlock): Kstatfs {
  return { type: sb.magic, bsize: 4096, blocks: 0, bfree: 0, bavail: 0, files: 0, ffree: 0, namelen: 255, frsize: 4096, flags: 0 };
}

/** debugfs_create_dir / tracefs_create_dir: a directory under `parent`. */
export function pseudo_create_dir(parent: Dentry, name: string, mode: number, iop: InodeOperations = simple_dir_inode_operations): Dentry {
  const existing = parent.children.get(name);
  if (existing) return existing;
  const inode = new_inode(parent.sb);
  inode.mode = S_IFDIR | mode;
  inode.nlink = 2;
  inode.iop = iop;
  inode.fop = simple_dir_operations;
  const d = d_alloc(parent, name);
  d_instantiate(d, inode);
  d_add(d);
  parent.inode!.nlink++;
  return d;
}

/** debugfs_create_file: a file whose operations (and i_private `data`) the caller gives. */
export function pseudo_create_file(parent: Dentry, name: string, mode: number, fops: FileOperations, data: unknown = null): Dentry {
  const inode = new_inode(parent.sb);
  inode.mode = S_IFREG | mode;
  inode.fop = fops;
  inode.private = data;
  const d = d_alloc(parent, name);
  d_instantiate(d, inode);
  d_add(d);
  return d;
}

/** debugfs_remove: a file, or a directory with everything below it. */
export function pseudo_remove(d: Dentry): void {
  for (const c of [...d.children.values()]) pseudo_remove(c);
  if (d.inode && (d.inode.mode & S_IFDIR) === S_IFDIR && !d.isRoot) d.parent.inode!.nlink--;
  d_delete(d);
  if (d.inode) d.inode.nlink = 0;
}

/**
 * An attribute file (DEFINE_SHOW_ATTRIBUTE + a write handler): the text is made at open (and
 * served from that snapshot, as seq_file does), each write(2) hands its bytes to `store`.
 */
export interface AttrOps {
  show?(kernel: Kernel, inode: Inode): string;
  /** Bytes consumed or -errno; `trunc` tells an O_TRUNC open (">" in the shell). */
  store?(kernel: Kernel, inode: Inode, value: string, file: File): number;
  /** An O_TRUNC open for writing (trace: clear the buffer; set_ftrace_pid: forget the pids). */
  truncate?(kernel: Kernel, inode: Inode): void;
}

export function attr_fops(ops: AttrOps): FileOperations {
  return {
    open: (inode, file, t) => {
      const acc = file.f_flags & O_ACCMODE;
      if (acc !== O_WRONLY && ops.show) file.private_data = bytesOf(ops.show(t.kernel, inode));
      else file.private_data = new Uint8Array(0);
      if (acc !== 0 && file.f_flags & O_TRUNC) ops.truncate?.(t.kernel, inode);
      return 0;
    },
    read: (file, _t, count, ppos: FilePos) => simple_read_from_buffer(file.private_data as Uint8Array, count, ppos),
    write: (file, t, data, ppos: FilePos) => {
      if (!ops.store) return -EINVAL;
      const r = ops.store(t.kernel, file.inode, stringOf(data), file);
      if (r >= 0) ppos.pos += data.length;
      return r < 0 ? r : data.length;
    },
    llseek: (file, offset, whence) => generic_file_llseek_size(file, offset, whence, (file.private_data as Uint8Array | null)?.length ?? 0),
  };
}

// ---- debugfs itself ----

export const debugfs_fs_type: FileSystemType = {
  name: 'debugfs',
  requiresDev: false,
  mount: (vfs) => pseudo_single_sb(vfs, debugfs_fs_type, DEBUGFS_MAGIC, 0o700),
};

/** The root of the machine's debugfs (debugfs_create_* with a NULL parent). */
export function debugfs_root(kernel: Kernel): Dentry {
  const vfs = kernel_vfs(kernel);
  return pseudo_single_sb(vfs, debugfs_fs_type, DEBUGFS_MAGIC, 0o700).root;
}

/** debugfs_init: register the type (its mount point /sys/kernel/debug belongs to sysfs). */
export function debugfs_init(kernel: Kernel): number {
  return register_filesystem(kernel_vfs(kernel), debugfs_fs_type);
}
