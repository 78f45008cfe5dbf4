// getdents64 and getdents (fs/readdir.c): ask the directory's iterate method for entries from the
// file position on, packing them into the caller's buffer as struct linux_dirent64 (or the old
// struct linux_dirent). Each record's d_off is the position just after it — what lseek takes to
// continue from there. A buffer too small for even one record is EINVAL.

import { EBADF, EFAULT, EINVAL, ENOENT, ENOTDIR } from '../../uapi/errno';
import { DIRENT, DIRENT64 } from '../../uapi/stat';
import { copy_to_user, StructWriter } from '../mm/uaccess';
import type { Task } from '../sched/task';
import type { SyscallGroup } from '../syscalls/types';
import { touch_atime } from './attr';
import { fget, type File } from './file';
import type { DirContext } from './fs';
import { access_ok } from './read_write';

/** One record being laid out: its bytes and where its d_off goes. */
interface Packed {
  bytes: Uint8Array;
  offField: number;
}

/** iterate_dir: run the directory's iterate method with `ctx` (ENOENT once the directory is removed). */
export function iterate_dir(t: Task, file: File, ctx: DirContext): number {
  const inode = file.inode;
  if (!file.fop.iterate) return -ENOTDIR;
  if (inode.nlink === 0) return -ENOENT;
  const err = file.fop.iterate(file, t, ctx);
  file.pos = ctx.pos;
  touch_atime(file.path);
  return err;
}

/** Lay out one record, 64-bit or old style. */
function pack(name: string, ino: number, dtype: number, wide: boolean): Packed {
  if (wide) {
    const reclen = (DIRENT64.name + name.length + 1 + 7) & ~7;
    const w = new StructWriter(reclen);
    w.u64(DIRENT64.ino, ino).u16(DIRENT64.reclen, reclen).u8(DIRENT64.type, dtype);
    for (let i = 0; i < name.length; i++) w.bytes[DIRENT64.name + i] = name.charCodeAt(i) & 0xff;
    return { bytes: w.bytes, offField: DIRENT64.off };
  }
  // The old record keeps d_type in its last byte, after the name's NUL.
  const reclen = (DIRENT.name + name.length + 2 + 7) & ~7;
  const w = new StructWriter(reclen);
  w.u64(DIRENT.ino, ino).u16(DIRENT.reclen, reclen).u8(reclen - 1, dtype);
  for (let i = 0; i < name.length; i++) w.bytes[DIRENT.name + i] = name.charCodeAt(i) & 0xff;
  return { bytes: w.bytes, offField: DIRENT.off };
}

function do_getdents(t: Task, fd: number, dirent: number, count: number, wide: boolean): number {
  const file = fget(t, fd | 0);
  if (!file) return -EBADF;
  count >>>= 0;
  if (!access_ok(dirent, count)) return -EFAULT;
  const records: Packed[] = [];
  let used = 0;
  let error = 0;
  const ctx: DirContext = {
    pos: file.pos,
    emit(name, ino, dtype) {
      const rec = pack(name, ino, dtype, wide);
      if (used + rec.bytes.length > count) {
        if (records.length === 0) error = -EINVAL;
        return false;
      }
      // The previous record continues at the position of this one.
      const prev = records[records.length - 1];
      if (prev) new DataView(prev.bytes.buffer).setBigInt64(prev.offField, BigInt(ctx.pos), true);
      records.push(rec);
      used += rec.bytes.length;
      return true;
    },
  };
  const err = iterate_dir(t, file, ctx);
  if (err) return err;
  if (error) return error;
  const last = records[records.length - 1];
  if (last) new DataView(last.bytes.buffer).setBigInt64(last.offField, BigInt(file.pos), true);
  const out = new Uint8Array(used);
  let off = 0;
  for (const r of records) {
    out.set(r.bytes, off);
    off += r.bytes.length;
  }
  return copy_to_user(t, dirent, out) < 0 ? -EFAULT : used;
}

export function sys_getdents64(t: Task, fd: number, dirent: number, count: number): number {
  return do_getdents(t, fd, dirent, count, true);
}

export function sys_getdents(t: Task, fd: number, dirent: number, count: number): number {
  return do_getdents(t, fd, dirent, count, false);
}

export const readdirSyscalls: SyscallGroup = {
  getdents64: sys_getdents64,
  getdents: sys_getdents,
};
