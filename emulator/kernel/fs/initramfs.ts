// Unpacking the initramfs into the rootfs (init/initramfs.c).
//
// The image is a cpio archive in the "newc" format: each entry is a 110-byte ASCII header
// ("070701" and thirteen 8-digit hex fields), the name (NUL-terminated, padded to 4 bytes), then
// the data (padded to 4 bytes). Directories, regular files, symlinks (the data is the target),
// device nodes, FIFOs and sockets are made with the mode, owner and mtime of the header. A file
// with several links appears once per name with the same inode number; the later names become
// hard links. "TRAILER!!!" ends an archive; several may follow one another, with zero padding.
//
// Simplified: Linux also accepts compressed images (gzip, xz, zstd …); ours must be plain cpio.

import { EINVAL } from '../../uapi/errno';
import { AT_FDCWD } from '../../uapi/fcntl';
import { S_IFDIR, S_IFLNK, S_IFMT, S_IFREG, S_ISDIR, makedev } from '../../uapi/stat';
import type { Kernel } from '../kernel';
import { notify_change } from './attr';
import { ATTR_ATIME, ATTR_ATIME_SET, ATTR_GID, ATTR_MODE, ATTR_MTIME, ATTR_MTIME_SET, ATTR_UID } from './fs';
import type { Dentry } from './dentry';
import { LAST_NORM, filename_create, filename_parentat, kernel_walk_ctx, lookup_one, vfs_path_lookup, type WalkCtx } from './namei';
import { S_IALLUGO, vfs_create, vfs_link, vfs_mkdir, vfs_mknod, vfs_rmdir, vfs_symlink, vfs_unlink } from './namei_vfs';
import { filemap_write, is_shmem_inode } from './tmpfs';
import { kernel_vfs } from './vfs';

/** One parsed header (struct cpio_newc_header, decoded). */
export interface CpioEntry {
  ino: number;
  mode: number;
  uid: number;
  gid: number;
  nlink: number;
  mtime: number;
  devmajor: number;
  devminor: number;
  rdevmajor: number;
  rdevminor: number;
  name: string;
  data: Uint8Array;
}

const HEADER_LEN = 110;
const TRAILER = 'TRAILER!!!';

const align4 = (n: number) => (n + 3) & ~3;

function ascii(b: Uint8Array, off: number, len: number): string {
  let s = '';
  for (let i = 0; i < len; i++) s += String.fromCharCode(b[off + i]!);
  return s;
}

/**
 * Parse an archive into its entries (trailers included, so hard-link groups can be reset).
 * Returns -EINVAL for anything that is not newc cpio ("junk within archive").
 */
export function parse_cpio(image: Uint8Array): CpioEntry[] | number {
  const out: CpioEntry[] = [];
  let off = 0;
  while (off < image.length) {
    // Zero padding between concatenated archives, in 4-byte steps.
    if (image[off] === 0) {
      off += 4;
      continue;
    }
    if (off + HEADER_LEN > image.length) return -EINVAL;
    const magic = ascii(image, off, 6);
    if (magic !== '070701' && magic !== '070702') return -EINVAL;
    const f: number[] = [];
    for (let i = 0; i < 13; i++) {
      const hex = ascii(image, off + 6 + i * 8, 8);
      if (!/^[0-9a-fA-F]{8}$/.test(hex)) return -EINVAL;
      f.push(parseInt(hex, 16));
    }
    const [ino, mode, uid, gid, nlink, mtime, filesize, devmajor, devminor, rdevmajor, rdevminor, namesize] = f as [
      number, number, number, number, number, number, number, number, number, number, number, number,
    ];
    const nameOff = off + HEADER_LEN;
    if (namesize === 0 || nameOff + namesize > image.length) return -EINVAL;
    const name = ascii(image, nameOff, namesize - 1);
    const dataOff = align4(nameOff + namesize);
    if (dataOff + filesize > image.length) return -EINVAL;
    out.push({
      ino, mode, uid, gid, nlink, mtime, devmajor, devminor, rdevmajor, rdevminor, name,
      data: image.subarray(dataOff, dataOff + filesize),
    });
    off = align4(dataOff + filesize);
  }
  return out;
}

