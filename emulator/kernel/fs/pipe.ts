// Pipes and FIFOs (fs/pipe.c, fs/fifo.c).
//
// A pipe is a ring buffer of 64 KiB in the kernel with a read end and a write end. read(2) takes
// what is there (it does not wait for `count` bytes), and waits only when the pipe is empty;
// with no writers left an empty pipe reads as end of file. write(2) of at most PIPE_BUF (4096)
// bytes is atomic: it waits until there is room for all of it, so writers never interleave inside
// such a write; a bigger write fills what room there is and waits for readers to make more. With
// no readers left, a write gets EPIPE and the writer SIGPIPE. O_NONBLOCK turns every wait into
// EAGAIN.
//
// pipe(2) makes the inode on pipefs, an internal filesystem (/proc/<pid>/fd shows "pipe:[ino]");
// a FIFO (mkfifo) is an inode on a real filesystem whose pipe comes to life while it is open.
// Opening a FIFO waits for the other side: a reader for a writer and vice versa.
//
// Simplified: Linux's ring is 16 page-sized slots (small writes share a slot when they can);
// ours is a ring of bytes of the same capacity. Packet mode (O_DIRECT) keeps packet boundaries.

import { sysctl_vars } from '../sysctl_tables';
import { EAGAIN, EBADF, EBUSY, EFAULT, EINVAL, ENOPKG, ENOTTY, ENXIO, EPERM, EPIPE } from '../../uapi/errno';
import { F_GETPIPE_SZ, F_SETPIPE_SZ, O_CLOEXEC, O_DIRECT, O_EXCL, O_NONBLOCK, O_RDONLY, O_WRONLY } from '../../uapi/fcntl';
import { FIONREAD } from '../../uapi/ioctls';
import { PAGE_SIZE } from '../../uapi/mman';
import { POLLERR, POLLHUP, POLLIN, POLLOUT, POLLRDNORM, POLLWRNORM } from '../../uapi/poll';
import { SIGPIPE } from '../../uapi/signal';
import { S_IFIFO } from '../../uapi/stat';
import { put_user_i32, copy_to_user } from '../mm/uaccess';
import { sleepOn } from '../sched/wait';
import { SLEEP, WaitQueue } from '../sched/waitqueue';
import type { Task } from '../sched/task';
import { send_sig } from '../signal';
import type { SyscallGroup } from '../syscalls/types';
import { touch_atime } from './attr';
import { Dentry } from './dentry';
import { rlimit_nofile } from './fdtable';
import { File, fput } from './file';
import { FMODE_LSEEK, FMODE_PREAD, FMODE_PWRITE, FMODE_READ, FMODE_STREAM, FMODE_WRITE, poll_wait, type FileOperations, type PollTable } from './fs';
import { inode_touch_mc, new_inode, type Inode } from './inode';
import { fs_capable } from './permission';
import { init_pseudo } from './libfs';
import { kernel_vfs, kern_mount, type Vfs } from './vfs';

/** Writes up to this size are atomic. */
export const PIPE_BUF = 4096;
/** A new pipe's capacity: 16 pages. */
export const PIPE_DEF_BUFFERS = 16;
/** The default of /proc/sys/fs/pipe-max-size: the most an unprivileged F_SETPIPE_SZ may ask. */
export const PIPE_MAX_SIZE = 1048576;
export const PIPEFS_MAGIC = 0x50495045;

/** struct pipe_inode_info: the buffer and who has it open. */
export class PipeInodeInfo {
  buf: Uint8Array;
  /** Where the next read starts, and how many bytes are buffered. */
  head = 0;
  len = 0;
  readers = 0;
  writers = 0;
  /** Opens so far, ever: a FIFO opener waits until the other counter moves. */
  r_counter = 0;
  w_counter = 0;
  /** Packet mode (pipe2 O_DIRECT): the lengths of the buffered packets, oldest first. */
  packets: number[] | null = null;
  readonly rd_wait = new WaitQueue();
  readonly wr_wait = new WaitQueue();

  constructor(size = PIPE_DEF_BUFFERS * PAGE_SIZE) {
    this.buf = new Uint8Array(size);
  }

  get capacity(): number {
    return this.buf.length;
  }

  get free(): number {
    return this.buf.length - this.len;
  }

  /** Copy bytes in at the tail (the caller checked there is room). */
  push(data: Uint8Array): void {
    const cap = this.buf.length;
    let tail = (this.head + this.len) % cap;
    let done = 0;
    while (done < data.length) {
      const n = Math.min(data.length - done, cap - tail);
      this.buf.set(data.subarray(done, done + n), tail);
      done += n;
      tail = (tail + n) % cap;
    }
    this.len += data.length;
  }

