// The tty core (drivers/tty/tty_io.c): terminals as character devices.
//
//   4:0  /dev/tty0     the foreground virtual console      (never becomes a controlling tty)
//   4:N  /dev/ttyN     virtual console N (tty drivers register their own ranges)
//   5:0  /dev/tty      the opener's controlling terminal, whichever it is (ENXIO if none)
//   5:1  /dev/console  the system console                  (never becomes a controlling tty)
//   5:2  /dev/ptmx     a new pseudo-terminal pair, its master (pty.ts; the slaves are 136:N)
//
// Opening a terminal may make it the controlling terminal of the opener's session (see
// tty_jobctrl.ts). read, write and poll go to the line discipline (N_TTY); ioctl is answered here,
// by the job-control code, by the driver, and by N_TTY, in that order, as in Linux.
//
// Note how /dev/console differs from /dev/tty1 even when they are the same terminal: opening
// /dev/console never gives a controlling terminal, its reads and writes are never stopped for job
// control, and a hangup does not cut it off. A shell on /dev/console has no job control — the
// reason getty runs login shells on /dev/ttyN.

import { EBUSY, EFAULT, EINTR, EINVAL, EIO, ENODEV, ENOIOCTLCMD, ENOTTY, ENXIO, EPERM } from '../../../uapi/errno';
import { O_NOCTTY } from '../../../uapi/fcntl';
import { POLLERR, POLLHUP, POLLIN, POLLOUT, POLLRDNORM, POLLWRNORM } from '../../../uapi/poll';
import { SIGWINCH } from '../../../uapi/signal';
import { major, minor } from '../../../uapi/stat';
import {
  N_TTY, TCFLSH, TCIFLUSH, TCIOFLUSH, TCSBRK, TCSBRKP, TIOCCBRK, TIOCEXCL, TIOCGDEV, TIOCGETD, TIOCGEXCL,
  TIOCGICOUNT, TIOCGSERIAL, TIOCGWINSZ, TIOCMBIC, TIOCMBIS, TIOCMGET, TIOCMSET, TIOCNXCL, TIOCSBRK,
  TIOCSERGETLSR, TIOCSETD, TIOCGPTPEER, TIOCSPGRP, TIOCSSERIAL, TIOCSTI, TIOCSWINSZ, TIOCVHANGUP, WINSIZE, WINSIZE_SIZE,
} from '../../../uapi/termios';
import { registerChrdev } from '../../fs/char_dev';
import type { File } from '../../fs/file';
import { FMODE_LSEEK, FMODE_PREAD, FMODE_PWRITE, type FileOperations, type PollTable } from '../../fs/fs';
import type { Inode } from '../../fs/inode';
import type { Kernel } from '../../kernel';
import { copy_from_user, copy_to_user, get_user_i32, put_user_i32, put_user_u32, StructReader, StructWriter } from '../../mm/uaccess';
import type { Task } from '../../sched/task';
import type { SyscallGroup } from '../../syscalls/types';
import { signal_pending } from '../../signal_pending';
import { n_tty_flush_buffer, n_tty_ioctl, n_tty_open, n_tty_poll, n_tty_read, n_tty_receive_buf_common } from './n_tty';
import { n_tty_write } from './n_tty_output';
import {
  file_tty, PTY_TYPE_MASTER, TTY_DRIVER_TYPE_PTY, TTY_IO_ERROR, tty_pair_get_tty, type Tty, type TtyDriver,
  type TtyFilePrivate, type Winsize,
} from './tty';
import { flush_to_ldisc } from './tty_buffer';
import {
  session_clear_tty, tty_check_change, tty_jobctrl_ioctl, tty_kill_pgrp, tty_open_proc_set_tty,
  tty_signal_session_leader,
} from './tty_jobctrl';

export const TTY_MAJOR = 4;
export const TTYAUX_MAJOR = 5;

/** Line disciplines a TIOCSETD may name (NR_LDISCS); only N_TTY exists here. */
const NR_LDISCS = 31;

// ---- the registry of terminal drivers, per machine ----------------------------------------------------

interface TtyCore {
  drivers: TtyDriver[];
  /** What /dev/console (and /dev/tty0) opens: the console tty. */
  console: Tty | null;
}

