// The terminal-mode ioctls (drivers/tty/tty_ioctl.c): tcgetattr and tcsetattr (TCGETS, TCSETS,
// TCSETSW, TCSETSF and their termios2 and termio variants), tcflush (TCFLSH), tcflow (TCXONC),
// the soft-carrier and locked-termios requests, and the baud-rate arithmetic of c_cflag.
//
// Changing modes from a background process group is a SIGTTOU, like writing with TOSTOP.

import { EFAULT, EINVAL, ENOIOCTLCMD, EPERM } from '../../../uapi/errno';
import {
  ADDRB, BAUD_TABLE, BOTHER, CBAUD, CBAUDEX, CLOCAL, CREAD, HUPCL, IBSHIFT, NCC, NCCS, TCFLSH, TCGETA,
  TCGETS, TCGETS2, TCIFLUSH, TCIOFF, TCIOFLUSH, TCION, TCOFLUSH, TCOOFF, TCOON, TCSETA, TCSETAF, TCSETAW,
  TCSETS, TCSETS2, TCSETSF, TCSETSF2, TCSETSW, TCSETSW2, TCXONC, TERMIO, TERMIO_SIZE, TERMIOS, TERMIOS2_SIZE,
  TERMIOS_SIZE, TIOCGLCKTRMIOS, TIOCGSOFTCAR, TIOCSLCKTRMIOS, TIOCSSOFTCAR, VSTART, VSTOP,
} from '../../../uapi/termios';
import type { File } from '../../fs/file';
import { copy_from_user, copy_to_user, get_user_u32, put_user_i32, StructReader, StructWriter } from '../../mm/uaccess';
import type { Task } from '../../sched/task';
import { n_tty_flush_buffer, n_tty_set_termios } from './n_tty';
import { Ktermios, tty_pair_get_tty, type Tty } from './tty';
import { __start_tty, __stop_tty, tty_driver_flush_buffer, tty_send_xchar } from './tty_io';
import { tty_check_change } from './tty_jobctrl';

// ---- baud rates ------------------------------------------------------------------------------------

/** A Bxxx code (the CBAUD field) as a speed; BOTHER means "the speed is in c_ospeed". */
function baud_of(code: number, other: number): number {
  if (code === BOTHER) return other;
  if (code & CBAUDEX) code = (code & ~CBAUDEX) + 15;
  return BAUD_TABLE[code] ?? 0;
}

/** tty_termios_baud_rate: the output speed. */
export function tty_termios_baud_rate(k: Ktermios): number {
  return baud_of(k.cflag & CBAUD, k.ospeed);
}

/** tty_termios_input_baud_rate: the input speed (CIBAUD), the output speed when that is B0. */
export function tty_termios_input_baud_rate(k: Ktermios): number {
  const code = (k.cflag >>> IBSHIFT) & CBAUD;
  if (code === 0) return tty_termios_baud_rate(k);
  return baud_of(code, k.ispeed);
}

/**
 * tty_termios_copy_hw: for a driver with no hardware to reprogram (the console), only HUPCL,
 * CREAD and CLOCAL of a new c_cflag take; the speed and character size stay as they were —
 * why `stty 9600` on a console changes nothing.
 */
export function tty_termios_copy_hw(nw: Ktermios, old: Ktermios): void {
  const soft = HUPCL | CREAD | CLOCAL;
  nw.cflag = ((nw.cflag & soft) | (old.cflag & ~soft)) >>> 0;
  nw.ispeed = old.ispeed;
  nw.ospeed = old.ospeed;
}

// ---- struct termios in user memory -------------------------------------------------------------------

/** kernel_termios_to_user_termios(_1): struct termios, with the speeds for termios2. */
function termios_bytes(k: Ktermios, size: number): Uint8Array {
  const w = new StructWriter(size)
    .u32(TERMIOS.iflag, k.iflag)
    .u32(TERMIOS.oflag, k.oflag)
    .u32(TERMIOS.cflag, k.cflag)
    .u32(TERMIOS.lflag, k.lflag)
    .u8(TERMIOS.line, k.line);
  w.bytes.set(k.cc, TERMIOS.cc);
  if (size >= TERMIOS2_SIZE) w.u32(TERMIOS.ispeed, k.ispeed).u32(TERMIOS.ospeed, k.ospeed);
  return w.bytes;
}

/** user_termios_to_kernel_termios(_1): fill `k` from user memory; -EFAULT on a bad pointer. */
function read_termios(t: Task, arg: number, k: Ktermios, size: number): number {
  const raw = copy_from_user(t, arg, size);
  if (typeof raw === 'number') return -EFAULT;
  const r = new StructReader(raw);
  k.iflag = r.u32(TERMIOS.iflag);
  k.oflag = r.u32(TERMIOS.oflag);
  k.cflag = r.u32(TERMIOS.cflag);
  k.lflag = r.u32(TERMIOS.lflag);
  k.line = raw[TERMIOS.line]!;
  k.cc.set(raw.subarray(TERMIOS.cc, TERMIOS.cc + NCCS));
  if (size >= TERMIOS2_SIZE) {
    k.ispeed = r.u32(TERMIOS.ispeed);
    k.ospeed = r.u32(TERMIOS.ospeed);
  }
  return 0;
}

