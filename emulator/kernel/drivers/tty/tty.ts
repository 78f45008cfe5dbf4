// struct tty_struct (include/linux/tty.h): one terminal — its attributes, its window size, the
// session and foreground process group it belongs to, the line discipline's buffers, and the
// driver that carries output to the screen.

import {
  B38400, CREAD, CS8, ECHO, ECHOCTL, ECHOE, ECHOK, ECHOKE, HUPCL, ICANON, ICRNL, IEXTEN, ISIG, IUTF8, IXON,
  NCCS, ONLCR, OPOST,
} from '../../../uapi/termios';
import { WaitQueue } from '../../sched/waitqueue';
import type { Kernel } from '../../kernel';

export interface Termios {
  iflag: number;
  oflag: number;
  cflag: number;
  lflag: number;
  line: number;
  cc: number[];
}

/**
 * tty_std_termios (drivers/tty/tty_io.c) with IUTF8, as a Debian console starts: `stty -a` shows
 * icrnl ixon iutf8 opost onlcr isig icanon iexten echo echoe echok echoctl echoke, and
 * ^C ^\\ ^? ^U ^D min=1 time=0 ^Q ^S ^Z ^R ^O ^W ^V.
 */
export function defaultTermios(): Termios {
  const cc = [3, 0x1c, 0x7f, 0x15, 4, 0, 1, 0, 0x11, 0x13, 0x1a, 0, 0x12, 0x0f, 0x17, 0x16, 0, 0, 0].slice(0, NCCS);
  return {
    iflag: ICRNL | IXON | IUTF8,
    oflag: OPOST | ONLCR,
    cflag: B38400 | CS8 | CREAD | HUPCL,
    lflag: ISIG | ICANON | ECHO | ECHOE | ECHOK | ECHOCTL | ECHOKE | IEXTEN,
    line: 0,
    cc,
  };
}

/** The driver side (struct tty_operations): where processed output goes. */
export interface TtyDriver {
  write(bytes: Uint8Array): void;
}

export class Tty {
  termios: Termios = defaultTermios();
  winsize = { rows: 24, cols: 80, xpixel: 0, ypixel: 0 };
  /** Foreground process group (0: none) and session (0: no controlling session). */
  pgrp = 0;
  session = 0;
  /** Readers wait here for input; writers for output room. */
  readonly readWait = new WaitQueue();
  readonly writeWait = new WaitQueue();
  /** N_TTY state: bytes readers can take (read_buf). */
  readBuf: number[] = [];
  /**
   * Canonical mode: where each complete line ends in readBuf (just after its newline; a ^D ends a
   * line without adding a byte, so an empty line there means end of file).
   */
  lineEnds: number[] = [];
  /** Canonical mode: the line being edited, not yet readable. */
  line: number[] = [];
  /** The next char is literal (after VLNEXT). */
  lnext = false;
  /** Column of the cursor, for erase of tabs and echo. */
  column = 0;

  constructor(
    readonly kernel: Kernel,
    readonly name: string,
    readonly index: number,
    public driver: TtyDriver,
  ) {}
}
