// read, write and friends (fs/read_write.c): find the file, check it is open for that, check the
// user buffer, and let the file's operations do the work at the file position (or the one given
// to pread/pwrite). The result is copied out to the caller's memory only after the read.

import { EBADF, EFAULT, EINVAL, EOPNOTSUPP, ESPIPE } from '../../uapi/errno';
import { O_APPEND, SEEK_HOLE } from '../../uapi/fcntl';
import { PROT_READ, TASK_SIZE } from '../../uapi/mman';
import { SLEEP } from '../sched/waitqueue';
import { copy_from_user, copy_to_user, StructReader } from '../mm/uaccess';
import type { Task } from '../sched/task';
import type { SyscallGroup } from '../syscalls/types';
import { fget, type File } from './file';
import { FMODE_LSEEK, FMODE_PREAD, FMODE_PWRITE, FMODE_READ, FMODE_STREAM, FMODE_WRITE, type FilePos } from './fs';
import { ftrace_graph_active, ftrace_graph_call } from '../trace/ftrace';

/** The most one read or write moves (INT_MAX rounded down to a page). */
export const MAX_RW_COUNT = 0x7ffff000;
/** The most iovecs one readv/writev takes. */
export const UIO_MAXIOV = 1024;

/** access_ok: the range lies in the user half of the address space (not that it is mapped). */
export function access_ok(addr: number, size: number): boolean {
  return size >= 0 && addr >= 0 && addr + size <= TASK_SIZE;
}

/**
 * Is [addr, addr+len) entirely inside readable mappings? Checked before copying a write's data in,
 * so that a garbage length never makes the kernel allocate for bytes that are not there.
 * Simplified: for a buffer that is only partly mapped Linux writes up to the hole and returns the
 * short count; we return EFAULT.
 */
function user_range_readable(t: Task, addr: number, len: number): boolean {
  const mm = t.mm;
  if (!mm) return false;
  for (let a = addr; a < addr + len; ) {
    const v = mm.findVma(a);
    if (!v || !(v.prot & PROT_READ)) return false;
    a = v.end;
  }
  return true;
}

/** vfs_read: a read from the file's own code. Returns the bytes (empty at end of file) or -errno/SLEEP. */
export function vfs_read(t: Task, file: File, count: number, ppos: FilePos): Uint8Array | number {
  if (!(file.f_mode & FMODE_READ)) return -EBADF;
  if (!file.fop.read) return -EINVAL;
  if (ppos.pos < 0) return -EINVAL;
  const r = file.fop.read(file, t, Math.min(count, MAX_RW_COUNT), ppos);
  // add_rchar, inc_syscr: counted once the call is over (not at each wake-up of a sleeping read).
  if (r !== SLEEP) {
    t.ioac.syscr++;
    if (typeof r !== 'number') t.ioac.rchar += r.length;
  }
  return r;
}

/** vfs_write. Returns the count written or -errno/SLEEP. */
export function vfs_write(t: Task, file: File, data: Uint8Array, ppos: FilePos): number {
  if (!(file.f_mode & FMODE_WRITE)) return -EBADF;
  if (!file.fop.write) return -EINVAL;
  if (ppos.pos < 0) return -EINVAL;
  const r = file.fop.write(file, t, data, ppos);
  // add_wchar, inc_syscw.
  if (r !== SLEEP) {
    t.ioac.syscw++;
    if (r > 0) t.ioac.wchar += r;
  }
  return r;
}

/** kernel_read: the kernel reading a file for itself (exec, the initramfs). */
export function kernel_read(t: Task, file: File, count: number, pos: number): Uint8Array | number {
  return vfs_read(t, file, count, { pos });
}

/** The position a read/write uses: the file's, unless it is a stream. */
function file_ppos(file: File): FilePos {
  return { pos: file.f_mode & FMODE_STREAM ? 0 : file.pos };
}

function commit_pos(file: File, ppos: FilePos): void {
  if (!(file.f_mode & FMODE_STREAM)) file.pos = ppos.pos;
}

