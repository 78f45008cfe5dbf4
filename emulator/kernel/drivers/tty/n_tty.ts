// N_TTY, the default line discipline (drivers/tty/n_tty.c): what happens to the bytes between the
// keyboard and a program that reads the terminal. (The way out, OPOST and echo, is in
// n_tty_output.ts; the buffers in n_tty_data.ts.)
//
// Every typed byte goes through n_tty_receive_buf:
//   - input mapping: ICRNL turns the Enter key's \r into \n (IGNCR drops it, INLCR maps \n to \r);
//   - with ISIG, ^C ^\ ^Z are not data: they send SIGINT, SIGQUIT, SIGTSTP to the foreground
//     process group, and (unless NOFLSH) throw away the input not yet read;
//   - with ICANON, the line is edited here — ^? erases a character, ^W a word, ^U the line,
//     ^V quotes the next byte, ^R reprints — and read(2) sees only complete lines; ^D ends a line
//     without a newline, so at the start of a line read returns 0: end of file;
//   - with ECHO, the terminal shows what was typed (control characters as ^X with ECHOCTL).
// Without ICANON, bytes are readable as they come, and VMIN/VTIME say when read returns.
//
// Simplified: received bytes carry no error flags (no parity errors or breaks, so INPCK, BRKINT
// and PARMRK's marking do nothing but double 0xff), and there is no SIGIO. A pty master in packet
// mode (TIOCPKT) gets a status byte before what it reads, as in Linux.

import { EAGAIN, EFAULT, EIO, ERESTARTSYS } from '../../../uapi/errno';
import { O_NONBLOCK } from '../../../uapi/fcntl';
import { POLLHUP, POLLIN, POLLOUT, POLLPRI, POLLRDNORM, POLLWRNORM } from '../../../uapi/poll';
import { SIGINT, SIGQUIT, SIGTSTP, SIGTTIN } from '../../../uapi/signal';
import {
  BRKINT, ECHO, ECHOCTL, ECHOE, ECHOK, ECHOKE, ECHONL, EXTPROC, ICANON, ICRNL, IEXTEN, IGNBRK, IGNCR, IGNPAR, INLCR,
  INPCK, ISIG, ISTRIP, IUCLC, IXANY, IXON, NOFLSH, PARMRK, TIOCINQ, TIOCOUTQ, TIOCPKT_DATA, TIOCPKT_FLUSHREAD, VEOF,
  VEOL, VEOL2, VERASE, VINTR, VKILL, VLNEXT, VMIN, VQUIT, VREPRINT, VSTART, VSTOP, VSUSP, VTIME, VWERASE,
} from '../../../uapi/termios';
import type { File } from '../../fs/file';
import { poll_wait, type PollTable } from '../../fs/fs';
import { put_user_u32 } from '../../mm/uaccess';
import { sleepOn, sleepUntil } from '../../sched/wait';
import { SLEEP } from '../../sched/waitqueue';
import type { Task } from '../../sched/task';
import { signal_pending } from '../../signal_pending';
import { N_TTY_BUF_SIZE, N_TTY_MASK, NTtyData } from './n_tty_data';
import {
  clear_echoes, commit_echoes, echo_char, echo_char_raw, echo_erase_tab, echo_move_back_col,
  echo_set_canon_col, echoprt, finish_erasing, flush_echoes, is_continuation, isalnum, iscntrl, isupper,
  process_echoes,
} from './n_tty_output';
import { TTY_OTHER_CLOSED, type Ktermios, type Tty, type TtyFilePrivate } from './tty';
import { flush_to_ldisc } from './tty_buffer';
import { start_tty, stop_tty, tty_driver_flush_buffer } from './tty_io';
import { __tty_check_change, tty_kill_pgrp } from './tty_jobctrl';
import { n_tty_ioctl_helper } from './tty_ioctl';

export { N_TTY_BUF_SIZE };

