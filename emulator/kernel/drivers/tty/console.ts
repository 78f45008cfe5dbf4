// The console: the terminals the host's window shows (Linux's virtual console driver,
// drivers/tty/vt), as six virtual consoles tty1..tty6 — one per terminal tab — with the host
// terminal as their screen and keyboard.
//
// The host is the hardware here. Keys typed in a tab arrive through input() — as a keyboard
// interrupt would deliver them — into that VT's flip buffer and on to N_TTY; what programs write,
// and N_TTY's echo, leaves through the callbacks given to onOutput(), tagged with the VT's number.
// resize() is a tab changing size: the new winsize and a SIGWINCH for the foreground job, as
// Linux's vt_resize does. activate() is switching to a tab (chvt, VT_ACTIVATE): it becomes the
// foreground console that /sys/class/tty/tty0/active names, and the process that asked with
// KDSIGACCEPT (init) gets its signal — Linux's keyboard "spawn console" request (kbrequest), with
// which init starts a shell on a console the user turned to.
//
// Flow control: a real screen takes bytes as fast as the CPU writes them; a window drawing them
// may not. Once the host says it acknowledges output (setFlowControl), a VT reports no write room
// while more than that many bytes are unacknowledged, so writers sleep in n_tty_write (and ^C
// reaches a `yes` at once) until ack() says the terminal has drawn them.
//
// tty1 (4:1) is the system console; /dev/tty0 (4:0) and /dev/console (5:1) open it too.
// Simplified: Linux's VT driver renders to a screen buffer and interprets escape sequences
// itself; ours passes bytes through, and the host's terminal emulator draws them. Linux makes
// consoles up to MAX_NR_CONSOLES on demand; ours are the six a desktop distribution has gettys for.

import { IUTF8 } from '../../../uapi/termios';
import { KDSIGACCEPT } from '../../../uapi/kd';
import { EINVAL, ENOIOCTLCMD, EPERM } from '../../../uapi/errno';
import { NSIG, SIGKILL } from '../../../uapi/signal';
import { makedev } from '../../../uapi/stat';
import type { Kernel } from '../../kernel';
import { Tty, TtyDriver, tty_std_termios, type TtyOperations } from './tty';
import { tty_flip_buffer_push, tty_insert_flip_string } from './tty_buffer';
import { registerChrdev } from '../../fs/char_dev';
import { generic_handle_irq, request_irq } from '../../irq/irqdesc';
import { has_driver_model } from '../../base/base';
import { device_create } from '../../base/core';
import { send_sig } from '../../signal';
import {
  register_console, tty_do_resize, tty_fops, tty_init, tty_register_driver, tty_wakeup, TTY_MAJOR, TTYAUX_MAJOR,
} from './tty_io';

/** The keyboard controller's interrupt line (I8042_KBD_IRQ). */
const I8042_KBD_IRQ = 1;
/** What con_write_room reports: the most one write hands the console at a time. */
const CON_WRITE_ROOM = 32768;
/** The virtual consoles Linux would allow (MAX_NR_CONSOLES); the driver's minor range 1..63. */
const MAX_NR_CONSOLES = 63;
/** The consoles that exist here: tty1..tty6. */
export const NR_VTS = 6;

/**
 * The terminals' devices (tty_class_init, tty_register_device): name, numbers, and the node mode
 * devtmpfs gives them without udev — 0666 for /dev/tty, as the tty class's devnode says; the
 * default 0600 for the others.
 */
export const TTY_DEVICES: readonly { name: string; major: number; minor: number; mode: number }[] = [
  { name: 'tty', major: TTYAUX_MAJOR, minor: 0, mode: 0o666 },
  { name: 'console', major: TTYAUX_MAJOR, minor: 1, mode: 0o600 },
  { name: 'tty0', major: TTY_MAJOR, minor: 0, mode: 0o600 },
  ...Array.from({ length: NR_VTS }, (_, i) => ({ name: `tty${i + 1}`, major: TTY_MAJOR, minor: i + 1, mode: 0o600 })),
];

export class Console {
  /** tty1, the system console. */
  readonly tty: Tty;
  /** tty1..tty6, by index (0 is tty1). */
  readonly ttys: Tty[] = [];
  /** fg_console: the index of the console in front. */
  fg = 0;
  /** KDSIGACCEPT: who gets which signal when a console is asked for (0: nobody). */
  private spawnpid = 0;
  private spawnsig = 0;
  /** Flow control: the most unacknowledged bytes a VT may have out (Infinity: off). */
  private flowLimit = Infinity;
  private readonly unacked: number[] = new Array(NR_VTS).fill(0);
  private readonly listeners: ((bytes: Uint8Array, vt: number) => void)[] = [];
  /** Output produced before anyone listened (boot): kept, and handed to the first listener. */
  private early: { bytes: Uint8Array; vt: number }[] = [];

