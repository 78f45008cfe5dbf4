// tmpfs (mm/shmem.c): a filesystem that lives in memory. Directories are their dentries (as in
// ramfs), file data is pages of the machine's RAM (address_space.ts), symlinks keep their target
// in the inode. It is the root filesystem ("rootfs", filled from the initramfs) and what /tmp,
// /dev/shm and /run are mounted with.
//
// What matches Linux: inode numbers counting from 1 per mount, a directory's st_size of 20 bytes
// per entry including "." and ".." (BOGO_DIRENT_SIZE), link counts (a directory has 2 + one per
// subdirectory), st_blocks from the pages actually used (sparse files are cheap), the times each
// operation touches, readdir listing newest entries first with stable offsets, and the size= and
// nr_inodes= limits (ENOSPC).
//
// Simplified: no swap, no huge pages, no xattrs/ACLs, no RENAME_WHITEOUT.

import { EFBIG, EINVAL, ENAMETOOLONG, ENOSPC, ENOTEMPTY, ENXIO } from '../../uapi/errno';
import { O_APPEND, RENAME_EXCHANGE, RENAME_WHITEOUT, SEEK_CUR, SEEK_DATA, SEEK_HOLE, SEEK_SET } from '../../uapi/fcntl';
import { PAGE_SIZE } from '../../uapi/mman';
import { DT_DIR, S_IFDIR, S_IFLNK, S_IFMT, S_IFREG, S_ISDIR, dtFromMode } from '../../uapi/stat';
import { Cred } from '../security/cred';
import type { Task } from '../sched/task';
import { AddressSpace } from './address_space';
import { file_remove_privs, setattr_copy, touch_atime } from './attr';
import { d_instantiate, d_make_root, type Dentry } from './dentry';
import type { File } from './file';
import { ATTR_SIZE, type DirContext, type FileOperations, type FilePos, type IAttr, type InodeOperations } from './fs';
import {
  clear_nlink, drop_nlink, inc_nlink, init_special_inode, inode_init_owner, inode_touch_c,
  inode_touch_mc, new_inode, type Inode,
} from './inode';
import { FALLOC_FL_KEEP_SIZE, FALLOC_FL_PUNCH_HOLE } from './fallocate';
import { generic_file_llseek, generic_read_dir, MAX_LFS_FILESIZE, vfs_setpos } from './libfs';
import { SuperBlock, type FileSystemType, type Kstatfs } from './super';
import type { Vfs } from './vfs';

export const TMPFS_MAGIC = 0x01021994;
/** What each directory entry adds to a tmpfs directory's st_size. */
export const BOGO_DIRENT_SIZE = 20;
/** Targets shorter than this live inside the inode and use no page (st_blocks 0). */
const SHORT_SYMLINK_LEN = 128;
/** The directory offset after the last entry (DIR_OFFSET_EOD), and the first one handed out. */
export const DIR_OFFSET_EOD = 0x7fffffff;
const DIR_OFFSET_MIN = 3;

/** Per-mount limits and usage (struct shmem_sb_info). */
interface ShmemSbInfo {
  maxPages: number;
  usedPages: number;
  maxInodes: number;
  usedInodes: number;
  /** The options given, for /proc/mounts. */
  rootMode: number;
  uid: number;
  gid: number;
  showSize: boolean;
}

/** Per-directory state: the next stable offset to hand out (struct offset_ctx). */
interface ShmemDirInfo {
  nextOffset: number;
}

function sbinfo(sb: SuperBlock): ShmemSbInfo {
  return sb.fsInfo as ShmemSbInfo;
}

/** shmem_get_inode: a new inode of any type, counted against nr_inodes. */
function shmem_get_inode(sb: SuperBlock, dir: Inode | null, mode: number, rdev: number, cred: Cred): Inode | null {
  const info = sbinfo(sb);
  if (info.usedInodes >= info.maxInodes) return null;
  info.usedInodes++;
  const inode = new_inode(sb);
  inode_init_owner(cred, inode, dir, mode);
  inode.iop = shmem_special_inode_operations;
  switch (mode & S_IFMT) {
    case S_IFREG:
      inode.iop = shmem_inode_operations;
      inode.fop = shmem_file_operations;
      inode.mapping = new AddressSpace(sb.vfs.phys);
      break;
    case S_IFDIR:
      inode.nlink = 2;
      inode.size = 2 * BOGO_DIRENT_SIZE;
      inode.iop = shmem_dir_inode_operations;
      inode.fop = shmem_dir_operations;
      inode.private = { nextOffset: DIR_OFFSET_MIN } satisfies ShmemDirInfo;
      break;
    case S_IFLNK:
      inode.iop = shmem_symlink_inode_operations;
      break;
    default:
      init_special_inode(inode, inode.mode, rdev);
  }
  return inode;
}

