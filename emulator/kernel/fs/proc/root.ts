// procfs itself (fs/proc/root.c, generic.c, self.c, thread_self.c): the filesystem type "proc"
// and its root directory, the /proc everyone mounts.
//
// The root lists, in this order (what `ls -f /proc` shows on Linux):
//   - the kernel-wide files (uptime, meminfo, stat, …), shortest names first as Linux keeps them;
//   - "self", a symlink to the reader's own process directory, and "thread-self" to its thread's —
//     so the same path names a different place for every process that follows it;
//   - one directory per process, by pid (threads are not listed, but /proc/<tid> still works).
// Nothing is stored: each name is resolved against the kernel's task table when looked up, and
// each file's text is made when it is opened.
//
// Readdir positions (the d_off that lets a listing continue later, or after lseek): the fixed
// entries count from 2, "self" is 256 (FIRST_PROCESS_ENTRY), "thread-self" 257, and a process is
// 258 + its pid, so a listing resumed after processes came and went neither skips nor repeats one.

import { EINVAL, EIO, ENOENT } from '../../../uapi/errno';
import { PAGE_SIZE } from '../../../uapi/mman';
import { S_IFDIR, S_IFLNK, S_IFREG } from '../../../uapi/stat';
import type { Kernel } from '../../kernel';
import type { Task } from '../../sched/task';
import { d_make_root, type Dentry } from '../dentry';
import type { File } from '../file';
import type { DirContext, FileOperations, InodeOperations } from '../fs';
import type { Inode } from '../inode';
import { generic_read_dir } from '../libfs';
import { register_filesystem, SuperBlock, type FileSystemType, type Kstatfs } from '../super';
import { kernel_vfs, type Vfs } from '../vfs';
import { partitions_proc_show } from '../../block/genhd';
import { proc_pid_instantiate, proc_prune_dentries } from './base';
import { cmdline_proc_show } from './cmdline';
import { cpuinfo_proc_show } from './cpuinfo';
import { devices_proc_show } from './devices';
import { interrupts_proc_show, softirqs_proc_show } from './interrupts';
import { misc_proc_show } from './misc';
import { cgroups_proc_show, swaps_proc_show } from './swaps_cgroups';
import { filesystems_proc_show } from './filesystems';
import {
  dir_emit_dots, PROC_DYNAMIC_FIRST, proc_fill_cache, proc_kernel, proc_lseek, proc_make_inode, PROC_ROOT_INO,
  proc_single_fops, PROC_SUPER_MAGIC, type ProcFsInfo,
} from './internal';
import { loadavg_proc_show } from './loadavg';
import { meminfo_proc_show } from './meminfo';
import { stat_proc_show } from './stat';
import { proc_sys_root_inode } from './proc_sysctl';
import { proc_tty_inode } from './proc_tty';
import { proc_kmsg_inode } from './kmsg';
import { proc_sysvipc_inode } from './sysvipc';
import { proc_net_inode } from './proc_net';
import { uptime_proc_show } from './uptime';
import { version_proc_show } from './version';

/** Where process entries begin in the root's readdir positions, and the first pid's offset. */
const FIRST_PROCESS_ENTRY = 256;
const TGID_OFFSET = FIRST_PROCESS_ENTRY + 2;

/** A fixed entry of /proc (struct proc_dir_entry): a generated file, or a plain symlink. */
interface ProcRootEntry {
  name: string;
  show?: (k: Kernel, reader: Task) => string;
  symlink?: string;
  /** A directory with its own operations (/proc/sys). */
  dir?: (sb: SuperBlock) => Inode;
}

