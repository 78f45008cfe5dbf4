// N_TTY, the default line discipline (drivers/tty/n_tty.c): what happens to bytes between the
// keyboard and a reading program, and between a writing program and the screen.
//
// Input: CR/NL mapping, signal characters (^C, ^\, ^Z become SIGINT, SIGQUIT, SIGTSTP for the
// foreground process group), and in canonical mode line editing (erase, word erase, kill, ^D,
// ^R, ^V) with echo, so a program reading a terminal gets whole edited lines.
// Output: OPOST processing, chiefly ONLCR ("\n" becomes "\r\n").
//
// Simplified: no flow control (IXON's ^S/^Q pass through as data), no parity or break handling,
// and the line is limited to 4095 bytes as N_TTY_BUF_SIZE allows.

import {
  ECHO, ECHOCTL, ECHOE, ECHOK, ECHOKE, ECHONL, ICANON, ICRNL, IEXTEN, IGNCR, INLCR, ISIG, ISTRIP, IUTF8,
  NOFLSH, OCRNL, ONLCR, OPOST, VEOF, VEOL, VEOL2, VERASE, VINTR, VKILL, VLNEXT, VQUIT, VREPRINT, VSUSP, VWERASE,
} from '../../../uapi/termios';
import { SIGINT, SIGQUIT, SIGTSTP } from '../../../uapi/signal';
import { makeSiginfo } from '../../signal_types';
import { send_signal } from '../../signal';
import { EXIT_DEAD, EXIT_ZOMBIE } from '../../sched/task';
import type { Tty } from './tty';

export const N_TTY_BUF_SIZE = 4096;

const NL = 10;
const CR = 13;
const TAB = 9;

const L = (tty: Tty, flag: number) => (tty.termios.lflag & flag) !== 0;
const I = (tty: Tty, flag: number) => (tty.termios.iflag & flag) !== 0;

/** Characters that, with ECHOCTL, echo as ^X (control chars other than tab and newline). */
function isCtl(c: number): boolean {
  return (c < 32 && c !== TAB && c !== NL) || c === 0x7f;
}

/** A UTF-8 continuation byte (erase removes a whole character under IUTF8). */
const isContinuation = (c: number) => (c & 0xc0) === 0x80;

/** Send output through OPOST processing to the driver. */
export function n_tty_write(tty: Tty, data: Uint8Array): number {
  const o = tty.termios.oflag;
  if (!(o & OPOST) || !(o & (ONLCR | OCRNL))) {
    trackColumn(tty, data);
    tty.driver.write(data);
    return data.length;
  }
  const out: number[] = [];
  for (const c of data) {
    if (c === NL && o & ONLCR) out.push(CR, NL);
    else if (c === CR && o & OCRNL) out.push(NL);
    else out.push(c);
  }
  const bytes = Uint8Array.from(out);
  trackColumn(tty, bytes);
  tty.driver.write(bytes);
  return data.length;
}

function trackColumn(tty: Tty, bytes: Uint8Array): void {
  for (const c of bytes) {
    if (c === NL || c === CR) tty.column = 0;
    else if (c === 8) tty.column = Math.max(0, tty.column - 1);
    else if (c === TAB) tty.column = (tty.column | 7) + 1;
    else if (c >= 32 && !isContinuation(c)) tty.column++;
  }
}

function echo(tty: Tty, bytes: number[]): void {
  if (bytes.length) n_tty_write(tty, Uint8Array.from(bytes));
}

/** How a character is echoed: itself, or ^X for a control character under ECHOCTL. */
function echoForm(tty: Tty, c: number): number[] {
  if (L(tty, ECHOCTL) && isCtl(c)) return [0x5e, c === 0x7f ? 0x3f : c + 0x40];
  return [c];
}

function echoChar(tty: Tty, c: number): void {
  if (L(tty, ECHO)) echo(tty, echoForm(tty, c));
}

/** Signal the foreground group for ^C, ^\ or ^Z, and flush pending input unless NOFLSH (isig). */
function isig(tty: Tty, sig: number, c: number): void {
  if (!L(tty, NOFLSH)) {
    tty.readBuf.length = 0;
    tty.lineEnds.length = 0;
    tty.line.length = 0;
  }
  echoChar(tty, c);
  if (tty.pgrp > 0) {
    for (const p of tty.kernel.tasks.values()) {
      if (p.isLeader && p.group.pgid === tty.pgrp && p.state !== EXIT_DEAD && p.state !== EXIT_ZOMBIE) send_signal(makeSiginfo(sig, 0x80 /* SI_KERNEL */), p, true);
    }
  }
}

/** Erase the last character of the line being edited, visibly ("\b \b" under ECHOE). */
function eraseOne(tty: Tty): boolean {
  const line = tty.line;
  if (line.length === 0) return false;
  let n = 1;
  if (I(tty, IUTF8)) while (n < line.length && isContinuation(line[line.length - n]!)) n++;
  const removed = line.splice(line.length - n, n);
  if (L(tty, ECHO)) {
    const c = removed[0]!;
    const width = L(tty, ECHOCTL) && isCtl(c) ? 2 : 1;
    if (L(tty, ECHOE)) for (let i = 0; i < width; i++) echo(tty, [8, 32, 8]);
    else echo(tty, echoForm(tty, tty.termios.cc[VERASE]!));
  }
  return true;
}

/** Complete the line being edited: it becomes readable. */
function pushLine(tty: Tty): void {
  tty.readBuf.push(...tty.line);
  tty.line.length = 0;
  tty.lineEnds.push(tty.readBuf.length);
}

