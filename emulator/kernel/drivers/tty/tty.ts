// struct tty_struct and struct tty_driver (include/linux/tty.h, tty_driver.h): one terminal.
//
// A terminal has three layers, as in Linux:
//   - the driver (console.ts, pty.ts) moves bytes to and from the "hardware": the keyboard
//     and screen of the host, or the other half of a pty pair. Its input lands in the flip buffer (tty_buffer.ts);
//   - the line discipline, N_TTY (n_tty.ts), turns typed bytes into what read(2) returns (line
//     editing, echo, signal characters) and written bytes into what the screen gets (OPOST);
//   - the tty core (tty_io.ts, tty_ioctl.ts, tty_jobctrl.ts) is the character device: open,
//     read, write, ioctl, poll, the controlling terminal and job control.

import {
  INIT_C_CC, NCCS, TTY_STD_CFLAG, TTY_STD_IFLAG, TTY_STD_LFLAG, TTY_STD_OFLAG, TTY_STD_SPEED,
} from '../../../uapi/termios';
import { makedev } from '../../../uapi/stat';
import type { Kernel } from '../../kernel';
import type { File } from '../../fs/file';
import type { Task } from '../../sched/task';
import { WaitQueue } from '../../sched/waitqueue';
import { TtyBuffer } from './tty_buffer';
import { NTtyData } from './n_tty_data';

/** struct ktermios: the terminal's modes (what TCGETS copies out, plus the speeds). */
export class Ktermios {
  iflag = 0;
  oflag = 0;
  cflag = 0;
  lflag = 0;
  line = 0;
  readonly cc = new Uint8Array(NCCS);
  ispeed = 0;
  ospeed = 0;

  clone(): Ktermios {
    const k = new Ktermios();
    k.iflag = this.iflag;
    k.oflag = this.oflag;
    k.cflag = this.cflag;
    k.lflag = this.lflag;
    k.line = this.line;
    k.cc.set(this.cc);
    k.ispeed = this.ispeed;
    k.ospeed = this.ospeed;
    return k;
  }
}

/** tty_std_termios: what a new terminal starts with (drivers may adjust, as the VT adds IUTF8). */
export function tty_std_termios(): Ktermios {
  const k = new Ktermios();
  k.iflag = TTY_STD_IFLAG;
  k.oflag = TTY_STD_OFLAG;
  k.cflag = TTY_STD_CFLAG;
  k.lflag = TTY_STD_LFLAG;
  k.cc.set(INIT_C_CC);
  k.ispeed = k.ospeed = TTY_STD_SPEED;
  return k;
}

/** struct winsize. Nothing in the kernel uses it; it is kept for programs (and SIGWINCH). */
export interface Winsize {
  row: number;
  col: number;
  xpixel: number;
  ypixel: number;
}

/** struct tty_operations: what the tty core and N_TTY ask of the driver. */
export interface TtyOperations {
  /** Send bytes to the device; returns how many it took (0 while output is stopped). */
  write(tty: Tty, bytes: Uint8Array): number;
  /** How many bytes write() would take now. */
  write_room(tty: Tty): number;
  /** Bytes written but not yet sent (TIOCOUTQ). */
  chars_in_buffer?(tty: Tty): number;
  /** Drop output not yet sent (TCOFLUSH). */
  flush_buffer?(tty: Tty): void;
  /** The new termios is in place; `old` was the previous one. Without it, tty_termios_copy_hw. */
  set_termios?(tty: Tty, old: Ktermios): void;
  /** Output stopped (^S, TCOOFF) and started again. */
  stop?(tty: Tty): void;
  start?(tty: Tty): void;
  /** A driver's own ioctls; -ENOIOCTLCMD for the ones it does not know. */
  ioctl?(tty: Tty, cmd: number, arg: number, t: Task, file: File): number;
  /** Every open of the terminal (after the first-open setup); 0 or -errno (a locked pty slave: EIO). */
  open?(tty: Tty, file: File): number;
  /** Every close, before tty.count drops (pty_close looks at how many files are left). */
  close?(tty: Tty, file: File): void;
  /** The last close is over (Linux's ->shutdown/->cleanup): a pty pair lets go of its other half. */
  shutdown?(tty: Tty): void;
  /** TIOCSWINSZ: the driver sets the size (a pty resizes both halves); without it, tty_do_resize. */
  resize?(tty: Tty, ws: Winsize): number;
  /** A reader made room in the line discipline: whoever feeds this terminal may go on. */
  unthrottle?(tty: Tty): void;
}

/** struct tty_driver's type and subtype (include/linux/tty_driver.h), as /proc/tty/drivers names them. */
export const TTY_DRIVER_TYPE_SYSTEM = 0x0001, TTY_DRIVER_TYPE_CONSOLE = 0x0002, TTY_DRIVER_TYPE_SERIAL = 0x0003;
export const TTY_DRIVER_TYPE_PTY = 0x0004;
export const PTY_TYPE_MASTER = 0x0001, PTY_TYPE_SLAVE = 0x0002;

/** tty->flags bits a driver sets (TTY_IO_ERROR, TTY_OTHER_CLOSED, TTY_PTY_LOCK in tty.h). */
export const TTY_IO_ERROR = 1 << 1, TTY_OTHER_CLOSED = 1 << 2, TTY_PTY_LOCK = 1 << 16;

