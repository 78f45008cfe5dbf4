// struct termios as strace prints it for TCGETS/TCSETS:
// `{c_iflag=ICRNL|IXON, c_oflag=NL0|CR0|TAB0|BS0|VT0|FF0|OPOST|ONLCR, c_cflag=B38400|CS8|CREAD,
//  c_lflag=ISIG|ICANON|ECHO|…, ...}`, with c_line and every c_cc slot under -v. The multi-bit fields
// (delays, baud rate, character size) are named first and always followed by `|`, even when no
// flag follows (`c_cflag=BOTHER|CS5|`), and an empty flag word prints as nothing — both as strace
// 6.1 does.

import * as T from '../../uapi/termios';
import { outArg, structArg } from './context';
import { formatFlags, type FlagTable } from './flags';
import { hex } from './numbers';
import type { Fields } from './struct';

/** strace's c_lflag order differs from the header's: IEXTEN comes right after NOFLSH, TOSTOP late. */
const LFLAGS: FlagTable = [
  [T.ISIG, 'ISIG'], [T.ICANON, 'ICANON'], [T.XCASE, 'XCASE'], [T.ECHO, 'ECHO'], [T.ECHOE, 'ECHOE'],
  [T.ECHOK, 'ECHOK'], [T.ECHONL, 'ECHONL'], [T.NOFLSH, 'NOFLSH'], [T.IEXTEN, 'IEXTEN'], [T.ECHOCTL, 'ECHOCTL'],
  [T.ECHOPRT, 'ECHOPRT'], [T.ECHOKE, 'ECHOKE'], [T.FLUSHO, 'FLUSHO'], [T.PENDIN, 'PENDIN'], [T.TOSTOP, 'TOSTOP'],
  [T.EXTPROC, 'EXTPROC'],
];
const CFLAGS: FlagTable = [
  [T.CSTOPB, 'CSTOPB'], [T.CREAD, 'CREAD'], [T.PARENB, 'PARENB'], [T.PARODD, 'PARODD'], [T.HUPCL, 'HUPCL'],
  [T.CLOCAL, 'CLOCAL'], [T.CMSPAR, 'CMSPAR'], [T.CRTSCTS, 'CRTSCTS'],
];

/** The output delay fields: mask and the names of its values. */
const DELAYS: readonly (readonly [mask: number, names: readonly (readonly [number, string])[]])[] = [
  [T.NLDLY, [[T.NL0, 'NL0'], [T.NL1, 'NL1']]],
  [T.CRDLY, [[T.CR0, 'CR0'], [T.CR1, 'CR1'], [T.CR2, 'CR2'], [T.CR3, 'CR3']]],
  [T.TABDLY, [[T.TAB0, 'TAB0'], [T.TAB1, 'TAB1'], [T.TAB2, 'TAB2'], [T.XTABS, 'XTABS']]],
  [T.BSDLY, [[T.BS0, 'BS0'], [T.BS1, 'BS1']]],
  [T.VTDLY, [[T.VT0, 'VT0'], [T.VT1, 'VT1']]],
  [T.FFDLY, [[T.FF0, 'FF0'], [T.FF1, 'FF1']]],
];
const DELAY_MASK = DELAYS.reduce((m, [mask]) => m | mask, 0);

function formatOflag(v: number): string {
  const fields = DELAYS.map(([mask, names]) => new Map(names).get(v & mask)!);
  return `${fields.join('|')}|${formatFlags(v & ~DELAY_MASK, T.OFLAG_NAMES, '')}`;
}

/** `B38400`, or BOTHER for a speed given in c_ispeed/c_ospeed. */
function baudName(code: number): string {
  if (code === T.BOTHER) return 'BOTHER';
  const speed = T.BAUD_TABLE[(code & 0o17) + (code & T.CBAUDEX ? 15 : 0)];
  return speed === undefined ? hex(code) : `B${speed}`;
}

function formatCflag(v: number): string {
  const input = (v & T.CIBAUD) >>> T.IBSHIFT;
  const csize = ['CS5', 'CS6', 'CS7', 'CS8'][(v & T.CSIZE) >> 4];
  const fields = [baudName(v & T.CBAUD), ...(input ? [`${baudName(input)}<<IBSHIFT`] : []), csize];
  return `${fields.join('|')}|${formatFlags((v & ~(T.CBAUD | T.CIBAUD | T.CSIZE)) >>> 0, CFLAGS, '')}`;
}

const CC_NAMES = ['VINTR', 'VQUIT', 'VERASE', 'VKILL', 'VEOF', 'VTIME', 'VMIN', 'VSWTC', 'VSTART', 'VSTOP', 'VSUSP', 'VEOL', 'VREPRINT', 'VDISCARD', 'VWERASE', 'VLNEXT', 'VEOL2'];
const NCCS = 19;

function formatTermios(f: Fields, verbose: boolean): string {
  const flags = [
    `c_iflag=${formatFlags(f.u32(T.TERMIOS.iflag), T.IFLAG_NAMES, '')}`, `c_oflag=${formatOflag(f.u32(T.TERMIOS.oflag))}`,
    `c_cflag=${formatCflag(f.u32(T.TERMIOS.cflag))}`, `c_lflag=${formatFlags(f.u32(T.TERMIOS.lflag), LFLAGS, '')}`,
  ];
  if (!verbose) return `{${flags.join(', ')}, ...}`;
  const line = f.u8(T.TERMIOS.line);
  const cc = Array.from({ length: NCCS }, (_, i) => `[${CC_NAMES[i] ?? i}]=${hex(f.u8(T.TERMIOS.cc + i))}`);
  return `{${flags.join(', ')}, c_line=${line === T.N_TTY ? 'N_TTY' : line}, c_cc=[${cc.join(', ')}]}`;
}

const termios = structArg(T.TERMIOS_SIZE, (f, a) => formatTermios(f, a.opts.verbose));
/** TCSETS*: the caller's settings (decoded even when the call fails). */
export const termiosInArg = termios;
/** TCGETS: the settings the kernel returned. */
export const termiosOutSpec = outArg(termios);
