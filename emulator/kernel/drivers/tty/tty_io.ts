// The tty character devices' file operations (drivers/tty/tty_io.c, tty_ioctl.c, tty_jobctrl.c):
// open with controlling-terminal acquisition, read and write through N_TTY with job-control
// checks, the terminal ioctls, and poll.

import {
  EAGAIN, EFAULT, EINVAL, EIO, ENOTTY, EPERM, ERESTARTSYS, ESRCH,
} from '../../../uapi/errno';
import { O_NOCTTY, O_NONBLOCK } from '../../../uapi/fcntl';
import { POLLIN, POLLOUT, POLLRDNORM, POLLWRNORM } from '../../../uapi/poll';
import { SIGTTIN, SIGTTOU, SIGWINCH, SIGHUP, SIGCONT, SIG_IGN, sigmask } from '../../../uapi/signal';
import {
  ICANON, NCCS, TCFLSH, TCGETS, TCIFLUSH, TCIOFLUSH, TCOFLUSH, TCSBRK, TCSETS, TCSETSF, TCSETSW,
  TCXONC, TERMIOS, TERMIOS_SIZE, TIOCGPGRP, TIOCGSID, TIOCGWINSZ, TIOCNOTTY, TIOCOUTQ, TIOCSCTTY,
  TIOCSPGRP, TIOCSWINSZ, TOSTOP, VMIN, VTIME, WINSIZE_SIZE,
} from '../../../uapi/termios';
import { FIONREAD } from '../../../uapi/ioctls';
import { copy_from_user, copy_to_user, get_user_i32, put_user_i32, StructReader, StructWriter } from '../../mm/uaccess';
import { kill_pgrp, processes } from '../../signal';
import { makeSiginfo } from '../../signal_types';
import { sleepOn, sleepUntil } from '../../sched/wait';
import { EXIT_DEAD, EXIT_ZOMBIE, type Task } from '../../sched/task';
import type { File } from '../../fs/file';
import type { FileOperations, PollTable } from '../../fs/fs';
import { poll_wait } from '../../fs/fs';
import type { Inode } from '../../fs/inode';
import {
  n_tty_canon_changed, n_tty_chars_in_buffer, n_tty_flush_input, n_tty_input_available, n_tty_take, n_tty_write,
} from './n_tty';
import type { Tty } from './tty';

const ttyOf = (file: File) => file.private_data as Tty;

/** Is `t`'s process group orphaned (no parent in another group of the same session)? */
function is_current_pgrp_orphaned(t: Task): boolean {
  const pgid = t.group.pgid;
  return !processes(t).some((p) => p.group.pgid === pgid && p.parent && p.parent.group.pgid !== pgid && p.parent.group.sid === p.group.sid);
}

function sigIgnoredOrBlocked(t: Task, sig: number): boolean {
  return t.sighand.action[sig]!.handler === SIG_IGN || (t.blocked & sigmask(sig)) !== 0n;
}

/**
 * __tty_check_change / job control for readers and writers: a background process touching its
 * controlling terminal is stopped (SIGTTIN/SIGTTOU to its group) unless it ignores or blocks the
 * signal. Returns 0 to go ahead, or the error to return.
 */
function tty_check_change(tty: Tty, t: Task, sig: number): number {
  if (t.group.tty !== tty || tty.pgrp <= 0 || t.group.pgid === tty.pgrp) return 0;
  if (sigIgnoredOrBlocked(t, sig)) return sig === SIGTTIN ? -EIO : 0;
  if (is_current_pgrp_orphaned(t)) return -EIO;
  kill_pgrp(t, t.group.pgid, sig, makeSiginfo(sig, 0x80));
  return -ERESTARTSYS;
}

/** proc_set_tty: `tty` becomes the controlling terminal of the caller's session. */
function proc_set_tty(tty: Tty, t: Task): void {
  tty.session = t.group.sid;
  tty.pgrp = t.group.pgid;
  t.group.tty = tty;
}

/** tty_open: a session leader without a terminal acquires this one unless O_NOCTTY. */
export function tty_open_common(tty: Tty, file: File, t: Task): number {
  file.private_data = tty;
  const leader = t.group.sid === t.tgid;
  if (leader && !t.group.tty && tty.session === 0 && !(file.f_flags & O_NOCTTY)) proc_set_tty(tty, t);
  return 0;
}