/** A c_cc entry of 0 is switched off; an EOF is stored in the buffer as this (never returned). */
const __DISABLED_CHAR = 0;
/** A tenth of a second (VTIME's unit) in virtual ns. */
const DECISECOND = 100_000_000;

const NL = 0x0a;
const CR = 0x0d;

const L = (tty: Tty, f: number) => (tty.termios.lflag & f) !== 0;
const I = (tty: Tty, f: number) => (tty.termios.iflag & f) !== 0;
const CC = (tty: Tty, i: number) => tty.termios.cc[i]!;

// ---- open, close, termios changes -------------------------------------------------------------------

/** n_tty_open: fresh buffers for a terminal being opened for the first time. */
export function n_tty_open(tty: Tty): void {
  tty.ldata = new NTtyData();
  n_tty_set_termios(tty, null);
}

/** n_tty_flush_buffer: forget the input not yet read (TCIFLUSH, TCSETSF, ^C). */
export function n_tty_flush_buffer(tty: Tty): void {
  tty.ldata.reset();
  n_tty_kick_worker(tty);
  if (tty.link) n_tty_packet_mode_flush(tty);
}

/** n_tty_packet_mode_flush: a pty master in packet mode learns that its slave's input was flushed. */
function n_tty_packet_mode_flush(tty: Tty): void {
  const master = tty.link;
  if (!master?.packet) return;
  tty.pktstatus |= TIOCPKT_FLUSHREAD;
  master.read_wait.wakeAll();
}

/**
 * n_tty_set_termios: the modes changed. Switching ICANON turns what is buffered into readable
 * data (to non-canonical) or into one line (to canonical); the table of special characters is
 * rebuilt from the new c_cc.
 */
export function n_tty_set_termios(tty: Tty, old: Ktermios | null): void {
  const ld = tty.ldata;
  const tm = tty.termios;
  if (!old || (old.lflag ^ tm.lflag) & (ICANON | EXTPROC)) {
    ld.read_flags.fill(0);
    ld.line_start = ld.read_tail;
    if (!(tm.lflag & ICANON) || !ld.read_cnt) {
      ld.canon_head = ld.read_tail;
      ld.push = false;
    } else {
      ld.read_flags[(ld.read_head - 1) & N_TTY_MASK] = 1;
      ld.canon_head = ld.read_head;
      ld.push = true;
    }
    ld.commit_head = ld.read_head;
    ld.erasing = false;
    ld.lnext = false;
  }
  ld.icanon = (tm.lflag & ICANON) !== 0;
  // real_raw: nothing to look at in any byte (and no break or parity marks to make).
  const processing = (tm.iflag & (ISTRIP | IUCLC | IGNCR | ICRNL | INLCR | IXON | PARMRK)) || (tm.lflag & (ICANON | ISIG | ECHO));
  ld.real_raw = !processing && tty.driver.realRaw &&
    ((tm.iflag & IGNBRK) !== 0 || !(tm.iflag & (BRKINT | PARMRK))) && ((tm.iflag & IGNPAR) !== 0 || !(tm.iflag & INPCK));

  const map = ld.char_map;
  map.fill(0);
  if (tm.iflag & (IGNCR | ICRNL)) map[CR] = 1;
  if (tm.iflag & INLCR) map[NL] = 1;
  if (tm.lflag & ICANON) {
    for (const i of [VERASE, VKILL, VEOF, VEOL]) map[tm.cc[i]!] = 1;
    map[NL] = 1;
    if (tm.lflag & IEXTEN) {
      for (const i of [VWERASE, VLNEXT, VEOL2]) map[tm.cc[i]!] = 1;
      if (tm.lflag & ECHO) map[tm.cc[VREPRINT]!] = 1;
    }
  }
  if (tm.iflag & IXON) {
    map[tm.cc[VSTART]!] = 1;
    map[tm.cc[VSTOP]!] = 1;
  }
  if (tm.lflag & ISIG) {
    for (const i of [VINTR, VQUIT, VSUSP]) map[tm.cc[i]!] = 1;
  }
  map[__DISABLED_CHAR] = 0;

  // Output stopped by ^S must not stay stopped once IXON is off.
  if (!(tm.iflag & IXON) && old && old.iflag & IXON && !tty.flow.tco_stopped) {
    start_tty(tty);
    process_echoes(tty);
  }
  tty.write_wait.wakeAll();
  tty.read_wait.wakeAll();
}

