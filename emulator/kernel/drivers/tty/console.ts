// The system console (drivers/tty/vt and the serial console, reduced to one line): the terminal
// the host talks to. Bytes typed by the user come in through input(); what programs write comes
// out through onOutput(). The devices that reach it:
//
//   5:1 /dev/console   the console
//   4:0 /dev/tty0, 4:1 /dev/tty1   the (single) virtual terminal, the same console
//   5:0 /dev/tty       the opening process's controlling terminal, whichever it is (ENXIO if none)

import { ENXIO } from '../../../uapi/errno';
import { registerChrdev } from '../../fs/char_dev';
import type { Kernel } from '../../kernel';
import { n_tty_receive_buf } from './n_tty';
import { Tty } from './tty';
import { tty_fops, tty_resize } from './tty_io';

export const TTYAUX_MAJOR = 5;
export const TTY_MAJOR = 4;

export class Console {
  private readonly listeners: ((bytes: Uint8Array) => void)[] = [];
  readonly tty: Tty;

  constructor(kernel: Kernel) {
    this.tty = new Tty(kernel, 'console', 1, {
      write: (bytes) => {
        for (const l of this.listeners) l(bytes);
      },
    });
  }

  /** Keyboard (or serial line) input: through the line discipline to the readers. */
  input(bytes: Uint8Array): void {
    n_tty_receive_buf(this.tty, bytes);
  }

  onOutput(cb: (bytes: Uint8Array) => void): void {
    this.listeners.push(cb);
  }

  /** The terminal window changed size: the foreground job gets SIGWINCH. */
  resize(cols: number, rows: number): void {
    tty_resize(this.tty, rows, cols);
  }
}

/** Create the console and register its device numbers (con_init + tty_init). */
export function console_init(kernel: Kernel): Console {
  const con = new Console(kernel);
  const consoleFops = tty_fops(() => con.tty);
  registerChrdev(kernel, TTYAUX_MAJOR, 1, 1, 'console', consoleFops);
  registerChrdev(kernel, TTY_MAJOR, 0, 2, 'tty', consoleFops);
  registerChrdev(kernel, TTYAUX_MAJOR, 0, 1, '/dev/tty', tty_fops((_file, t) => t.group.tty ?? -ENXIO));
  return con;
}