/** struct tty_driver: a family of terminals sharing a major number (tty1…tty63, ttyS0…). */
export class TtyDriver {
  /** The terminals that exist, by index. */
  readonly ttys = new Map<number, Tty>();
  /** Modes saved at the last close, so that a reopened terminal keeps them (driver->termios[]). */
  readonly savedTermios = new Map<number, Ktermios>();

  constructor(
    /** Base name: "tty" gives tty1, "ttyS" gives ttyS0, "pts" gives pts0 (Linux's tty->name; /dev/pts/0 is devpts's). */
    readonly name: string,
    /** /proc/tty/drivers and /proc/devices name this driver by it ("/dev/tty", "serial"…). */
    readonly driverName: string,
    readonly major: number,
    readonly minorStart: number,
    readonly num: number,
    readonly ops: TtyOperations,
    readonly initTermios: Ktermios,
    /** The number in the name of terminal index 0: VTs count from 1 (index 0 is tty1, 4:1). */
    readonly nameBase = 0,
  ) {}

  /** TTY_DRIVER_TYPE_* and its subtype (PTY_TYPE_MASTER …); what /proc/tty/drivers prints. */
  type = TTY_DRIVER_TYPE_CONSOLE;
  subtype = 0;
  /** driver->driver_name, /proc/tty/drivers' first column ("pty_slave"); null prints "unknown". */
  procName: string | null = null;
  /** TTY_DRIVER_RESET_TERMIOS: a closed terminal forgets its modes (ptys start afresh each time). */
  resetTermios = false;
  /** TTY_DRIVER_REAL_RAW: its input never has parity errors or breaks (ptys), so raw mode may copy. */
  realRaw = false;
  /**
   * ->lookup: the terminal an open of this driver's numbers means. Without it, the index. (A pty
   * slave is found through its devpts node instead: the same number elsewhere is not it.)
   */
  lookup: ((file: File, index: number) => Tty | number) | null = null;
}

/** The flow-control state (tty->flow): output stopped by ^S (stopped) or by TCOOFF (tco_stopped). */
export interface TtyFlow {
  stopped: boolean;
  tco_stopped: boolean;
}

export class Tty {
  termios: Ktermios;
  /** TIOCSLCKTRMIOS: set bits here may not be changed by TCSETS. */
  termios_locked = new Ktermios();
  winsize: Winsize = { row: 0, col: 0, xpixel: 0, ypixel: 0 };
  /**
   * The job-control state (tty->ctrl): the foreground process group and the session this is the
   * controlling terminal of, by number; 0 when there is none.
   */
  pgrp = 0;
  session = 0;
  /** N_TTY's buffers and state (tty->disc_data). The only line discipline is N_TTY. */
  ldata = new NTtyData();
  /** The flip buffer: bytes from the driver not yet taken by the line discipline (tty->port->buf). */
  readonly port = new TtyBuffer();
  /** Readers and pollers wait here for input, writers for room to write. */
  readonly read_wait = new WaitQueue();
  readonly write_wait = new WaitQueue();
  readonly flow: TtyFlow = { stopped: false, tco_stopped: false };
  /** Open files (tty->count). */
  count = 0;
  /** TIOCEXCL: only root may open it again (TTY_EXCLUSIVE). */
  exclusive = false;
  /** The open files (tty->tty_files), so that a hangup can find them. */
  readonly files = new Set<File>();
  /** TTY_IO_ERROR, TTY_OTHER_CLOSED, TTY_PTY_LOCK. */
  flags = 0;
  /** The other half of a pty pair (tty->link); null for other terminals. */
  link: Tty | null = null;
  /** The driver's own data (a pty slave: its devpts entry; a master: its devpts instance). */
  driver_data: unknown = null;
  /** Packet mode (TIOCPKT, on a master) and the status byte waiting for it (tty->ctrl.pktstatus, on the slave). */
  packet = false;
  pktstatus = 0;

  constructor(
    readonly kernel: Kernel,
    readonly driver: TtyDriver,
    readonly index: number,
  ) {
    this.termios = driver.savedTermios.get(index)?.clone() ?? driver.initTermios.clone();
  }

  get ops(): TtyOperations {
    return this.driver.ops;
  }

  /** tty_name: "tty1", "ttyS0", "pts3" (the kernel's name; ps and ttyname find /dev paths by number). */
  get name(): string {
    return `${this.driver.name}${this.index + this.driver.nameBase}`;
  }

  /** tty_devnum: the device number of this terminal (MKDEV(major, minor_start) + index), as st_rdev shows it. */
  get devnum(): number {
    return makedev(this.driver.major, this.driver.minorStart + this.index);
  }
}

/**
 * tty_pair_get_tty: the terminal a request on `tty` is about. For a pty master that is its slave
 * (the master's modes, window size and job control are the slave's); otherwise the terminal itself.
 */
export function tty_pair_get_tty(tty: Tty): Tty {
  if (tty.driver.type === TTY_DRIVER_TYPE_PTY && tty.driver.subtype === PTY_TYPE_MASTER && tty.link) return tty.link;
  return tty;
}

/**
 * struct tty_file_private: what an open tty file points at. `redirected` marks files opened as
 * /dev/console, whose reads and writes Linux never stops for job control (their f_op is
 * console_fops, with redirected_tty_write).
 */
export interface TtyFilePrivate {
  tty: Tty;
  redirected: boolean;
}

/** file_tty: the terminal behind an open tty file. */
export function file_tty(file: { private_data: unknown }): Tty {
  return (file.private_data as TtyFilePrivate).tty;
}