// ---- input ------------------------------------------------------------------------------------------

/**
 * n_tty_receive_buf_common: take as many of `cp` as fit. Returns how many were taken; the rest
 * stays in the flip buffer until a reader makes room. In canonical mode a full buffer that holds
 * no complete line keeps taking bytes by overwriting its last one, so that the newline (or ^C, or
 * an erase) can still get in.
 */
export function n_tty_receive_buf_common(tty: Tty, cp: Uint8Array): number {
  const ld = tty.ldata;
  let done = 0;
  while (done < cp.length) {
    let room = N_TTY_BUF_SIZE - (ld.read_head - ld.read_tail);
    if (I(tty, PARMRK)) room = Math.ceil(room / 3);
    room--;
    if (room <= 0) {
      const overflow = ld.icanon && ld.canon_head === ld.read_tail;
      if (overflow && room < 0) ld.read_head--;
      room = overflow ? 1 : 0;
      ld.no_room = room === 0;
    }
    const n = Math.min(cp.length - done, room);
    if (!n) break;
    __receive_buf(tty, cp.subarray(done, done + n));
    done += n;
  }
  return done;
}

function __receive_buf(tty: Tty, cp: Uint8Array): void {
  const ld = tty.ldata;
  if (ld.real_raw) n_tty_receive_buf_real_raw(ld, cp);
  else n_tty_receive_buf_standard(tty, cp);
  flush_echoes(tty);
  if (ld.icanon && !L(tty, EXTPROC)) return;
  // Non-canonical: everything received is readable at once.
  ld.commit_head = ld.read_head;
  if (ld.read_cnt) tty.read_wait.wakeAll();
}

/** n_tty_receive_buf_real_raw: the bytes go into the ring as they are (the caller checked the room). */
function n_tty_receive_buf_real_raw(ld: NTtyData, cp: Uint8Array): void {
  const head = ld.read_head & N_TTY_MASK;
  const first = Math.min(cp.length, N_TTY_BUF_SIZE - head);
  ld.read_buf.set(cp.subarray(0, first), head);
  if (first < cp.length) ld.read_buf.set(cp.subarray(first), 0);
  ld.read_head += cp.length;
}

function n_tty_receive_buf_standard(tty: Tty, cp: Uint8Array): void {
  const ld = tty.ldata;
  for (let i = 0; i < cp.length; i++) {
    let c = cp[i]!;
    if (ld.lnext) {
      n_tty_receive_char_lnext(tty, c);
      continue;
    }
    if (I(tty, ISTRIP)) c &= 0x7f;
    if (I(tty, IUCLC) && L(tty, IEXTEN) && isupper(c)) c += 0x20;
    if (L(tty, EXTPROC)) {
      ld.put(c);
      continue;
    }
    if (ld.char_map[c]) n_tty_receive_char_special(tty, c);
    else n_tty_receive_char(tty, c);
  }
}

/** The byte after ^V: data, whatever it is. */
function n_tty_receive_char_lnext(tty: Tty, c: number): void {
  tty.ldata.lnext = false;
  if (I(tty, ISTRIP)) c &= 0x7f;
  if (I(tty, IUCLC) && L(tty, IEXTEN) && isupper(c)) c += 0x20;
  n_tty_receive_char(tty, c);
}

