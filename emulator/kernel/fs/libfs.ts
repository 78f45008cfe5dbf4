// Helpers most filesystems share (fs/libfs.c, fs/read_write.c): seeking by size, reading out of a
// kernel buffer, the answer a directory gives to read(2).

import { EINVAL, EISDIR, ENXIO } from '../../uapi/errno';
import { SEEK_CUR, SEEK_DATA, SEEK_END, SEEK_HOLE, SEEK_SET } from '../../uapi/fcntl';
import { dtFromMode, S_IFDIR } from '../../uapi/stat';
import { d_make_root, type Dentry } from './dentry';
import type { File } from './file';
import type { DirContext, FilePos } from './fs';
import { new_inode } from './inode';
import { SuperBlock, type FileSystemType } from './super';

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

// ---- pseudo filesystems and directories of the dcache -------------------------------------------

/**
 * init_pseudo: the type of an internal filesystem that is never mounted where users can see it
 * (pipefs, sockfs, anon_inodefs): a superblock with `magic` and an empty root of `rootMode`.
 */
export function init_pseudo(name: string, magic: number, rootMode: number): FileSystemType {
  const type: FileSystemType = {
    name,
    requiresDev: false,
    mount(vfs) {
      const sb = new SuperBlock(type, vfs.get_anon_bdev(), vfs);
      sb.magic = magic;
      const root = new_inode(sb);
      root.mode = S_IFDIR | rootMode;
      sb.root = d_make_root(root);
      return sb;
    },
  };
  return type;
}

/** dir_emit_dots: "." at position 0 and ".." at 1. False when the buffer filled up. */
export function dir_emit_dots(file: File, ctx: DirContext): boolean {
  const d = file.path.dentry;
  if (ctx.pos === 0) {
    if (!ctx.emit('.', d.inode!.ino, dtFromMode(S_IFDIR))) return false;
    ctx.pos = 1;
  }
  if (ctx.pos === 1) {
    if (!ctx.emit('..', d.parent.inode!.ino, dtFromMode(S_IFDIR))) return false;
    ctx.pos = 2;
  }
  return true;
}

/**
 * dcache_readdir: a directory whose names all live in the dentry cache — ".", "..", then its
 * children; `newestFirst` lists them as Linux's child list keeps them (a new name goes first).
 */
export function dcache_readdir(file: File, ctx: DirContext, newestFirst: boolean): number {
  if (!dir_emit_dots(file, ctx)) return 0;
  const children: Dentry[] = [...file.path.dentry.children.values()];
  if (newestFirst) children.reverse();
  for (let i = ctx.pos - 2; i < children.length; i++) {
    const c = children[i]!;
    if (!ctx.emit(c.name, c.inode!.ino, dtFromMode(c.inode!.mode))) return 0;
    ctx.pos = i + 3;
  }
  return 0;
}
