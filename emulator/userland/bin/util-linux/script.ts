// script (util-linux 2.38): make a typescript of a terminal session — the classic program built
// on a pseudo-terminal, and the one to strace to see a pty at work:
//
//   openat(AT_FDCWD, "/dev/ptmx", O_RDWR|O_NOCTTY) = 4        posix_openpt
//   ioctl(4, TIOCGPTN, [0]) = 0                                grantpt
//   ioctl(4, TIOCSPTLCK, [0]) = 0                              unlockpt
//   ioctl(4, TIOCGPTPEER, O_RDWR|O_NOCTTY) = 5                 the slave, /dev/pts/0
//   fork: the child does setsid, ioctl(5, TIOCSCTTY, 0), dup2s the slave onto 0, 1 and 2 and
//         execs $SHELL -c COMMAND (login_tty) — so `tty` in it says /dev/pts/0;
//   the parent puts its own terminal in raw mode and copies, with poll(2): its keyboard to the
//   master, and everything the master gives (the command's output, after the slave's OPOST, so
//   "\r\n") to its screen and to the log file — until reading the master fails with EIO: every
//   slave file is closed, the command is over.
//
// The log file (default "typescript") starts with "Script started on DATE [COMMAND=… TERM=… TTY=…
// COLUMNS=… LINES=…]" and ends with "Script done on DATE [COMMAND_EXIT_CODE=…]", as util-linux
// writes them. Options: -a (append), -c COMMAND, -e (return the command's exit status), -f (flush:
// we always write through), -q (quiet), -E auto|always|never (accepted), -h, -V.
//
// Simplified: no timing files (-T, -t, -I/-O/-B, -m) and no output limit (-o).

import type { Sys } from '../../runtime/context';
import { getopt } from '../../libc/getopt';
import { fputs, stderr, stdout } from '../../libc/stdio';
import { open } from '../../libc/fcntl';
import { poll, type PollFd } from '../../libc/poll';
import { alloca, errno, peek, poke, release, stackMark, syscall } from '../../libc/process';
import { forkpty, ttyname } from '../../libc/pty';
import { getenv } from '../../libc/stdlib';
import { strerror } from '../../libc/string';
import { tcgetwinsize } from '../../libc/termios';
import { gmtime, strftime, time } from '../../libc/time';
import { close, execve, environStrings, isatty, readBytes, writeAll } from '../../libc/unistd';
import { waitpid } from '../../libc/wait';
import { sigaction } from '../../libc/signal';
import { EINTR } from '../../../uapi/errno';
import { SIGWINCH } from '../../../uapi/signal';
import { WEXITSTATUS, WIFEXITED, WIFSIGNALED, WTERMSIG } from '../../../uapi/sched';
import { O_APPEND, O_CREAT, O_TRUNC, O_WRONLY } from '../../../uapi/fcntl';
import { POLLERR, POLLHUP, POLLIN } from '../../../uapi/poll';
import {
  BRKINT, CS8, CSIZE, ECHO, ECHONL, ICANON, ICRNL, IEXTEN, IGNBRK, IGNCR, INLCR, ISIG, ISTRIP, IXON, OPOST,
  PARENB, PARMRK, TCGETS, TCSETSF, TERMIOS, TERMIOS_SIZE, TIOCSWINSZ, VMIN, VTIME, WINSIZE, WINSIZE_SIZE,
} from '../../../uapi/termios';
import { __NR } from '../../../uapi/unistd_64';

const HELP = `
Usage:
 script [options] [file]

Make a typescript of a terminal session.

Options:
 -a, --append                  append to the log file
 -c, --command <command>       run command rather than interactive shell
 -e, --return                  return exit code of the child process
 -f, --flush                   run flush after each write
 -E, --echo <when>             echo input in session (auto, always or never)
 -q, --quiet                   be quiet

 -h, --help                    display this help
 -V, --version                 display version

For more details see script(1).
`;

