// N_TTY's output side (drivers/tty/n_tty.c): output processing (OPOST) for what programs write,
// and the echo of what the user types, which goes through the same processing.
//
// With OPOST, ONLCR turns "\n" into "\r\n" — why a program's "hello\n" lands at the start of the
// next line — and N_TTY tracks the cursor column so that erasing a tab can back up the right
// number of columns. Tabs pass through unless TABDLY is XTABS (then they become spaces).

import { EAGAIN, ERESTARTSYS } from '../../../uapi/errno';
import { O_NONBLOCK } from '../../../uapi/fcntl';
import {
  ECHO, ECHOCTL, ECHONL, ECHOPRT, IUTF8, OCRNL, OLCUC, ONLCR, ONLRET, ONOCR, OPOST, TABDLY, TOSTOP, XTABS,
} from '../../../uapi/termios';
import type { File } from '../../fs/file';
import { SLEEP } from '../../sched/waitqueue';
import { sleepOn } from '../../sched/wait';
import type { Task } from '../../sched/task';
import { signal_pending } from '../../signal_pending';
import { N_TTY_BUF_SIZE, echoOpBytes, type EchoOp, type NTtyData } from './n_tty_data';
import type { Tty, TtyFilePrivate } from './tty';
import { tty_check_change } from './tty_jobctrl';

/** Echoes are sent once this many bytes of them pile up, or at the end of each input batch. */
const ECHO_COMMIT_WATERMARK = 256;
const ECHO_BLOCK = 256;
/** Unsent echoes beyond this are dropped from the front, so the echo buffer cannot overflow. */
const ECHO_DISCARD_WATERMARK = N_TTY_BUF_SIZE - (ECHO_BLOCK + 32);

/** The kernel's ctype (lib/ctype.c): control characters are 0-31 and 127 only. */
export const iscntrl = (c: number) => c < 0x20 || c === 0x7f;
/** Latin-1 letters count too in the kernel's ctype (but not × and ÷). */
export const isupper = (c: number) => (c >= 0x41 && c <= 0x5a) || (c >= 0xc0 && c <= 0xde && c !== 0xd7);
export const islower = (c: number) => (c >= 0x61 && c <= 0x7a) || (c >= 0xdf && c !== 0xf7);
export const isalnum = (c: number) => (c >= 0x30 && c <= 0x39) || isupper(c) || islower(c);

/** With IUTF8, a UTF-8 continuation byte takes no column and is erased with its lead byte. */
export function is_continuation(c: number, tty: Tty): boolean {
  return (tty.termios.iflag & IUTF8) !== 0 && (c & 0xc0) === 0x80;
}

/** Bytes on their way to the driver, collected so that one write carries a whole batch. */
export class OutBuf {
  private buf = new Uint8Array(64);
  len = 0;

  put(c: number): void {
    if (this.len === this.buf.length) {
      const bigger = new Uint8Array(this.buf.length * 2);
      bigger.set(this.buf);
      this.buf = bigger;
    }
    this.buf[this.len++] = c;
  }

  bytes(): Uint8Array {
    return this.buf.slice(0, this.len);
  }
}

/** Hand a batch to the driver. */
function tty_write_out(tty: Tty, out: OutBuf): void {
  if (out.len > 0) tty.ops.write(tty, out.bytes());
}

/**
 * do_output_char: one byte through OPOST, with `space` bytes of room at the driver. Returns the
 * bytes it put out, or -1 if there was not room for all of them (nothing is put out then).
 */
function do_output_char(c: number, tty: Tty, space: number, out: OutBuf): number {
  const ld = tty.ldata;
  const o = tty.termios.oflag;
  if (!space) return -1;
  switch (c) {
    case 0x0a: // \n
      if (o & ONLRET) ld.column = 0;
      if (o & ONLCR) {
        if (space < 2) return -1;
        ld.canon_column = ld.column = 0;
        out.put(0x0d);
        out.put(0x0a);
        return 2;
      }
      ld.canon_column = ld.column;
      break;
    case 0x0d: // \r
      if (o & ONOCR && ld.column === 0) return 0;
      if (o & OCRNL) {
        c = 0x0a;
        if (o & ONLRET) ld.canon_column = ld.column = 0;
        break;
      }
      ld.canon_column = ld.column = 0;
      break;
    case 0x09: { // \t
      const spaces = 8 - (ld.column & 7);
      if ((o & TABDLY) === XTABS) {
        if (space < spaces) return -1;
        ld.column += spaces;
        for (let i = 0; i < spaces; i++) out.put(0x20);
        return spaces;
      }
      ld.column += spaces;
      break;
    }
    case 0x08: // \b
      if (ld.column > 0) ld.column--;
      break;
    default:
      if (!iscntrl(c)) {
        if (o & OLCUC && islower(c)) c -= 0x20;
        if (!is_continuation(c, tty)) ld.column++;
      }
      break;
  }
  out.put(c);
  return 1;
}

