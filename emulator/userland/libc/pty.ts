// <stdlib.h>'s pseudo-terminal calls and <pty.h>/<utmp.h>'s openpty, login_tty and forkpty, as
// glibc implements them on Linux — each is a few syscalls, which strace shows:
//
//   posix_openpt  openat(AT_FDCWD, "/dev/ptmx", O_RDWR|O_NOCTTY)
//   grantpt       ioctl(3, TIOCGPTN, [0])       (devpts already gave the slave its owner and mode:
//                                                 all that is left is to check fd is a master)
//   unlockpt      ioctl(3, TIOCSPTLCK, [0])
//   ptsname       ioctl(3, TIOCGPTN, [0])       → "/dev/pts/0"
//   openpty       the three above (the master opened O_RDWR, as glibc's getpt), then
//                 ioctl(3, TIOCGPTPEER, O_RDWR|O_NOCTTY) for the slave
//   login_tty     setsid(), ioctl(fd, TIOCSCTTY, 0), dup2 onto 0, 1 and 2, close(fd)
//   forkpty       openpty, fork; the child does login_tty(slave), the parent keeps the master
//
// And ttyname(3), which glibc answers from /proc/self/fd/N (checked against fstat).

import { __NR } from '../../uapi/unistd_64';
import { EINVAL, ENODEV, ENOTTY } from '../../uapi/errno';
import { O_NOCTTY, O_RDWR } from '../../uapi/fcntl';
import { TCSETSF, TIOCGPTN, TIOCGPTPEER, TIOCSCTTY, TIOCSPTLCK, TIOCSWINSZ, WINSIZE, WINSIZE_SIZE } from '../../uapi/termios';
import type { Sys } from '../runtime/context';
import { open } from './fcntl';
import { alloca, peekU32, poke, pokeI32, proc, release, stackMark, syscall } from './process';
import { fstat, stat } from './sys_stat';
import { close, dup2, fork, isatty, readlink, setsid } from './unistd';

/** posix_openpt: a new pty master (the flags are open's: O_RDWR, O_NOCTTY). fd or -1. */
export function* posix_openpt(flags: number): Sys<number> {
  return yield* open('/dev/ptmx', flags);
}

/** The pty number of master `fd` (TIOCGPTN), or -1 with errno set (EINVAL/ENOTTY for a non-master). */
function* ptyno(fd: number): Sys<number> {
  const mark = stackMark();
  try {
    const p = alloca(4);
    if ((yield* syscall(__NR.ioctl, fd, TIOCGPTN, p)) < 0) return -1;
    return peekU32(p);
  } finally {
    release(mark);
  }
}

/**
 * grantpt: give the slave to the caller. With devpts the kernel already did (uid of the opener,
 * gid=5, mode=620), so glibc only checks that `fd` is a master: 0, or -1 with EINVAL.
 */
export function* grantpt(fd: number): Sys<number> {
  if ((yield* ptyno(fd)) >= 0) return 0;
  if (proc().errno === ENOTTY) proc().errno = EINVAL;
  return -1;
}

/** unlockpt: let the slave be opened (TIOCSPTLCK with 0). 0 or -1. */
export function* unlockpt(fd: number): Sys<number> {
  const mark = stackMark();
  try {
    const p = alloca(4);
    pokeI32(p, 0);
    return (yield* syscall(__NR.ioctl, fd, TIOCSPTLCK, p)) < 0 ? -1 : 0;
  } finally {
    release(mark);
  }
}

/** ptsname: the slave's path, "/dev/pts/N", or null with errno set (ENOTTY for a non-master). */
export function* ptsname(fd: number): Sys<string | null> {
  const n = yield* ptyno(fd);
  return n < 0 ? null : `/dev/pts/${n}`;
}

export interface Openpty {
  master: number;
  slave: number;
  /** The slave's path, when asked for (glibc's `name` argument; another TIOCGPTN). */
  name: string | null;
}

