// ioctl(2): the request's name (`TCGETS`, `FIONREAD`; an unknown one split into its _IOC fields)
// and its argument, whose type the request decides: nothing, an int by pointer (`[3]`), a struct
// winsize or termios, or a plain number.

import { FIOASYNC, FIOCLEX, FIONBIO, FIONCLEX, FIONREAD, FIOQSIZE } from '../../uapi/ioctls';
import * as B from '../../uapi/fs';
import * as L from '../../uapi/loop';
import { SIGRTMAX } from '../../uapi/signal';
import * as T from '../../uapi/termios';
import type { SyscallCall } from './types';
import { atEntry, outArg, pure, structArg, type ArgSpec } from './context';
import { hex, int32 } from './numbers';
import { intPointer } from './pointers';
import { formatSignal } from './signals';
import { termiosInArg, termiosOutSpec } from './termios';

const NAMES = new Map<number, string>([
  ...T.TTY_IOCTL_NAMES,
  // OSS sequencer requests share these numbers, and strace names both.
  [T.TCSETS, 'SNDCTL_TMR_START or TCSETS'], [T.TCSETSW, 'SNDCTL_TMR_STOP or TCSETSW'],
  [T.TCSETSF, 'SNDCTL_TMR_CONTINUE or TCSETSF'],
  [FIONBIO, 'FIONBIO'], [FIONCLEX, 'FIONCLEX'], [FIOCLEX, 'FIOCLEX'], [FIOASYNC, 'FIOASYNC'], [FIOQSIZE, 'FIOQSIZE'],
  // Block devices (linux/fs.h) and loop devices (linux/loop.h).
  ...(['BLKROSET', 'BLKROGET', 'BLKRRPART', 'BLKGETSIZE', 'BLKFLSBUF', 'BLKSSZGET', 'BLKBSZGET', 'BLKGETSIZE64', 'BLKIOMIN', 'BLKIOOPT', 'BLKPBSZGET'] as const)
    .map((n) => [B[n], n] as [number, string]),
  ...(['LOOP_SET_FD', 'LOOP_CLR_FD', 'LOOP_SET_STATUS', 'LOOP_GET_STATUS', 'LOOP_SET_STATUS64', 'LOOP_GET_STATUS64', 'LOOP_CHANGE_FD',
    'LOOP_SET_CAPACITY', 'LOOP_SET_DIRECT_IO', 'LOOP_SET_BLOCK_SIZE', 'LOOP_CONFIGURE', 'LOOP_CTL_ADD', 'LOOP_CTL_REMOVE', 'LOOP_CTL_GET_FREE'] as const)
    .map((n) => [L[n], n] as [number, string]),
]);

const IOC_DIRS = ['_IOC_NONE', '_IOC_WRITE', '_IOC_READ', '_IOC_READ|_IOC_WRITE'];

/** `_IOC(_IOC_READ, 0x54, 0x30, 0x4)`: direction (bits 30-31), size (16-29), type (8-15), number (0-7). */
function formatIoc(cmd: number): string {
  return `_IOC(${IOC_DIRS[cmd >>> 30]}, ${hex((cmd >>> 8) & 0xff)}, ${hex(cmd & 0xff)}, ${hex((cmd >>> 16) & 0x3fff)})`;
}

export const ioctlCmdArg = pure((a) => NAMES.get(a.value >>> 0) ?? formatIoc(a.value >>> 0));

const winsize = structArg(T.WINSIZE_SIZE, (f) =>
  `{ws_row=${f.u16(T.WINSIZE.row)}, ws_col=${f.u16(T.WINSIZE.col)}, ws_xpixel=${f.u16(T.WINSIZE.xpixel)}, ws_ypixel=${f.u16(T.WINSIZE.ypixel)}}`,
);
const FLUSH_QUEUES = ['TCIFLUSH', 'TCOFLUSH', 'TCIOFLUSH'];

const NONE = null;
const INT_OUT = outArg(intPointer());
const INT_IN = atEntry(intPointer());
const DECIMAL = atEntry(pure((a) => `${int32(a.value)}`));

/** The argument of each request we know; others print it in hex. NONE: the request takes none. */
const ARGS = new Map<number, ArgSpec | null>([
  ...[FIOCLEX, FIONCLEX, T.TIOCNOTTY, T.TIOCEXCL, T.TIOCNXCL, T.TIOCCONS, T.TIOCSBRK, T.TIOCCBRK, T.TIOCVHANGUP].map((c) => [c, NONE] as const),
  ...[FIONREAD, T.TIOCGPGRP, T.TIOCOUTQ, T.TIOCGETD, T.TIOCGSID, T.TIOCGPTN, T.TIOCMGET, T.TIOCGSOFTCAR, T.TIOCGPKT, T.TIOCGPTLCK, T.TIOCGEXCL].map((c) => [c, INT_OUT] as const),
  ...[FIONBIO, FIOASYNC, T.TIOCSPGRP, T.TIOCSETD, T.TIOCSPTLCK, T.TIOCPKT, T.TIOCMBIS, T.TIOCMBIC, T.TIOCMSET, T.TIOCSSOFTCAR].map((c) => [c, INT_IN] as const),
  ...[T.TIOCSCTTY, T.TCSBRK, T.TCSBRKP, T.TCXONC].map((c) => [c, DECIMAL] as const),
  [T.TIOCGWINSZ, outArg(winsize)], [T.TIOCSWINSZ, atEntry(winsize)],
  // Block and loop devices: sizes come back by pointer, a few calls take a number or nothing.
  ...[B.BLKRRPART, B.BLKFLSBUF, L.LOOP_CLR_FD, L.LOOP_SET_CAPACITY, L.LOOP_CTL_GET_FREE].map((c) => [c, NONE] as const),
  ...[B.BLKROGET, B.BLKSSZGET, B.BLKBSZGET, B.BLKIOMIN, B.BLKIOOPT, B.BLKPBSZGET].map((c) => [c, INT_OUT] as const),
  [B.BLKROSET, INT_IN],
  ...[B.BLKGETSIZE, B.BLKGETSIZE64].map((c) => [c, outArg(structArg(8, (f) => `[${f.u64(0)}]`))] as const),
  ...[L.LOOP_SET_FD, L.LOOP_CTL_ADD, L.LOOP_CTL_REMOVE, L.LOOP_SET_DIRECT_IO, L.LOOP_SET_BLOCK_SIZE].map((c) => [c, DECIMAL] as const),
  [T.TCGETS, termiosOutSpec], [T.TCSETS, atEntry(termiosInArg)], [T.TCSETSW, atEntry(termiosInArg)], [T.TCSETSF, atEntry(termiosInArg)],
  [T.TCFLSH, atEntry(pure((a) => FLUSH_QUEUES[int32(a.value)] ?? `${int32(a.value)}`))],
  [T.TIOCSIG, atEntry(pure((a) => (a.value >= 1 && a.value <= SIGRTMAX ? formatSignal(a.value) : `${int32(a.value)}`)))],
]);

export function ioctlLayout<T extends ArgSpec & { value: number }>(call: SyscallCall, args: T[]): T[] {
  const spec = ARGS.get((call.args[1] ?? 0) >>> 0);
  if (spec === undefined) return args;
  return spec === NONE ? args.slice(0, 2) : [args[0]!, args[1]!, { ...args[2]!, ...spec }];
}