const cores = new WeakMap<Kernel, TtyCore>();

function tty_core(kernel: Kernel): TtyCore {
  let core = cores.get(kernel);
  if (!core) cores.set(kernel, (core = { drivers: [], console: null }));
  return core;
}

/** tty_register_driver: the driver's device numbers now open its terminals. */
export function tty_register_driver(kernel: Kernel, driver: TtyDriver): number {
  const r = registerChrdev(kernel, driver.major, driver.minorStart, driver.num, driver.driverName, tty_fops);
  if (r < 0) return r;
  tty_core(kernel).drivers.push(driver);
  return 0;
}

/** register_console: `tty` is what /dev/console means from now on. */
export function register_console(kernel: Kernel, tty: Tty): void {
  tty_core(kernel).console = tty;
}

/** The console tty, if one is registered (for the kernel's own use). */
export function console_tty(kernel: Kernel): Tty | null {
  return tty_core(kernel).console;
}

/** tty_init: the alternate-major devices, /dev/tty and /dev/console. */
export function tty_init(kernel: Kernel): number {
  const a = registerChrdev(kernel, TTYAUX_MAJOR, 0, 1, '/dev/tty', tty_fops);
  if (a < 0) return a;
  const b = registerChrdev(kernel, TTYAUX_MAJOR, 1, 1, '/dev/console', tty_fops);
  return b < 0 ? b : 0;
}

/** The registered terminal drivers, newest first (the order of Linux's tty_drivers list). */
export function tty_drivers(kernel: Kernel): readonly TtyDriver[] {
  return [...tty_core(kernel).drivers].reverse();
}

/** tty_lookup_driver + the terminal itself: which tty a device number opens. */
function tty_lookup(kernel: Kernel, maj: number, min: number, file: File): Tty | number {
  const core = tty_core(kernel);
  if (maj === TTYAUX_MAJOR && min === 1) return core.console ?? -ENODEV;
  // tty0 is whichever virtual console is in the foreground; with one VT, the console's.
  if (maj === TTY_MAJOR && min === 0) return core.console ?? -ENODEV;
  for (const d of core.drivers) {
    if (d.major !== maj || min < d.minorStart || min >= d.minorStart + d.num) continue;
    if (d.lookup) return d.lookup(file, min - d.minorStart);
    // Simplified: terminals exist from the driver's start; Linux would allocate a VT on open.
    return d.ttys.get(min - d.minorStart) ?? -ENXIO;
  }
  return -ENODEV;
}

// ---- flow control and the driver ------------------------------------------------------------------------

/** tty_wakeup: writers may go on. */
export function tty_wakeup(tty: Tty): void {
  tty.write_wait.wakeAll();
}

/** __stop_tty: output stops (^S, TCOOFF). */
export function __stop_tty(tty: Tty): void {
  if (tty.flow.stopped) return;
  tty.flow.stopped = true;
  tty.ops.stop?.(tty);
}

/** __start_tty: output resumes — unless TCOOFF stopped it, which only TCOON undoes. */
export function __start_tty(tty: Tty): void {
  if (!tty.flow.stopped || tty.flow.tco_stopped) return;
  tty.flow.stopped = false;
  tty.ops.start?.(tty);
  tty_wakeup(tty);
}

export const stop_tty = __stop_tty;
export const start_tty = __start_tty;

/** tty_driver_flush_buffer: drop output the driver has not sent yet. */
export function tty_driver_flush_buffer(tty: Tty): void {
  tty.ops.flush_buffer?.(tty);
}

/** tty_send_xchar: send one character now, even while output is stopped (TCIOFF/TCION). */
export function tty_send_xchar(tty: Tty, ch: number): void {
  const wasStopped = tty.flow.stopped;
  if (wasStopped) start_tty(tty);
  tty.ops.write(tty, Uint8Array.of(ch));
  if (wasStopped) stop_tty(tty);
}

/**
 * tty_do_resize: a new window size. If it changed, the foreground group gets SIGWINCH — how
 * full-screen programs learn to redraw.
 */