/** The entries in the order they are registered (which gives their inode numbers). */
const registered: ProcRootEntry[] = [
  { name: 'filesystems', show: filesystems_proc_show },
  { name: 'cpuinfo', show: cpuinfo_proc_show },
  { name: 'meminfo', show: meminfo_proc_show },
  { name: 'stat', show: stat_proc_show },
  { name: 'uptime', show: uptime_proc_show },
  { name: 'version', show: version_proc_show },
  { name: 'loadavg', show: loadavg_proc_show },
  // /proc/mounts is the reader's own mount table.
  { name: 'mounts', symlink: 'self/mounts' },
  { name: 'sys', dir: proc_sys_root_inode },
  // The block layer's disks and partitions (block/genhd.c).
  { name: 'partitions', show: partitions_proc_show },
  { name: 'interrupts', show: interrupts_proc_show },
  { name: 'softirqs', show: softirqs_proc_show },
  { name: 'devices', show: devices_proc_show },
  { name: 'misc', show: misc_proc_show },
  { name: 'cmdline', show: cmdline_proc_show },
  { name: 'swaps', show: swaps_proc_show },
  { name: 'cgroups', show: cgroups_proc_show },
  // The terminal drivers and line disciplines (fs/proc/proc_tty.c).
  { name: 'tty', dir: proc_tty_inode },
  // The kernel log for klogd (fs/proc/kmsg.c).
  { name: 'kmsg', dir: proc_kmsg_inode },
  // The SysV IPC tables (ipc/util.c).
  { name: 'sysvipc', dir: proc_sysvipc_inode },
  { name: 'net', dir: proc_net_inode },
];

