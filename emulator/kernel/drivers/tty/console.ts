// The console: the terminal the host's window shows (Linux's virtual console driver, drivers/tty/vt,
// reduced to one VT with the host terminal as its screen and keyboard).
//
// The host is the hardware here. Keys typed in the window arrive through input() — as a keyboard
// interrupt would deliver them — into the flip buffer and on to N_TTY; what programs write, and
// N_TTY's echo, leaves through the callbacks given to onOutput(). resize() is the window changing
// size: the new winsize and a SIGWINCH for the foreground job, as Linux's vt_resize does.
//
// The console is tty1 (4:1), the only virtual console; /dev/tty0 (4:0) and /dev/console (5:1)
// open it too. Simplified: Linux's VT driver renders to a screen buffer and interprets escape
// sequences itself; ours passes bytes through, and the host's terminal emulator draws them.

import { IUTF8 } from '../../../uapi/termios';
import { makedev } from '../../../uapi/stat';
import type { Kernel } from '../../kernel';
import { Tty, TtyDriver, tty_std_termios, type TtyOperations } from './tty';
import { tty_flip_buffer_push, tty_insert_flip_string } from './tty_buffer';
import { registerChrdev } from '../../fs/char_dev';
import { generic_handle_irq, request_irq } from '../../irq/irqdesc';
import { has_driver_model } from '../../base/base';
import { device_create } from '../../base/core';
import {
  console_tty, register_console, tty_do_resize, tty_fops, tty_init, tty_register_driver, TTY_MAJOR, TTYAUX_MAJOR,
} from './tty_io';

/** The keyboard controller's interrupt line (I8042_KBD_IRQ). */
const I8042_KBD_IRQ = 1;
/** What con_write_room reports: the most one write hands the console at a time. */
const CON_WRITE_ROOM = 32768;
/** The virtual consoles Linux would allow (MAX_NR_CONSOLES); only tty1 exists here. */
const MAX_NR_CONSOLES = 63;

/**
 * The terminals' devices (tty_class_init, tty_register_device): name, numbers, and the node mode
 * devtmpfs gives them without udev — 0666 for /dev/tty, as the tty class's devnode says; the
 * default 0600 for the others.
 */
export const TTY_DEVICES: readonly { name: string; major: number; minor: number; mode: number }[] = [
  { name: 'tty', major: TTYAUX_MAJOR, minor: 0, mode: 0o666 },
  { name: 'console', major: TTYAUX_MAJOR, minor: 1, mode: 0o600 },
  { name: 'tty0', major: TTY_MAJOR, minor: 0, mode: 0o600 },
  { name: 'tty1', major: TTY_MAJOR, minor: 1, mode: 0o600 },
];

export class Console {
  readonly tty: Tty;
  private readonly listeners: ((bytes: Uint8Array) => void)[] = [];
  /** Output produced before anyone listened (boot): kept, and handed to the first listener. */
  private early: Uint8Array[] = [];

  constructor(kernel: Kernel) {
    const ops: TtyOperations = {
      // con_write: the screen takes everything unless output is stopped (^S).
      write: (tty, bytes) => {
        if (tty.flow.stopped) return 0;
        this.emit(bytes);
        return bytes.length;
      },
      write_room: (tty) => (tty.flow.stopped ? 0 : CON_WRITE_ROOM),
    };
    // The VT starts as every terminal does, plus IUTF8: Linux consoles default to UTF-8.
    const init = tty_std_termios();
    init.iflag |= IUTF8;
    const driver = new TtyDriver('tty', 'tty', TTY_MAJOR, 1, MAX_NR_CONSOLES, ops, init, 1);
    this.tty = new Tty(kernel, driver, 0);
    this.tty.winsize = { row: 24, col: 80, xpixel: 0, ypixel: 0 };
    driver.ttys.set(0, this.tty);
  }

  /** Bytes typed on the keyboard (or arriving on the serial line): on to N_TTY. */
  input(bytes: Uint8Array): void {
    // One keyboard interrupt per byte, as the i8042 raises one per scancode.
    for (let i = 0; i < bytes.length; i++) generic_handle_irq(this.tty.kernel, I8042_KBD_IRQ);
    tty_insert_flip_string(this.tty, bytes);
    tty_flip_buffer_push(this.tty);
  }

  /** Where the console's output goes. Output from before the first listener is replayed to it. */
  onOutput(cb: (bytes: Uint8Array) => void): void {
    this.listeners.push(cb);
    if (this.early.length > 0) {
      const early = this.early;
      this.early = [];
      for (const b of early) cb(b);
    }
  }

  /** The host window has a new size (in character cells). */
  resize(cols: number, rows: number): void {
    const clamp = (n: number) => Math.max(0, Math.min(0xffff, Math.floor(n) || 0));
    tty_do_resize(this.tty, { row: clamp(rows), col: clamp(cols), xpixel: 0, ypixel: 0 });
  }

  private emit(bytes: Uint8Array): void {
    if (this.listeners.length === 0) {
      this.early.push(bytes.slice());
      return;
    }
    for (const l of this.listeners) l(bytes);
  }
}

/** The number of the foreground virtual console (fg_console + 1: "1" for tty1). */
function fg_console(kernel: Kernel): number {
  const tty = console_tty(kernel);
  return tty ? tty.driver.minorStart + tty.index : 1;
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
        ...(d.name === 'tty0' ? { attrs: [{ name: 'active', show: () => `tty${fg_console(kernel)}\n` }] } : {}),
      });
    }
  }
  return con;
}