export function tty_do_resize(tty: Tty, ws: Winsize): number {
  if (tty.ops.resize) return tty.ops.resize(tty, ws);
  const w = tty.winsize;
  if (w.row === ws.row && w.col === ws.col && w.xpixel === ws.xpixel && w.ypixel === ws.ypixel) return 0;
  tty_kill_pgrp(tty.kernel, tty.pgrp, SIGWINCH);
  tty.winsize = { ...ws };
  return 0;
}

// ---- hangup -----------------------------------------------------------------------------------------------

/**
 * hung_up_tty_fops: what an open file of a hung-up terminal does from then on. Reads see end of
 * file, writes fail with EIO; the file still has to be closed.
 */
export const hung_up_tty_fops: FileOperations = {
  read: () => new Uint8Array(0),
  write: () => -EIO,
  poll: () => POLLIN | POLLOUT | POLLERR | POLLHUP | POLLRDNORM | POLLWRNORM,
  ioctl: (_file, _t, cmd) => (cmd === TIOCSPGRP ? -ENOTTY : -EIO),
  release: tty_release,
};

/**
 * __tty_hangup: the line went dead (a session leader exited, or vhangup). Every open file of the
 * terminal but /dev/console's is cut off, the session loses its controlling terminal (the leader
 * gets SIGHUP and SIGCONT; on the leader's exit the foreground group gets SIGHUP), unread input
 * is dropped, and sleepers wake to find their files dead.
 */
export function __tty_hangup(tty: Tty, exitSession: boolean): void {
  for (const f of tty.files) {
    if ((f.private_data as TtyFilePrivate).redirected) continue;
    f.fop = hung_up_tty_fops;
  }
  tty_signal_session_leader(tty, exitSession);
  n_tty_flush_buffer(tty);
  tty_driver_flush_buffer(tty);
  tty.session = 0;
  tty.pgrp = 0;
  tty.write_wait.wakeAll();
  tty.read_wait.wakeAll();
}

/** tty_vhangup: hang up a terminal (TIOCVHANGUP, vhangup(2)). */
export function tty_vhangup(tty: Tty): void {
  __tty_hangup(tty, false);
}

// ---- open and close -------------------------------------------------------------------------------------

/**
 * tty_open. /dev/tty is the caller's controlling terminal; other numbers name a terminal. A
 * terminal opened for the first time gets fresh line-discipline buffers (typed-ahead input waiting
 * in the flip buffer comes in then). Terminals are not seekable.
 */
function tty_open(inode: Inode, file: File, t: Task): number {
  const maj = major(inode.rdev);
  const min = minor(inode.rdev);
  file.f_mode &= ~(FMODE_LSEEK | FMODE_PREAD | FMODE_PWRITE); // nonseekable_open
  let tty: Tty;
  if (maj === TTYAUX_MAJOR && min === 0) {
    const ctty = t.group.tty;
    if (!ctty) return -ENXIO;
    tty = ctty;
  } else {
    const r = tty_lookup(t.kernel, maj, min, file);
    if (typeof r === 'number') return r;
    tty = r;
  }
  const first = tty.count === 0;
  if (!first) {
    // tty_reopen: a pty master is never opened twice (each open of /dev/ptmx makes a new pair).
    if (tty.driver.type === TTY_DRIVER_TYPE_PTY && tty.driver.subtype === PTY_TYPE_MASTER) return -EIO;
    if (tty.exclusive && !t.cred.capable()) return -EBUSY;
  }
  const r = tty.ops.open?.(tty, file) ?? 0;
  if (r < 0) return r;
  if (first) {
    tty.flow.stopped = tty.flow.tco_stopped = false;
    tty.exclusive = false;
    n_tty_open(tty);
  }
  tty.count++;
  tty.files.add(file);
  const redirected = maj === TTYAUX_MAJOR && min === 1;
  const priv: TtyFilePrivate = { tty, redirected };
  file.private_data = priv;
  const noctty = (file.f_flags & O_NOCTTY) !== 0 || (maj === TTY_MAJOR && min === 0) || redirected;
  if (!noctty) tty_open_proc_set_tty(file, tty, t);
  if (tty.count === 1) flush_to_ldisc(tty);
  return 0;
}

/**
 * tty_release: the last close of a terminal ends its session's hold on it (session_clear_tty)
 * and drops unread input. Its modes are kept for the next open (driver->termios[]).
 */