/** The order readdir lists them: Linux's rbtree of names compares lengths first, then bytes. */
const proc_root_entries = [...registered].sort((a, b) => a.name.length - b.name.length || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

/** A symlink whose target depends on who follows it (self, thread-self). */
function dynamic_symlink(sb: SuperBlock, target: (t: Task) => string): Inode {
  const inode = proc_make_inode(sb, S_IFLNK | 0o777);
  // A reader that is no process (a kernel thread: tgid 0) has no self (proc_self_get_link: ENOENT).
  const link = (t: Task | null) => (t && t.tgid ? target(t) : -ENOENT);
  inode.iop = { get_link: (_d, _i, t) => link(t), readlink: (_d, t) => link(t) };
  return inode;
}

/** proc_lookup for the fixed entries: a fresh inode with the entry's fixed number. */
function proc_root_entry_inode(sb: SuperBlock, e: ProcRootEntry): Inode {
  const ino = PROC_DYNAMIC_FIRST + registered.indexOf(e);
  if (e.dir) return e.dir(sb);
  if (e.symlink !== undefined) {
    const inode = proc_make_inode(sb, S_IFLNK | 0o777, ino);
    const target = e.symlink;
    inode.size = target.length;
    inode.iop = { get_link: () => target };
    return inode;
  }
  const inode = proc_make_inode(sb, S_IFREG | 0o444, ino);
  const show = e.show!;
  const k = proc_kernel(sb);
  // proc_reg_write: a kernel-wide file without a write method answers EIO.
  inode.fop = proc_single_fops((reader) => show(k, reader), () => -EIO);
  return inode;
}

/** proc_root_lookup: a pid first (proc_pid_lookup), then self/thread-self, then the fixed entries. */
function proc_root_lookup(dir: Inode, dentry: Dentry): Inode | null {
  const k = proc_kernel(dir.sb);
  const name = dentry.name;
  proc_prune_dentries(dentry.parent);
  if (/^[1-9]\d{0,9}$/.test(name)) {
    const task = k.tasks.get(Number(name));
    return task ? proc_pid_instantiate(dir, dentry, task) : null;
  }
  if (name === 'self') return dynamic_symlink(dir.sb, (t) => String(t.tgid));
  if (name === 'thread-self') return dynamic_symlink(dir.sb, (t) => `${t.tgid}/task/${t.tid}`);
  const e = proc_root_entries.find((x) => x.name === name);
  return e ? proc_root_entry_inode(dir.sb, e) : null;
}

/** The processes /proc lists: one per thread group, by pid. */
function proc_pids(k: Kernel): number[] {
  const pids: number[] = [];
  for (const t of k.tasks.values()) if (t.isLeader) pids.push(t.tgid);
  return pids.sort((a, b) => a - b);
}

/** proc_root_readdir + proc_pid_readdir. */
function proc_root_readdir(file: File, _t: Task, ctx: DirContext): number {
  const k = proc_kernel(file.inode.sb);
  proc_prune_dentries(file.path.dentry);
  if (!dir_emit_dots(file, ctx)) return 0;
  for (let i = ctx.pos - 2; i < proc_root_entries.length && ctx.pos < FIRST_PROCESS_ENTRY; i++) {
    if (!proc_fill_cache(file, ctx, proc_root_entries[i]!.name, i + 3)) return 0;
  }
  if (ctx.pos < FIRST_PROCESS_ENTRY) ctx.pos = FIRST_PROCESS_ENTRY;
  if (ctx.pos === FIRST_PROCESS_ENTRY && !proc_fill_cache(file, ctx, 'self', FIRST_PROCESS_ENTRY + 1)) return 0;
  if (ctx.pos === FIRST_PROCESS_ENTRY + 1 && !proc_fill_cache(file, ctx, 'thread-self', TGID_OFFSET)) return 0;
  for (const pid of proc_pids(k)) {
    if (pid + TGID_OFFSET < ctx.pos) continue;
    if (!proc_fill_cache(file, ctx, String(pid), pid + TGID_OFFSET + 1)) return 0;
  }
  return 0;
}

const proc_root_inode_operations: InodeOperations = {
  lookup: proc_root_lookup,
  // proc_root_getattr: two links, plus one per process (each pid directory's "..").
  getattr(path, stat) {
    stat.nlink = 2 + proc_pids(proc_kernel(path.dentry.inode!.sb)).length;
    return 0;
  },
};

const proc_root_operations: FileOperations = {
  read: generic_read_dir,
  iterate: proc_root_readdir,
  llseek: proc_lseek,
};

/** simple_statfs: procfs has no blocks and no inode limit. */
function proc_statfs(): Kstatfs {
  return { type: PROC_SUPER_MAGIC, bsize: PAGE_SIZE, frsize: PAGE_SIZE, namelen: 255, blocks: 0, bfree: 0, bavail: 0, files: 0, ffree: 0, flags: 0 };
}

/**
 * proc_fill_super: a new instance (each mount of proc is its own superblock, as on Linux ≥ 5.8).
 * Simplified: the hidepid=, subset= and gid= options are not implemented (EINVAL).
 */
function proc_fill_super(type: FileSystemType, vfs: Vfs, kernel: Kernel, data: string): SuperBlock | number {
  for (const opt of data.split(',')) if (opt !== '' && opt !== 'rw' && opt !== 'ro') return -EINVAL;
  const sb = new SuperBlock(type, vfs.get_anon_bdev(), vfs);
  sb.magic = PROC_SUPER_MAGIC;
  sb.blocksize = 1024;
  sb.fsInfo = { kernel } satisfies ProcFsInfo;
  sb.op = { statfs: proc_statfs };
  sb.get_next_ino(); // inode 1 is the root's (PROC_ROOT_INO)
  const root = proc_make_inode(sb, S_IFDIR | 0o555, PROC_ROOT_INO);
  root.iop = proc_root_inode_operations;
  root.fop = proc_root_operations;
  sb.root = d_make_root(root);
  return sb;
}

/** The "proc" filesystem type of one machine (it needs the machine's kernel to show). */
export function proc_fs_type(kernel: Kernel): FileSystemType {
  const type: FileSystemType = {
    name: 'proc',
    requiresDev: false,
    mount: (vfs, _devname, _flags, data) => proc_fill_super(type, vfs, kernel, data),
  };
  return type;
}

/** proc_root_init: make "proc" known to mount(2). Call after vfs_init. */
export function proc_init(kernel: Kernel): void {
  register_filesystem(kernel_vfs(kernel), proc_fs_type(kernel));
}
