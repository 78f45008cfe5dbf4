// flock(2) locks (fs/locks.c, the BSD-style half): advisory whole-file locks owned by the open
// file (so dup'd and inherited descriptors share one), shared (LOCK_SH) or exclusive (LOCK_EX).
// A conflicting request waits, or fails with EWOULDBLOCK under LOCK_NB; closing the last
// descriptor of the open file drops its lock.
//
// Not here yet: POSIX record locks (fcntl F_SETLK), which belong to processes and byte ranges.

import { EBADF, EINVAL, EWOULDBLOCK } from '../../uapi/errno';
import type { Task } from '../sched/task';
import { sleepOn } from '../sched/wait';
import { WaitQueue } from '../sched/waitqueue';
import type { SyscallGroup } from '../syscalls/types';
import { fget, type File } from './file';
import type { Inode } from './inode';

export const LOCK_SH = 1, LOCK_EX = 2, LOCK_NB = 4, LOCK_UN = 8;

/** The locks on one inode (struct file_lock_context, flock part). */
export class FileLockContext {
  /** Each open file holding a lock, and which kind. */
  readonly flocks = new Map<File, typeof LOCK_SH | typeof LOCK_EX>();
  readonly wait = new WaitQueue();
}

/** The lock context of an inode (made on first use), or null if it never had one. */
export function locks_inode_context(inode: Inode, create: boolean): FileLockContext | null {
  if (!inode.flctx && create) inode.flctx = new FileLockContext();
  return inode.flctx;
}

/** Does some other open file hold a lock that forbids `want`? */
function conflicts(ctx: FileLockContext, file: File, want: number): boolean {
  for (const [f, kind] of ctx.flocks) {
    if (f === file) continue;
    if (want === LOCK_EX || kind === LOCK_EX) return true;
  }
  return false;
}

/** locks_remove_file: the open file is going away (or LOCK_UN). */
export function locks_remove_flock(file: File): void {
  const ctx = locks_inode_context(file.inode, false);
  if (ctx?.flocks.delete(file)) ctx.wait.wakeAll();
}

export function sys_flock(t: Task, fd: number, cmd: number): number {
  const file = fget(t, fd | 0);
  if (!file) return -EBADF;
  cmd |= 0;
  const type = cmd & ~LOCK_NB;
  if (type === LOCK_UN) {
    locks_remove_flock(file);
    return 0;
  }
  if (type !== LOCK_SH && type !== LOCK_EX) return -EINVAL;
  const ctx = locks_inode_context(file.inode, true)!;
  // Converting drops the old lock first (as Linux does), so a waiter may get in between.
  const held = ctx.flocks.get(file);
  if (held === type) return 0;
  if (held !== undefined) {
    ctx.flocks.delete(file);
    ctx.wait.wakeAll();
  }
  if (conflicts(ctx, file, type)) {
    if (cmd & LOCK_NB) return -EWOULDBLOCK;
    return sleepOn(t, ctx.wait);
  }
  ctx.flocks.set(file, type);
  return 0;
}

export const locksSyscalls: SyscallGroup = {
  flock: sys_flock,
};