  constructor(private readonly kernel: Kernel) {
    const ops: TtyOperations = {
      // con_write: the screen takes everything unless output is stopped (^S).
      write: (tty, bytes) => {
        if (tty.flow.stopped) return 0;
        this.emit(bytes, tty.index);
        return bytes.length;
      },
      write_room: (tty) => (tty.flow.stopped ? 0 : Math.max(0, Math.min(CON_WRITE_ROOM, this.flowLimit - this.unacked[tty.index]!))),
      ioctl: (tty, cmd, arg, t) => {
        if (cmd !== KDSIGACCEPT) return -ENOIOCTLCMD;
        // vt_ioctl: only a privileged process may ask for the keyboard's signal, and not SIGKILL.
        if (!t.cred.capable()) return -EPERM;
        if (arg < 1 || arg > NSIG || arg === SIGKILL) return -EINVAL;
        this.spawnpid = t.tgid;
        this.spawnsig = arg;
        return 0;
      },
    };
    // The VT starts as every terminal does, plus IUTF8: Linux consoles default to UTF-8.
    const init = tty_std_termios();
    init.iflag |= IUTF8;
    const driver = new TtyDriver('tty', 'tty', TTY_MAJOR, 1, MAX_NR_CONSOLES, ops, init, 1);
    for (let i = 0; i < NR_VTS; i++) {
      const tty = new Tty(kernel, driver, i);
      tty.winsize = { row: 24, col: 80, xpixel: 0, ypixel: 0 };
      driver.ttys.set(i, tty);
      this.ttys.push(tty);
    }
    this.tty = this.ttys[0]!;
  }

  private vt(n: number): Tty | null {
    return Number.isInteger(n) && n >= 1 && n <= NR_VTS ? this.ttys[n - 1]! : null;
  }

  /** Bytes typed on the keyboard of console `vt` (1: tty1): on to N_TTY. */
  input(bytes: Uint8Array, vt = 1): void {
    const tty = this.vt(vt);
    if (!tty) return;
    // One keyboard interrupt per byte, as the i8042 raises one per scancode.
    for (let i = 0; i < bytes.length; i++) generic_handle_irq(this.kernel, I8042_KBD_IRQ);
    tty_insert_flip_string(tty, bytes);
    tty_flip_buffer_push(tty);
  }

  /** Where the consoles' output goes. Output from before the first listener is replayed to it. */
  onOutput(cb: (bytes: Uint8Array, vt: number) => void): void {
    this.listeners.push(cb);
    if (this.early.length > 0) {
      const early = this.early;
      this.early = [];
      for (const e of early) cb(e.bytes, e.vt);
    }
  }

  /** Console `vt`'s window has a new size (in character cells). */
  resize(cols: number, rows: number, vt = 1): void {
    const tty = this.vt(vt);
    if (!tty) return;
    const clamp = (n: number) => Math.max(0, Math.min(0xffff, Math.floor(n) || 0));
    tty_do_resize(tty, { row: clamp(rows), col: clamp(cols), xpixel: 0, ypixel: 0 });
  }

  /**
   * The user turned to console `vt` (change_console): it is in front now, and the process that
   * accepted the keyboard's request (init) is told, as the "spawn console" key would (fn_spawn_con).
   */
  activate(vt: number): void {
    if (!this.vt(vt)) return;
    this.fg = vt - 1;
    if (this.spawnpid === 0) return;
    const target = this.kernel.tasks.get(this.spawnpid);
    if (!target || target.isZombie) {
      this.spawnpid = 0;
      return;
    }
    send_sig(this.spawnsig, target);
  }

  /**
   * The host's terminal acknowledges what it has drawn: from now on, a VT with more than `limit`
   * bytes unacknowledged has no write room (null: off, the screen takes everything).
   */
  setFlowControl(limit: number | null): void {
    this.flowLimit = limit ?? Infinity;
    if (limit === null) this.unacked.fill(0);
    for (const tty of this.ttys) tty_wakeup(tty);
  }

  /** The terminal of console `vt` has drawn `bytes` more bytes: writers waiting for room go on. */
  ack(bytes: number, vt = 1): void {
    const tty = this.vt(vt);
    if (!tty || !(bytes > 0)) return;
    const i = vt - 1;
    const before = this.unacked[i]!;
    this.unacked[i] = Math.max(0, before - bytes);
    // A writer may sleep with a little room left (too little for "\r\n"): any freed room wakes it.
    if (before > 0 && this.flowLimit !== Infinity) tty_wakeup(tty);
  }

  private emit(bytes: Uint8Array, index: number): void {
    if (this.flowLimit !== Infinity) this.unacked[index]! += bytes.length;
    if (this.listeners.length === 0) {
      this.early.push({ bytes: bytes.slice(), vt: index + 1 });
      return;
    }
    for (const l of this.listeners) l(bytes, index + 1);
  }
}


/**
 * console_init: the tty core's devices (/dev/tty, /dev/console), the virtual console driver
 * (4:0 "/dev/vc/0" and 4:1-63 "tty", as /proc/devices lists them) and the console itself.
 * Call it after vfs_init.
 */
export function console_init(kernel: Kernel): Console {
  const con = new Console(kernel);
  const r = tty_init(kernel);
  if (r < 0) throw new Error(`console_init: cannot register /dev/tty and /dev/console (${r})`);
  // /dev/tty0 opens like any terminal; tty_lookup sends it to the foreground console.
  registerChrdev(kernel, TTY_MAJOR, 0, 1, '/dev/vc/0', tty_fops);
  const d = tty_register_driver(kernel, con.tty.driver);
  if (d < 0) throw new Error(`console_init: cannot register the virtual console (${d})`);
  register_console(kernel, con.tty);
  request_irq(kernel, I8042_KBD_IRQ, 'i8042');
  if (has_driver_model(kernel)) {
    for (const d of TTY_DEVICES) {
      device_create(kernel, {
        name: d.name, className: 'tty', devt: makedev(d.major, d.minor), ...(d.mode !== 0o600 ? { nodeMode: d.mode } : {}),
        // tty0's `active` (vt.c show_tty_active): the foreground virtual console.
        ...(d.name === 'tty0' ? { attrs: [{ name: 'active', show: () => `tty${con.fg + 1}\n` }] } : {}),
      });
    }
  }
  return con;
}