/** Any key restarts output stopped by ^S, with IXANY. */
function restart_on_any_key(tty: Tty): void {
  if (tty.flow.stopped && !tty.flow.tco_stopped && I(tty, IXON) && I(tty, IXANY)) {
    start_tty(tty);
    process_echoes(tty);
  }
}

/** n_tty_receive_char: an ordinary byte — echoed and queued. */
function n_tty_receive_char(tty: Tty, c: number): void {
  const ld = tty.ldata;
  restart_on_any_key(tty);
  if (L(tty, ECHO)) {
    finish_erasing(ld);
    // The first byte of a line: remember its column, for erasing tabs.
    if (ld.canon_head === ld.read_head) echo_set_canon_col(ld);
    echo_char(c, tty);
    commit_echoes(tty);
  }
  if (c === 0xff && I(tty, PARMRK)) ld.put(c);
  ld.put(c);
}

/** A byte that is special under the current modes. */
function n_tty_receive_char_special(tty: Tty, c: number): void {
  const ld = tty.ldata;
  if (I(tty, IXON)) {
    if (c === CC(tty, VSTART)) {
      start_tty(tty);
      process_echoes(tty);
      return;
    }
    if (c === CC(tty, VSTOP)) {
      stop_tty(tty);
      return;
    }
  }
  if (L(tty, ISIG)) {
    if (c === CC(tty, VINTR)) return n_tty_receive_signal_char(tty, SIGINT, c);
    if (c === CC(tty, VQUIT)) return n_tty_receive_signal_char(tty, SIGQUIT, c);
    if (c === CC(tty, VSUSP)) return n_tty_receive_signal_char(tty, SIGTSTP, c);
  }
  restart_on_any_key(tty);
  if (c === CR) {
    if (I(tty, IGNCR)) return;
    if (I(tty, ICRNL)) c = NL;
  } else if (c === NL && I(tty, INLCR)) {
    c = CR;
  }
  if (ld.icanon && n_tty_receive_char_canon(tty, c)) return;
  if (L(tty, ECHO)) {
    finish_erasing(ld);
    if (c === NL) {
      echo_char_raw(NL, ld);
    } else {
      if (ld.canon_head === ld.read_head) echo_set_canon_col(ld);
      echo_char(c, tty);
    }
    commit_echoes(tty);
  }
  if (c === 0xff && I(tty, PARMRK)) ld.put(c);
  ld.put(c);
}

/** The canonical-mode editing characters. Returns true if `c` was one of them. */
function n_tty_receive_char_canon(tty: Tty, c: number): boolean {
  const ld = tty.ldata;
  if (c === CC(tty, VERASE) || c === CC(tty, VKILL) || (c === CC(tty, VWERASE) && L(tty, IEXTEN))) {
    eraser(c, tty);
    commit_echoes(tty);
    return true;
  }
  if (c === CC(tty, VLNEXT) && L(tty, IEXTEN)) {
    ld.lnext = true;
    if (L(tty, ECHO)) {
      finish_erasing(ld);
      if (L(tty, ECHOCTL)) {
        // Show "^" under the cursor until the quoted byte replaces it.
        echo_char_raw(0x5e, ld);
        echo_char_raw(0x08, ld);
        commit_echoes(tty);
      }
    }
    return true;
  }
  if (c === CC(tty, VREPRINT) && L(tty, ECHO) && L(tty, IEXTEN)) {
    finish_erasing(ld);
    echo_char(c, tty);
    echo_char_raw(NL, ld);
    for (let i = ld.canon_head; i !== ld.read_head; i++) echo_char(ld.read_byte(i), tty);
    commit_echoes(tty);
    return true;
  }
  if (c === NL) {
    if (L(tty, ECHO) || L(tty, ECHONL)) {
      echo_char_raw(NL, ld);
      commit_echoes(tty);
    }
    handle_newline(tty, c);
    return true;
  }
  if (c === CC(tty, VEOF)) {
    // End of line without a byte: stored as a marker that read() drops.
    handle_newline(tty, __DISABLED_CHAR);
    return true;
  }
  if (c === CC(tty, VEOL) || (c === CC(tty, VEOL2) && L(tty, IEXTEN))) {
    if (L(tty, ECHO)) {
      if (ld.canon_head === ld.read_head) echo_set_canon_col(ld);
      echo_char(c, tty);
      commit_echoes(tty);
    }
    if (c === 0xff && I(tty, PARMRK)) ld.put(c);
    handle_newline(tty, c);
    return true;
  }
  return false;
}