/** Checks shared by the read-type calls, in Linux's order: the mode, the operation, the buffer. */
function rw_check(file: File, write: boolean, buf: number, count: number): number {
  if (!(file.f_mode & (write ? FMODE_WRITE : FMODE_READ))) return -EBADF;
  if (!(write ? file.fop.write : file.fop.read)) return -EINVAL;
  if (!access_ok(buf, count)) return -EFAULT;
  return 0;
}

/** Read into user memory at `buf`; advances ppos. */
function do_read(t: Task, file: File, buf: number, count: number, ppos: FilePos): number {
  const err = rw_check(file, false, buf, count);
  if (err) return err;
  const data = ftrace_graph_active ? ftrace_graph_call(t, 'vfs_read', () => vfs_read(t, file, count, ppos)) : vfs_read(t, file, count, ppos);
  if (typeof data === 'number') return data;
  if (copy_to_user(t, buf, data) < 0) return -EFAULT;
  return data.length;
}

function do_write(t: Task, file: File, buf: number, count: number, ppos: FilePos): number {
  const err = rw_check(file, true, buf, count);
  if (err) return err;
  const n = Math.min(count, MAX_RW_COUNT);
  // A write that slept (a full pipe) runs again from the top: reuse the bytes copied the first
  // time instead of copying the whole buffer again on every wake-up. (Linux copies piece by piece
  // as room appears, so it would see a concurrent change to the rest of the buffer; we do not.)
  const cached = t.restart?.writeBuf as Uint8Array | undefined;
  let data: Uint8Array;
  if (cached && cached.length === n) data = cached;
  else {
    if (!user_range_readable(t, buf, n)) return -EFAULT;
    const copied = copy_from_user(t, buf, n);
    if (typeof copied === 'number') return -EFAULT;
    data = copied;
  }
  const r = ftrace_graph_active ? ftrace_graph_call(t, 'vfs_write', () => vfs_write(t, file, data, ppos)) : vfs_write(t, file, data, ppos);
  if (r === SLEEP) t.restart = { ...(t.restart ?? {}), writeBuf: data };
  return r;
}

export function sys_read(t: Task, fd: number, buf: number, count: number): number {
  const file = fget(t, fd | 0);
  if (!file) return -EBADF;
  const ppos = file_ppos(file);
  // ksys_read, as function_graph names this part (one check while the tracer is off).
  const r = ftrace_graph_active ? ftrace_graph_call(t, 'ksys_read', () => do_read(t, file, buf, count, ppos)) : do_read(t, file, buf, count, ppos);
  if (r >= 0) commit_pos(file, ppos);
  return r;
}

export function sys_write(t: Task, fd: number, buf: number, count: number): number {
  const file = fget(t, fd | 0);
  if (!file) return -EBADF;
  const ppos = file_ppos(file);
  const r = ftrace_graph_active ? ftrace_graph_call(t, 'ksys_write', () => do_write(t, file, buf, count, ppos)) : do_write(t, file, buf, count, ppos);
  if (r >= 0) commit_pos(file, ppos);
  return r;
}

export function sys_pread64(t: Task, fd: number, buf: number, count: number, pos: number): number {
  if (pos < 0) return -EINVAL;
  const file = fget(t, fd | 0);
  if (!file) return -EBADF;
  if (!(file.f_mode & FMODE_PREAD)) return -ESPIPE;
  return do_read(t, file, buf, count, { pos });
}

export function sys_pwrite64(t: Task, fd: number, buf: number, count: number, pos: number): number {
  if (pos < 0) return -EINVAL;
  const file = fget(t, fd | 0);
  if (!file) return -EBADF;
  if (!(file.f_mode & FMODE_PWRITE)) return -ESPIPE;
  return do_write(t, file, buf, count, { pos });
}

/** One struct iovec: base and length. */
export interface Iovec {
  base: number;
  len: number;
}

/**
 * import_iovec: read and check the iovec array. Negative lengths are EINVAL; the total is cut
 * at MAX_RW_COUNT (the later vectors get less), as Linux does.
 */