/** tcgetattr into a struct termios image, or null if fd is not a terminal. */
function* getTermios(fd: number): Sys<Uint8Array | null> {
  const mark = stackMark();
  try {
    const p = alloca(TERMIOS_SIZE);
    if ((yield* syscall(__NR.ioctl, fd, TCGETS, p)) < 0) return null;
    return peek(p, TERMIOS_SIZE);
  } finally {
    release(mark);
  }
}

/** tcsetattr(fd, TCSAFLUSH, image). */
function* setTermios(fd: number, image: Uint8Array): Sys<number> {
  const mark = stackMark();
  try {
    const p = alloca(TERMIOS_SIZE);
    poke(p, image);
    return yield* syscall(__NR.ioctl, fd, TCSETSF, p);
  } finally {
    release(mark);
  }
}

/** ioctl(fd, TIOCSWINSZ, …): on a master, the size of its slave. */
function* setWinsize(fd: number, ws: { rows: number; cols: number }): Sys<number> {
  const mark = stackMark();
  try {
    const p = alloca(WINSIZE_SIZE);
    const b = new Uint8Array(WINSIZE_SIZE);
    const v = new DataView(b.buffer);
    v.setUint16(WINSIZE.row, ws.rows, true);
    v.setUint16(WINSIZE.col, ws.cols, true);
    poke(p, b);
    return yield* syscall(__NR.ioctl, fd, TIOCSWINSZ, p);
  } finally {
    release(mark);
  }
}

/** cfmakeraw: no line editing, no echo, no signals, no output processing, 8 bits, one byte at a time. */
function cfmakeraw(image: Uint8Array): Uint8Array {
  const b = image.slice();
  const v = new DataView(b.buffer);
  const upd = (off: number, clear: number, set = 0) => v.setUint32(off, ((v.getUint32(off, true) & ~clear) | set) >>> 0, true);
  upd(TERMIOS.iflag, IGNBRK | BRKINT | PARMRK | ISTRIP | INLCR | IGNCR | ICRNL | IXON);
  upd(TERMIOS.oflag, OPOST);
  upd(TERMIOS.lflag, ECHO | ECHONL | ICANON | ISIG | IEXTEN);
  upd(TERMIOS.cflag, CSIZE | PARENB, CS8);
  b[TERMIOS.cc + VMIN] = 1;
  b[TERMIOS.cc + VTIME] = 0;
  return b;
}

/** The EOF character of a new pty's modes (c_cc[VEOF], ^D). */
const VEOF_CHAR = 0x04;

/** "2026-11-28 11:27:32+00:00", as util-linux stamps the log (the machine's clock is UTC). */
function* now(): Sys<string> {
  return strftime('%Y-%m-%d %H:%M:%S%:z', gmtime(yield* time()));
}