  /** Take `n` bytes from the head. */
  shift(n: number): Uint8Array {
    const out = new Uint8Array(n);
    const cap = this.buf.length;
    let done = 0;
    while (done < n) {
      const m = Math.min(n - done, cap - this.head);
      out.set(this.buf.subarray(this.head, this.head + m), done);
      done += m;
      this.head = (this.head + m) % cap;
    }
    this.len -= n;
    if (this.len === 0) this.head = 0;
    return out;
  }

  /** pipe_resize_ring: a new capacity, keeping the data. */
  resize(size: number): void {
    const data = this.shift(this.len);
    this.buf = new Uint8Array(size);
    this.head = 0;
    this.push(data);
  }

  /** wake_up_partner: a FIFO opener on the other side may go on. */
  wakePartner(): void {
    this.rd_wait.wakeAll();
    this.wr_wait.wakeAll();
  }
}

/** The pipe behind an open file, or null if it is not a pipe or FIFO (get_pipe_info). */
export function get_pipe_info(file: File): PipeInodeInfo | null {
  return file.fop === pipefifo_fops ? file.inode.pipe : null;
}

function is_nonblock(file: File): boolean {
  return (file.f_flags & O_NONBLOCK) !== 0;
}

function pipe_read(file: File, t: Task, count: number): Uint8Array | number {
  const pipe = file.inode.pipe!;
  if (count === 0) return new Uint8Array(0);
  if (pipe.len > 0) {
    let n = Math.min(count, pipe.len);
    let data: Uint8Array;
    if (pipe.packets) {
      // A packet is read whole; what does not fit in the buffer is discarded.
      const plen = pipe.packets.shift()!;
      n = Math.min(count, plen);
      data = pipe.shift(plen).subarray(0, n);
    } else {
      data = pipe.shift(n);
    }
    pipe.wr_wait.wakeAll();
    touch_atime(file.path);
    return data;
  }
  if (pipe.writers === 0) return new Uint8Array(0);
  if (is_nonblock(file)) return -EAGAIN;
  return sleepOn(t, pipe.rd_wait);
}

/** Bytes of this write already in the pipe from earlier runs of the same syscall. */
interface PipeWriteProgress {
  pipeWritten?: number;
}

function pipe_write(file: File, t: Task, data: Uint8Array): number {
  const pipe = file.inode.pipe!;
  const total = data.length;
  const progress = (t.restart ?? {}) as PipeWriteProgress;
  let done = progress.pipeWritten ?? 0;
  if (total === 0) return 0;
  for (;;) {
    if (pipe.readers === 0) {
      send_sig(SIGPIPE, t, false);
      return done > 0 ? done : -EPIPE;
    }
    const free = pipe.free;
    if (total <= PIPE_BUF && done === 0) {
      if (free >= total) {
        put_bytes(pipe, data);
        done = total;
      }
    } else if (free > 0) {
      const n = Math.min(free, total - done);
      put_bytes(pipe, data.subarray(done, done + n));
      done += n;
    }
    if (done === total) break;
    if (is_nonblock(file)) return done > 0 ? done : -EAGAIN;
    t.restart = { ...(t.restart ?? {}), pipeWritten: done };
    const r = sleepOn(t, pipe.wr_wait);
    if (r === SLEEP) return SLEEP;
    return done > 0 ? done : r;
  }
  inode_touch_mc(file.inode);
  return total;
}

/** Copy into the ring and wake readers; in packet mode each page-sized piece is one packet. */
function put_bytes(pipe: PipeInodeInfo, data: Uint8Array): void {
  pipe.push(data);
  if (pipe.packets) for (let i = 0; i < data.length; i += PAGE_SIZE) pipe.packets.push(Math.min(PAGE_SIZE, data.length - i));
  pipe.rd_wait.wakeAll();
}

function pipe_poll(file: File, _t: Task, pt: PollTable | null): number {
  const pipe = file.inode.pipe!;
  if (file.f_mode & FMODE_READ) poll_wait(pt, pipe.rd_wait);
  if (file.f_mode & FMODE_WRITE) poll_wait(pt, pipe.wr_wait);
  let mask = 0;
  if (file.f_mode & FMODE_READ) {
    if (pipe.len > 0) mask |= POLLIN | POLLRDNORM;
    // A FIFO reader opened before any writer does not see a hangup until one came and went.
    if (pipe.writers === 0 && file.version !== pipe.w_counter) mask |= POLLHUP;
  }
  if (file.f_mode & FMODE_WRITE) {
    if (pipe.free >= Math.min(PIPE_BUF, pipe.capacity)) mask |= POLLOUT | POLLWRNORM;
    if (pipe.readers === 0) mask |= POLLERR;
  }
  return mask;
}

