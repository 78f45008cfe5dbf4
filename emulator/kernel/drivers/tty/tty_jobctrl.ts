// Job control on terminals (drivers/tty/tty_jobctrl.c).
//
// A session may have one controlling terminal, and the terminal knows its session and which of
// the session's process groups is in the foreground. The rules that make shells' job control work:
//   - the session leader gets a controlling terminal by opening one (without O_NOCTTY) while it
//     has none, or with TIOCSCTTY;
//   - only the foreground group reads the terminal: a background group that tries gets SIGTTIN
//     (and stops), or EIO if it cannot be stopped (it ignores or blocks SIGTTIN, or its group is
//     orphaned, with no one left to continue it);
//   - with TOSTOP, writing — and always, changing the terminal's modes or foreground group — from
//     the background gets SIGTTOU, unless the writer ignores or blocks it;
//   - the keyboard's signals (^C, ^\, ^Z) and SIGWINCH go to the foreground group.

import { EFAULT, EINVAL, EIO, ENOIOCTLCMD, ENOTTY, EPERM, ERESTARTSYS, ESRCH } from '../../../uapi/errno';
import { SIGCONT, SIGHUP, SIGTTIN, SIGTTOU, SIG_IGN, SI_KERNEL, sigmask } from '../../../uapi/signal';
import { TIOCGPGRP, TIOCGSID, TIOCNOTTY, TIOCSCTTY, TIOCSPGRP } from '../../../uapi/termios';
import type { File } from '../../fs/file';
import { FMODE_READ } from '../../fs/fs';
import type { Kernel } from '../../kernel';
import { get_user_i32, put_user_i32 } from '../../mm/uaccess';
import { EXIT_DEAD, EXIT_ZOMBIE, type Task } from '../../sched/task';
import { send_signal } from '../../signal';
import { makeSiginfo } from '../../signal_types';
import { tty_pair_get_tty, type Tty } from './tty';
import { __tty_hangup } from './tty_io';

/** Is `t` the leader of its session (signal->leader)? */
const is_session_leader = (t: Task) => t.group.sid === t.tgid;

/**
 * kill_pgrp(pgrp, sig, 1): a signal from the terminal itself to every process of a group — no
 * permission check, si_code SI_KERNEL (strace shows `{si_signo=SIGINT, si_code=SI_KERNEL}`).
 */
export function tty_kill_pgrp(kernel: Kernel, pgid: number, sig: number): void {
  if (pgid <= 0) return;
  for (const p of [...kernel.tasks.values()]) {
    if (!p.isLeader || p.state === EXIT_DEAD || p.group.pgid !== pgid) continue;
    send_signal(makeSiginfo(sig, SI_KERNEL), p, true);
  }
}

/** is_ignored: would `t` not stop for this signal (blocked, or set to SIG_IGN)? */
function is_ignored(t: Task, sig: number): boolean {
  return (t.blocked & sigmask(sig)) !== 0n || t.sighand.action[sig]!.handler === SIG_IGN;
}

/**
 * is_current_pgrp_orphaned (will_become_orphaned_pgrp): no member of the caller's group has a
 * parent in another group of the same session — no shell is left that could continue it. A
 * parent that is init does not count.
 */
export function is_current_pgrp_orphaned(t: Task): boolean {
  const pgid = t.group.pgid;
  for (const p of t.kernel.tasks.values()) {
    if (!p.isLeader || p.group.pgid !== pgid) continue;
    if (p.state === EXIT_ZOMBIE || p.state === EXIT_DEAD) continue;
    const parent = p.parent;
    if (!parent || parent.tgid === 1) continue;
    if (parent.group.pgid !== pgid && parent.group.sid === p.group.sid) return false;
  }
  return true;
}

/**
 * __tty_check_change: may `t` touch its controlling terminal `tty`, or must its (background)
 * group be sent `sig`? 0 to go ahead; -ERESTARTSYS after sending the signal (the syscall runs
 * again once the group is continued in the foreground); -EIO if it cannot be stopped.
 */