/** Give a new entry of `dir` its readdir offset and account for it in the directory's size. */
function dir_add_entry(dir: Inode, dentry: Dentry): void {
  dentry.offset = (dir.private as ShmemDirInfo).nextOffset++;
  dir.size += BOGO_DIRENT_SIZE;
}

// ---- directory inode operations ----------------------------------------------------------------

function shmem_mknod(dir: Inode, dentry: Dentry, mode: number, rdev: number, cred: Cred): number {
  const inode = shmem_get_inode(dir.sb, dir, mode, rdev, cred);
  if (!inode) return -ENOSPC;
  dir_add_entry(dir, dentry);
  inode_touch_mc(dir);
  d_instantiate(dentry, inode);
  return 0;
}

function shmem_mkdir(dir: Inode, dentry: Dentry, mode: number, cred: Cred): number {
  const err = shmem_mknod(dir, dentry, mode | S_IFDIR, 0, cred);
  if (err) return err;
  inc_nlink(dir);
  return 0;
}

function shmem_symlink(dir: Inode, dentry: Dentry, target: string, cred: Cred): number {
  if (target.length + 1 > PAGE_SIZE) return -ENAMETOOLONG;
  const inode = shmem_get_inode(dir.sb, dir, S_IFLNK | 0o777, 0, cred);
  if (!inode) return -ENOSPC;
  inode.private = target;
  inode.size = target.length;
  if (target.length >= SHORT_SYMLINK_LEN) {
    // A long target takes a page, like any file data.
    inode.mapping = new AddressSpace(dir.sb.vfs.phys);
    if (!reserve_pages(dir.sb, 1) || !inode.mapping.getPage(0, true)) return -ENOSPC;
  }
  dir_add_entry(dir, dentry);
  inode_touch_mc(dir);
  d_instantiate(dentry, inode);
  return 0;
}

function shmem_link(oldDentry: Dentry, dir: Inode, dentry: Dentry): number {
  const inode = oldDentry.inode!;
  dir_add_entry(dir, dentry);
  inode.linkable = false;
  inc_nlink(inode);
  inode_touch_c(inode);
  inode_touch_mc(dir);
  dir.ctime = dir.mtime = inode.ctime;
  d_instantiate(dentry, inode);
  return 0;
}

function shmem_unlink(dir: Inode, dentry: Dentry): number {
  const inode = dentry.inode!;
  dir.size -= BOGO_DIRENT_SIZE;
  inode_touch_mc(dir);
  inode.ctime = dir.mtime;
  drop_nlink(inode);
  return 0;
}

/** simple_empty: a directory with no entries but "." and "..". */
function simple_empty(dentry: Dentry): boolean {
  return dentry.children.size === 0;
}

function shmem_rmdir(dir: Inode, dentry: Dentry): number {
  if (!simple_empty(dentry)) return -ENOTEMPTY;
  const inode = dentry.inode!;
  dir.size -= BOGO_DIRENT_SIZE;
  inode_touch_mc(dir);
  inode.ctime = dir.mtime;
  drop_nlink(dir);
  clear_nlink(inode);
  return 0;
}