/** A line is complete: mark where it ends and wake the readers. */
function handle_newline(tty: Tty, c: number): void {
  const ld = tty.ldata;
  ld.read_flags[ld.read_head & N_TTY_MASK] = 1;
  ld.put(c);
  ld.canon_head = ld.read_head;
  tty.read_wait.wakeAll();
}

/**
 * eraser: ERASE takes back one character (a whole UTF-8 sequence with IUTF8), WERASE a word
 * (alphanumerics and "_", after any blanks), KILL the whole line. What the screen shows depends
 * on ECHOE ("\b \b"), ECHOK/ECHOKE (for KILL), ECHOPRT ("\erased/") and ECHOCTL (a ^X takes two
 * columns to wipe).
 */
function eraser(c: number, tty: Tty): void {
  const ld = tty.ldata;
  if (ld.read_head === ld.canon_head) return; // nothing to erase (Linux leaves the bell out, too)
  let kill: 'erase' | 'werase' | 'kill';
  if (c === CC(tty, VERASE)) {
    kill = 'erase';
  } else if (c === CC(tty, VWERASE)) {
    kill = 'werase';
  } else {
    if (!L(tty, ECHO)) {
      ld.read_head = ld.canon_head;
      return;
    }
    if (!L(tty, ECHOK) || !L(tty, ECHOKE) || !L(tty, ECHOE)) {
      // Not erasing visibly: show the kill character (and a newline with ECHOK).
      ld.read_head = ld.canon_head;
      finish_erasing(ld);
      echo_char(CC(tty, VKILL), tty);
      if (L(tty, ECHOK)) echo_char_raw(NL, ld);
      return;
    }
    kill = 'kill';
  }

  let seenAlnums = 0;
  while (ld.read_head !== ld.canon_head) {
    let head = ld.read_head;
    // One character, possibly several bytes.
    do {
      head--;
      c = ld.read_byte(head);
    } while (is_continuation(c, tty) && head !== ld.canon_head);
    if (is_continuation(c, tty)) break; // never erase half a character

    if (kill === 'werase') {
      if (isalnum(c) || c === 0x5f) seenAlnums++;
      else if (seenAlnums) break;
    }
    let cnt = ld.read_head - head;
    ld.read_head = head;
    if (L(tty, ECHO)) {
      if (echoprt(tty)) {
        if (!ld.erasing) {
          echo_char_raw(0x5c /* \ */, ld);
          ld.erasing = true;
        }
        echo_char(c, tty);
        while (--cnt > 0) {
          echo_char_raw(ld.read_byte(++head), ld);
          echo_move_back_col(ld);
        }
      } else if (kill === 'erase' && !L(tty, ECHOE)) {
        echo_char(CC(tty, VERASE), tty);
      } else if (c === 0x09) {
        // How many columns the line used since its start or the previous tab decides how far
        // back this tab reached.
        let chars = 0;
        let afterTab = false;
        for (let tail = ld.read_head; tail !== ld.canon_head; ) {
          const p = ld.read_byte(--tail);
          if (p === 0x09) {
            afterTab = true;
            break;
          } else if (iscntrl(p)) {
            if (L(tty, ECHOCTL)) chars += 2;
          } else if (!is_continuation(p, tty)) {
            chars++;
          }
        }
        echo_erase_tab(chars, afterTab, ld);
      } else {
        const ctl = L(tty, ECHOCTL);
        if (iscntrl(c) && ctl) {
          echo_char_raw(0x08, ld);
          echo_char_raw(0x20, ld);
          echo_char_raw(0x08, ld);
        }
        if (!iscntrl(c) || ctl) {
          echo_char_raw(0x08, ld);
          echo_char_raw(0x20, ld);
          echo_char_raw(0x08, ld);
        }
      }
    }
    if (kill === 'erase') break;
  }
  if (ld.read_head === ld.canon_head && L(tty, ECHO)) finish_erasing(ld);
}