export function __tty_check_change(tty: Tty, t: Task, sig: number): number {
  if (t.group.tty !== tty) return 0;
  const pgrp = t.group.pgid;
  if (tty.pgrp === 0 || pgrp === tty.pgrp) return 0;
  if (is_ignored(t, sig)) return sig === SIGTTIN ? -EIO : 0;
  if (is_current_pgrp_orphaned(t)) return -EIO;
  tty_kill_pgrp(t.kernel, pgrp, sig);
  return -ERESTARTSYS;
}

/** tty_check_change: the SIGTTOU check of writes (TOSTOP), mode changes and flushes. */
export function tty_check_change(tty: Tty, t: Task): number {
  return __tty_check_change(tty, t, SIGTTOU);
}

/** __proc_set_tty: `tty` becomes the controlling terminal of the caller, the session leader. */
export function proc_set_tty(t: Task, tty: Tty): void {
  tty.session = t.group.sid;
  tty.pgrp = t.group.pgid;
  t.group.tty = tty;
}

/** proc_clear_tty: the caller's process no longer has a controlling terminal. */
export function proc_clear_tty(t: Task): void {
  t.group.tty = null;
}

/**
 * tty_open_proc_set_tty: a session leader without a controlling terminal opening a terminal
 * nobody controls acquires it — if it opened it for reading (a write-only open must not give
 * the powers of a controlling terminal).
 */
export function tty_open_proc_set_tty(file: File, tty: Tty, t: Task): void {
  if (is_session_leader(t) && !t.group.tty && tty.session === 0 && file.f_mode & FMODE_READ) {
    proc_set_tty(t, tty);
  }
}

/** session_clear_tty: no process of session `sid` has a controlling terminal any more. */
export function session_clear_tty(kernel: Kernel, sid: number): void {
  if (sid <= 0) return;
  for (const p of kernel.tasks.values()) if (p.group.sid === sid) p.group.tty = null;
}

/**
 * tty_signal_session_leader: on a hangup, every process of the session loses the terminal, the
 * session leader gets SIGHUP and SIGCONT, and — when the leader is exiting — the foreground
 * group gets SIGHUP.
 */
export function tty_signal_session_leader(tty: Tty, exitSession: boolean): void {
  const kernel = tty.kernel;
  const fg = tty.pgrp;
  if (tty.session === 0) return;
  for (const p of [...kernel.tasks.values()]) {
    if (!p.isLeader || p.state === EXIT_DEAD || p.group.sid !== tty.session) continue;
    if (p.group.tty === tty) p.group.tty = null;
    if (!is_session_leader(p)) continue;
    send_signal(makeSiginfo(SIGHUP, SI_KERNEL), p, true);
    send_signal(makeSiginfo(SIGCONT, SI_KERNEL), p, true);
  }
  if (exitSession && fg > 0) tty_kill_pgrp(kernel, fg, SIGHUP);
}

/**
 * disassociate_ctty: the session leader gives up its terminal — on exit (`onExit`), by hanging
 * it up; by TIOCNOTTY, with SIGHUP and SIGCONT to the foreground group. Either way the terminal
 * forgets the session and every process of the session loses it.
 */
export function disassociate_ctty(t: Task, onExit: boolean): void {
  if (!is_session_leader(t)) return;
  const tty = t.group.tty;
  if (tty) {
    if (onExit) {
      __tty_hangup(tty, true);
    } else if (tty.pgrp > 0) {
      tty_kill_pgrp(t.kernel, tty.pgrp, SIGHUP);
      tty_kill_pgrp(t.kernel, tty.pgrp, SIGCONT);
    }
    tty.session = 0;
    tty.pgrp = 0;
  }
  session_clear_tty(t.kernel, t.group.sid);
}

/** no_tty (TIOCNOTTY): a leader hangs up its session's terminal; anyone else just lets go. */
export function no_tty(t: Task): void {
  disassociate_ctty(t, false);
  proc_clear_tty(t);
}

/**
 * tiocsctty: make `tty` the caller's controlling terminal. The caller must be a session leader
 * without one; a terminal another session controls can be stolen only by root asking with arg 1.
 */