export function tty_release(_inode: Inode, file: File, _t: Task): void {
  const tty = file_tty(file);
  if (!tty.files.delete(file)) return;
  tty.ops.close?.(tty, file);
  if (--tty.count > 0) return;
  tty_release_last(tty);
}

/** The last reference to a terminal is gone (release_tty): its session lets go, its input goes. */
export function tty_release_last(tty: Tty): void {
  session_clear_tty(tty.kernel, tty.session);
  tty.session = 0;
  tty.pgrp = 0;
  if (!tty.driver.resetTermios) tty.driver.savedTermios.set(tty.index, tty.termios.clone());
  n_tty_flush_buffer(tty);
  tty.ops.shutdown?.(tty);
}

// ---- read, write, poll --------------------------------------------------------------------------------

/**
 * tty_update_time: reading and writing a terminal move its device node's atime and mtime (how
 * `w` knows a user's idle time) — in steps of 8 seconds, so as not to reveal keystroke timing.
 */
function tty_update_time(tty: Tty, mtime: boolean): void {
  const sec = Math.floor(tty.kernel.clock.realtime() / 1e9);
  for (const f of tty.files) {
    const inode = f.inode;
    const cur = Math.floor((mtime ? inode.mtime : inode.atime) / 1e9);
    if ((sec ^ cur) & ~7) {
      if (mtime) inode.mtime = sec * 1e9;
      else inode.atime = sec * 1e9;
    }
  }
}

function tty_read(file: File, t: Task, count: number): Uint8Array | number {
  const tty = file_tty(file);
  if (tty.flags & TTY_IO_ERROR) return -EIO;
  const r = n_tty_read(tty, file, t, count);
  if (typeof r !== 'number' && r.length > 0) tty_update_time(tty, false);
  return r;
}

function tty_write(file: File, t: Task, data: Uint8Array): number {
  const tty = file_tty(file);
  if (tty.flags & TTY_IO_ERROR) return -EIO;
  const r = n_tty_write(tty, file, t, data);
  if (r > 0) tty_update_time(tty, true);
  return r;
}

function tty_poll(file: File, _t: Task, pt: PollTable | null): number {
  return n_tty_poll(file_tty(file), pt);
}

// ---- ioctl ------------------------------------------------------------------------------------------------

/** tiocsti: push a byte into the terminal's input as if typed (only on one's own terminal). */
function tiocsti(tty: Tty, t: Task, arg: number): number {
  if (t.group.tty !== tty && !t.cred.capable()) return -EPERM;
  const ch = copy_from_user(t, arg, 1);
  if (typeof ch === 'number') return -EFAULT;
  n_tty_receive_buf_common(tty, ch);
  return 0;
}

function tiocgwinsz(tty: Tty, t: Task, arg: number): number {
  tty = tty_pair_get_tty(tty); // a master answers with its slave's size
  const w = tty.winsize;
  const b = new StructWriter(WINSIZE_SIZE)
    .u16(WINSIZE.row, w.row)
    .u16(WINSIZE.col, w.col)
    .u16(WINSIZE.xpixel, w.xpixel)
    .u16(WINSIZE.ypixel, w.ypixel);
  return copy_to_user(t, arg, b.bytes) < 0 ? -EFAULT : 0;
}

function tiocswinsz(tty: Tty, t: Task, arg: number): number {
  tty = tty_pair_get_tty(tty);
  const raw = copy_from_user(t, arg, WINSIZE_SIZE);
  if (typeof raw === 'number') return -EFAULT;
  const r = new StructReader(raw);
  return tty_do_resize(tty, { row: r.u16(WINSIZE.row), col: r.u16(WINSIZE.col), xpixel: r.u16(WINSIZE.xpixel), ypixel: r.u16(WINSIZE.ypixel) });
}

/** tiocsetd: choose a line discipline. N_TTY is the only one there is. */
function tiocsetd(tty: Tty, t: Task, arg: number): number {
  const disc = get_user_i32(t, arg);
  if (Number.isNaN(disc)) return -EFAULT;
  if (disc < N_TTY || disc >= NR_LDISCS) return -EINVAL;
  return disc === N_TTY ? 0 : -EINVAL; // no other discipline is built in (Linux would try modprobe)
}