/** The old System V struct termio: 16-bit flags and 8 control characters. */
function termio_bytes(k: Ktermios): Uint8Array {
  const w = new StructWriter(TERMIO_SIZE)
    .u16(TERMIO.iflag, k.iflag & 0xffff)
    .u16(TERMIO.oflag, k.oflag & 0xffff)
    .u16(TERMIO.cflag, k.cflag & 0xffff)
    .u16(TERMIO.lflag, k.lflag & 0xffff)
    .u8(TERMIO.line, k.line);
  w.bytes.set(k.cc.subarray(0, NCC), TERMIO.cc);
  return w.bytes;
}

/** user_termio_to_kernel_termios: the low 16 bits of each flag word and the first 8 c_cc. */
function read_termio(t: Task, arg: number, k: Ktermios): number {
  const raw = copy_from_user(t, arg, TERMIO_SIZE);
  if (typeof raw === 'number') return -EFAULT;
  const r = new StructReader(raw);
  k.iflag = ((k.iflag & 0xffff0000) | r.u16(TERMIO.iflag)) >>> 0;
  k.oflag = ((k.oflag & 0xffff0000) | r.u16(TERMIO.oflag)) >>> 0;
  k.cflag = ((k.cflag & 0xffff0000) | r.u16(TERMIO.cflag)) >>> 0;
  k.lflag = ((k.lflag & 0xffff0000) | r.u16(TERMIO.lflag)) >>> 0;
  k.line = raw[TERMIO.line]!;
  k.cc.set(raw.subarray(TERMIO.cc, TERMIO.cc + NCC));
  return 0;
}

// ---- setting the modes ---------------------------------------------------------------------------------

/** unset_locked_termios: bits TIOCSLCKTRMIOS locked keep their old values. */
function unset_locked_termios(tty: Tty, old: Ktermios): void {
  const k = tty.termios;
  const lk = tty.termios_locked;
  const keep = (nw: number, was: number, mask: number) => ((nw & ~mask) | (was & mask)) >>> 0;
  k.iflag = keep(k.iflag, old.iflag, lk.iflag);
  k.oflag = keep(k.oflag, old.oflag, lk.oflag);
  k.cflag = keep(k.cflag, old.cflag, lk.cflag);
  k.lflag = keep(k.lflag, old.lflag, lk.lflag);
  if (lk.line) k.line = old.line;
  for (let i = 0; i < NCCS; i++) if (lk.cc[i]) k.cc[i] = old.cc[i]!;
}

/** tty_set_termios: install new modes; the driver and the line discipline adapt. */
export function tty_set_termios(tty: Tty, nw: Ktermios): void {
  const old = tty.termios;
  tty.termios = nw;
  unset_locked_termios(tty, old);
  nw.cflag = (nw.cflag ^ ((nw.cflag ^ old.cflag) & ADDRB)) >>> 0;
  if (tty.ops.set_termios) tty.ops.set_termios(tty, old);
  else tty_termios_copy_hw(nw, old);
  n_tty_set_termios(tty, old);
}

const TERMIOS_FLUSH = 1, TERMIOS_WAIT = 2, TERMIOS_TERMIO = 4, TERMIOS_OLD = 8;

/**
 * set_termios: TCSETS* and friends. *W waits for output to drain first (ours never queues any)
 * and *F also throws away unread input.
 */
function set_termios(tty: Tty, t: Task, arg: number, opt: number): number {
  const check = tty_check_change(tty, t);
  if (check) return check;
  const tmp = tty.termios.clone();
  let r: number;
  if (opt & TERMIOS_TERMIO) r = read_termio(t, arg, tmp);
  else r = read_termios(t, arg, tmp, opt & TERMIOS_OLD ? TERMIOS_SIZE : TERMIOS2_SIZE);
  if (r) return r;
  // Old-style Bxxx values give the speeds; BOTHER takes c_ispeed/c_ospeed as they are.
  tmp.ispeed = tty_termios_input_baud_rate(tmp);
  tmp.ospeed = tty_termios_baud_rate(tmp);
  if (opt & TERMIOS_FLUSH) n_tty_flush_buffer(tty);
  tty_set_termios(tty, tmp);
  return 0;
}

/** tty_change_softcar: TIOCSSOFTCAR sets or clears CLOCAL. */
function tty_change_softcar(tty: Tty, enable: boolean): number {
  const old = tty.termios.clone();
  const bit = enable ? CLOCAL : 0;
  tty.termios.cflag = ((tty.termios.cflag & ~CLOCAL) | bit) >>> 0;
  tty.ops.set_termios?.(tty, old);
  return (tty.termios.cflag & CLOCAL) !== bit ? -EINVAL : 0;
}

