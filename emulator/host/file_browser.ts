// Browsing the machine's file trees from outside (the UI's device, /proc and /sys browsers).
//
// Like a kernel debugger, or a kernel thread reading a file for itself (kernel_read), the host
// uses the kernel's own path walk (vfs_path_lookup), open (vfs_open), readdir (iterate_dir), read
// (kernel_read) and readlink — as a reader of its own: a task that is in no pid table, with root's
// credentials and init's root directory, like the kernel threads Linux runs for such work. No
// process executes anything, so no syscall is added to any trace and no task's state changes.
// What this reader sees is what root sees; /proc/self leads nowhere for it (a kernel thread has
// no process, so Linux's proc_self_get_link says ENOENT as well).
//
// Leaving no trace:
//   - device nodes, FIFOs and sockets are never opened: opening one runs its driver (a pty
//     master is made by opening /dev/ptmx, /dev/random would use up the machine's entropy);
//   - files whose read consumes what it returns — /proc/kmsg and tracefs's trace_pipe — are
//     refused, and /proc/<pid>/mem too (reading untouched memory would fault pages in);
//   - every other file is opened O_NONBLOCK, so a file that would block answers EAGAIN at once;
//   - reads and listings put back the access time they moved. (Linux's reader would open with
//     O_NOATIME; our filesystems do not look at that flag, so we restore the time instead.)

import { EAGAIN, EINVAL, EISDIR, ENOTDIR, errnoName, strerror } from '../uapi/errno';
import { AT_FDCWD, O_DIRECTORY, O_LARGEFILE, O_NONBLOCK, O_RDONLY } from '../uapi/fcntl';
import { major, minor, S_ISBLK, S_ISCHR, S_ISDIR, S_ISLNK } from '../uapi/stat';
import {
  fileTypeOf, looksBinary, MAX_DIR_ENTRIES, MAX_FILE_READ, type DeviceInfo, type FileEntry, type FilesResultEvent,
} from '../api/files';
import type { Kernel } from '../kernel/kernel';
import { blk_layer } from '../kernel/block/genhd';
import { d_path } from '../kernel/fs/d_path';
import { fput, type File } from '../kernel/fs/file';
import type { DirContext } from '../kernel/fs/fs';
import { FilesStruct } from '../kernel/fs/fdtable';
import { FsStruct } from '../kernel/fs/fs_struct';
import type { Inode } from '../kernel/fs/inode';
import { LOOKUP_FOLLOW, task_walk_ctx, vfs_path_lookup } from '../kernel/fs/namei';
import { vfs_open } from '../kernel/fs/open';
import type { Path } from '../kernel/fs/path';
import { iterate_dir } from '../kernel/fs/readdir';
import { kernel_read } from '../kernel/fs/read_write';
import { vfs_getattr } from '../kernel/fs/stat';
import { kernel_vfs } from '../kernel/fs/vfs';
import { defaultRlimits } from '../kernel/resource';
import { Task, ThreadGroup } from '../kernel/sched/task';
import { SLEEP } from '../kernel/sched/waitqueue';
import { Cred } from '../kernel/security/cred';
import { SigHand } from '../kernel/signal_types';

/** The payload of a files-result (what the host adds: type, protocol, boot, id, op, path). */
export type FilesAnswer = Pick<FilesResultEvent, 'error' | 'entry' | 'entries' | 'more' | 'content' | 'truncated' | 'binary'>;

/** Bytes asked of the file per read call (a page, as a seq_file fills it). */
const READ_CHUNK = 4096;

/**
 * The reader: a kernel-side task outside the pid table (pid 0, like Linux's kernel threads seen
 * from /proc), root's credentials, init's root as its root and cwd, no memory map, no descriptors.
 */
function reader(kernel: Kernel): Task {
  const group = new ThreadGroup(0, 0, 0, defaultRlimits());
  const t = new Task(kernel, 0, group);
  group.threads.push(t);
  t.comm = 'kdebug';
  t.cred = new Cred();
  t.sighand = new SigHand();
  t.files = new FilesStruct();
  const init = kernel.tasks.get(1);
  const root = init?.fs && !init.isZombie ? init.fs.root : kernel_vfs(kernel).rootPath;
  t.fs = new FsStruct(root, root);
  return t;
}