/** shmem_rename2: the VFS moves the dentries; here are link counts, sizes, offsets and times. */
function shmem_rename(oldDir: Inode, oldDentry: Dentry, newDir: Inode, newDentry: Dentry, flags: number): number {
  if (flags & RENAME_WHITEOUT) return -EINVAL;
  const inode = oldDentry.inode!;
  const target = newDentry.inode;
  const theyAreDirs = S_ISDIR(inode.mode);
  if (flags & RENAME_EXCHANGE) {
    // A directory trading places with a non-directory moves a ".." link between the parents.
    const newIsDir = S_ISDIR(target!.mode);
    if (oldDir !== newDir && theyAreDirs !== newIsDir) {
      if (theyAreDirs) {
        drop_nlink(oldDir);
        inc_nlink(newDir);
      } else {
        drop_nlink(newDir);
        inc_nlink(oldDir);
      }
    }
    [oldDentry.offset, newDentry.offset] = [newDentry.offset, oldDentry.offset];
    inode_touch_mc(oldDir);
    inode_touch_mc(newDir);
    inode_touch_c(inode);
    inode_touch_c(target!);
    return 0;
  }
  if (target) {
    if (theyAreDirs && !simple_empty(newDentry)) return -ENOTEMPTY;
    newDir.size -= BOGO_DIRENT_SIZE;
    if (theyAreDirs) {
      clear_nlink(target);
      drop_nlink(oldDir);
    } else {
      inode_touch_c(target);
      drop_nlink(target);
    }
  } else if (theyAreDirs) {
    drop_nlink(oldDir);
    inc_nlink(newDir);
  }
  oldDir.size -= BOGO_DIRENT_SIZE;
  dir_add_entry(newDir, oldDentry);
  inode_touch_mc(oldDir);
  inode_touch_mc(newDir);
  inode_touch_c(inode);
  return 0;
}

/** O_TMPFILE: a regular file with no name yet (nlink 0, linkable). */
function shmem_tmpfile(dir: Inode, dentry: Dentry, mode: number, cred: Cred): number {
  const inode = shmem_get_inode(dir.sb, dir, mode, 0, cred);
  if (!inode) return -ENOSPC;
  inode.nlink = 0;
  inode.linkable = true;
  d_instantiate(dentry, inode);
  return 0;
}

/** shmem_setattr: sizes change the page cache; everything else is setattr_copy. */
function shmem_setattr(dentry: Dentry, attr: IAttr): number {
  const inode = dentry.inode!;
  if (attr.valid & ATTR_SIZE && inode.mapping && attr.size !== inode.size) {
    const size = attr.size!;
    if (size > MAX_LFS_FILESIZE) return -EFBIG;
    if (size < inode.size) {
      const before = inode.mapping.nrpages;
      inode.mapping.truncate(size);
      sbinfo(inode.sb).usedPages -= before - inode.mapping.nrpages;
    }
    inode.size = size;
  }
  setattr_copy(inode, attr);
  return 0;
}

export const shmem_dir_inode_operations: InodeOperations = {
  lookup: () => null,
  create: (dir, dentry, mode, cred) => shmem_mknod(dir, dentry, mode, 0, cred),
  mkdir: shmem_mkdir,
  mknod: shmem_mknod,
  symlink: shmem_symlink,
  link: shmem_link,
  unlink: shmem_unlink,
  rmdir: shmem_rmdir,
  rename: shmem_rename,
  tmpfile: shmem_tmpfile,
  setattr: shmem_setattr,
};

export const shmem_inode_operations: InodeOperations = { setattr: shmem_setattr };
export const shmem_special_inode_operations: InodeOperations = { setattr: shmem_setattr };
export const shmem_symlink_inode_operations: InodeOperations = {
  get_link: (_dentry, inode) => inode.private as string,
  setattr: shmem_setattr,
};

// ---- directory file operations: readdir with stable offsets, newest first ----------------------

/**
 * offset_readdir: "." at position 0, ".." at 1, then the entries from the newest down. Each entry
 * has a fixed offset given at creation; the position after an entry is the next older entry's
 * offset, so a listing resumed later (or after lseek to a d_off) continues where it was even if
 * entries came and went in between.
 */
