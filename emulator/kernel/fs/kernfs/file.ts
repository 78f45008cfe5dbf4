// Open kernfs files (fs/kernfs/file.c) and directory listing (dir.c's kernfs_fop_readdir).
//
// An attribute file is a seq_file over one show(): reading at position 0 asks the attribute for
// its text (at most a page), later reads continue in that text, and seeking back to 0 asks again.
// Each write(2) is one store() of at most a page, whatever the position. Opening for reading an
// attribute without show, or for writing one without store (or without any w bit), is EACCES —
// for root too, unlike a regular file. Once the node is removed its open files give ENODEV.

import { EACCES, EINVAL, ENODEV } from '../../../uapi/errno';
import { O_ACCMODE, O_RDONLY, O_WRONLY, SEEK_CUR, SEEK_SET } from '../../../uapi/fcntl';
import { dtFromMode, S_IFDIR } from '../../../uapi/stat';
import type { File } from '../file';
import { DEFAULT_POLLMASK, poll_wait, type DirContext, type FileOperations, type FilePos, type PollTable } from '../fs';
import { POLLERR, POLLPRI } from '../../../uapi/poll';
import { WaitQueue } from '../../sched/waitqueue';
import { bytesOf, generic_read_dir, simple_read_from_buffer, stringOf, vfs_setpos } from '../libfs';
import { kernfs_dir_next_pos, kernfs_dir_pos, type KernfsNode } from './dir';
import { kernfs_get_inode, kernfs_node_of } from './inode';

/** The most one show returns or one store receives (PAGE_SIZE). */
export const KERNFS_PAGE = 4096;
/** Where readdir ends: past every hash (INT_MAX). */
const KERNFS_EOD = 0x7fffffff;

/** struct kernfs_open_file: the text of the last show, and the node's event count it saw. */
interface KernfsOpenFile {
  kn: KernfsNode;
  buf: Uint8Array | null;
  event: number;
}

function of(file: File): KernfsOpenFile {
  return file.private_data as KernfsOpenFile;
}

const S_IRUGO = 0o444, S_IWUGO = 0o222;

/** kernfs_fop_open: the attribute must be able to do what the open asks. */
function kernfs_fop_open(inode: import('../inode').Inode, file: File): number {
  const kn = kernfs_node_of(inode);
  if (!kn.active) return -ENODEV;
  const acc = file.f_flags & O_ACCMODE;
  const wantRead = acc !== O_WRONLY;
  const wantWrite = acc !== O_RDONLY;
  const ops = kn.ops;
  if (wantRead && (!(kn.mode & S_IRUGO) || !ops?.show)) return -EACCES;
  if (wantWrite && (!(kn.mode & S_IWUGO) || !ops?.store)) return -EACCES;
  file.private_data = { kn, buf: null, event: kn.event } satisfies KernfsOpenFile;
  return 0;
}

/** kernfs_fop_read_iter → seq_read → sysfs_kf_seq_show. */
function kernfs_fop_read(file: File, _t: unknown, count: number, ppos: FilePos): Uint8Array | number {
  const o = of(file);
  if (!o.kn.active) return -ENODEV;
  if (ppos.pos === 0 || !o.buf) {
    o.event = o.kn.event;
    const text = o.kn.ops!.show!(o.kn);
    if (typeof text === 'number') return text;
    // Linux warns when a show fills more than a page and keeps only the page.
    o.buf = bytesOf(text.length > KERNFS_PAGE ? text.slice(0, KERNFS_PAGE) : text);
  }
  return simple_read_from_buffer(o.buf, count, ppos);
}

/** kernfs_fop_write_iter → sysfs_kf_write: one store of up to a page. */
function kernfs_fop_write(file: File, _t: unknown, data: Uint8Array, ppos: FilePos): number {
  const o = of(file);
  if (!o.kn.active) return -ENODEV;
  const len = Math.min(data.length, KERNFS_PAGE);
  if (len === 0) return 0;
  const r = o.kn.ops!.store!(o.kn, stringOf(data.subarray(0, len)));
  if (r > 0) ppos.pos += r;
  o.buf = null;
  return r;
}

/** seq_lseek. */
function kernfs_fop_llseek(file: File, offset: number, whence: number): number {
  if (whence === SEEK_SET) return vfs_setpos(file, offset);
  if (whence === SEEK_CUR) return vfs_setpos(file, file.pos + offset);
  return -EINVAL;
}

/**
 * kernfs_fop_poll: always readable and writable; POLLERR|POLLPRI too once the attribute changed
 * (sysfs_notify) since this file last read it from the start — how a program sleeps in poll()
 * until a sysfs value changes, then seeks to 0 and reads it again.
 */
function kernfs_fop_poll(file: File, _t: unknown, pt: PollTable | null): number {
  const o = of(file);
  const kn = o.kn;
  poll_wait(pt, (kn.poll ??= new WaitQueue()));
  if (!kn.active) return DEFAULT_POLLMASK | POLLERR | POLLPRI;
  return o.event !== kn.event ? DEFAULT_POLLMASK | POLLERR | POLLPRI : DEFAULT_POLLMASK;
}

export const kernfs_file_fops: FileOperations = {
  open: (inode, file) => kernfs_fop_open(inode, file),
  read: (file, t, count, ppos) => kernfs_fop_read(file, t, count, ppos),
  write: (file, t, data, ppos) => kernfs_fop_write(file, t, data, ppos),
  llseek: kernfs_fop_llseek,
  poll: (file, t, pt) => kernfs_fop_poll(file, t, pt),
};

/**
 * kernfs_fop_readdir: ".", "..", then the children in (hash, name) order. As on Linux, the
 * position is the hash of the next entry to list, and the file remembers that entry too, so a
 * listing resumes at the right place even when two names share a hash, and stays correct while
 * entries come and go.
 */
function kernfs_fop_readdir(file: File, _t: unknown, ctx: DirContext): number {
  const d = file.path.dentry;
  const kn = kernfs_node_of(d.inode!);
  if (ctx.pos === 0) {
    if (!ctx.emit('.', d.inode!.ino, dtFromMode(S_IFDIR))) return 0;
    ctx.pos = 1;
  }
  if (ctx.pos === 1) {
    if (!ctx.emit('..', d.parent.inode!.ino, dtFromMode(S_IFDIR))) return 0;
    ctx.pos = 2;
  }
  for (let pos = kernfs_dir_pos(kn, ctx.pos, file.private_data as KernfsNode | null); pos; pos = kernfs_dir_next_pos(pos)) {
    ctx.pos = pos.hash;
    file.private_data = pos;
    // Make sure the inode exists (its number is the node's anyway).
    kernfs_get_inode(d.sb, pos);
    if (!ctx.emit(pos.name, pos.ino, dtFromMode(pos.mode))) return 0;
  }
  file.private_data = null;
  ctx.pos = KERNFS_EOD;
  return 0;
}

export const kernfs_dir_fops: FileOperations = {
  read: generic_read_dir,
  iterate: kernfs_fop_readdir,
  llseek: kernfs_fop_llseek,
};