function tty_read(file: File, t: Task, count: number): Uint8Array | number {
  const tty = ttyOf(file);
  const check = tty_check_change(tty, t, SIGTTIN);
  if (check) return check;
  if (count === 0) return new Uint8Array(0);
  const canon = (tty.termios.lflag & ICANON) !== 0;
  const min = tty.termios.cc[VMIN]!;
  const time = tty.termios.cc[VTIME]!;
  if (!canon && min === 0 && time === 0) return n_tty_take(tty, count) ?? new Uint8Array(0);
  const ready = canon || n_tty_chars_in_buffer(tty) >= Math.min(Math.max(min, 1), count);
  if (ready) {
    const got = n_tty_take(tty, count);
    if (got) return got;
  }
  // MIN=0, TIME>0: wait up to TIME tenths of a second for one byte. (With MIN>0 and TIME>0 the
  // inter-byte timer is simplified to the same overall timeout once a byte has arrived.)
  if (!canon && time > 0 && (min === 0 || n_tty_chars_in_buffer(tty) > 0)) {
    if (t.timedOut) {
      t.timedOut = false;
      return n_tty_take(tty, count) ?? new Uint8Array(0);
    }
    if (file.f_flags & O_NONBLOCK) return -EAGAIN;
    if (!t.restart) t.restart = { deadline: t.kernel.clock.now() + time * 100_000_000 };
    return sleepUntil(t, t.restart.deadline as number, tty.readWait);
  }
  if (file.f_flags & O_NONBLOCK) return -EAGAIN;
  return sleepOn(t, tty.readWait);
}

function tty_write(file: File, t: Task, data: Uint8Array): number {
  const tty = ttyOf(file);
  if (tty.termios.lflag & TOSTOP) {
    const check = tty_check_change(tty, t, SIGTTOU);
    if (check) return check;
  }
  return n_tty_write(tty, data);
}

function tty_poll(file: File, t: Task, pt: PollTable | null): number {
  const tty = ttyOf(file);
  poll_wait(pt, tty.readWait);
  let mask = POLLOUT | POLLWRNORM;
  if (n_tty_input_available(tty)) mask |= POLLIN | POLLRDNORM;
  return mask;
}

function set_termios(tty: Tty, t: Task, arg: number, flush: boolean): number {
  const check = tty_check_change(tty, t, SIGTTOU);
  if (check) return check;
  const raw = copy_from_user(t, arg, TERMIOS_SIZE);
  if (typeof raw === 'number') return -EFAULT;
  const r = new StructReader(raw);
  const wasCanon = (tty.termios.lflag & ICANON) !== 0;
  tty.termios = {
    iflag: r.u32(TERMIOS.iflag),
    oflag: r.u32(TERMIOS.oflag),
    cflag: r.u32(TERMIOS.cflag),
    lflag: r.u32(TERMIOS.lflag),
    line: raw[TERMIOS.line]!,
    cc: Array.from(raw.subarray(TERMIOS.cc, TERMIOS.cc + NCCS)),
  };
  if (flush) n_tty_flush_input(tty);
  n_tty_canon_changed(tty, wasCanon);
  tty.readWait.wakeAll();
  return 0;
}

/** The caller's controlling terminal is `tty` (TIOCGPGRP and friends need that). */
const isCtty = (tty: Tty, t: Task) => t.group.tty === tty && tty.session === t.group.sid;

/** Send a signal to the foreground group from the kernel (SIGWINCH, SIGHUP…). */
export function tty_signal_fg(tty: Tty, t: Task | null, sig: number): void {
  if (tty.pgrp <= 0) return;
  const any = t ?? [...tty.kernel.tasks.values()].find((p) => p.state !== EXIT_DEAD && p.state !== EXIT_ZOMBIE);
  if (any) kill_pgrp(any.kernel.tasks.get(1) ?? any, tty.pgrp, sig, makeSiginfo(sig, 0x80));
}

function set_winsize(tty: Tty, t: Task | null, rows: number, cols: number, xpixel: number, ypixel: number): void {
  const w = tty.winsize;
  const changed = w.rows !== rows || w.cols !== cols || w.xpixel !== xpixel || w.ypixel !== ypixel;
  tty.winsize = { rows, cols, xpixel, ypixel };
  if (changed) tty_signal_fg(tty, t, SIGWINCH);
}

/** Resize from outside the machine (the terminal window changed), as a TIOCSWINSZ by the driver. */
export function tty_resize(tty: Tty, rows: number, cols: number): void {
  set_winsize(tty, null, rows, cols, 0, 0);
}