/** "No such file or directory (ENOENT)" */
export function errorText(err: number): string {
  const e = -err;
  const name = errnoName(e);
  return name ? `${strerror(e)} (${name})` : strerror(e);
}

function lookup(t: Task, path: string, follow: boolean): Path | number {
  return vfs_path_lookup(task_walk_ctx(t), AT_FDCWD, path, follow ? LOOKUP_FOLLOW : 0);
}

/** Runs `fn`, then puts the inodes' access times back as they were. */
function keepingAtime<T>(inodes: Inode[], fn: () => T): T {
  const saved = inodes.map((i) => i.atime);
  try {
    return fn();
  } finally {
    inodes.forEach((inode, i) => (inode.atime = saved[i]!));
  }
}

/** readlink(2) of a symlink, from the kernel side (a magic link's place as d_path shows it). */
function readLink(t: Task, p: Path): string | number {
  const inode = p.dentry.inode!;
  if (inode.iop.readlink) return inode.iop.readlink(p.dentry, t);
  if (!inode.iop.get_link) return -EINVAL;
  const target = inode.iop.get_link(p.dentry, inode, t);
  return typeof target === 'object' ? d_path(target, t.fs.root) : target;
}

/** The name of a path's last component ("/" for the root). */
function baseName(path: string): string {
  const parts = path.split('/').filter((s) => s !== '');
  return parts.length ? parts[parts.length - 1]! : '/';
}

/** What lstat, readlink and the device model say of one place in the tree. */
function describe(k: Kernel, t: Task, p: Path, name: string): FileEntry {
  const st = vfs_getattr(t, p);
  let target: string | null = null;
  if (S_ISLNK(st.mode)) {
    const l = readLink(t, p);
    target = typeof l === 'string' ? l : null;
  }
  const device = S_ISCHR(st.mode) || S_ISBLK(st.mode) ? deviceInfo(k, t, st.rdev, S_ISBLK(st.mode)) : null;
  return {
    name, type: fileTypeOf(st.mode), mode: st.mode, uid: st.uid, gid: st.gid, size: st.size, nlink: st.nlink, ino: st.ino,
    mtimeNs: st.mtime, target, device,
  };
}

/**
 * A device number's driver (the char registry's region, or the block major's name: /proc/devices),
 * and its place in sysfs: where /sys/dev/{char,block}/M:m leads, its subsystem and its uevent.
 */
function deviceInfo(k: Kernel, t: Task, rdev: number, block: boolean): DeviceInfo {
  const ma = major(rdev);
  const mi = minor(rdev);
  const driver = block ? (blk_layer(k).majors.get(ma) ?? null) : (kernel_vfs(k).chrdevs.lookup(ma, mi)?.name ?? null);
  const info: DeviceInfo = { major: ma, minor: mi, driver, sysPath: null, subsystem: null, uevent: null };
  const dev = lookup(t, `/sys/dev/${block ? 'block' : 'char'}/${ma}:${mi}`, true);
  if (typeof dev === 'number') return info;
  info.sysPath = d_path(dev, t.fs.root);
  const sub = lookup(t, `${info.sysPath}/subsystem`, true);
  if (typeof sub !== 'number') info.subsystem = baseName(d_path(sub, t.fs.root));
  const uevent = lookup(t, `${info.sysPath}/uevent`, true);
  if (typeof uevent !== 'number') {
    const r = readAll(t, uevent);
    if (typeof r !== 'number') info.uevent = r.content;
  }
  return info;
}

/** Why a file is not read from outside, or null if it may be. */
function refusal(p: Path): string | null {
  const inode = p.dentry.inode!;
  const type = fileTypeOf(inode.mode);
  if (type === 'c' || type === 'b') {
    return 'a device node: the browser does not open devices, since opening one runs its driver (see its details instead)';
  }
  if (type === 'p' || type === 's') return `a ${type === 'p' ? 'FIFO' : 'socket'}: reading it would take data meant for a process`;
  const fs = inode.sb.type.name;
  const name = p.dentry.name;
  if (fs === 'proc' && name === 'kmsg' && p.dentry.parent === inode.sb.root) {
    return 'reading /proc/kmsg consumes the kernel log (it is klogd\'s): use /dev/kmsg in the machine, or dmesg';
  }
  if (fs === 'proc' && name === 'mem') return "a process's memory: reading it from outside could fault pages in";
  if (fs === 'tracefs' && name.startsWith('trace_pipe')) return 'reading trace_pipe consumes the trace: read `trace` instead';
  return null;
}