/**
 * n_tty_receive_signal_char: ^C, ^\ or ^Z. The foreground group gets the signal; unless NOFLSH,
 * unread input and unsent echoes are thrown away; the character is echoed (as ^C).
 */
function n_tty_receive_signal_char(tty: Tty, sig: number, c: number): void {
  isig(sig, tty);
  if (I(tty, IXON)) start_tty(tty);
  if (L(tty, ECHO)) {
    echo_char(c, tty);
    commit_echoes(tty);
  } else {
    process_echoes(tty);
  }
}

function isig(sig: number, tty: Tty): void {
  tty_kill_pgrp(tty.kernel, tty.pgrp, sig);
  if (L(tty, NOFLSH)) return;
  clear_echoes(tty.ldata);
  tty_driver_flush_buffer(tty);
  tty.ldata.reset();
  if (tty.link) n_tty_packet_mode_flush(tty);
}

// ---- read(2) ------------------------------------------------------------------------------------------

/** input_available_p: would a read return something now? (poll asks for VMIN bytes with VTIME 0.) */
export function input_available_p(tty: Tty, poll: boolean): boolean {
  const ld = tty.ldata;
  const amt = poll && !CC(tty, VTIME) && CC(tty, VMIN) ? CC(tty, VMIN) : 1;
  if (ld.icanon && !L(tty, EXTPROC)) return ld.canon_head !== ld.read_tail;
  return ld.commit_head - ld.read_tail >= amt;
}

/** A read's bytes so far, kept across its sleeps (Linux keeps them on the reader's stack). */
class ReadAcc {
  readonly parts: Uint8Array[] = [];
  n = 0;

  /** One byte of our own (packet mode's status byte). */
  push(c: number): void {
    this.parts.push(Uint8Array.of(c));
    this.n++;
  }

  /** Take `n` bytes of the ring from `from` (wrapping). */
  take(ld: NTtyData, from: number, n: number): void {
    if (n <= 0) return;
    const start = from & N_TTY_MASK;
    const first = Math.min(n, N_TTY_BUF_SIZE - start);
    this.parts.push(ld.read_buf.slice(start, start + first));
    if (first < n) this.parts.push(ld.read_buf.slice(0, n - first));
    this.n += n;
  }

  bytes(): Uint8Array {
    if (this.parts.length === 1) return this.parts[0]!;
    const out = new Uint8Array(this.n);
    let o = 0;
    for (const p of this.parts) {
      out.set(p, o);
      o += p.length;
    }
    return out;
  }
}

/**
 * canon_copy_from_read_buf: up to `nr` bytes of the first complete line, and the line's end if it
 * fits (a newline is returned, an EOF marker is not). Returns true if the line goes on past `nr`.
 */
function canon_copy_from_read_buf(tty: Tty, acc: ReadAcc, nr: number): boolean {
  const ld = tty.ldata;
  if (!nr) return false;
  const canonHead = ld.canon_head;
  let n = Math.min(nr, canonHead - ld.read_tail);
  let eol = -1;
  for (let i = ld.read_tail; i < ld.read_tail + n; i++) {
    if (ld.read_flags[i & N_TTY_MASK]) {
      eol = i;
      break;
    }
  }
  const found = eol >= 0;
  let consumed = n;
  if (found) {
    n = eol - ld.read_tail;
    consumed = n + 1;
    if (ld.read_byte(eol) !== __DISABLED_CHAR) n = consumed;
  }
  acc.take(ld, ld.read_tail, n);
  if (found) ld.read_flags[eol & N_TTY_MASK] = 0;
  ld.read_tail += consumed;
  if (found) {
    if (!ld.push) ld.line_start = ld.read_tail;
    else ld.push = false;
    return false;
  }
  return ld.read_tail !== canonHead;
}

