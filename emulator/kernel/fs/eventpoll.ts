// epoll (fs/eventpoll.c): an interest list of files kept in the kernel, so waiting on many files
// costs work only for the ones that became ready.
//
// epoll_ctl(ADD) polls the file once and hooks a callback into every wait queue its ->poll names
// (ep_ptable_queue_proc). When such a queue is woken — data arrived in a pipe, a writer went away —
// the callback puts the item on the ready list and wakes the epoll waiters (ep_poll_callback).
// epoll_wait then polls only the ready items again: a level-triggered item that is still ready
// stays on the list and is reported again next time; an edge-triggered one (EPOLLET) leaves the
// list until its next wake-up; an EPOLLONESHOT one is disarmed until EPOLL_CTL_MOD.
//
// An item belongs to the open file, not the descriptor: closing one of two descriptors of a file
// does not remove it, and the last close of the file does (eventpoll_release, called from fput).

import { EBADF, EEXIST, EFAULT, EINVAL, ENOENT, EPERM, ERESTARTSYS, EINTR, ELOOP } from '../../uapi/errno';
import { O_CLOEXEC } from '../../uapi/fcntl';
import { POLLERR, POLLHUP, POLLIN, POLLRDNORM } from '../../uapi/poll';
import { copy_from_user, copy_to_user, StructReader } from '../mm/uaccess';
import type { Task } from '../sched/task';
import { WaitQueue, type WaitCallback } from '../sched/waitqueue';
import type { SyscallGroup } from '../syscalls/types';
import { anon_inode_getfile } from './anon_inodes';
import { fget, fput, type File } from './file';
import { rlimit_nofile } from './fdtable';
import { poll_wait, vfs_poll, type FileOperations, type PollTable } from './fs';
import { poll_schedule, set_user_sigmask } from './select';

export const EPOLL_CTL_ADD = 1, EPOLL_CTL_DEL = 2, EPOLL_CTL_MOD = 3;
export const EPOLLEXCLUSIVE = 1 << 28, EPOLLWAKEUP = 1 << 29, EPOLLONESHOT = 1 << 30, EPOLLET = 1 << 31;
/** struct epoll_event is packed on x86-64: u32 events, u64 data (12 bytes). */
export const EPOLL_EVENT_SIZE = 12;
/** The most events one epoll_wait may ask for (INT_MAX / sizeof(struct epoll_event)). */
const EP_MAX_EVENTS = Math.floor(0x7fffffff / EPOLL_EVENT_SIZE);
/** Nesting of epoll files inside epoll files (EP_MAX_NESTS). */
const EP_MAX_NESTS = 4;
/** The flag bits epoll_ctl keeps for itself rather than passing to ->poll. */
const EP_PRIVATE_BITS = EPOLLWAKEUP | EPOLLONESHOT | EPOLLET | EPOLLEXCLUSIVE;

/** One watched (file, fd) pair: struct epitem. */
class EpItem implements WaitCallback {
  /** The queues this item's callback hangs on (its eppoll_entry list). */
  readonly queues: WaitQueue[] = [];
  ready = false;

  constructor(
    readonly ep: EventPoll,
    readonly file: File,
    readonly fd: number,
    public events: number,
    /** epoll_data: the caller's 64 bits, returned as they were given (as two 32-bit halves). */
    public dataLo: number,
    public dataHi: number,
  ) {}

  /** ep_poll_callback: the file may have become ready. */
  wake(): void {
    if (this.events & ~EP_PRIVATE_BITS) this.ep.markReady(this);
  }

  unhook(): void {
    for (const q of this.queues) q.callbacks.delete(this);
    this.queues.length = 0;
  }
}

/** struct eventpoll: the private data of an epoll file. */
export class EventPoll {
  /** The interest list, by (file, fd). */
  readonly items: EpItem[] = [];
  /** Ready items in the order they became ready (rdllist). */
  readonly rdllist: EpItem[] = [];
  /** Tasks in epoll_wait. */
  readonly wq = new WaitQueue();
  /** Pollers of the epoll file itself (an epoll inside another epoll, or poll/select on it). */
  readonly pollWait = new WaitQueue();

  find(file: File, fd: number): EpItem | undefined {
    return this.items.find((i) => i.file === file && i.fd === fd);
  }

  markReady(item: EpItem): void {
    if (!item.ready) {
      item.ready = true;
      this.rdllist.push(item);
    }
    this.wq.wakeAll();
    this.pollWait.wakeAll();
  }

  remove(item: EpItem): void {
    item.unhook();
    this.items.splice(this.items.indexOf(item), 1);
    const r = this.rdllist.indexOf(item);
    if (r >= 0) this.rdllist.splice(r, 1);
    item.ready = false;
    const list = item.file.epItems;
    if (list) {
      list.delete(item);
      if (list.size === 0) item.file.epItems = null;
    }
  }