/** tty_mode_ioctl: the termios requests; -ENOIOCTLCMD for others. A pty master's modes are its slave's. */
export function tty_mode_ioctl(tty: Tty, t: Task, cmd: number, arg: number): number {
  tty = tty_pair_get_tty(tty);
  switch (cmd) {
    case TCGETS:
      return copy_to_user(t, arg, termios_bytes(tty.termios, TERMIOS_SIZE)) < 0 ? -EFAULT : 0;
    case TCGETS2:
      return copy_to_user(t, arg, termios_bytes(tty.termios, TERMIOS2_SIZE)) < 0 ? -EFAULT : 0;
    case TCSETSF:
      return set_termios(tty, t, arg, TERMIOS_FLUSH | TERMIOS_WAIT | TERMIOS_OLD);
    case TCSETSW:
      return set_termios(tty, t, arg, TERMIOS_WAIT | TERMIOS_OLD);
    case TCSETS:
      return set_termios(tty, t, arg, TERMIOS_OLD);
    case TCSETSF2:
      return set_termios(tty, t, arg, TERMIOS_FLUSH | TERMIOS_WAIT);
    case TCSETSW2:
      return set_termios(tty, t, arg, TERMIOS_WAIT);
    case TCSETS2:
      return set_termios(tty, t, arg, 0);
    case TCGETA:
      return copy_to_user(t, arg, termio_bytes(tty.termios)) < 0 ? -EFAULT : 0;
    case TCSETAF:
      return set_termios(tty, t, arg, TERMIOS_FLUSH | TERMIOS_WAIT | TERMIOS_TERMIO);
    case TCSETAW:
      return set_termios(tty, t, arg, TERMIOS_WAIT | TERMIOS_TERMIO);
    case TCSETA:
      return set_termios(tty, t, arg, TERMIOS_TERMIO);
    case TIOCGLCKTRMIOS:
      return copy_to_user(t, arg, termios_bytes(tty.termios_locked, TERMIOS_SIZE)) < 0 ? -EFAULT : 0;
    case TIOCSLCKTRMIOS: {
      if (!t.cred.capable()) return -EPERM;
      const k = new Ktermios();
      if (read_termios(t, arg, k, TERMIOS_SIZE)) return -EFAULT;
      tty.termios_locked = k;
      return 0;
    }
    case TIOCGSOFTCAR:
      return put_user_i32(t, arg, tty.termios.cflag & CLOCAL ? 1 : 0) < 0 ? -EFAULT : 0;
    case TIOCSSOFTCAR: {
      const v = get_user_u32(t, arg);
      if (Number.isNaN(v)) return -EFAULT;
      return tty_change_softcar(tty, v !== 0);
    }
    default:
      return -ENOIOCTLCMD;
  }
}

// ---- flush and flow ------------------------------------------------------------------------------------

/** tty_perform_flush (tcflush): drop unread input, unsent output, or both. */
export function tty_perform_flush(tty: Tty, t: Task, arg: number): number {
  const check = tty_check_change(tty, t);
  if (check) return check;
  switch (arg) {
    case TCIFLUSH:
      n_tty_flush_buffer(tty);
      return 0;
    case TCIOFLUSH:
      n_tty_flush_buffer(tty);
      tty_driver_flush_buffer(tty);
      return 0;
    case TCOFLUSH:
      tty_driver_flush_buffer(tty);
      return 0;
    default:
      return -EINVAL;
  }
}

/**
 * TCXONC (tcflow): TCOOFF/TCOON suspend and resume output (as ^S/^Q do, but only TCOON undoes
 * TCOOFF); TCIOFF/TCION send the STOP/START character to the other end.
 */
function tty_xonc(tty: Tty, t: Task, arg: number): number {
  const check = tty_check_change(tty, t);
  if (check) return check;
  switch (arg) {
    case TCOOFF:
      if (!tty.flow.tco_stopped) {
        tty.flow.tco_stopped = true;
        __stop_tty(tty);
      }
      return 0;
    case TCOON:
      if (tty.flow.tco_stopped) {
        tty.flow.tco_stopped = false;
        __start_tty(tty);
      }
      return 0;
    case TCIOFF:
      if (tty.termios.cc[VSTOP]) tty_send_xchar(tty, tty.termios.cc[VSTOP]!);
      return 0;
    case TCION:
      if (tty.termios.cc[VSTART]) tty_send_xchar(tty, tty.termios.cc[VSTART]!);
      return 0;
    default:
      return -EINVAL;
  }
}

/** n_tty_ioctl_helper: tcflow and tcflush, then the mode requests. */
export function n_tty_ioctl_helper(tty: Tty, _file: File, t: Task, cmd: number, arg: number): number {
  switch (cmd) {
    case TCXONC:
      return tty_xonc(tty, t, arg);
    case TCFLSH:
      return tty_perform_flush(tty, t, arg);
    default:
      return tty_mode_ioctl(tty, t, cmd, arg);
  }
}