/** Remove what stands at `name` if it is of another type than the new entry (clean_path). */
function clean_path(ctx: WalkCtx, name: string, mode: number): void {
  const p = filename_parentat(ctx, AT_FDCWD, name);
  if (typeof p === 'number' || p.lastType !== LAST_NORM) return;
  const d = lookup_one(p.path.dentry, p.last);
  if (!d || typeof d === 'number' || !d.inode) return;
  if ((d.inode.mode & S_IFMT) === (mode & S_IFMT)) return;
  const dir = p.path.dentry.inode!;
  if (S_ISDIR(d.inode.mode)) vfs_rmdir(ctx.cred, dir, d);
  else vfs_unlink(ctx.cred, dir, d);
}

/** The dentry at `name` (no following of a final symlink), or null. */
function lookup_entry(ctx: WalkCtx, name: string): Dentry | null {
  const p = vfs_path_lookup(ctx, AT_FDCWD, name, 0);
  return typeof p === 'number' ? null : p.dentry;
}

/** chown + chmod + (for all but directories, done last) the times of the header. */
function set_attrs(ctx: WalkCtx, d: Dentry, e: CpioEntry, withTimes: boolean): void {
  const isLink = (e.mode & S_IFMT) === S_IFLNK;
  notify_change(ctx.cred, d, { valid: ATTR_UID | ATTR_GID, uid: e.uid, gid: e.gid });
  if (!isLink) notify_change(ctx.cred, d, { valid: ATTR_MODE, mode: e.mode & S_IALLUGO });
  if (withTimes) set_mtime(ctx, d, e.mtime);
}

/** do_utime: atime and mtime both from the header. */
function set_mtime(ctx: WalkCtx, d: Dentry, mtime: number): void {
  const ns = mtime * 1e9;
  notify_change(ctx.cred, d, { valid: ATTR_ATIME | ATTR_MTIME | ATTR_ATIME_SET | ATTR_MTIME_SET, atime: ns, mtime: ns });
}

/** Make one entry (do_name and its helpers). Errors are skipped, as the kernel does. */
function do_name(ctx: WalkCtx, e: CpioEntry, links: Map<string, string>, dirTimes: [Dentry, number][]): void {
  const type = e.mode & S_IFMT;
  clean_path(ctx, e.name, e.mode);
  // maybe_link: a later name of a multiply-linked inode becomes a hard link.
  if (type !== S_IFDIR && e.nlink >= 2) {
    const key = `${e.devmajor}:${e.devminor}:${e.ino}`;
    const first = links.get(key);
    if (first !== undefined) {
      const old = lookup_entry(ctx, first);
      const c = filename_create(ctx, AT_FDCWD, e.name, false);
      if (old && typeof c !== 'number') vfs_link(ctx.cred, old, c.parent.dentry.inode!, c.dentry);
      const d = lookup_entry(ctx, e.name);
      if (d && type === S_IFREG && e.data.length) write_data(d, e);
      return;
    }
    links.set(key, e.name);
  }
  let d: Dentry | null = null;
  const c = filename_create(ctx, AT_FDCWD, e.name, type === S_IFDIR);
  if (typeof c === 'number') {
    // Already there (the root ".", or a directory made earlier): only the attributes change.
    d = lookup_entry(ctx, e.name);
  } else {
    const dir = c.parent.dentry.inode!;
    let err: number;
    switch (type) {
      case S_IFREG:
        err = vfs_create(ctx.cred, dir, c.dentry, e.mode);
        break;
      case S_IFDIR:
        err = vfs_mkdir(ctx.cred, dir, c.dentry, e.mode);
        break;
      case S_IFLNK:
        err = vfs_symlink(ctx.cred, dir, c.dentry, ascii(e.data, 0, e.data.length));
        break;
      default:
        err = vfs_mknod(ctx.cred, dir, c.dentry, e.mode, makedev(e.rdevmajor, e.rdevminor));
    }
    if (!err) d = c.dentry;
  }
  if (!d?.inode) return;
  if (type === S_IFREG) write_data(d, e);
  set_attrs(ctx, d, e, type !== S_IFDIR);
  if (type === S_IFDIR) dirTimes.push([d, e.mtime]);
}