/** canon_skip_eof: a read that filled the buffer exactly up to a ^D also takes the ^D. */
function canon_skip_eof(ld: NTtyData): void {
  const tail = ld.read_tail;
  if (tail === ld.canon_head) return;
  if (!ld.read_flags[tail & N_TTY_MASK] || ld.read_byte(tail) !== __DISABLED_CHAR) return;
  ld.read_flags[tail & N_TTY_MASK] = 0;
  ld.read_tail++;
}

/** copy_from_read_buf (non-canonical): everything available, up to `nr`. */
function copy_from_read_buf(tty: Tty, acc: ReadAcc, nr: number): void {
  const ld = tty.ldata;
  const n = Math.min(ld.commit_head - ld.read_tail, nr);
  if (n <= 0) return;
  acc.take(ld, ld.read_tail, n);
  ld.read_tail += n;
}

/** n_tty_kick_worker: input held back for lack of room may come in now. */
function n_tty_kick_worker(tty: Tty): void {
  if (!tty.ldata.no_room) return;
  tty.ldata.no_room = false;
  flush_to_ldisc(tty);
}

/** job_control: the SIGTTIN check — except on /dev/console, which Linux never stops on. */
function job_control(tty: Tty, file: File, t: Task): number {
  if ((file.private_data as TtyFilePrivate).redirected) return 0;
  return __tty_check_change(tty, t, SIGTTIN);
}

/** What a read keeps between its runs: the bytes so far and its timing (fixed at the start). */
interface ReadState {
  acc: ReadAcc;
  minimum: number;
  /** VMIN>0, VTIME>0: the inter-byte timer, restarted after each batch. */
  time: number;
  /** When the read gives up (VTIME), or null to wait forever. */
  deadline: number | null;
}

/**
 * n_tty_read. Canonical mode: one line (or as much of it as fits). Non-canonical mode, by VMIN
 * and VTIME (in tenths of a second):
 *   MIN>0 TIME=0  wait for MIN bytes;
 *   MIN>0 TIME>0  wait for the first byte, then until MIN bytes or TIME passes with no new byte;
 *   MIN=0 TIME>0  wait up to TIME for one byte (0 if none came);
 *   MIN=0 TIME=0  take what is there, possibly nothing.
 * A reader in a background group gets SIGTTIN first. O_NONBLOCK: EAGAIN instead of waiting.
 * A signal ends the wait: with the bytes taken so far, or -ERESTARTSYS.
 */