export function import_iovec(t: Task, uvec: number, nr: number): Iovec[] | number {
  nr |= 0;
  if (nr < 0 || nr > UIO_MAXIOV) return -EINVAL;
  if (nr === 0) return [];
  const raw = copy_from_user(t, uvec, nr * 16);
  if (typeof raw === 'number') return -EFAULT;
  const r = new StructReader(raw);
  const out: Iovec[] = [];
  let total = 0;
  for (let i = 0; i < nr; i++) {
    const base = Number(r.u64(i * 16));
    const len = r.i64(i * 16 + 8);
    if (len < 0) return -EINVAL;
    if (!access_ok(base, len)) return -EFAULT;
    const take = Math.min(len, MAX_RW_COUNT - total);
    total += take;
    out.push({ base, len: take });
  }
  return out;
}

/** The bytes the vectors hold, gathered in order (copy_from_iter); -EFAULT if any is unreadable. */
export function copy_iovec_from_user(t: Task, vec: Iovec[]): Uint8Array | number {
  if (!vec.every((v) => user_range_readable(t, v.base, v.len))) return -EFAULT;
  const data = new Uint8Array(vec.reduce((n, v) => n + v.len, 0));
  let off = 0;
  for (const v of vec) {
    const part = copy_from_user(t, v.base, v.len);
    if (typeof part === 'number') return -EFAULT;
    data.set(part, off);
    off += v.len;
  }
  return data;
}

/** Scatter `data` over the vectors in order (copy_to_iter). 0 or -EFAULT. */
export function copy_iovec_to_user(t: Task, vec: Iovec[], data: Uint8Array): number {
  let off = 0;
  for (const v of vec) {
    if (off >= data.length) break;
    const n = Math.min(v.len, data.length - off);
    if (copy_to_user(t, v.base, data.subarray(off, off + n)) < 0) return -EFAULT;
    off += n;
  }
  return 0;
}

/** readv: one read of the total, scattered over the vectors (so a pipe read stays one read). */
function do_readv(t: Task, file: File, vec: Iovec[], ppos: FilePos): number {
  const total = vec.reduce((n, v) => n + v.len, 0);
  if (total === 0) return 0;
  const data = vfs_read(t, file, total, ppos);
  if (typeof data === 'number') return data;
  return copy_iovec_to_user(t, vec, data) < 0 ? -EFAULT : data.length;
}

/** writev: the vectors gathered into one write (atomic for a pipe if it fits in PIPE_BUF). */
function do_writev(t: Task, file: File, vec: Iovec[], ppos: FilePos): number {
  if (vec.every((v) => v.len === 0)) return 0;
  const data = copy_iovec_from_user(t, vec);
  return typeof data === 'number' ? data : vfs_write(t, file, data, ppos);
}

function vectored(t: Task, fd: number, uvec: number, nr: number, write: boolean, pos: number | null): number {
  const file = fget(t, fd | 0);
  if (!file) return -EBADF;
  if (pos !== null && !(file.f_mode & (write ? FMODE_PWRITE : FMODE_PREAD))) return -ESPIPE;
  if (!(file.f_mode & (write ? FMODE_WRITE : FMODE_READ))) return -EBADF;
  if (!(write ? file.fop.write : file.fop.read)) return -EINVAL;
  const vec = import_iovec(t, uvec, nr);
  if (typeof vec === 'number') return vec;
  const ppos = pos === null ? file_ppos(file) : { pos };
  const r = write ? do_writev(t, file, vec, ppos) : do_readv(t, file, vec, ppos);
  if (r >= 0 && pos === null) commit_pos(file, ppos);
  return r;
}

export function sys_readv(t: Task, fd: number, vec: number, vlen: number): number {
  return vectored(t, fd, vec, vlen, false, null);
}

export function sys_writev(t: Task, fd: number, vec: number, vlen: number): number {
  return vectored(t, fd, vec, vlen, true, null);
}

/** preadv/pwritev: on 64-bit the whole offset is in pos_l (pos_h is ignored). */
export function sys_preadv(t: Task, fd: number, vec: number, vlen: number, posL: number): number {
  if (posL < 0) return -EINVAL;
  return vectored(t, fd, vec, vlen, false, posL);
}

