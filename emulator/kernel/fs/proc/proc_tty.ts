// /proc/tty (fs/proc/proc_tty.c): the terminal drivers and line disciplines the kernel has.
//
//   drivers  one line per driver: its name, its /dev base name, major and minor range, and type —
//            the alternate devices (/dev/tty, /dev/console, /dev/ptmx, /dev/vc/0) first, then
//            the registered drivers newest first, as Linux keeps its list:
//              pty_slave            /dev/pts      136 0-1048575 pty:slave
//              pty_master           /dev/ptm      128 0-1048575 pty:master
//              unknown              /dev/tty        4 1-63 console
//   ldiscs   the line disciplines by number: "n_tty       0" (the only one built in).
//
// procps reads `drivers` to turn the tty_nr of /proc/<pid>/stat back into a name.
// Simplified: no driver/ directory (it holds per-driver files such as serial, which we lack) and
// no ldisc/ directory.

import type { Kernel } from '../../kernel';
import {
  PTY_TYPE_MASTER, PTY_TYPE_SLAVE, TTY_DRIVER_TYPE_CONSOLE, TTY_DRIVER_TYPE_PTY, TTY_DRIVER_TYPE_SERIAL,
  TTY_DRIVER_TYPE_SYSTEM, type TtyDriver,
} from '../../drivers/tty/tty';
import { tty_drivers } from '../../drivers/tty/tty_io';
import { proc_files_dir } from './proc_dir';

/** The minor numbers of one major (MINORBITS = 20 in the kernel's dev_t). */
const MINORS_PER_MAJOR = 1 << 20;

const pad = (s: string, n: number) => s.padEnd(n);
const rpad = (v: number, n: number) => String(v).padStart(n);

/** show_tty_range: one line for the minors [from, from+num) of one major. */
function show_tty_range(p: TtyDriver, maj: number, from: number, num: number): string {
  let s = `${pad(p.procName ?? 'unknown', 20)} /dev/${pad(p.name, 8)} `;
  s += p.num > 1 ? `${rpad(maj, 3)} ${from}-${from + num - 1} ` : `${rpad(maj, 3)} ${rpad(from, 7)} `;
  switch (p.type) {
    case TTY_DRIVER_TYPE_SYSTEM:
      s += 'system';
      break;
    case TTY_DRIVER_TYPE_CONSOLE:
      s += 'console';
      break;
    case TTY_DRIVER_TYPE_SERIAL:
      s += 'serial';
      break;
    case TTY_DRIVER_TYPE_PTY:
      s += p.subtype === PTY_TYPE_MASTER ? 'pty:master' : p.subtype === PTY_TYPE_SLAVE ? 'pty:slave' : 'pty';
      break;
    default:
      s += `type:${p.type}.${p.subtype}`;
  }
  return `${s}\n`;
}

/** show_tty_driver for every driver, the pseudo-drivers first. */
export function tty_drivers_proc_show(k: Kernel): string {
  const pseudo = (name: string, dev: string, maj: number, min: number, type: string) =>
    `${pad(name, 20)} /dev/${pad(dev, 8)} ${rpad(maj, 3)} ${rpad(min, 7)} ${type}\n`;
  let out = pseudo('/dev/tty', 'tty', 5, 0, 'system:/dev/tty');
  out += pseudo('/dev/console', 'console', 5, 1, 'system:console');
  out += pseudo('/dev/ptmx', 'ptmx', 5, 2, 'system');
  out += pseudo('/dev/vc/0', 'vc/0', 4, 0, 'system:vtmaster');
  for (const p of tty_drivers(k)) {
    // A range that crosses into the next major is one line per major.
    let maj = p.major;
    let from = p.minorStart;
    let left = p.num;
    while (left > 0) {
      const num = Math.min(left, MINORS_PER_MAJOR - from);
      out += show_tty_range(p, maj, from, num);
      left -= num;
      maj++;
      from = 0;
    }
  }
  return out;
}

/** tty_ldiscs_seq_show: "%-10s %2d" per registered line discipline; N_TTY is number 0. */
export function tty_ldiscs_proc_show(): string {
  return `${pad('n_tty', 10)} ${rpad(0, 2)}\n`;
}

/** The /proc/tty directory inode (proc_tty_init; a `dir` entry of the proc root). */
export const proc_tty_inode = proc_files_dir('tty', [
  ['drivers', tty_drivers_proc_show],
  ['ldiscs', tty_ldiscs_proc_show],
]);