export function n_tty_read(tty: Tty, file: File, t: Task, count: number): Uint8Array | number {
  const ld = tty.ldata;
  let st = t.restart?.ttyRead as ReadState | undefined;
  if (!st) {
    const c = job_control(tty, file, t);
    if (c < 0) return c;
    st = { acc: new ReadAcc(), minimum: 0, time: 0, deadline: null };
    if (!ld.icanon) {
      const vtime = CC(tty, VTIME) * DECISECOND;
      st.minimum = CC(tty, VMIN);
      if (st.minimum) {
        st.time = vtime;
      } else {
        st.deadline = t.kernel.clock.now() + vtime;
        st.minimum = 1;
      }
    }
  }
  const acc = st.acc;
  const oldTail = ld.read_tail;
  let retval = 0;
  while (acc.n < count) {
    // Packet mode: a status change of the slave (a flush, ^S) is read alone, as one byte.
    const slave = tty.packet ? tty.link : null;
    if (slave && slave.pktstatus) {
      acc.push(slave.pktstatus);
      slave.pktstatus = 0;
      break;
    }
    if (!input_available_p(tty, false)) {
      // Input held back in the flip buffer for lack of room may fit now (tty_buffer_flush_work).
      if (ld.no_room) {
        n_tty_kick_worker(tty);
        if (input_available_p(tty, false)) continue;
      }
      // The other end of a pty is closed and nothing is left to read (a master whose slave went).
      if (tty.flags & TTY_OTHER_CLOSED) {
        retval = -EIO;
        break;
      }
      if (st.deadline !== null && t.kernel.clock.now() >= st.deadline) break;
      if (file.f_flags & O_NONBLOCK) {
        retval = -EAGAIN;
        break;
      }
      if (signal_pending(t)) {
        retval = -ERESTARTSYS;
        break;
      }
      t.restart = { ...(t.restart ?? {}), ttyRead: st };
      const r = st.deadline !== null ? sleepUntil(t, st.deadline, tty.read_wait) : sleepOn(t, tty.read_wait);
      if (r === SLEEP) return SLEEP;
      if (r < 0) retval = r;
      break;
    }
    if (ld.icanon && !L(tty, EXTPROC)) {
      const more = canon_copy_from_read_buf(tty, acc, count - acc.n);
      if (more && acc.n === count) canon_skip_eof(ld);
    } else {
      if (tty.packet && acc.n === 0) acc.push(TIOCPKT_DATA);
      copy_from_read_buf(tty, acc, count - acc.n);
    }
    if (acc.n >= st.minimum) break;
    if (st.time) st.deadline = t.kernel.clock.now() + st.time;
  }
  if (ld.read_tail !== oldTail) {
    n_tty_kick_worker(tty);
    tty.ops.unthrottle?.(tty);
  }
  return acc.n > 0 ? acc.bytes() : retval;
}

// ---- poll and ioctl ------------------------------------------------------------------------------------

/** n_tty_poll: readable when a read would return (a line, or VMIN bytes); writable unless stopped. */
export function n_tty_poll(tty: Tty, pt: PollTable | null): number {
  poll_wait(pt, tty.read_wait);
  poll_wait(pt, tty.write_wait);
  let mask = 0;
  if (input_available_p(tty, true)) mask |= POLLIN | POLLRDNORM;
  if (tty.packet && tty.link?.pktstatus) mask |= POLLPRI | POLLIN | POLLRDNORM;
  if (tty.flags & TTY_OTHER_CLOSED) mask |= POLLHUP;
  if (tty.ops.write_room(tty) > 0) mask |= POLLOUT | POLLWRNORM;
  return mask;
}

/** inq_canon: bytes of complete lines, not counting ^D markers. */
function inq_canon(ld: NTtyData): number {
  let nr = ld.canon_head - ld.read_tail;
  for (let i = ld.read_tail; i !== ld.canon_head; i++) {
    if (ld.read_flags[i & N_TTY_MASK] && ld.read_byte(i) === __DISABLED_CHAR) nr--;
  }
  return nr;
}

/** n_tty_ioctl: FIONREAD/TIOCINQ, TIOCOUTQ; the rest is the generic helper's (TCXONC, TCFLSH, TCGETS…). */
export function n_tty_ioctl(tty: Tty, file: File, t: Task, cmd: number, arg: number): number {
  switch (cmd) {
    case TIOCOUTQ:
      return put_user_u32(t, arg, tty.ops.chars_in_buffer?.(tty) ?? 0) < 0 ? -EFAULT : 0;
    case TIOCINQ: {
      const ld = tty.ldata;
      const num = L(tty, ICANON) && !L(tty, EXTPROC) ? inq_canon(ld) : ld.read_cnt;
      return put_user_u32(t, arg, num) < 0 ? -EFAULT : 0;
    }
    default:
      return n_tty_ioctl_helper(tty, file, t, cmd, arg);
  }
}
