// <termios.h> / <unistd.h> terminal foreground control: tcgetpgrp and tcsetpgrp, which glibc
// implements with the TIOCGPGRP and TIOCSPGRP ioctls on the terminal's fd; and the window size.

import { __NR } from '../../uapi/unistd_64';
import { TIOCGPGRP, TIOCGWINSZ, TIOCSPGRP, WINSIZE, WINSIZE_SIZE } from '../../uapi/termios';
import type { Sys } from '../runtime/context';
import { alloca, peek, peekI32, pokeI32, syscall, stackMark, release } from './process';

/** The foreground process group of the terminal on `fd`, or -1 with errno set. */
export function* tcgetpgrp(fd: number): Sys<number> {
  const mark = stackMark();
  try {
    const p = alloca(4);
    if ((yield* syscall(__NR.ioctl, fd, TIOCGPGRP, p)) < 0) return -1;
    return peekI32(p);
  } finally {
    release(mark);
  }
}

/** Make `pgrp` the terminal's foreground process group: 0, or -1 with errno set. */
export function* tcsetpgrp(fd: number, pgrp: number): Sys<number> {
  const mark = stackMark();
  try {
    const p = alloca(4);
    pokeI32(p, pgrp);
    return yield* syscall(__NR.ioctl, fd, TIOCSPGRP, p);
  } finally {
    release(mark);
  }
}

export interface Winsize {
  rows: number;
  cols: number;
}

/** tcgetwinsize (POSIX.1-2024): the terminal's size from the TIOCGWINSZ ioctl, or null with errno set. */
export function* tcgetwinsize(fd: number): Sys<Winsize | null> {
  const mark = stackMark();
  try {
    const ws = alloca(WINSIZE_SIZE);
    if ((yield* syscall(__NR.ioctl, fd, TIOCGWINSZ, ws)) < 0) return null;
    const b = peek(ws, WINSIZE_SIZE);
    const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
    return { rows: v.getUint16(WINSIZE.row, true), cols: v.getUint16(WINSIZE.col, true) };
  } finally {
    release(mark);
  }
}
