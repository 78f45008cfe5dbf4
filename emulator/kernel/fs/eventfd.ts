// eventfd (fs/eventfd.c): a 64-bit counter behind a file descriptor, for one process or thread
// to signal another (and for poll/epoll to wait on).
//
// write(2) of an 8-byte value adds it to the counter (waiting, or EAGAIN, if that would pass
// 0xfffffffffffffffe). read(2) of 8 bytes waits until the counter is non-zero, then returns it
// and resets it to zero — or, with EFD_SEMAPHORE, returns 1 and decrements it. /proc/<pid>/fd
// shows the file as "anon_inode:[eventfd]".

import { EAGAIN, EINVAL } from '../../uapi/errno';
import { O_CLOEXEC, O_NONBLOCK, O_RDWR } from '../../uapi/fcntl';
import { POLLERR, POLLIN, POLLOUT } from '../../uapi/poll';
import { sleepOn } from '../sched/wait';
import { WaitQueue } from '../sched/waitqueue';
import type { Task } from '../sched/task';
import type { SyscallGroup } from '../syscalls/types';
import { anon_inode_getfile } from './anon_inodes';
import { rlimit_nofile } from './fdtable';
import { fput, type File } from './file';
import { poll_wait, type FileOperations, type PollTable } from './fs';

export const EFD_SEMAPHORE = 1;
export const EFD_CLOEXEC = O_CLOEXEC;
export const EFD_NONBLOCK = O_NONBLOCK;

const ULLONG_MAX = (1n << 64n) - 1n;

/** struct eventfd_ctx. */
export class EventfdCtx {
  count: bigint;
  readonly wqh = new WaitQueue();

  constructor(
    initval: number,
    readonly semaphore: boolean,
  ) {
    this.count = BigInt(initval >>> 0);
  }
}

function ctx_of(file: File): EventfdCtx {
  return file.private_data as EventfdCtx;
}

function eventfd_read(file: File, t: Task, count: number): Uint8Array | number {
  const ctx = ctx_of(file);
  if (count < 8) return -EINVAL;
  if (ctx.count === 0n) {
    if (file.f_flags & O_NONBLOCK) return -EAGAIN;
    return sleepOn(t, ctx.wqh);
  }
  const ucnt = ctx.semaphore ? 1n : ctx.count;
  ctx.count -= ucnt;
  ctx.wqh.wakeAll();
  const out = new Uint8Array(8);
  new DataView(out.buffer).setBigUint64(0, ucnt, true);
  return out;
}

function eventfd_write(file: File, t: Task, data: Uint8Array): number {
  const ctx = ctx_of(file);
  if (data.length < 8) return -EINVAL;
  const ucnt = new DataView(data.buffer, data.byteOffset, 8).getBigUint64(0, true);
  if (ucnt === ULLONG_MAX) return -EINVAL;
  if (ULLONG_MAX - ctx.count <= ucnt) {
    if (file.f_flags & O_NONBLOCK) return -EAGAIN;
    return sleepOn(t, ctx.wqh);
  }
  ctx.count += ucnt;
  ctx.wqh.wakeAll();
  return 8;
}

function eventfd_poll(file: File, _t: Task, pt: PollTable | null): number {
  const ctx = ctx_of(file);
  poll_wait(pt, ctx.wqh);
  let events = 0;
  if (ctx.count > 0n) events |= POLLIN;
  if (ctx.count === ULLONG_MAX) events |= POLLERR;
  if (ULLONG_MAX - 1n > ctx.count) events |= POLLOUT;
  return events;
}

export const eventfd_fops: FileOperations = {
  read: eventfd_read,
  write: eventfd_write,
  poll: eventfd_poll,
};

/** The counter of an eventfd file (for the introspection API), or null. */
export function eventfd_ctx_fileget(file: File): EventfdCtx | null {
  return file.fop === eventfd_fops ? ctx_of(file) : null;
}

function do_eventfd(t: Task, count: number, flags: number): number {
  if (flags & ~(EFD_SEMAPHORE | EFD_CLOEXEC | EFD_NONBLOCK)) return -EINVAL;
  const ctx = new EventfdCtx(count, (flags & EFD_SEMAPHORE) !== 0);
  const file = anon_inode_getfile(t.kernel, '[eventfd]', eventfd_fops, ctx, O_RDWR | (flags & EFD_NONBLOCK));
  const fd = t.files.install(file, (flags & EFD_CLOEXEC) !== 0, 0, rlimit_nofile(t));
  if (fd < 0) fput(file, t);
  return fd;
}

export const eventfdSyscalls: SyscallGroup = {
  eventfd2: (t, count, flags) => do_eventfd(t, count, flags | 0),
  eventfd: (t, count) => do_eventfd(t, count, 0),
};

