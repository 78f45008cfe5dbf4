// splice(2) and tee(2) (fs/splice.c): move data to or from a pipe inside the kernel.
//
// splice moves up to `len` bytes between a pipe and another file descriptor (or two pipes)
// without the bytes visiting user memory; tee copies from one pipe to another without consuming
// the input, so the same data can then be spliced or read elsewhere. Both wait for data (or for
// room) as read and write on a pipe do; SPLICE_F_NONBLOCK (or O_NONBLOCK on the pipe) makes that
// EAGAIN. An offset may be given only for the side that is not a pipe (ESPIPE otherwise).
//
// Simplified: Linux moves page references between pipe buffers (zero copy, which is what
// SPLICE_F_MOVE hints at); we copy the bytes between the rings, with the same results.

import { EAGAIN, EBADF, EFAULT, EINVAL, EPIPE, ESPIPE } from '../../uapi/errno';
import { O_APPEND, O_NONBLOCK } from '../../uapi/fcntl';
import { SIGPIPE } from '../../uapi/signal';
import { copy_from_user, put_user_i64, StructReader } from '../mm/uaccess';
import { sleepOn } from '../sched/wait';
import type { Task } from '../sched/task';
import { send_sig } from '../signal';
import type { SyscallGroup } from '../syscalls/types';
import { fget } from './file';
import type { File } from './file';
import { FMODE_READ, FMODE_WRITE } from './fs';
import { get_pipe_info, type PipeInodeInfo } from './pipe';
import { vfs_read, vfs_write } from './read_write';

export const SPLICE_F_MOVE = 1;
export const SPLICE_F_NONBLOCK = 2;
export const SPLICE_F_MORE = 4;
export const SPLICE_F_GIFT = 8;
const SPLICE_F_ALL = SPLICE_F_MOVE | SPLICE_F_NONBLOCK | SPLICE_F_MORE | SPLICE_F_GIFT;

/** The most one call moves when the other side is not a pipe. */
const MAX_RW = 1 << 20;

function nonblock(flags: number, ...files: File[]): boolean {
  return (flags & SPLICE_F_NONBLOCK) !== 0 || files.some((f) => (f.f_flags & O_NONBLOCK) !== 0);
}

/** Bytes at the head of a pipe, without consuming them. */
function pipe_peek(pipe: PipeInodeInfo, n: number): Uint8Array {
  const out = new Uint8Array(n);
  const cap = pipe.capacity;
  for (let i = 0; i < n; i++) out[i] = pipe.buf[(pipe.head + i) % cap]!;
  return out;
}

/** Wait for data in `ipipe` (wait_for_space's twin, ipipe_prep): 0 when there is some, 1 at EOF, or SLEEP/-errno. */
function ipipe_prep(t: Task, ipipe: PipeInodeInfo, nb: boolean): number {
  if (ipipe.len > 0) return 0;
  if (ipipe.writers === 0) return 1;
  if (nb) return -EAGAIN;
  return sleepOn(t, ipipe.rd_wait);
}

/** Wait for room in `opipe` (opipe_prep): 0 when there is some, or SLEEP/-errno. */
function opipe_prep(t: Task, opipe: PipeInodeInfo, nb: boolean): number {
  if (opipe.readers === 0) {
    send_sig(SIGPIPE, t, false);
    return -EPIPE;
  }
  if (opipe.free > 0) return 0;
  if (nb) return -EAGAIN;
  return sleepOn(t, opipe.wr_wait);
}

function push(opipe: PipeInodeInfo, data: Uint8Array): void {
  opipe.push(data);
  if (opipe.packets) opipe.packets.push(data.length);
  opipe.rd_wait.wakeAll();
}

/** An optional loff_t in user memory: its value, null for NULL, or -EFAULT. */
function get_off(t: Task, uoff: number): number | null | { err: number } {
  if (!uoff) return null;
  const b = copy_from_user(t, uoff, 8);
  if (typeof b === 'number') return { err: -EFAULT };
  const v = new StructReader(b).i64(0);
  return v < 0 ? { err: -EINVAL } : v;
}

