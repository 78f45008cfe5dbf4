// Helpers most filesystems share (fs/libfs.c, fs/read_write.c): seeking by size, reading out of a
// kernel buffer, the answer a directory gives to read(2).

import { EINVAL, EISDIR, ENXIO } from '../../uapi/errno';
import { SEEK_CUR, SEEK_DATA, SEEK_END, SEEK_HOLE, SEEK_SET } from '../../uapi/fcntl';
import type { File } from './file';
import type { FilePos } from './fs';

/** The largest file offset we allow (MAX_LFS_FILESIZE is 2^63-1; JavaScript numbers stop at 2^53). */
export const MAX_LFS_FILESIZE = Number.MAX_SAFE_INTEGER;

/** vfs_setpos: accept a new position if it is not negative and not past `max`. */
export function vfs_setpos(file: File, offset: number, max = MAX_LFS_FILESIZE): number {
  if (offset < 0 || offset > max) return -EINVAL;
  file.pos = offset;
  return offset;
}

/**
 * generic_file_llseek_size: SEEK_SET, SEEK_CUR, SEEK_END against `eof`, and SEEK_DATA/SEEK_HOLE
 * for a file without holes (all data up to eof, then the one hole at eof).
 */
export function generic_file_llseek_size(file: File, offset: number, whence: number, eof: number): number {
  switch (whence) {
    case SEEK_SET:
      return vfs_setpos(file, offset);
    case SEEK_CUR:
      return vfs_setpos(file, file.pos + offset);
    case SEEK_END:
      return vfs_setpos(file, eof + offset);
    case SEEK_DATA:
      if (offset < 0 || offset >= eof) return -ENXIO;
      return vfs_setpos(file, offset);
    case SEEK_HOLE:
      if (offset < 0 || offset >= eof) return -ENXIO;
      return vfs_setpos(file, eof);
    default:
      return -EINVAL;
  }
}

/** generic_file_llseek: seek within the inode's size. */
export function generic_file_llseek(file: File, offset: number, whence: number): number {
  return generic_file_llseek_size(file, offset, whence, file.inode.size);
}

/** noop_llseek: the position does not matter (and does not move); lseek succeeds. */
export function noop_llseek(file: File): number {
  return file.pos;
}

/** generic_read_dir: read(2) on a directory. */
export function generic_read_dir(): number {
  return -EISDIR;
}

/**
 * simple_read_from_buffer: serve a read at ppos out of `data` (what most procfs and sysfs files
 * do: build the whole text, hand out the part asked for).
 */
export function simple_read_from_buffer(data: Uint8Array, count: number, ppos: FilePos): Uint8Array {
  const pos = ppos.pos;
  if (pos >= data.length || count <= 0) return new Uint8Array(0);
  const n = Math.min(count, data.length - pos);
  ppos.pos = pos + n;
  return data.slice(pos, pos + n);
}

/** Bytes of a JavaScript string whose chars are bytes (latin1, as getname() returns them). */
export function bytesOf(s: string): Uint8Array {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i) & 0xff;
  return out;
}

/** The reverse: a byte string (one char per byte). */
export function stringOf(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length; i += 8192) s += String.fromCharCode(...b.subarray(i, i + 8192));
  return s;
}