export function sys_pwritev(t: Task, fd: number, vec: number, vlen: number, posL: number): number {
  if (posL < 0) return -EINVAL;
  return vectored(t, fd, vec, vlen, true, posL);
}

/** preadv2/pwritev2: offset -1 means the file position; no RWF_* flag is supported yet. */
export function sys_preadv2(t: Task, fd: number, vec: number, vlen: number, posL: number, _posH: number, flags: number): number {
  if (flags) return -EOPNOTSUPP;
  if (posL === -1) return vectored(t, fd, vec, vlen, false, null);
  return sys_preadv(t, fd, vec, vlen, posL);
}

export function sys_pwritev2(t: Task, fd: number, vec: number, vlen: number, posL: number, _posH: number, flags: number): number {
  if (flags) return -EOPNOTSUPP;
  if (posL === -1) return vectored(t, fd, vec, vlen, true, null);
  return sys_pwritev(t, fd, vec, vlen, posL);
}

/** vfs_llseek: streams and files without an llseek say ESPIPE. */
export function vfs_llseek(file: File, offset: number, whence: number): number {
  if (!(file.f_mode & FMODE_LSEEK) || !file.fop.llseek) return -ESPIPE;
  return file.fop.llseek(file, offset, whence);
}

export function sys_lseek(t: Task, fd: number, offset: number, whence: number): number {
  const file = fget(t, fd | 0);
  if (!file) return -EBADF;
  whence >>>= 0;
  if (whence > SEEK_HOLE) return -EINVAL;
  return vfs_llseek(file, offset, whence);
}

/** The most one sendfile moves per call (it may return a short count, as sendfile may). */
const SENDFILE_MAX = 16 << 20;

/**
 * sendfile: copy from one file to another inside the kernel, without the bytes visiting user
 * memory. `offset`, if given, is where to read (and is updated) instead of the input's position.
 * Simplified: Linux splices through a pipe buffer and accepts a pipe as input since 5.12; we read
 * then write, so the input must be a seekable file (EINVAL for a stream), as it was before.
 */
export function sys_sendfile(t: Task, outFd: number, inFd: number, offset: number, count: number): number {
  const input = fget(t, inFd | 0);
  if (!input || !(input.f_mode & FMODE_READ)) return -EBADF;
  const output = fget(t, outFd | 0);
  if (!output || !(output.f_mode & FMODE_WRITE)) return -EBADF;
  if (output.f_flags & O_APPEND) return -EINVAL;
  if (input.f_mode & FMODE_STREAM || !input.fop.read || !output.fop.write) return -EINVAL;
  let pos = input.pos;
  if (offset) {
    const raw = copy_from_user(t, offset, 8);
    if (typeof raw === 'number') return -EFAULT;
    pos = new StructReader(raw).i64(0);
    if (pos < 0) return -EINVAL;
  }
  if (count < 0) return -EINVAL;
  const n = Math.min(count, MAX_RW_COUNT, SENDFILE_MAX);
  if (n === 0) return 0;
  const data = vfs_read(t, input, n, { pos });
  if (typeof data === 'number') return data;
  if (data.length === 0) return 0;
  const outPos = file_ppos(output);
  const w = vfs_write(t, output, data, outPos);
  if (w < 0) return w; // also SLEEP: the input has not moved, the next run reads the same bytes
  commit_pos(output, outPos);
  if (offset) {
    const b = new Uint8Array(8);
    new DataView(b.buffer).setBigInt64(0, BigInt(pos + w), true);
    if (copy_to_user(t, offset, b) < 0) return -EFAULT;
  } else {
    input.pos = pos + w;
  }
  return w;
}

export const readWriteSyscalls: SyscallGroup = {
  sendfile: sys_sendfile,
  read: sys_read,
  write: sys_write,
  pread64: sys_pread64,
  pwrite64: sys_pwrite64,
  readv: sys_readv,
  writev: sys_writev,
  preadv: sys_preadv,
  pwritev: sys_pwritev,
  preadv2: sys_preadv2,
  pwritev2: sys_pwritev2,
  lseek: sys_lseek,
};