function tiocsctty(tty: Tty, file: File, t: Task, arg: number): number {
  if (is_session_leader(t) && tty.session === t.group.sid) return 0;
  if (!is_session_leader(t) || t.group.tty) return -EPERM;
  if (tty.session !== 0) {
    if (arg !== 1 || !t.cred.capable()) return -EPERM;
    session_clear_tty(t.kernel, tty.session);
  }
  if (!(file.f_mode & FMODE_READ) && !t.cred.capable()) return -EPERM;
  proc_set_tty(t, tty);
  return 0;
}

/**
 * tiocgpgrp: the foreground group — asked only of one's own controlling terminal, or of a pty
 * master about its slave (how a terminal emulator learns who runs in it).
 */
function tiocgpgrp(tty: Tty, real: Tty, t: Task, arg: number): number {
  if (tty === real && t.group.tty !== real) return -ENOTTY;
  return put_user_i32(t, arg, real.pgrp) < 0 ? -EFAULT : 0;
}

/** session_of_pgrp: the session of group `pgid` (or of the process with that pid), or 0. */
function session_of_pgrp(kernel: Kernel, pgid: number): number {
  let byPid = 0;
  for (const p of kernel.tasks.values()) {
    if (p.state === EXIT_DEAD) continue;
    if (p.isLeader && p.group.pgid === pgid) return p.group.sid;
    if (p.tid === pgid) byPid = p.group.sid;
  }
  return byPid;
}

/** Is `nr` in use as any kind of pid (find_vpid)? */
function pid_exists(kernel: Kernel, nr: number): boolean {
  for (const p of kernel.tasks.values()) {
    if (p.state === EXIT_DEAD) continue;
    if (p.tid === nr || p.group.pgid === nr || p.group.sid === nr) return true;
  }
  return false;
}

/**
 * tiocspgrp (tcsetpgrp): choose the foreground group. From the background this is a SIGTTOU
 * (shells block it while they hand the terminal to a job); the group must exist in the caller's
 * session, on the caller's own controlling terminal.
 */
function tiocspgrp(tty: Tty, t: Task, arg: number): number {
  const check = tty_check_change(tty, t);
  if (check === -EIO) return -ENOTTY;
  if (check) return check;
  const nr = get_user_i32(t, arg);
  if (Number.isNaN(nr)) return -EFAULT;
  if (nr < 0) return -EINVAL;
  if (t.group.tty !== tty || tty.session !== t.group.sid) return -ENOTTY;
  if (!pid_exists(t.kernel, nr)) return -ESRCH;
  if (session_of_pgrp(t.kernel, nr) !== t.group.sid) return -EPERM;
  tty.pgrp = nr;
  return 0;
}

/** tiocgsid: the session this is the controlling terminal of. */
function tiocgsid(tty: Tty, real: Tty, t: Task, arg: number): number {
  if (tty === real && t.group.tty !== real) return -ENOTTY;
  if (real.session === 0) return -ENOTTY;
  return put_user_i32(t, arg, real.session) < 0 ? -EFAULT : 0;
}

/**
 * tty_jobctrl_ioctl: the job-control requests; -ENOIOCTLCMD for any other. On a pty master they
 * are about its slave (real_tty): TIOCSCTTY on a master makes the slave the controlling terminal.
 */
export function tty_jobctrl_ioctl(tty: Tty, file: File, t: Task, cmd: number, arg: number): number {
  const real = tty_pair_get_tty(tty);
  switch (cmd) {
    case TIOCNOTTY:
      if (t.group.tty !== tty) return -ENOTTY;
      no_tty(t);
      return 0;
    case TIOCSCTTY:
      return tiocsctty(real, file, t, arg);
    case TIOCGPGRP:
      return tiocgpgrp(tty, real, t, arg);
    case TIOCSPGRP:
      return tiocspgrp(real, t, arg);
    case TIOCGSID:
      return tiocgsid(tty, real, t, arg);
    default:
      return -ENOIOCTLCMD;
  }
}