function write_data(d: Dentry, e: CpioEntry): void {
  const inode = d.inode!;
  if (!is_shmem_inode(inode) || e.data.length === 0) return;
  inode.mapping!.truncate(0);
  inode.size = 0;
  filemap_write(inode, 0, e.data);
}

/**
 * populate_rootfs: unpack `image` into the root filesystem of `kernel` (vfs_init must have run).
 * Returns 0, or -EINVAL for a malformed archive (entries before the damage stay unpacked).
 */
export function populate_rootfs(kernel: Kernel, image: Uint8Array): number {
  const ctx = kernel_walk_ctx(kernel_vfs(kernel).rootPath);
  const entries = parse_cpio(image);
  if (typeof entries === 'number') return entries;
  return unpack_to_rootfs(ctx, entries);
}

/** unpack_to_rootfs over parsed entries, from the root of `ctx`. */
export function unpack_to_rootfs(ctx: WalkCtx, entries: CpioEntry[]): number {
  let links = new Map<string, string>();
  const dirTimes: [Dentry, number][] = [];
  for (const e of entries) {
    if (e.name === TRAILER) {
      links = new Map();
      continue;
    }
    if (e.name === '') return -EINVAL;
    do_name(ctx, e, links, dirTimes);
  }
  // dir_utime: directory times are set last, once nothing is added to them any more.
  for (const [d, mtime] of dirTimes) set_mtime(ctx, d, mtime);
  return 0;
}

// ---- building archives (for tests and for the machine's image builder) ------------------------

/** An entry to pack: a path and what it is (names and string data are stored as UTF-8). */
export interface CpioSpec {
  name: string;
  mode: number;
  uid?: number;
  gid?: number;
  mtime?: number;
  /** File contents or symlink target. */
  data?: Uint8Array | string;
  /** For device nodes. */
  rdev?: [number, number];
  /** Entries with the same `ino` and nlink ≥ 2 are hard links of one file. */
  ino?: number;
  nlink?: number;
}

/** Build a newc archive with a trailer (what `cpio -o -H newc` writes). */
export function build_cpio(specs: CpioSpec[]): Uint8Array {
  const parts: Uint8Array[] = [];
  let size = 0;
  const push = (b: Uint8Array) => {
    parts.push(b);
    size += b.length;
    const pad = align4(size) - size;
    if (pad) {
      parts.push(new Uint8Array(pad));
      size += pad;
    }
  };
  let nextIno = 1000;
  const all: CpioSpec[] = [...specs, { name: TRAILER, mode: 0, nlink: 1 }];
  const utf8 = new TextEncoder();
  for (const s of all) {
    const data = typeof s.data === 'string' ? utf8.encode(s.data) : (s.data ?? new Uint8Array(0));
    const name = utf8.encode(s.name);
    const isTrailer = s.name === TRAILER;
    const fields = [
      isTrailer ? 0 : (s.ino ?? nextIno++), s.mode, s.uid ?? 0, s.gid ?? 0, s.nlink ?? (S_ISDIR(s.mode) ? 2 : 1),
      s.mtime ?? 0, data.length, 0, 0, s.rdev?.[0] ?? 0, s.rdev?.[1] ?? 0, name.length + 1, 0,
    ];
    const header = '070701' + fields.map((v) => (v >>> 0).toString(16).padStart(8, '0')).join('');
    const head = new Uint8Array(header.length + name.length + 1);
    head.set(utf8.encode(header));
    head.set(name, header.length);
    push(head);
    if (data.length) push(data);
  }
  const out = new Uint8Array(size);
  let off = 0;
  for (const p of parts) {
    out.set(p, off);
    off += p.length;
  }
  return out;
}
