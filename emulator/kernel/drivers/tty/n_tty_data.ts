// struct n_tty_data (drivers/tty/n_tty.c): N_TTY's per-terminal state.
//
// The read buffer is a ring of N_TTY_BUF_SIZE bytes indexed by ever-growing counters (the slot is
// counter & MASK), exactly as Linux does:
//
//     read_tail ........ canon_head ........ read_head
//     |  lines complete,  |  the line being   |
//     |  ready to read    |  edited (canonical mode)
//
// In canonical mode a reader may take bytes up to canon_head; each complete line ends at a slot
// marked in read_flags (the newline, an EOL character, or a ^D, which is stored as a 0 byte that
// read never returns). In non-canonical mode everything up to commit_head is readable.
//
// Echoes are queued as small operations and sent to the driver in batches (process_echoes), so
// that erasing a tab can compute how far to back up, and so that a ^C can drop the echo of what
// it flushed — the reason `ab^C` typed in one burst echoes only "^C" on Linux.

export const N_TTY_BUF_SIZE = 4096;
export const N_TTY_MASK = N_TTY_BUF_SIZE - 1;

/** One queued echo (Linux encodes these as bytes after ECHO_OP_START). */
export type EchoOp =
  /** A byte to echo as it is, through output processing. */
  | { op: 'char'; c: number }
  /** A control character shown as ^X (ECHOCTL). */
  | { op: 'ctrl'; c: number }
  /** Back up over a tab being erased: `chars` columns were used since the last tab or line start. */
  | { op: 'erase_tab'; chars: number; afterTab: boolean }
  /** Remember the column where the line being edited starts. */
  | { op: 'set_canon_col' }
  /** The cursor is one column further left (an ECHOPRT multi-byte character). */
  | { op: 'move_back_col' };

/** The bytes each op takes in Linux's echo buffer, which decide when echoes are committed. */
export function echoOpBytes(e: EchoOp): number {
  switch (e.op) {
    case 'char': return e.c === 0xff ? 2 : 1;
    case 'ctrl': return 2;
    case 'erase_tab': return 3;
    default: return 2;
  }
}

export class NTtyData {
  // Producer side (what receive_buf moves).
  read_head = 0;
  /** Non-canonical mode: what readers may take ends here. */
  commit_head = 0;
  /** Canonical mode: complete lines end here. */
  canon_head = 0;
  // Consumer side (what read moves).
  read_tail = 0;
  line_start = 0;

  readonly read_buf = new Uint8Array(N_TTY_BUF_SIZE);
  /** 1 where a canonical line ends. */
  readonly read_flags = new Uint8Array(N_TTY_BUF_SIZE);
  /** 1 for bytes N_TTY must look at (special characters of the current termios). */
  readonly char_map = new Uint8Array(256);

  /** Echo operations not yet sent to the driver, and their size in Linux's encoding. */
  echo: EchoOp[] = [];
  echoBytes = 0;
  /**
   * Of the queued echoes, the first echoMark are marked to go out at the next process_echoes
   * (commit_echoes moves the mark), the first echoCommit are being sent. isig drops them all.
   */
  echoMark = 0;
  echoCommit = 0;

  /** The cursor column as output processing tracks it, and where the edited line started. */
  column = 0;
  canon_column = 0;

  /** The next byte is literal (after ^V). */
  lnext = false;
  /** In an ECHOPRT erase: the "\" has been echoed, the "/" is still due. */
  erasing = false;
  /** ICANON, cached by set_termios. */
  icanon = false;
  /**
   * No input processing at all under the current modes, on a driver whose bytes carry no error
   * flags (a pty master): received bytes are copied in as they are (real_raw).
   */
  real_raw = false;
  /** Pending data was turned into a line by switching to canonical mode. */
  push = false;
  /** The buffer was full; the flip buffer holds the rest until a read makes room (TTY_THROTTLED). */
  no_room = false;

  /** read_cnt: bytes in the buffer. */
  get read_cnt(): number {
    return this.read_head - this.read_tail;
  }

  read_byte(index: number): number {
    return this.read_buf[index & N_TTY_MASK]!;
  }

  /** put_tty_queue: append one byte (the caller made sure there is room). */
  put(c: number): void {
    this.read_buf[this.read_head & N_TTY_MASK] = c;
    this.read_head++;
  }

  /** reset_buffer_flags: empty the buffer (a flush, ^C without NOFLSH, a new open). */
  reset(): void {
    this.read_head = this.canon_head = this.read_tail = this.commit_head = this.line_start = 0;
    this.erasing = false;
    this.push = false;
    this.read_flags.fill(0);
  }
}