/** One byte of input (n_tty_receive_char and friends). */
function receiveChar(tty: Tty, ch: number): void {
  let c = ch;
  const cc = tty.termios.cc;
  if (I(tty, ISTRIP)) c &= 0x7f;
  if (tty.lnext) {
    tty.lnext = false;
    if (L(tty, ECHO) && L(tty, ECHOCTL)) echo(tty, [8]);
    addChar(tty, c);
    return;
  }
  if (c === CR) {
    if (I(tty, IGNCR)) return;
    if (I(tty, ICRNL)) c = NL;
  } else if (c === NL && I(tty, INLCR)) c = CR;

  if (L(tty, ISIG)) {
    if (c === cc[VINTR]) return isig(tty, SIGINT, c);
    if (c === cc[VQUIT]) return isig(tty, SIGQUIT, c);
    if (c === cc[VSUSP]) return isig(tty, SIGTSTP, c);
  }
  if (!L(tty, ICANON)) {
    if (tty.readBuf.length < N_TTY_BUF_SIZE) tty.readBuf.push(c);
    echoChar(tty, c);
    return;
  }
  if (L(tty, IEXTEN) && c === cc[VLNEXT]) {
    tty.lnext = true;
    if (L(tty, ECHO) && L(tty, ECHOCTL)) echo(tty, [0x5e]);
    return;
  }
  if (c === cc[VERASE]) {
    eraseOne(tty);
    return;
  }
  if (L(tty, IEXTEN) && c === cc[VWERASE]) {
    // Erase trailing blanks, then the word before them.
    while (tty.line.length && (tty.line[tty.line.length - 1] === 32 || tty.line[tty.line.length - 1] === TAB)) eraseOne(tty);
    while (tty.line.length && tty.line[tty.line.length - 1] !== 32 && tty.line[tty.line.length - 1] !== TAB) eraseOne(tty);
    return;
  }
  if (c === cc[VKILL]) {
    if (L(tty, ECHOKE) && L(tty, ECHOE)) {
      while (eraseOne(tty));
    } else {
      tty.line.length = 0;
      if (L(tty, ECHO)) echo(tty, echoForm(tty, c));
      if (L(tty, ECHOK)) echo(tty, [NL]);
    }
    return;
  }
  if (L(tty, IEXTEN) && c === cc[VREPRINT]) {
    if (L(tty, ECHO)) echo(tty, [...echoForm(tty, c), NL, ...tty.line]);
    return;
  }
  if (c === cc[VEOF] && c !== 0) {
    pushLine(tty);
    return;
  }
  if (c === NL || (c === cc[VEOL] && c !== 0) || (c === cc[VEOL2] && c !== 0)) {
    tty.line.push(c);
    if (L(tty, ECHO) || (c === NL && L(tty, ECHONL))) echo(tty, c === NL ? [NL] : echoForm(tty, c));
    pushLine(tty);
    return;
  }
  addChar(tty, c);
}

function addChar(tty: Tty, c: number): void {
  if (!L(tty, ICANON)) {
    if (tty.readBuf.length < N_TTY_BUF_SIZE) tty.readBuf.push(c);
  } else {
    if (tty.line.length >= N_TTY_BUF_SIZE - 1) return; // the line is full: Linux beeps and drops it
    tty.line.push(c);
  }
  echoChar(tty, c);
}

/** Bytes from the driver (the keyboard): process them and wake readers (n_tty_receive_buf). */
export function n_tty_receive_buf(tty: Tty, bytes: Uint8Array): void {
  for (const c of bytes) receiveChar(tty, c);
  if (n_tty_input_available(tty)) tty.readWait.wakeAll();
}

/** Is there something a read would return now (in canonical mode: a complete line)? */
export function n_tty_input_available(tty: Tty): boolean {
  return L(tty, ICANON) ? tty.lineEnds.length > 0 : tty.readBuf.length > 0;
}

/**
 * Take input for a read of at most `count` bytes: a canonical read returns at most one line
 * (an empty line is end of file); a raw read returns what is there. null: nothing yet.
 */
export function n_tty_take(tty: Tty, count: number): Uint8Array | null {
  if (L(tty, ICANON)) {
    if (tty.lineEnds.length === 0) return null;
    const end = tty.lineEnds[0]!;
    const n = Math.min(count, end);
    const out = Uint8Array.from(tty.readBuf.splice(0, n));
    for (let i = 0; i < tty.lineEnds.length; i++) tty.lineEnds[i]! -= n;
    if (tty.lineEnds[0] === 0) tty.lineEnds.shift();
    return out;
  }
  if (tty.readBuf.length === 0) return null;
  return Uint8Array.from(tty.readBuf.splice(0, Math.min(count, tty.readBuf.length)));
}

/** Bytes a read could take now (FIONREAD). */
export function n_tty_chars_in_buffer(tty: Tty): number {
  return L(tty, ICANON) ? (tty.lineEnds.length ? tty.lineEnds[tty.lineEnds.length - 1]! : 0) : tty.readBuf.length;
}

/** Throw away pending input (TCIFLUSH, and switching out of canonical mode keeps the bytes). */
export function n_tty_flush_input(tty: Tty): void {
  tty.readBuf.length = 0;
  tty.lineEnds.length = 0;
  tty.line.length = 0;
}

/** ICANON turned off: what was typed on the pending line becomes readable as is (n_tty_set_termios). */
export function n_tty_canon_changed(tty: Tty, wasCanon: boolean): void {
  const nowCanon = L(tty, ICANON);
  if (wasCanon && !nowCanon) {
    tty.readBuf.push(...tty.line);
    tty.line.length = 0;
    tty.lineEnds.length = 0;
    if (tty.readBuf.length) tty.readWait.wakeAll();
  } else if (!wasCanon && nowCanon) {
    // Raw bytes already typed form the start of the first line.
    tty.line = [...tty.readBuf];
    tty.readBuf.length = 0;
  }
}