/**
 * process_output_block + process_output: as much of `data` as the driver has room for, through
 * OPOST, in batches of what the driver says it can take. Returns how many bytes of `data` were
 * taken.
 */
function process_output(tty: Tty, data: Uint8Array): number {
  let i = 0;
  while (i < data.length) {
    let space = tty.ops.write_room(tty);
    if (space <= 0) break;
    const out = new OutBuf();
    for (; i < data.length; i++) {
      const r = do_output_char(data[i]!, tty, space, out);
      if (r < 0) break;
      space -= r;
    }
    if (out.len === 0) break;
    tty_write_out(tty, out);
  }
  return i;
}

/** Raw output (no OPOST): straight to the driver, as much as it takes. */
function write_raw(tty: Tty, data: Uint8Array): number {
  let i = 0;
  while (i < data.length) {
    const n = Math.min(data.length - i, tty.ops.write_room(tty));
    if (n <= 0) break;
    const took = tty.ops.write(tty, data.subarray(i, i + n));
    if (took <= 0) break;
    i += took;
  }
  return i;
}

// ---- echo ------------------------------------------------------------------------------------------

function add_echo(ld: NTtyData, e: EchoOp): void {
  ld.echo.push(e);
  ld.echoBytes += echoOpBytes(e);
}

/** echo_char_raw: echo a byte as it is. */
export function echo_char_raw(c: number, ld: NTtyData): void {
  add_echo(ld, { op: 'char', c });
}

/** echo_char: echo a typed byte; with ECHOCTL a control character (but tab) shows as ^X. */
export function echo_char(c: number, tty: Tty): void {
  if (tty.termios.lflag & ECHOCTL && iscntrl(c) && c !== 0x09) add_echo(tty.ldata, { op: 'ctrl', c });
  else add_echo(tty.ldata, { op: 'char', c });
}

export function echo_set_canon_col(ld: NTtyData): void {
  add_echo(ld, { op: 'set_canon_col' });
}

export function echo_move_back_col(ld: NTtyData): void {
  add_echo(ld, { op: 'move_back_col' });
}

/** echo_erase_tab: back up over an erased tab; `chars` columns were used after the previous tab. */
export function echo_erase_tab(chars: number, afterTab: boolean, ld: NTtyData): void {
  add_echo(ld, { op: 'erase_tab', chars: chars & 7, afterTab });
}

/** finish_erasing: close an ECHOPRT "\erased/" sequence. */
export function finish_erasing(ld: NTtyData): void {
  if (ld.erasing) {
    echo_char_raw(0x2f /* / */, ld);
    ld.erasing = false;
  }
}

/** Bytes of the first `n` queued echoes. */
function echoBytesOf(ld: NTtyData, n: number): number {
  let b = 0;
  for (let i = 0; i < n; i++) b += echoOpBytes(ld.echo[i]!);
  return b;
}

/**
 * __process_echoes: send the committed echoes the driver has room for. Each op either goes out
 * whole or waits (an erase of a tab needs all its backspaces at once).
 */
function __process_echoes(tty: Tty): number {
  const ld = tty.ldata;
  let space = tty.ops.write_room(tty);
  const out = new OutBuf();
  const opost = (tty.termios.oflag & OPOST) !== 0;
  let done = 0;
  while (done < ld.echoCommit) {
    const e = ld.echo[done]!;
    if (e.op === 'char') {
      if (opost) {
        const r = do_output_char(e.c, tty, space, out);
        if (r < 0) break;
        space -= r;
      } else {
        if (!space) break;
        out.put(e.c);
        space--;
      }
    } else if (e.op === 'ctrl') {
      if (space < 2) break;
      out.put(0x5e /* ^ */);
      out.put(e.c ^ 0o100);
      ld.column += 2;
      space -= 2;
    } else if (e.op === 'erase_tab') {
      // How far back the tab reached: to the next multiple of 8 after what came before it on
      // the line (counted from the line's start column unless it followed another tab).
      const chars = e.afterTab ? e.chars : e.chars + ld.canon_column;
      let bs = 8 - (chars & 7);
      if (bs > space) break;
      space -= bs;
      while (bs--) {
        out.put(0x08);
        if (ld.column > 0) ld.column--;
      }
    } else if (e.op === 'set_canon_col') {
      ld.canon_column = ld.column;
    } else if (ld.column > 0) {
      ld.column--; // move_back_col
    }
    done++;
  }
  drop_echoes(ld, done);
  // Nearly full of echoes nobody can send (output stopped): forget the oldest.
  let committed = echoBytesOf(ld, ld.echoCommit);
  let drop = 0;
  while (drop < ld.echoCommit && committed >= ECHO_DISCARD_WATERMARK) committed -= echoOpBytes(ld.echo[drop++]!);
  drop_echoes(ld, drop);
  tty_write_out(tty, out);
  return out.len;
}