/** tty_ioctl: the generic requests, then job control, then the driver, then the line discipline. */
function tty_ioctl(file: File, t: Task, cmd: number, arg: number): number {
  const tty = file_tty(file);
  cmd >>>= 0;
  switch (cmd) {
    case TIOCSETD:
    case TIOCSBRK:
    case TIOCCBRK:
    case TCSBRK:
    case TCSBRKP: {
      const r = tty_check_change(tty, t);
      if (r) return r;
      // (tty_wait_until_sent: nothing is ever left unsent here)
      if (cmd !== TIOCCBRK && signal_pending(t)) return -EINTR;
      break;
    }
  }
  switch (cmd) {
    case TIOCSTI:
      return tiocsti(tty, t, arg);
    case TIOCGWINSZ:
      return tiocgwinsz(tty, t, arg);
    case TIOCSWINSZ:
      return tiocswinsz(tty, t, arg);
    case TIOCEXCL:
      tty.exclusive = true;
      return 0;
    case TIOCNXCL:
      tty.exclusive = false;
      return 0;
    case TIOCGEXCL:
      return put_user_i32(t, arg, tty.exclusive ? 1 : 0) < 0 ? -EFAULT : 0;
    case TIOCGETD:
      return put_user_i32(t, arg, N_TTY) < 0 ? -EFAULT : 0;
    case TIOCSETD:
      return tiocsetd(tty, t, arg);
    case TIOCVHANGUP:
      if (!t.cred.capable()) return -EPERM;
      tty_vhangup(tty);
      return 0;
    case TIOCGDEV:
      return put_user_u32(t, arg, tty.devnum) < 0 ? -EFAULT : 0;
    // A console has no break to send, no modem lines, no serial port.
    case TIOCSBRK:
    case TIOCCBRK:
    case TCSBRK:
    case TCSBRKP:
      return 0;
    case TIOCMGET:
    case TIOCMSET:
    case TIOCMBIC:
    case TIOCMBIS:
    case TIOCGICOUNT:
    case TIOCGSERIAL:
    case TIOCSSERIAL:
    case TIOCSERGETLSR:
      return -ENOTTY;
    case TIOCGPTPEER:
      // ptm_open_peer: only a pty master has a peer to open (its driver does it below).
      if (tty.driver.type !== TTY_DRIVER_TYPE_PTY || tty.driver.subtype !== PTY_TYPE_MASTER) return -EIO;
      break;
    case TCFLSH:
      // Input still in the flip buffer goes too; N_TTY does the rest.
      if (arg === TCIFLUSH || arg === TCIOFLUSH) tty.port.flush();
      break;
    default: {
      const r = tty_jobctrl_ioctl(tty, file, t, cmd, arg);
      if (r !== -ENOIOCTLCMD) return r;
    }
  }
  if (tty.ops.ioctl) {
    const r = tty.ops.ioctl(tty, cmd, arg, t, file);
    if (r !== -ENOIOCTLCMD) return r;
  }
  const r = n_tty_ioctl(tty, file, t, cmd, arg);
  return r === -ENOIOCTLCMD ? -ENOTTY : r;
}

/**
 * The file operations of every terminal device node (and of /dev/tty and /dev/console), which
 * chrdev_open installs. Linux gives /dev/console a copy with its own write (console_fops); here
 * the open file remembers it instead (TtyFilePrivate.redirected).
 */
export const tty_fops: FileOperations = {
  open: tty_open,
  read: tty_read,
  write: tty_write,
  poll: tty_poll,
  ioctl: tty_ioctl,
  release: tty_release,
};

/**
 * vhangup(2) (fs/open.c, tty_vhangup_self): root hangs up its own controlling terminal — what
 * login programs do before handing a terminal to a new user, so that no one keeps it open.
 */
function sys_vhangup(t: Task): number {
  if (!t.cred.capable()) return -EPERM;
  const tty = t.group.tty;
  if (tty) tty_vhangup(tty);
  return 0;
}

/** The tty layer's syscalls, for the syscall table. */
export const ttySyscalls: SyscallGroup = {
  vhangup: sys_vhangup,
};