/** TIOCNOTTY / a session leader's exit: hang up the foreground group and detach the session. */
function disassociate(tty: Tty, t: Task): void {
  if (t.group.sid === t.tgid && tty.pgrp > 0) {
    kill_pgrp(t, tty.pgrp, SIGHUP, makeSiginfo(SIGHUP, 0x80));
    kill_pgrp(t, tty.pgrp, SIGCONT, makeSiginfo(SIGCONT, 0x80));
    for (const p of processes(t)) if (p.group.sid === t.group.sid) p.group.tty = null;
    tty.session = 0;
    tty.pgrp = 0;
  }
  t.group.tty = null;
}

function tty_ioctl(file: File, t: Task, cmd: number, arg: number): number {
  const tty = ttyOf(file);
  switch (cmd >>> 0) {
    case TCGETS: {
      const w = new StructWriter(TERMIOS_SIZE);
      const tm = tty.termios;
      w.u32(TERMIOS.iflag, tm.iflag).u32(TERMIOS.oflag, tm.oflag).u32(TERMIOS.cflag, tm.cflag).u32(TERMIOS.lflag, tm.lflag).u8(TERMIOS.line, tm.line);
      tm.cc.forEach((c, i) => w.u8(TERMIOS.cc + i, c));
      return copy_to_user(t, arg, w.bytes) < 0 ? -EFAULT : 0;
    }
    case TCSETS:
    case TCSETSW:
      return set_termios(tty, t, arg, false);
    case TCSETSF:
      return set_termios(tty, t, arg, true);
    case TIOCGWINSZ: {
      const w = tty.winsize;
      const b = new StructWriter(WINSIZE_SIZE).u16(0, w.rows).u16(2, w.cols).u16(4, w.xpixel).u16(6, w.ypixel);
      return copy_to_user(t, arg, b.bytes) < 0 ? -EFAULT : 0;
    }
    case TIOCSWINSZ: {
      const raw = copy_from_user(t, arg, WINSIZE_SIZE);
      if (typeof raw === 'number') return -EFAULT;
      const r = new StructReader(raw);
      set_winsize(tty, t, r.u16(0), r.u16(2), r.u16(4), r.u16(6));
      return 0;
    }
    case TIOCGPGRP:
      if (!isCtty(tty, t)) return -ENOTTY;
      return put_user_i32(t, arg, tty.pgrp) < 0 ? -EFAULT : 0;
    case TIOCSPGRP: {
      if (!isCtty(tty, t)) return -ENOTTY;
      const check = tty_check_change(tty, t, SIGTTOU);
      if (check) return check;
      const pgrp = get_user_i32(t, arg);
      if (Number.isNaN(pgrp)) return -EFAULT;
      if (pgrp < 0) return -EINVAL;
      const members = processes(t).filter((p) => p.group.pgid === pgrp && p.state !== EXIT_ZOMBIE);
      if (members.length === 0) return -ESRCH;
      if (members.some((p) => p.group.sid !== t.group.sid)) return -EPERM;
      tty.pgrp = pgrp;
      return 0;
    }
    case TIOCGSID:
      if (!isCtty(tty, t)) return -ENOTTY;
      return put_user_i32(t, arg, tty.session) < 0 ? -EFAULT : 0;
    case TIOCSCTTY: {
      if (t.group.sid !== t.tgid || t.group.tty === tty) return t.group.tty === tty ? 0 : -EPERM;
      if (t.group.tty) return -EPERM;
      if (tty.session !== 0) {
        // Steal it from another session only if root asks with arg == 1.
        if (arg !== 1 || !t.cred.capable()) return -EPERM;
        for (const p of processes(t)) if (p.group.tty === tty) p.group.tty = null;
      }
      proc_set_tty(tty, t);
      return 0;
    }
    case TIOCNOTTY:
      if (!isCtty(tty, t)) return -ENOTTY;
      disassociate(tty, t);
      return 0;
    case FIONREAD:
      return put_user_i32(t, arg, n_tty_chars_in_buffer(tty)) < 0 ? -EFAULT : 0;
    case TIOCOUTQ:
      return put_user_i32(t, arg, 0) < 0 ? -EFAULT : 0;
    case TCFLSH:
      if (arg === TCIFLUSH || arg === TCIOFLUSH) n_tty_flush_input(tty);
      else if (arg !== TCOFLUSH) return -EINVAL;
      return 0;
    case TCXONC:
    case TCSBRK:
      return 0;
    default:
      return -ENOTTY;
  }
}

export function tty_fops(openTty: (file: File, t: Task) => Tty | number): FileOperations {
  return {
    open(_inode: Inode, file: File, t: Task): number {
      const tty = openTty(file, t);
      if (typeof tty === 'number') return tty;
      return tty_open_common(tty, file, t);
    },
    read: tty_read,
    write: tty_write,
    poll: tty_poll,
    ioctl: tty_ioctl,
  };
}