function shmem_iterate(file: File, _t: Task, ctx: DirContext): number {
  const dentry = file.path.dentry;
  if (ctx.pos === DIR_OFFSET_EOD) return 0;
  const entries = [...dentry.children.values()].sort((a, b) => b.offset - a.offset);
  if (ctx.pos === 0) {
    if (!ctx.emit('.', dentry.inode!.ino, DT_DIR)) return 0;
    ctx.pos = 1;
  }
  if (ctx.pos === 1) {
    if (!ctx.emit('..', dentry.parent.inode!.ino, DT_DIR)) return 0;
    ctx.pos = entries.length ? entries[0]!.offset : DIR_OFFSET_EOD;
  }
  const start = ctx.pos;
  for (let i = 0; i < entries.length; i++) {
    const d = entries[i]!;
    if (start >= DIR_OFFSET_MIN && d.offset > start) continue;
    if (!ctx.emit(d.name, d.inode!.ino, dtFromMode(d.inode!.mode))) return 0;
    ctx.pos = i + 1 < entries.length ? entries[i + 1]!.offset : DIR_OFFSET_EOD;
  }
  ctx.pos = DIR_OFFSET_EOD;
  return 0;
}

/** offset_dir_llseek: only SEEK_SET and SEEK_CUR make sense for a list of offsets. */
function shmem_dir_llseek(file: File, offset: number, whence: number): number {
  if (whence === SEEK_CUR) return vfs_setpos(file, file.pos + offset);
  if (whence === SEEK_SET) return vfs_setpos(file, offset);
  return -EINVAL;
}

export const shmem_dir_operations: FileOperations = {
  read: generic_read_dir,
  iterate: shmem_iterate,
  llseek: shmem_dir_llseek,
  fsync: () => 0,
};

// ---- regular files --------------------------------------------------------------------------------

/** Take `n` pages from the mount's size= budget. */
function reserve_pages(sb: SuperBlock, n: number): boolean {
  const info = sbinfo(sb);
  if (info.usedPages + n > info.maxPages) return false;
  info.usedPages += n;
  return true;
}

/** How many bytes from `pos` can be written within the budget (pages already there are free). */
function writable_bytes(inode: Inode, pos: number, len: number): number {
  const mapping = inode.mapping!;
  const info = sbinfo(inode.sb);
  let budget = info.maxPages - info.usedPages;
  const first = Math.floor(pos / PAGE_SIZE);
  const last = Math.floor((pos + len - 1) / PAGE_SIZE);
  for (let idx = first; idx <= last; idx++) {
    if (mapping.pages.has(idx)) continue;
    if (budget-- <= 0) return Math.max(0, idx * PAGE_SIZE - pos);
  }
  return len;
}

function shmem_file_read(file: File, _t: Task, count: number, ppos: FilePos): Uint8Array {
  const inode = file.inode;
  const pos = ppos.pos;
  touch_atime(file.path);
  if (pos >= inode.size || count <= 0) return new Uint8Array(0);
  const n = Math.min(count, inode.size - pos);
  ppos.pos = pos + n;
  return inode.mapping!.read(pos, n);
}

/**
 * generic_perform_write for tmpfs: O_APPEND writes at the end, set-user-ID bits are dropped, the
 * times move, and the file grows. A write that hits the size limit is short; one that cannot
 * write anything is ENOSPC.
 */
function shmem_file_write(file: File, t: Task, data: Uint8Array, ppos: FilePos): number {
  const inode = file.inode;
  if (data.length === 0) return 0;
  const pos = file.f_flags & O_APPEND ? inode.size : ppos.pos;
  if (pos >= MAX_LFS_FILESIZE) return -EFBIG;
  const want = Math.min(data.length, MAX_LFS_FILESIZE - pos);
  const err = file_remove_privs(t.cred, file.path.dentry);
  if (err) return err;
  const n = filemap_write(inode, pos, data.subarray(0, want));
  if (n === 0) return -ENOSPC;
  ppos.pos = pos + n;
  return n;
}

/**
 * Write into a tmpfs file's pages at `pos`, within the mount's budget, growing the size and moving
 * mtime/ctime. Returns the bytes written. (Also how the initramfs fills files.)
 */
export function filemap_write(inode: Inode, pos: number, data: Uint8Array): number {
  const mapping = inode.mapping!;
  const allowed = writable_bytes(inode, pos, data.length);
  const before = mapping.nrpages;
  const n = mapping.write(pos, data.subarray(0, allowed));
  sbinfo(inode.sb).usedPages += mapping.nrpages - before;
  if (n === 0) return 0;
  if (pos + n > inode.size) inode.size = pos + n;
  inode_touch_mc(inode);
  return n;
}

