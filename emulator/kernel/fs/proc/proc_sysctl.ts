// /proc/sys (fs/proc/proc_sysctl.c): the sysctl tree (kernel/sysctl.ts) as directories and files.
//
// Each directory of the tree is a directory here and each table entry a file with the entry's
// mode, owned by root, of size 0. A read or write goes straight to the entry's handler
// (proc_sys_call_handler), which formats or parses the value — nothing is cached between opens,
// so a value changed by a write, or by the kernel, is what the next read shows.
//
// Permissions are sysctl's own (proc_sys_permission → test_perm), not the usual ones: root gets
// the owner bits and nobody is above them, so even root cannot write a 0444 file (EACCES); a
// member of group 0 gets the group bits, everyone else the "other" bits.

import { EACCES, EINVAL, ENOENT } from '../../../uapi/errno';
import { S_IFDIR, S_IFREG } from '../../../uapi/stat';
import type { Kernel } from '../../kernel';
import type { Task } from '../../sched/task';
import type { Cred } from '../../security/cred';
import { is_ctl_dir, sysctl_root, type CtlDir, type CtlTable, type SysctlBuffer } from '../../sysctl';
import '../../sysctl_tables';
import type { Dentry } from '../dentry';
import type { File } from '../file';
import { MAY_EXEC, MAY_READ, MAY_WRITE, type DirContext, type FileOperations, type FilePos, type InodeOperations } from '../fs';
import type { Inode } from '../inode';
import { bytesOf, generic_file_llseek_size, generic_read_dir } from '../libfs';
import type { SuperBlock } from '../super';
import { dir_emit_dots, proc_fill_cache, proc_kernel, proc_lseek, proc_make_inode } from './internal';

/** The tree entry an inode of /proc/sys stands for (PROC_I(inode)->sysctl_entry). */
function sysctl_entry(inode: Inode): CtlDir | CtlTable {
  return (inode.private as { sysctl: CtlDir | CtlTable }).sysctl;
}

/** test_perm: the rwx bits that apply to `cred` (owner bits for root, group bits for group 0). */
function test_perm(mode: number, cred: Cred, mask: number): number {
  if (cred.euid === 0) mode >>= 6;
  else if (cred.egid === 0 || cred.groups.includes(0)) mode >>= 3;
  return (mask & ~mode & (MAY_READ | MAY_WRITE | MAY_EXEC)) === 0 ? 0 : -EACCES;
}

/** proc_sys_permission: files are never executable; directories are r-x for everyone. */
function proc_sys_permission(inode: Inode, mask: number, cred: Cred): number {
  const e = sysctl_entry(inode);
  if (is_ctl_dir(e)) return mask & MAY_WRITE ? -EACCES : 0;
  if (mask & MAY_EXEC) return -EACCES;
  return test_perm(e.mode, cred, mask);
}

/**
 * proc_sys_call_handler: check the permission again (the opener's, for this direction), hand the
 * bytes to the handler, and give back what it produced or how much it took.
 */
function proc_sys_call_handler(file: File, t: Task, write: boolean, data: Uint8Array, count: number, ppos: FilePos): Uint8Array | number {
  const table = sysctl_entry(file.inode);
  if (is_ctl_dir(table)) return -EINVAL;
  const r = test_perm(table.mode, t.cred, write ? MAY_WRITE : MAY_READ);
  if (r < 0) return r;
  const buf: SysctlBuffer = { input: data, output: '', len: count };
  const err = table.proc_handler(table, write, buf, ppos, t);
  if (err < 0) return err;
  return write ? buf.len : bytesOf(buf.output);
}

const proc_sys_file_operations: FileOperations = {
  read: (file, t, count, ppos) => proc_sys_call_handler(file, t, false, new Uint8Array(0), count, ppos),
  write(file, t, data, ppos) {
    const r = proc_sys_call_handler(file, t, true, data, data.length, ppos);
    return typeof r === 'number' ? r : -EINVAL;
  },
  // default_llseek: any position; SEEK_END is relative to the size, which is 0.
  llseek: (file, offset, whence) => generic_file_llseek_size(file, offset, whence, 0),
};

/** The entries of a directory in the order readdir gives them (the rbtree's: by name, bytewise). */
function sorted_entries(dir: CtlDir): (CtlDir | CtlTable)[] {
  const name = (e: CtlDir | CtlTable) => (is_ctl_dir(e) ? e.name : e.procname);
  return [...dir.entries.values()].sort((a, b) => (name(a) < name(b) ? -1 : name(a) > name(b) ? 1 : 0));
}

function proc_sys_lookup(dir: Inode, dentry: Dentry): Inode | null {
  const e = sysctl_entry(dir);
  if (!is_ctl_dir(e)) return null;
  const child = e.entries.get(dentry.name);
  return child ? proc_sys_make_inode(dir.sb, child) : null;
}

function proc_sys_readdir(file: File, _t: Task, ctx: DirContext): number {
  const e = sysctl_entry(file.inode);
  if (!is_ctl_dir(e)) return -ENOENT;
  if (!dir_emit_dots(file, ctx)) return 0;
  const entries = sorted_entries(e);
  for (let i = ctx.pos - 2; i < entries.length; i++) {
    const x = entries[i]!;
    if (!proc_fill_cache(file, ctx, is_ctl_dir(x) ? x.name : x.procname, i + 3)) return 0;
  }
  return 0;
}

const proc_sys_dir_operations: FileOperations = { read: generic_read_dir, iterate: proc_sys_readdir, llseek: proc_lseek };
const proc_sys_dir_inode_operations: InodeOperations = { lookup: proc_sys_lookup, permission: proc_sys_permission };
const proc_sys_inode_operations: InodeOperations = { permission: proc_sys_permission };

/** proc_sys_make_inode: a directory (dr-xr-xr-x, one link as on Linux) or a file with the table's mode. */
function proc_sys_make_inode(sb: SuperBlock, e: CtlDir | CtlTable): Inode {
  const dir = is_ctl_dir(e);
  const inode = proc_make_inode(sb, dir ? S_IFDIR | 0o555 : S_IFREG | (e.mode & 0o777));
  inode.private = { task: null, fd: -1, tgid: true, sysctl: e };
  if (dir) {
    inode.nlink = 1;
    inode.iop = proc_sys_dir_inode_operations;
    inode.fop = proc_sys_dir_operations;
  } else {
    inode.iop = proc_sys_inode_operations;
    inode.fop = proc_sys_file_operations;
  }
  return inode;
}

/** The inode of /proc/sys itself (proc_sys_init registers it as "sys" in /proc). */
export function proc_sys_root_inode(sb: SuperBlock, k: Kernel = proc_kernel(sb)): Inode {
  return proc_sys_make_inode(sb, sysctl_root(k));
}