  /** The ready mask of one item now (ep_item_poll), hooking its queues the first time. */
  pollItem(item: EpItem, t: Task, hook: boolean): number {
    const pt: PollTable | null = hook
      ? {
          add: (wq: WaitQueue) => {
            wq.callbacks.add(item);
            item.queues.push(wq);
          },
        }
      : null;
    return vfs_poll(item.file, t, pt) & (item.events | POLLERR | POLLHUP);
  }
}

/** The ep_eventpoll_poll: an epoll file is readable while it has ready items that are still ready. */
function ep_eventpoll_poll(file: File, t: Task, pt: PollTable | null): number {
  const ep = file.private_data as EventPoll;
  poll_wait(pt, ep.pollWait);
  return ep.rdllist.some((i) => ep.pollItem(i, t, false) !== 0) ? POLLIN | POLLRDNORM : 0;
}

function ep_eventpoll_release(file: File): number {
  const ep = file.private_data as EventPoll;
  for (const item of [...ep.items]) ep.remove(item);
  return 0;
}

const eventpoll_fops: FileOperations = {
  poll: ep_eventpoll_poll,
  release: (_inode, file) => ep_eventpoll_release(file),
};

const isEpollFile = (f: File) => f.fop === eventpoll_fops;

/** eventpoll_release: the last reference to a watched file is gone; every epoll forgets it. */
export function eventpoll_release(file: File): void {
  for (const item of [...(file.epItems ?? [])] as EpItem[]) item.ep.remove(item);
}

// ---- the syscalls ------------------------------------------------------------------------------

function do_epoll_create(t: Task, flags: number): number {
  if (flags & ~O_CLOEXEC) return -EINVAL;
  const file = anon_inode_getfile(t.kernel, '[eventpoll]', eventpoll_fops, new EventPoll(), 2 /* O_RDWR */);
  const fd = t.files.install(file, (flags & O_CLOEXEC) !== 0, 0, rlimit_nofile(t));
  if (fd < 0) fput(file, t);
  return fd;
}

function sys_epoll_create(t: Task, size: number): number {
  return (size | 0) <= 0 ? -EINVAL : do_epoll_create(t, 0);
}

function sys_epoll_create1(t: Task, flags: number): number {
  return do_epoll_create(t, flags | 0);
}

/** Would watching `target` from `ep` make a loop, or nest epolls deeper than EP_MAX_NESTS? */
function ep_loop_check(ep: EventPoll, target: File, depth = 0): boolean {
  if (!isEpollFile(target)) return false;
  const inner = target.private_data as EventPoll;
  if (inner === ep || depth >= EP_MAX_NESTS) return true;
  return inner.items.some((i) => ep_loop_check(ep, i.file, depth + 1));
}

function sys_epoll_ctl(t: Task, epfd: number, op: number, fd: number, event: number): number {
  let events = 0, dataLo = 0, dataHi = 0;
  if (op !== EPOLL_CTL_DEL) {
    const raw = copy_from_user(t, event, EPOLL_EVENT_SIZE);
    if (typeof raw === 'number') return -EFAULT;
    const r = new StructReader(raw);
    events = r.u32(0);
    dataLo = r.u32(4);
    dataHi = r.u32(8);
  }
  const epf = fget(t, epfd);
  const tf = fget(t, fd);
  if (!epf || !tf) return -EBADF;
  // Only files that can be polled can be watched: regular files and directories cannot (EPERM).
  if (!tf.fop.poll) return -EPERM;
  if (!isEpollFile(epf) || epf === tf) return -EINVAL;
  const ep = epf.private_data as EventPoll;
  // EPOLLEXCLUSIVE only at ADD, and not with EPOLLONESHOT or onto an epoll file.
  if (events & EPOLLEXCLUSIVE && (op === EPOLL_CTL_MOD || events & EPOLLONESHOT || isEpollFile(tf))) return -EINVAL;
  const item = ep.find(tf, fd | 0);
  switch (op) {
    case EPOLL_CTL_ADD: {
      if (item) return -EEXIST;
      if (ep_loop_check(ep, tf)) return -ELOOP;
      // POLLERR and POLLHUP are always watched.
      const it = new EpItem(ep, tf, fd | 0, events | POLLERR | POLLHUP, dataLo, dataHi);
      ep.items.push(it);
      (tf.epItems ??= new Set<object>()).add(it);
      if (ep.pollItem(it, t, true)) ep.markReady(it);
      return 0;
    }
    case EPOLL_CTL_MOD: {
      if (!item) return -ENOENT;
      if (item.events & EPOLLEXCLUSIVE) return -EINVAL;
      item.events = events | POLLERR | POLLHUP;
      item.dataLo = dataLo;
      item.dataHi = dataHi;
      if (ep.pollItem(item, t, false)) ep.markReady(item);
      return 0;
    }
    case EPOLL_CTL_DEL:
      if (!item) return -ENOENT;
      ep.remove(item);
      return 0;
    default:
      return -EINVAL;
  }
}