function pipe_ioctl(file: File, t: Task, cmd: number, arg: number): number {
  if (cmd !== FIONREAD) return -ENOTTY;
  return put_user_i32(t, arg, file.inode.pipe!.len) < 0 ? -EFAULT : 0;
}

function pipe_release(inode: Inode, file: File): void {
  const pipe = inode.pipe;
  if (!pipe) return;
  if (file.f_mode & FMODE_READ) pipe.readers--;
  if (file.f_mode & FMODE_WRITE) pipe.writers--;
  pipe.wakePartner();
  // The last opener gone: a FIFO's buffer (and whatever was left in it) goes too.
  if (pipe.readers === 0 && pipe.writers === 0) inode.pipe = null;
}

/** What a FIFO open waiting for its partner remembers between runs of open(2). */
interface FifoWait {
  pipe: PipeInodeInfo;
  counter: number;
}

/**
 * wait_for_partner: sleep until the other side's open counter moves. Our open is counted while
 * we sleep (a writer must see this reader), so an interrupted open takes it back.
 */
function wait_for_partner(t: Task, pipe: PipeInodeInfo, forWriter: boolean): number {
  const counter = forWriter ? pipe.w_counter : pipe.r_counter;
  const st = t.restart?.fifo as FifoWait | undefined;
  if (st && st.pipe === pipe && st.counter !== counter) return 0;
  if (!st) t.restart = { ...(t.restart ?? {}), fifo: { pipe, counter } satisfies FifoWait };
  const r = sleepOn(t, pipe.rd_wait, pipe.wr_wait);
  if (r === SLEEP) return SLEEP;
  if (forWriter) {
    if (--pipe.readers === 0) pipe.wr_wait.wakeAll();
  } else if (--pipe.writers === 0) {
    pipe.rd_wait.wakeAll();
  }
  return r;
}

/** stream_open: no position — lseek, pread and pwrite are ESPIPE. */
export function stream_open(file: File): void {
  file.f_mode = (file.f_mode & ~(FMODE_LSEEK | FMODE_PREAD | FMODE_PWRITE)) | FMODE_STREAM;
}

/** fifo_open: also the open of a pipe again through /proc/<pid>/fd. */
function fifo_open(inode: Inode, file: File, t: Task): number {
  const pipe = (inode.pipe ??= new PipeInodeInfo());
  file.private_data = pipe;
  stream_open(file);
  // Already counted in an earlier run of this open (we slept waiting for the partner)?
  const again = (t.restart?.fifo as FifoWait | undefined)?.pipe === pipe;
  const isPipe = inode.sb.magic === PIPEFS_MAGIC;
  switch (file.f_mode & (FMODE_READ | FMODE_WRITE)) {
    case FMODE_READ:
      if (!again) {
        pipe.r_counter++;
        if (pipe.readers++ === 0) pipe.wakePartner();
      }
      if (!isPipe && pipe.writers === 0) {
        if (is_nonblock(file)) file.version = pipe.w_counter;
        else return wait_for_partner(t, pipe, true);
      }
      return 0;
    case FMODE_WRITE:
      if (!again) {
        if (is_nonblock(file) && pipe.readers === 0) return -ENXIO;
        pipe.w_counter++;
        if (pipe.writers++ === 0) pipe.wakePartner();
      }
      if (!isPipe && pipe.readers === 0) return wait_for_partner(t, pipe, false);
      return 0;
    case FMODE_READ | FMODE_WRITE:
      // Read-write never waits: this opener is its own partner (POSIX leaves it undefined).
      pipe.readers++;
      pipe.writers++;
      pipe.r_counter++;
      pipe.w_counter++;
      if (pipe.readers === 1 || pipe.writers === 1) pipe.wakePartner();
      return 0;
    default:
      return -EINVAL;
  }
}

export const pipefifo_fops: FileOperations = {
  open: fifo_open,
  read: (file, t, count) => pipe_read(file, t, count),
  write: (file, t, data) => pipe_write(file, t, data),
  poll: pipe_poll,
  ioctl: pipe_ioctl,
  release: pipe_release,
};

/** A socket's inode opened by path (a UNIX socket file): not possible, ENXIO. */
export const bad_sock_fops: FileOperations = { open: () => -ENXIO };

/** round_pipe_size: whole pages, a power of two of them. */
export function round_pipe_size(size: number): number {
  if (size > 2 ** 31) return 0;
  if (size < PAGE_SIZE) return PAGE_SIZE;
  return 2 ** Math.ceil(Math.log2(size));
}

