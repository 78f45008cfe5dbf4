// stty (GNU coreutils), the window-size part: `stty size` prints the terminal's rows and columns
// (TIOCGWINSZ), `stty rows N` / `stty cols N` set them (TIOCSWINSZ, which sends the foreground job
// SIGWINCH). -F DEVICE works on another terminal, opened O_RDONLY|O_NONBLOCK as GNU stty does.
// Simplified: the termios settings (`-a`, `-echo`, `raw`…) are not implemented here; asking for
// one says so and exits 1.

import type { Sys } from '../../runtime/context';
import { getopt } from '../../libc/getopt';
import { open } from '../../libc/fcntl';
import { O_NONBLOCK, O_RDONLY } from '../../../uapi/fcntl';
import { tcgetwinsize } from '../../libc/termios';
import { syscall, alloca, poke, stackMark, release } from '../../libc/process';
import { __NR } from '../../../uapi/unistd_64';
import { TIOCSWINSZ, WINSIZE, WINSIZE_SIZE } from '../../../uapi/termios';
import { fputs, stderr, stdout } from '../../libc/stdio';
import { cq, qf, warnErrno } from './lib/common';

const TRY = "Try 'stty --help' for more information.\n";
const HELP = `Usage: stty [-F DEVICE | --file=DEVICE] [SETTING]...
Print or change terminal characteristics.

  -F, --file=DEVICE  open and use the specified DEVICE instead of stdin
      --help        display this help and exit
      --version     output version information and exit

Special settings:
   cols N        tell the kernel that the terminal has N columns
   rows N        tell the kernel that the terminal has N rows
   size          print the number of rows and columns according to the kernel
`;

/** The settings GNU stty 9.1 knows (mode_info, control_info and the special ones), without a leading '-'. */
const STTY_SETTINGS = new Set(
  ('parenb parodd cmspar cs5 cs6 cs7 cs8 hupcl hup cstopb cread clocal crtscts ignbrk brkint ignpar parmrk inpck istrip ' +
    'inlcr igncr icrnl ixon ixoff tandem iuclc ixany imaxbel iutf8 opost olcuc ocrnl onlcr onocr onlret ofill ofdel ' +
    'nl0 nl1 cr0 cr1 cr2 cr3 tab0 tab1 tab2 tab3 bs0 bs1 vt0 vt1 ff0 ff1 isig icanon iexten echo echoe crterase echok ' +
    'echonl noflsh xcase tostop echoprt prterase echoctl ctlecho echoke crtkill flusho extproc evenp parity oddp nl ek ' +
    'sane cooked raw pass8 litout cbreak decctlq tabs lcase LCASE crt dec intr quit erase kill eof eol eol2 swtch start ' +
    'stop susp rprnt werase lnext discard min time ispeed ospeed line speed drain columns').split(' '),
);

function* setWinsize(fd: number, rows: number, cols: number): Sys<number> {
  const mark = stackMark();
  try {
    const ws = alloca(WINSIZE_SIZE);
    const b = new Uint8Array(WINSIZE_SIZE);
    const v = new DataView(b.buffer);
    v.setUint16(WINSIZE.row, rows, true);
    v.setUint16(WINSIZE.col, cols, true);
    poke(ws, b);
    return yield* syscall(__NR.ioctl, fd, TIOCSWINSZ, ws);
  } finally {
    release(mark);
  }
}

export function* stty(argv: string[]): Sys<number> {
  const r = yield* getopt('stty', argv, 'F:', [
    { name: 'file', hasArg: 1, val: 'F' }, { name: 'help', hasArg: 0, val: 'h' }, { name: 'version', hasArg: 0, val: 'V' },
  ]);
  if (r.error) return 1;
  if (r.options.some((o) => o.opt === 'h')) {
    yield* fputs(HELP, stdout());
    return 0;
  }
  if (r.options.some((o) => o.opt === 'V')) {
    yield* fputs('stty (GNU coreutils) 9.1\n', stdout());
    return 0;
  }
  const device = r.options.find((o) => o.opt === 'F')?.arg ?? null;
  let fd = 0;
  const name = device ?? 'standard input';
  if (device !== null) {
    fd = yield* open(device, O_RDONLY | O_NONBLOCK);
    if (fd < 0) {
      yield* warnErrno('stty', qf(device));
      return 1;
    }
  }
  const ops = r.operands;
  if (ops.length === 0) {
    yield* fputs('stty: showing the termios settings is not implemented here (try: stty size)\n', stderr());
    return 1;
  }
  let ws = yield* tcgetwinsize(fd);
  if (!ws) {
    yield* warnErrno('stty', qf(name));
    return 1;
  }
  for (let i = 0; i < ops.length; i++) {
    const op = ops[i]!;
    if (op === 'size') {
      yield* fputs(`${ws.rows} ${ws.cols}\n`, stdout());
    } else if (op === 'rows' || op === 'cols') {
      const arg = ops[++i];
      if (arg === undefined) {
        yield* fputs(`stty: missing argument to ${cq(op)}\n${TRY}`, stderr());
        return 1;
      }
      const n = /^\d+$/.test(arg) ? Number(arg) : NaN;
      if (!(n <= 0xffff)) {
        yield* fputs(`stty: invalid integer argument: ${cq(arg)}\n${TRY}`, stderr());
        return 1;
      }
      ws = op === 'rows' ? { rows: n, cols: ws.cols } : { rows: ws.rows, cols: n };
      if ((yield* setWinsize(fd, ws.rows, ws.cols)) < 0) {
        yield* warnErrno('stty', qf(name));
        return 1;
      }
    } else if (!STTY_SETTINGS.has(op.replace(/^-/, ''))) {
      // Not a setting GNU stty knows at all: its own message.
      yield* fputs(`stty: invalid argument ${cq(op)}\n${TRY}`, stderr());
      return 1;
    } else {
      yield* fputs(`stty: setting ${cq(op)} is not implemented here (only size, rows, cols)\n`, stderr());
      return 1;
    }
  }
  return 0;
}