function sys_splice(t: Task, fdIn: number, offIn: number, fdOut: number, offOut: number, len: number, flags: number): number {
  if (flags & ~SPLICE_F_ALL) return -EINVAL;
  const input = fget(t, fdIn | 0);
  const output = fget(t, fdOut | 0);
  if (!input || !output) return -EBADF;
  if (!(input.f_mode & FMODE_READ) || !(output.f_mode & FMODE_WRITE)) return -EBADF;
  if (output.f_flags & O_APPEND) return -EINVAL;
  const ipipe = get_pipe_info(input);
  const opipe = get_pipe_info(output);
  if (!ipipe && !opipe) return -EINVAL;
  if (len === 0) return 0;
  const nb = nonblock(flags, ...[ipipe ? input : null, opipe ? output : null].filter((f): f is File => f !== null));
  if (ipipe && opipe) {
    if (offIn || offOut) return -ESPIPE;
    if (ipipe === opipe) return -EINVAL;
    const i = ipipe_prep(t, ipipe, nb);
    if (i === 1) return 0;
    if (i !== 0) return i;
    const o = opipe_prep(t, opipe, nb);
    if (o !== 0) return o;
    const n = Math.min(len, ipipe.len, opipe.free);
    push(opipe, ipipe.shift(n));
    ipipe.wr_wait.wakeAll();
    return n;
  }
  if (ipipe) {
    // From a pipe into a file: splice_to_file.
    if (offIn) return -ESPIPE;
    const off = get_off(t, offOut);
    if (off !== null && typeof off === 'object') return off.err;
    const i = ipipe_prep(t, ipipe, nb);
    if (i === 1) return 0;
    if (i !== 0) return i;
    const n = Math.min(len, ipipe.len);
    const data = pipe_peek(ipipe, n);
    const ppos = { pos: off ?? output.pos };
    const w = vfs_write(t, output, data, ppos);
    if (w <= 0) return w;
    ipipe.shift(w);
    ipipe.wr_wait.wakeAll();
    if (off === null) output.pos = ppos.pos;
    else if (put_user_i64(t, offOut, ppos.pos) < 0) return -EFAULT;
    return w;
  }
  // From a file into a pipe: splice_file_to_pipe.
  if (offOut) return -ESPIPE;
  const off = get_off(t, offIn);
  if (off !== null && typeof off === 'object') return off.err;
  const o = opipe_prep(t, opipe!, nb);
  if (o !== 0) return o;
  const ppos = { pos: off ?? input.pos };
  const data = vfs_read(t, input, Math.min(len, opipe!.free, MAX_RW), ppos);
  if (typeof data === 'number') return data;
  if (data.length === 0) return 0;
  push(opipe!, data);
  if (off === null) input.pos = ppos.pos;
  else if (put_user_i64(t, offIn, ppos.pos) < 0) return -EFAULT;
  return data.length;
}

/** tee(2): copy up to `len` bytes from one pipe to another, leaving them in the first. */
function sys_tee(t: Task, fdIn: number, fdOut: number, len: number, flags: number): number {
  if (flags & ~SPLICE_F_ALL) return -EINVAL;
  const input = fget(t, fdIn | 0);
  const output = fget(t, fdOut | 0);
  if (!input || !output) return -EBADF;
  if (!(input.f_mode & FMODE_READ) || !(output.f_mode & FMODE_WRITE)) return -EBADF;
  const ipipe = get_pipe_info(input);
  const opipe = get_pipe_info(output);
  if (!ipipe || !opipe || ipipe === opipe) return -EINVAL;
  if (len === 0) return 0;
  const nb = nonblock(flags, input, output);
  const i = ipipe_prep(t, ipipe, nb);
  if (i === 1) return 0;
  if (i !== 0) return i;
  const o = opipe_prep(t, opipe, nb);
  if (o !== 0) return o;
  const n = Math.min(len, ipipe.len, opipe.free);
  push(opipe, pipe_peek(ipipe, n));
  return n;
}

export const spliceSyscalls: SyscallGroup = {
  splice: sys_splice,
  tee: sys_tee,
};