/** Reads up to MAX_FILE_READ bytes from offset 0 (one more, to know whether there is more). */
function readAll(t: Task, p: Path): { content: string; truncated: boolean } | number {
  const inode = p.dentry.inode!;
  return keepingAtime([inode], () => {
    const file = vfs_open(t, p, O_RDONLY | O_NONBLOCK | O_LARGEFILE);
    if (file === SLEEP) return -EAGAIN;
    if (typeof file === 'number') return file;
    try {
      return readFrom(t, file);
    } finally {
      fput(file, t);
    }
  });
}

function readFrom(t: Task, file: File): { content: string; truncated: boolean } | number {
  const chunks: string[] = [];
  let total = 0;
  let pos = 0;
  while (total <= MAX_FILE_READ) {
    const r = kernel_read(t, file, READ_CHUNK, pos);
    if (r === SLEEP || r === -EAGAIN) {
      if (total === 0) return -EAGAIN;
      break;
    }
    if (typeof r === 'number') {
      if (total === 0) return r;
      break;
    }
    if (r.length === 0) break;
    let s = '';
    for (let i = 0; i < r.length; i += 8192) s += String.fromCharCode(...r.subarray(i, i + 8192));
    chunks.push(s);
    total += r.length;
    pos += r.length;
  }
  const all = chunks.join('');
  return { content: all.slice(0, MAX_FILE_READ), truncated: all.length > MAX_FILE_READ };
}

/** files-stat: lstat of `path` with its link target and device details. */
export function files_stat(k: Kernel, path: string): FilesAnswer {
  const t = reader(k);
  const p = lookup(t, path, false);
  if (typeof p === 'number') return { error: errorText(p) };
  return { error: null, entry: describe(k, t, p, baseName(path)) };
}

/** files-list: the directory at `path` (following links), each entry as lstat sees it, by name. */
export function files_list(k: Kernel, path: string): FilesAnswer {
  const t = reader(k);
  const p = lookup(t, path, true);
  if (typeof p === 'number') return { error: errorText(p) };
  const inode = p.dentry.inode!;
  if (!S_ISDIR(inode.mode)) return { error: errorText(-ENOTDIR) };
  const names: string[] = [];
  let more = false;
  const err = keepingAtime([inode], () => {
    const file = vfs_open(t, p, O_RDONLY | O_DIRECTORY | O_NONBLOCK | O_LARGEFILE);
    if (typeof file === 'number') return file === SLEEP ? -EAGAIN : file;
    try {
      const ctx: DirContext = {
        pos: 0,
        emit(name) {
          if (name === '.' || name === '..') return true;
          if (names.length >= MAX_DIR_ENTRIES) {
            more = true;
            return false;
          }
          names.push(name);
          return true;
        },
      };
      return iterate_dir(t, file, ctx);
    } finally {
      fput(file, t);
    }
  });
  if (err) return { error: errorText(err) };
  const dir = d_path(p, t.fs.root);
  const entries: FileEntry[] = [];
  for (const name of names.sort()) {
    const child = lookup(t, dir === '/' ? `/${name}` : `${dir}/${name}`, false);
    // An entry that went away between the listing and the look (a process exiting) is left out.
    if (typeof child !== 'number') entries.push(describe(k, t, child, name));
  }
  return { error: null, entry: describe(k, t, p, baseName(path)), entries, more };
}

/** files-read: the first MAX_FILE_READ bytes of the file at `path` (following links). */
export function files_read(k: Kernel, path: string): FilesAnswer {
  const t = reader(k);
  const p = lookup(t, path, true);
  if (typeof p === 'number') return { error: errorText(p) };
  const entry = describe(k, t, p, baseName(path));
  if (entry.type === 'd') return { error: errorText(-EISDIR), entry };
  const why = refusal(p);
  if (why) return { error: `Not read: ${why}`, entry };
  const r = readAll(t, p);
  if (r === -EAGAIN) return { error: `Not read: it would block (${errnoName(EAGAIN)}): it has nothing to read now`, entry };
  if (typeof r === 'number') return { error: errorText(r), entry };
  return { error: null, entry, content: r.content, truncated: r.truncated, binary: looksBinary(r.content) };
}