/**
 * openpty: a new pty with its slave already open, optionally with modes (a TCSETSF-sized struct
 * termios in our memory, as tcsetattr(TCSAFLUSH) takes) and a window size. Null with errno set.
 */
export function* openpty(termp = 0, winp: { rows: number; cols: number } | null = null, wantName = true): Sys<Openpty | null> {
  const master = yield* posix_openpt(O_RDWR);
  if (master < 0) return null;
  const fail = function* (): Sys<null> {
    const e = proc().errno;
    yield* close(master);
    proc().errno = e;
    return null;
  };
  if ((yield* grantpt(master)) < 0 || (yield* unlockpt(master)) < 0) return yield* fail();
  // TIOCGPTPEER opens the slave without a path lookup; older kernels need ptsname + open.
  let slave = yield* syscall(__NR.ioctl, master, TIOCGPTPEER, O_RDWR | O_NOCTTY);
  if (slave < 0) {
    const path = yield* ptsname(master);
    if (path === null) return yield* fail();
    slave = yield* open(path, O_RDWR | O_NOCTTY);
    if (slave < 0) return yield* fail();
  }
  if (termp) yield* syscall(__NR.ioctl, slave, TCSETSF, termp);
  if (winp) {
    const mark = stackMark();
    try {
      const ws = alloca(WINSIZE_SIZE);
      const b = new Uint8Array(WINSIZE_SIZE);
      const v = new DataView(b.buffer);
      v.setUint16(WINSIZE.row, winp.rows, true);
      v.setUint16(WINSIZE.col, winp.cols, true);
      poke(ws, b);
      yield* syscall(__NR.ioctl, slave, TIOCSWINSZ, ws);
    } finally {
      release(mark);
    }
  }
  const name = wantName ? yield* ptsname(master) : null;
  if (wantName && name === null) {
    yield* close(slave);
    return yield* fail();
  }
  return { master, slave, name };
}

/**
 * login_tty: make `fd` (a terminal) the caller's controlling terminal in a new session and its
 * standard input, output and error. 0, or -1 with errno set.
 */
export function* login_tty(fd: number): Sys<number> {
  yield* setsid();
  if ((yield* syscall(__NR.ioctl, fd, TIOCSCTTY, 0)) < 0) return -1;
  for (let i = 0; i < 3; i++) if (fd !== i && (yield* dup2(fd, i)) < 0) return -1;
  if (fd > 2) yield* close(fd);
  return 0;
}

/**
 * forkpty: a child running `child` on the slave of a new pty (its controlling terminal, as its
 * stdin/stdout/stderr, in a new session). The parent gets [pid, master fd]; [-1, -1] on failure.
 */
export function* forkpty(child: () => Sys<number>, winp: { rows: number; cols: number } | null = null): Sys<[number, number]> {
  const pty = yield* openpty(0, winp, false);
  if (!pty) return [-1, -1];
  const pid = yield* fork(function* () {
    yield* close(pty.master);
    if ((yield* login_tty(pty.slave)) < 0) return 1;
    return yield* child();
  });
  if (pid < 0) {
    yield* close(pty.master);
    yield* close(pty.slave);
    return [-1, -1];
  }
  yield* close(pty.slave);
  return [pid, pty.master];
}

/**
 * ttyname: the terminal's path, from the /proc/self/fd/N link, checked against fstat (the same
 * device number): null with errno ENOTTY (not a terminal) or ENODEV (no such name).
 */
export function* ttyname(fd: number): Sys<string | null> {
  if (!(yield* isatty(fd))) {
    proc().errno = ENOTTY;
    return null;
  }
  const link = yield* readlink(`/proc/self/fd/${fd}`);
  const st = yield* fstat(fd);
  if (link !== null && link.startsWith('/') && st) {
    const named = yield* stat(link);
    if (named && named.rdev === st.rdev && named.ino === st.ino && named.dev === st.dev) return link;
  }
  proc().errno = ENODEV;
  return null;
}