/**
 * ep_send_events: report up to `max` ready items into the user array; level-triggered ones stay
 * on the ready list, edge-triggered ones leave it, one-shot ones are disarmed. Returns the count.
 */
function ep_send_events(t: Task, ep: EventPoll, events: number, max: number): number {
  const out: number[] = [];
  const keep: EpItem[] = [];
  while (ep.rdllist.length && out.length / 3 < max) {
    const item = ep.rdllist.shift()!;
    item.ready = false;
    const mask = ep.pollItem(item, t, false);
    if (!mask) continue;
    out.push(mask, item.dataLo, item.dataHi);
    if (item.events & EPOLLONESHOT) item.events &= EP_PRIVATE_BITS;
    else if (!(item.events & EPOLLET)) keep.push(item);
  }
  for (const item of keep) {
    item.ready = true;
    ep.rdllist.push(item);
  }
  const n = out.length / 3;
  if (n === 0) return 0;
  const buf = new Uint8Array(n * EPOLL_EVENT_SIZE);
  const v = new DataView(buf.buffer);
  for (let k = 0; k < n; k++) {
    v.setUint32(k * EPOLL_EVENT_SIZE, out[3 * k]!, true);
    v.setUint32(k * EPOLL_EVENT_SIZE + 4, out[3 * k + 1]!, true);
    v.setUint32(k * EPOLL_EVENT_SIZE + 8, out[3 * k + 2]!, true);
  }
  return copy_to_user(t, events, buf) < 0 ? -EFAULT : n;
}

/** do_epoll_wait: deliver ready events, or sleep until there are some, the deadline, or a signal. */
function do_epoll_wait(t: Task, epfd: number, events: number, maxevents: number, deadline: number | null): number {
  if (maxevents <= 0 || maxevents > EP_MAX_EVENTS) return -EINVAL;
  const f = fget(t, epfd);
  if (!f) return -EBADF;
  if (!isEpollFile(f)) return -EINVAL;
  const ep = f.private_data as EventPoll;
  const n = ep_send_events(t, ep, events, maxevents);
  if (n !== 0) return n;
  if (deadline !== null && t.kernel.clock.now() >= deadline) return 0;
  return poll_schedule(t, [ep.wq], deadline);
}

function epoll_wait_common(t: Task, epfd: number, events: number, maxevents: number, deadline: number | null): number {
  const r = do_epoll_wait(t, epfd, events, maxevents | 0, deadline);
  // Never restarted: a signal makes epoll_wait fail with EINTR whatever SA_RESTART says.
  return r === -ERESTARTSYS ? -EINTR : r;
}

function sys_epoll_wait(t: Task, epfd: number, events: number, maxevents: number, timeoutMs: number): number {
  if (!t.restart) t.restart = { deadline: (timeoutMs | 0) < 0 ? null : t.kernel.clock.now() + (timeoutMs | 0) * 1_000_000 };
  return epoll_wait_common(t, epfd, events, maxevents, t.restart.deadline as number | null);
}

function sys_epoll_pwait(t: Task, epfd: number, events: number, maxevents: number, timeoutMs: number, sigmask: number, sigsetsize: number): number {
  if (!t.restart) {
    const m = set_user_sigmask(t, sigmask, sigsetsize);
    if (m < 0) return m;
    t.restart = { deadline: (timeoutMs | 0) < 0 ? null : t.kernel.clock.now() + (timeoutMs | 0) * 1_000_000 };
  }
  return epoll_wait_common(t, epfd, events, maxevents, t.restart.deadline as number | null);
}

function sys_epoll_pwait2(t: Task, epfd: number, events: number, maxevents: number, timeout: number, sigmask: number, sigsetsize: number): number {
  if (!t.restart) {
    let deadline: number | null = null;
    if (timeout !== 0) {
      const raw = copy_from_user(t, timeout, 16);
      if (typeof raw === 'number') return -EFAULT;
      const r = new StructReader(raw);
      const sec = r.i64(0), nsec = r.i64(8);
      if (sec < 0 || nsec < 0 || nsec >= 1_000_000_000) return -EINVAL;
      deadline = t.kernel.clock.now() + sec * 1_000_000_000 + nsec;
    }
    const m = set_user_sigmask(t, sigmask, sigsetsize);
    if (m < 0) return m;
    t.restart = { deadline };
  }
  return epoll_wait_common(t, epfd, events, maxevents, t.restart.deadline as number | null);
}

export const eventpollSyscalls: SyscallGroup = {
  epoll_create: sys_epoll_create,
  epoll_create1: sys_epoll_create1,
  epoll_ctl: sys_epoll_ctl,
  epoll_wait: sys_epoll_wait,
  epoll_pwait: sys_epoll_pwait,
  epoll_pwait2: sys_epoll_pwait2,
};