/** pipe_fcntl: F_GETPIPE_SZ and F_SETPIPE_SZ; EBADF for anything but a pipe. */
export function pipe_fcntl(t: Task, file: File, cmd: number, arg: number): number {
  const pipe = get_pipe_info(file);
  if (!pipe) return -EBADF;
  if (cmd === F_GETPIPE_SZ) return pipe.capacity;
  if (cmd !== F_SETPIPE_SZ) return -EINVAL;
  const size = round_pipe_size(arg >>> 0);
  if (size === 0) return -EINVAL;
  if (size > pipe.capacity && size > sysctl_vars(t.kernel).pipe_max_size[0]! && !fs_capable(t.cred)) return -EPERM;
  if (pipe.len > size) return -EBUSY;
  if (size !== pipe.capacity) pipe.resize(size);
  return pipe.capacity;
}

// ---- pipefs and pipe(2) ------------------------------------------------------------------------

const pipefs_type = init_pseudo('pipefs', PIPEFS_MAGIC, 0o600);

/** pipefs is mounted once per machine, inside the kernel (init_pipe_fs). */
export function init_pipe_fs(vfs: Vfs): void {
  const mnt = kern_mount(vfs, pipefs_type);
  if (typeof mnt !== 'number') vfs.pipeMnt = mnt;
}

const pipefs_dentry_operations = {
  d_dname: (d: Dentry) => `pipe:[${d.inode!.ino}]`,
};

/** get_pipe_inode: a FIFO inode on pipefs, owned by the caller, mode 0600. */
function get_pipe_inode(vfs: Vfs, t: Task): Inode {
  const sb = vfs.pipeMnt!.sb;
  const inode = new_inode(sb);
  inode.mode = S_IFIFO | 0o600;
  inode.uid = t.cred.fsuid;
  inode.gid = t.cred.fsgid;
  inode.fop = pipefifo_fops;
  const pipe = new PipeInodeInfo();
  pipe.readers = pipe.writers = 1;
  pipe.r_counter = pipe.w_counter = 1;
  inode.pipe = pipe;
  return inode;
}

/** create_pipe_files: the two ends, sharing one nameless dentry. */
export function create_pipe_files(t: Task, flags: number): [File, File] {
  const vfs = kernel_vfs(t.kernel);
  const inode = get_pipe_inode(vfs, t);
  const mnt = vfs.pipeMnt!;
  const dentry = new Dentry('', mnt.sb.root, inode, mnt.sb);
  dentry.op = pipefs_dentry_operations;
  if (flags & O_DIRECT) inode.pipe!.packets = [];
  const path = { mnt, dentry };
  const keep = flags & (O_NONBLOCK | O_DIRECT);
  const rd = new File(path, O_RDONLY | keep, FMODE_READ | FMODE_STREAM, pipefifo_fops);
  const wr = new File(path, O_WRONLY | keep, FMODE_WRITE | FMODE_STREAM, pipefifo_fops);
  rd.private_data = wr.private_data = inode.pipe;
  return [rd, wr];
}

/** pipe2's O_NOTIFICATION_PIPE (= O_EXCL): a watch_queue pipe, which this kernel is built without. */
const O_NOTIFICATION_PIPE = O_EXCL;

function do_pipe2(t: Task, fildes: number, flags: number): number {
  flags |= 0;
  if (flags & ~(O_CLOEXEC | O_NONBLOCK | O_DIRECT | O_NOTIFICATION_PIPE)) return -EINVAL;
  if (flags & O_NOTIFICATION_PIPE) return -ENOPKG;
  const limit = rlimit_nofile(t);
  const [rd, wr] = create_pipe_files(t, flags);
  const cloexec = (flags & O_CLOEXEC) !== 0;
  const fd0 = t.files.install(rd, cloexec, 0, limit);
  const fd1 = fd0 < 0 ? fd0 : t.files.install(wr, cloexec, 0, limit);
  if (fd1 < 0) {
    if (fd0 >= 0) t.files.remove(fd0);
    fput(rd, t);
    fput(wr, t);
    return fd1;
  }
  const fds = new Uint8Array(new Int32Array([fd0, fd1]).buffer);
  if (copy_to_user(t, fildes, fds) < 0) {
    t.files.remove(fd0);
    t.files.remove(fd1);
    fput(rd, t);
    fput(wr, t);
    return -EFAULT;
  }
  return 0;
}

export function sys_pipe2(t: Task, fildes: number, flags: number): number {
  return do_pipe2(t, fildes, flags);
}

export function sys_pipe(t: Task, fildes: number): number {
  return do_pipe2(t, fildes, 0);
}

export const pipeSyscalls: SyscallGroup = {
  pipe: sys_pipe,
  pipe2: sys_pipe2,
};