/**
 * shmem_fallocate: allocate the pages of a range now (all or nothing: ENOSPC leaves the file as it
 * was), growing the size unless FALLOC_FL_KEEP_SIZE; or punch a hole.
 */
function shmem_fallocate(file: File, mode: number, offset: number, len: number): number {
  const inode = file.inode;
  const mapping = inode.mapping!;
  const info = sbinfo(inode.sb);
  if (mode & FALLOC_FL_PUNCH_HOLE) {
    info.usedPages -= mapping.punch(offset, len);
    inode_touch_mc(inode);
    return 0;
  }
  const first = Math.floor(offset / PAGE_SIZE);
  const last = Math.floor((offset + len - 1) / PAGE_SIZE);
  const missing: number[] = [];
  for (let idx = first; idx <= last; idx++) if (!mapping.pages.has(idx)) missing.push(idx);
  if (info.usedPages + missing.length > info.maxPages) return -ENOSPC;
  for (const idx of missing) {
    if (!mapping.getPage(idx, true)) {
      // Out of RAM half way: give back what this call took.
      for (const j of missing) {
        const p = mapping.pages.get(j);
        if (p && j !== idx) {
          mapping.pages.delete(j);
          mapping.phys.put(p);
        }
      }
      return -ENOSPC;
    }
  }
  info.usedPages += missing.length;
  if (!(mode & FALLOC_FL_KEEP_SIZE) && offset + len > inode.size) inode.size = offset + len;
  inode_touch_c(inode);
  return 0;
}

/**
 * shmem_file_llseek: SEEK_DATA and SEEK_HOLE see the pages — a page never written is a hole, and
 * the end of the file is one too. The rest is generic_file_llseek.
 */
function shmem_file_llseek(file: File, offset: number, whence: number): number {
  if (whence !== SEEK_DATA && whence !== SEEK_HOLE) return generic_file_llseek(file, offset, whence);
  const inode = file.inode;
  const pages = inode.mapping!.pages;
  if (offset < 0 || offset >= inode.size) return -ENXIO;
  const last = Math.ceil(inode.size / PAGE_SIZE);
  let idx = Math.floor(offset / PAGE_SIZE);
  while (idx < last && pages.has(idx) !== (whence === SEEK_DATA)) idx++;
  const pos = Math.min(Math.max(offset, idx * PAGE_SIZE), inode.size);
  if (whence === SEEK_DATA && pos >= inode.size) return -ENXIO;
  return vfs_setpos(file, pos);
}

export const shmem_file_operations: FileOperations = {
  read: shmem_file_read,
  write: shmem_file_write,
  llseek: shmem_file_llseek,
  fsync: () => 0,
  fallocate: shmem_fallocate,
};

// ---- the filesystem ----------------------------------------------------------------------------

/** Parse "size=64m,nr_inodes=1000,mode=1777,uid=0,gid=0" (EINVAL for anything else). */
function parse_options(vfs: Vfs, data: string, info: ShmemSbInfo): number {
  for (const opt of data.split(',')) {
    if (opt === '' || opt === 'rw' || opt === 'ro') continue;
    const eq = opt.indexOf('=');
    const key = eq < 0 ? opt : opt.slice(0, eq);
    const val = eq < 0 ? '' : opt.slice(eq + 1);
    switch (key) {
      case 'size': {
        const m = /^(\d+)([kKmMgG%]?)$/.exec(val);
        if (!m) return -EINVAL;
        const n = Number(m[1]);
        const unit = m[2]!.toLowerCase();
        const bytes = unit === '%' ? (vfs.phys.totalBytes * n) / 100 : n * (unit === 'k' ? 1024 : unit === 'm' ? 1 << 20 : unit === 'g' ? 1 << 30 : 1);
        info.maxPages = Math.ceil(bytes / PAGE_SIZE);
        info.showSize = true;
        break;
      }
      case 'nr_inodes':
        if (!/^\d+$/.test(val)) return -EINVAL;
        info.maxInodes = Number(val);
        break;
      case 'mode':
        if (!/^[0-7]{1,4}$/.test(val)) return -EINVAL;
        info.rootMode = parseInt(val, 8);
        break;
      case 'uid':
      case 'gid':
        if (!/^\d+$/.test(val)) return -EINVAL;
        info[key] = Number(val);
        break;
      default:
        return -EINVAL;
    }
  }
  return 0;
}