/** Remove the first `n` echo ops. */
function drop_echoes(ld: NTtyData, n: number): void {
  if (n === 0) return;
  ld.echoBytes -= echoBytesOf(ld, n);
  ld.echo.splice(0, n);
  ld.echoCommit = Math.max(0, ld.echoCommit - n);
  ld.echoMark = Math.max(0, ld.echoMark - n);
}

/**
 * commit_echoes: everything queued so far may go out — now, if a block of them has piled up;
 * otherwise at the end of the input batch (flush_echoes) or before the next write.
 */
export function commit_echoes(tty: Tty): void {
  const ld = tty.ldata;
  ld.echoMark = ld.echo.length;
  const nr = ld.echoBytes;
  const old = echoBytesOf(ld, ld.echoCommit);
  if (nr < ECHO_COMMIT_WATERMARK || nr % ECHO_BLOCK > old % ECHO_BLOCK) return;
  ld.echoCommit = ld.echo.length;
  __process_echoes(tty);
}

/** process_echoes: send what commit_echoes marked (before a write, after ^Q). */
export function process_echoes(tty: Tty): void {
  const ld = tty.ldata;
  if (ld.echoMark === 0) return;
  ld.echoCommit = ld.echoMark;
  __process_echoes(tty);
}

/** flush_echoes: at the end of an input batch, send every echo queued. */
export function flush_echoes(tty: Tty): void {
  const ld = tty.ldata;
  if (!(tty.termios.lflag & (ECHO | ECHONL)) || ld.echoCommit === ld.echo.length) return;
  ld.echoCommit = ld.echo.length;
  __process_echoes(tty);
}

/** isig's "clear echo buffer": echoes not yet sent are dropped. */
export function clear_echoes(ld: NTtyData): void {
  ld.echo = [];
  ld.echoBytes = 0;
  ld.echoCommit = 0;
  ld.echoMark = 0;
}

/** ECHOPRT is on: erased characters are shown between "\" and "/". */
export const echoprt = (tty: Tty) => (tty.termios.lflag & ECHOPRT) !== 0;

// ---- write(2) ----------------------------------------------------------------------------------------

/** Bytes of this write already sent, from earlier runs of the same syscall. */
interface WriteProgress {
  ttyWritten?: number;
}

/**
 * n_tty_write: job control first (TOSTOP: a background writer gets SIGTTOU), then pending echoes,
 * then the data through OPOST. While output is stopped (^S) the writer waits; a signal ends the
 * wait with what was written so far, or -ERESTARTSYS.
 */
export function n_tty_write(tty: Tty, file: File, t: Task, data: Uint8Array): number {
  const progress = (t.restart ?? {}) as WriteProgress;
  let done = progress.ttyWritten;
  if (done === undefined) {
    if (tty.termios.lflag & TOSTOP && !(file.private_data as TtyFilePrivate).redirected) {
      const r = tty_check_change(tty, t);
      if (r) return r;
    }
    done = 0;
  }
  process_echoes(tty);
  let ret = 0;
  for (;;) {
    if (signal_pending(t)) {
      ret = -ERESTARTSYS;
      break;
    }
    const rest = data.subarray(done);
    done += tty.termios.oflag & OPOST ? process_output(tty, rest) : write_raw(tty, rest);
    if (done === data.length) break;
    if (file.f_flags & O_NONBLOCK) {
      ret = -EAGAIN;
      break;
    }
    t.restart = { ...(t.restart ?? {}), ttyWritten: done };
    const r = sleepOn(t, tty.write_wait);
    if (r === SLEEP) return SLEEP;
    ret = r;
    break;
  }
  return done > 0 ? done : ret;
}