export function* script(argv: string[]): Sys<number> {
  const r = yield* getopt('script', argv, 'ac:efqE:hV', [
    { name: 'append', hasArg: 0, val: 'a' }, { name: 'command', hasArg: 1, val: 'c' },
    { name: 'return', hasArg: 0, val: 'e' }, { name: 'flush', hasArg: 0, val: 'f' },
    { name: 'quiet', hasArg: 0, val: 'q' }, { name: 'echo', hasArg: 1, val: 'E' },
    { name: 'help', hasArg: 0, val: 'h' }, { name: 'version', hasArg: 0, val: 'V' },
  ]);
  if (r.error) return 1;
  let append = false;
  let command: string | null = null;
  let returnCode = false;
  let quiet = false;
  for (const o of r.options) {
    if (o.opt === 'a') append = true;
    else if (o.opt === 'c') command = o.arg!;
    else if (o.opt === 'e') returnCode = true;
    else if (o.opt === 'q') quiet = true;
    else if (o.opt === 'E' && !['auto', 'always', 'never'].includes(o.arg!)) {
      yield* fputs(`script: unsupported echo mode: '${o.arg}'\n`, stderr());
      return 1;
    } else if (o.opt === 'h') {
      yield* fputs(HELP, stdout());
      return 0;
    } else if (o.opt === 'V') {
      yield* fputs('script from util-linux 2.38.1\n', stdout());
      return 0;
    }
  }
  if (r.operands.length > 1) {
    yield* fputs(`script: unexpected number of arguments\nTry 'script --help' for more information.\n`, stderr());
    return 1;
  }
  const file = r.operands[0] ?? 'typescript';

  const log = yield* open(file, O_WRONLY | O_CREAT | (append ? O_APPEND : O_TRUNC), 0o666);
  if (log < 0) {
    yield* fputs(`script: cannot open ${file}: ${strerror(errno())}\n`, stderr());
    return 1;
  }
  const onTty = yield* isatty(0);
  const saved = onTty ? yield* getTermios(0) : null;
  const ws = onTty ? yield* tcgetwinsize(0) : null;
  // The header says what ran and where: TERM, the terminal and its size — or that there was none.
  const cmdPart = command !== null ? `COMMAND="${command}" ` : '';
  const where = onTty
    ? `TERM="${getenv('TERM') ?? 'dumb'}" TTY="${(yield* ttyname(0)) ?? ''}" COLUMNS="${ws?.cols ?? -1}" LINES="${ws?.rows ?? -1}"`
    : '<not executed on terminal>';
  yield* writeAll(log, `Script started on ${yield* now()} [${cmdPart}${where}]\n`);
  if (!quiet) yield* fputs(`Script started, output log file is '${file}'.\n`, stdout());

  const shell = getenv('SHELL') || '/bin/sh';
  const shname = shell.slice(shell.lastIndexOf('/') + 1);
  const env = environStrings();
  const [child, master] = yield* forkpty(function* () {
    yield* close(log);
    yield* execve(shell, command !== null ? [shname, '-c', command] : [shname, '-i'], env);
    yield* fputs(`script: failed to execute ${shell}: ${strerror(errno())}\n`, stderr());
    return 127;
  }, ws);
  if (child < 0) {
    yield* fputs(`script: failed to create pseudo-terminal: ${strerror(errno())}\n`, stderr());
    return 1;
  }
  if (saved) yield* setTermios(0, cfmakeraw(saved));
  // Our terminal changing size (SIGWINCH) resizes the pty, which signals the command in turn. No
  // SA_RESTART: the signal interrupts poll, and the loop passes the new size on.
  let resized = false;
  if (onTty) {
    yield* sigaction(SIGWINCH, function* () {
      resized = true;
    });
  }

  // The copy loop: keyboard → master, master → screen and log, until the master reads EIO. Input
  // that is not a terminal is forwarded too; at its end the child gets the EOF character (^D), as
  // if typed, so that a shell reading it exits.
  let stdinOpen = true;
  for (;;) {
    const fds: PollFd[] = [{ fd: master, events: POLLIN }];
    if (stdinOpen) fds.push({ fd: 0, events: POLLIN });
    const n = yield* poll(fds, -1);
    if (resized) {
      resized = false;
      const size = yield* tcgetwinsize(0);
      if (size) yield* setWinsize(master, size);
    }
    if (n < 0) {
      if (errno() === EINTR) continue;
      break;
    }
    if (fds[1]?.revents) {
      const data = yield* readBytes(0, 4096);
      if (!data || data.length === 0) {
        stdinOpen = false;
        if (!onTty) yield* writeAll(master, Uint8Array.of(VEOF_CHAR));
      } else {
        yield* writeAll(master, data);
      }
    }
    if (fds[0]!.revents! & (POLLIN | POLLHUP | POLLERR)) {
      const data = yield* readBytes(master, 4096);
      if (!data || data.length === 0) break; // EIO: the last slave file is closed
      yield* writeAll(1, data);
      yield* writeAll(log, data);
    }
  }
  const [, status] = yield* waitpid(child);
  if (saved) yield* setTermios(0, saved);
  yield* close(master);
  const code = WIFEXITED(status) ? WEXITSTATUS(status) : WIFSIGNALED(status) ? 128 + WTERMSIG(status) : 0;
  yield* writeAll(log, `\nScript done on ${yield* now()} [COMMAND_EXIT_CODE="${code}"]\n`);
  yield* close(log);
  if (!quiet) yield* fputs('Script done.\n', stdout());
  return returnCode ? code : 0;
}