/** shmem_fill_super: a new tmpfs instance. Defaults: half of RAM, root directory mode 1777. */
export function shmem_fill_super(vfs: Vfs, type: FileSystemType, data: string, defaultMode: number): SuperBlock | number {
  const halfRam = Math.max(1, Math.floor(vfs.phys.limitPages / 2));
  const info: ShmemSbInfo = {
    maxPages: halfRam, usedPages: 0, maxInodes: halfRam, usedInodes: 0, rootMode: defaultMode, uid: 0, gid: 0, showSize: false,
  };
  const err = parse_options(vfs, data, info);
  if (err) return err;
  const sb = new SuperBlock(type, vfs.get_anon_bdev(), vfs);
  sb.magic = TMPFS_MAGIC;
  sb.fsInfo = info;
  sb.op = {
    evict_inode(inode) {
      if (inode.mapping) {
        info.usedPages -= inode.mapping.nrpages;
        inode.mapping.release();
      }
      info.usedInodes--;
    },
    statfs: (s) => shmem_statfs(s),
    show_options: () => shmem_show_options(info, type.name === 'rootfs'),
    remount_fs: (_s, _flags, data) => shmem_reconfigure(vfs, info, data),
  };
  const owner = new Cred();
  owner.fsuid = info.uid;
  owner.fsgid = info.gid;
  const root = shmem_get_inode(sb, null, S_IFDIR | info.rootMode, 0, owner)!;
  sb.root = d_make_root(root);
  return sb;
}

/**
 * shmem_reconfigure (mount -o remount,size=…): a new size or inode limit, refused (EINVAL) below
 * what is already in use. mode=, uid= and gid= are accepted but, as on Linux, only matter when
 * the filesystem is made.
 */
function shmem_reconfigure(vfs: Vfs, info: ShmemSbInfo, data: string): number {
  const next: ShmemSbInfo = { ...info };
  const err = parse_options(vfs, data, next);
  if (err) return err;
  if (next.maxPages < info.usedPages || next.maxInodes < info.usedInodes) return -EINVAL;
  info.maxPages = next.maxPages;
  info.maxInodes = next.maxInodes;
  info.showSize = next.showSize;
  return 0;
}

function shmem_statfs(sb: SuperBlock): Kstatfs {
  const info = sbinfo(sb);
  return {
    type: TMPFS_MAGIC, bsize: PAGE_SIZE, frsize: PAGE_SIZE, namelen: 255, flags: 0,
    blocks: info.maxPages, bfree: info.maxPages - info.usedPages, bavail: info.maxPages - info.usedPages,
    files: info.maxInodes, ffree: info.maxInodes - info.usedInodes,
  };
}

/** shmem_show_options: what /proc/mounts prints after "rw". */
function shmem_show_options(info: ShmemSbInfo, isRootfs: boolean): string {
  const out: string[] = [];
  if (info.showSize || isRootfs) out.push(`size=${(info.maxPages * PAGE_SIZE) / 1024}k`);
  if (isRootfs) out.push(`nr_inodes=${info.maxInodes}`);
  if (info.rootMode !== 0o1777 && !isRootfs) out.push(`mode=${info.rootMode.toString(8).padStart(3, '0')}`);
  if (info.uid) out.push(`uid=${info.uid}`);
  if (info.gid) out.push(`gid=${info.gid}`);
  return out.join(',');
}

export const shmem_fs_type: FileSystemType = {
  name: 'tmpfs',
  requiresDev: false,
  mount: (vfs, _devname, _flags, data) => shmem_fill_super(vfs, shmem_fs_type, data, 0o1777),
};

/** rootfs: the tmpfs the kernel mounts at / before anything else (init/do_mounts.c). */
export const rootfs_fs_type: FileSystemType = {
  name: 'rootfs',
  requiresDev: false,
  mount: (vfs, _devname, _flags, data) => shmem_fill_super(vfs, rootfs_fs_type, data, 0o755),
};

/** Is this inode's data kept by tmpfs (so filemap_write may be used on it)? */
export function is_shmem_inode(inode: Inode): boolean {
  return inode.fop === shmem_file_operations;
}

