// socat (socat 1.7.4.4 as Debian ships it, reduced): open two addresses and copy data both ways
// between them until both directions are done.
//
//   socat [-d…] [-v] [-x] [-u|-U] [-t SECS] [-T SECS] [-b SIZE] ADDRESS ADDRESS
//
// The transfer loop is socat's _socat(): poll(2) on whichever ends are still open for reading; what
// one address gives is written to the other. When one side reaches EOF socat passes the EOF on —
// shutdown(SHUT_WR) on a socket, close on a pipe — and then waits at most -t seconds (default 0.5)
// of quiet for the other direction to finish too: that is how half-close reaches the peer while its
// reply still comes back. With -u/-U only one direction is copied. Errors are E lines on standard
// error and exit status 1 (xiolog.ts has the format).

import { EINTR } from '../../../uapi/errno';
import { POLLERR, POLLHUP, POLLIN, POLLNVAL } from '../../../uapi/poll';
import { SIGPIPE, SIG_IGN } from '../../../uapi/signal';
import { SHUT_WR } from '../../../uapi/socket';
import type { Sys } from '../../runtime/context';
import { poll, type PollFd } from '../../libc/poll';
import { errno, peek } from '../../libc/process';
import { signal } from '../../libc/signal';
import { fputs, stderr, stdout } from '../../libc/stdio';
import { clock_gettime, CLOCK_REALTIME, localtime, strftime } from '../../libc/time';
import { malloc } from '../../libc/stdlib';
import { strerror } from '../../libc/string';
import { shutdown } from '../../libc/sys_socket';
import { uname } from '../../libc/sys_utsname';
import { close, read, write } from '../../libc/unistd';
import { E, N, log, msg } from './xiolog';
import { XioError, xioopen, type Xio } from './xioopen';

const HELP = `socat by Gerhard Rieger and contributors - see www.dest-unreach.org
Usage:
socat [options] <bi-address> <bi-address>
   options:
      -V     print version and feature information to stdout, and exit
      -h|-?  print a help text describing command line options and addresses
      -d[ddd]         increase verbosity (use up to 4 times; 2 are recommended)
      -v     verbose text dump of data traffic
      -x     verbose hexadecimal dump of data traffic
      -b<size_t>     set data buffer size (8192)
      -t<timeout>    wait seconds before closing second channel
      -T<timeout>    total inactivity timeout in seconds
      -u     unidirectional mode (left to right)
      -U     unidirectional mode (right to left)
   bi-address:
      pipe[,<opts>]	groups=FD,FIFO
      <single-address>
   single-address:
      <address-head>[,<opts>]
   address-head:
      create:<filename>	groups=FD,REG,NAMED
      exec:<command-line>	groups=FD,FIFO,SOCKET,EXEC,FORK,TERMIOS,PTY,PARENT,UNIX
      open:<filename>	groups=FD,FIFO,CHR,BLK,REG,NAMED,OPEN,TERMIOS
      stdio	groups=FD,FIFO,CHR,BLK,REG,SOCKET,TERMIOS,UNIX,IP4,IP6,UDP,TCP,SCTP
      system:<shell-command>	groups=FD,FIFO,SOCKET,EXEC,FORK,TERMIOS,PTY,PARENT,UNIX
      tcp-connect:<host>:<port>	groups=FD,SOCKET,CHILD,RETRY,IP4,IP6,TCP
      tcp-listen:<port>	groups=FD,SOCKET,LISTEN,CHILD,RETRY,RANGE,IP4,IP6,TCP
      udp-connect:<host>:<port>	groups=FD,SOCKET,IP4,IP6,UDP
      udp-listen:<port>	groups=FD,SOCKET,LISTEN,CHILD,RANGE,IP4,IP6,UDP
      unix-connect:<filename>	groups=FD,SOCKET,NAMED,RETRY,UNIX
      unix-listen:<filename>	groups=FD,SOCKET,NAMED,LISTEN,CHILD,RETRY,UNIX
`;

interface Options {
  /** Copy left to right / right to left. */
  dirs: [boolean, boolean];
  /** -t: quiet time allowed after the first EOF, ms. */
  closeWaitMs: number;
  /** -T: total inactivity timeout, ms (-1: none). */
  idleMs: number;
  bufsize: number;
  /** -v: dump the data as text on standard error; -x: as hex (both: a hex and text table). */
  dumpText: boolean;
  dumpHex: boolean;
}

/** A number of seconds as socat reads it (strtod): "0.5", "2". */
const seconds = (s: string | undefined): number => {
  const v = Number(s);
  return s !== undefined && s !== '' && Number.isFinite(v) && v >= 0 ? Math.round(v * 1000) : NaN;
};

export function* socat(argv: string[]): Sys<number> {
  const o: Options = { dirs: [true, true], closeWaitMs: 500, idleMs: -1, bufsize: 8192, dumpText: false, dumpHex: false };
  log.verbosity = 0;
  let i = 1;
  // socat's own option parser: options come first; "-" alone is an address (stdio).
  for (; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith('-') || a === '-') break;
    const value = () => (a.length > 2 ? a.slice(2) : argv[++i]);
    switch (a[1]) {
      case 'd':
        if (!/^-d+$/.test(a)) return yield* badOption(a);
        log.verbosity += a.length - 1;
        break;
      case 'v':
      case 'x':
        if (a.length > 2) return yield* badOption(a);
        if (a[1] === 'v') o.dumpText = true;
        else o.dumpHex = true;
        break;
      case 'u':
      case 'U':
        if (a.length > 2) return yield* badOption(a);
        o.dirs = a[1] === 'u' ? [true, false] : [false, true];
        break;
      case 't':
      case 'T': {
        const ms = seconds(value());
        if (Number.isNaN(ms)) return yield* badOption(a);
        if (a[1] === 't') o.closeWaitMs = ms;
        else o.idleMs = ms;
        break;
      }
      case 'b': {
        const n = Number(value());
        if (!Number.isInteger(n) || n <= 0) return yield* badOption(a);
        o.bufsize = n;
        break;
      }
      case 'h':
      case '?':
        yield* fputs(HELP, stdout());
        return 0;
      case 'V': {
        const u = yield* uname();
        yield* fputs(
          'socat by Gerhard Rieger and contributors - see www.dest-unreach.org\n' +
            'socat version 1.7.4.4 (Ringside socat-lite)\n' +
            `   running on ${u?.sysname ?? 'Linux'} version ${u?.version ?? ''}, release ${u?.release ?? ''}, machine ${u?.machine ?? ''}\n`,
          stdout(),
        );
        return 0;
      }
      default:
        return yield* badOption(a);
    }
  }
  const addrs = argv.slice(i);
  if (addrs.length !== 2) {
    yield* msg(E, `exactly 2 addresses required (there are ${addrs.length}); use option "-h" for help`);
    return 1;
  }
  // A write to a peer that has gone is an error to report, not a signal that kills socat.
  yield* signal(SIGPIPE, SIG_IGN);
  let status: number;
  try {
    status = yield* xioopen(addrs[0]!, (left) => xioopen(addrs[1]!, (right) => transfer(o, left, right)));
  } catch (e) {
    if (!(e instanceof XioError)) throw e;
    yield* msg(E, e.message);
    yield* msg(N, 'exit(1)');
    return 1;
  }
  return status;
}

/**
 * -v / -x (xio_transfer's dumps): a header per buffer — direction ('>' left to right), the time with
 * microseconds (socat 1.7.4.4 pads them to nine digits), the length and the byte offsets — then the
 * bytes: as text (CR as \r, a backslash doubled, other control bytes but tab and newline as '.'),
 * as hex on one line, or with both a table of 16 bytes a line, hex then text, closed by "--".
 */
function* dump_data(o: Options, dir: number, data: Uint8Array, from: number): Sys<void> {
  const ts = yield* clock_gettime(CLOCK_REALTIME);
  const when = `${strftime('%Y/%m/%d %H:%M:%S', localtime(ts?.sec ?? 0))}.${String(Math.floor((ts?.nsec ?? 0) / 1000)).padStart(9, '0')}`;
  let out = `${dir === 0 ? '>' : '<'} ${when}  length=${data.length} from=${from} to=${from + data.length - 1}\n`;
  const printable = (c: number) => c >= 0x20 && c < 0x7f;
  const hex = (c: number) => ` ${c.toString(16).padStart(2, '0')}`;
  if (o.dumpHex && o.dumpText) {
    for (let i = 0; i < data.length; i += 16) {
      const row = data.subarray(i, i + 16);
      out += Array.from(row, hex).join('').padEnd(48) + '  ' + Array.from(row, (c) => (printable(c) ? String.fromCharCode(c) : '.')).join('') + '\n';
    }
    out += '--\n';
  } else if (o.dumpHex) {
    out += Array.from(data, hex).join('') + '\n';
  } else {
    for (const c of data) {
      out += c === 0x0d ? '\\r' : c === 0x5c ? '\\\\' : c === 0x0a || c === 0x09 || printable(c) ? String.fromCharCode(c) : '.';
    }
  }
  yield* fputs(out, stderr());
}

function* badOption(a: string): Sys<number> {
  yield* msg(E, `unknown option "${a}"; use option "-h" for help`);
  return 1;
}

/** The data transfer loop between the two opened addresses. */
function* transfer(o: Options, left: Xio, right: Xio): Sys<number> {
  const ends = [left, right];
  const open = [o.dirs[0], o.dirs[1]];
  let closing = false;
  let status = 0;
  yield* msg(N, `starting data transfer loop with FDs [${left.rfd},${left.wfd}] and [${right.rfd},${right.wfd}]`);
  const buf = yield* malloc(o.bufsize);
  if (!buf) throw new XioError('out of memory');
  /** Bytes already copied in each direction (the from= of -v/-x). */
  const copied = [0, 0];
  loop: while (open[0] || open[1]) {
    const fds: PollFd[] = [];
    const from: number[] = [];
    for (const k of [0, 1]) {
      if (!open[k]) continue;
      fds.push({ fd: ends[k]!.rfd, events: POLLIN });
      from.push(k);
    }
    const n = yield* poll(fds, closing ? o.closeWaitMs : o.idleMs);
    if (n < 0) {
      if (errno() === EINTR) continue;
      yield* msg(E, `poll(): ${strerror(errno())}`);
      status = 1;
      break;
    }
    if (n === 0) break; // -t after an EOF, or -T: quiet for long enough
    for (let j = 0; j < fds.length; j++) {
      const ev = fds[j]!.revents ?? 0;
      if (!(ev & (POLLIN | POLLHUP | POLLERR | POLLNVAL))) continue;
      const k = from[j]!;
      const src = ends[k]!, dst = ends[1 - k]!;
      const got = yield* read(src.rfd, buf, o.bufsize);
      if (got < 0) {
        if (errno() === EINTR) continue;
        yield* msg(E, `read(${src.rfd}, 0x${buf.toString(16)}, ${o.bufsize}): ${strerror(errno())}`);
        status = 1;
        break loop;
      }
      if (got === 0) {
        yield* msg(N, `socket ${k + 1} (fd ${src.rfd}) is at EOF`);
        open[k] = false;
        closing = true;
        // Pass the EOF on: the other side's reader sees it, and may still answer.
        if (dst.socket) yield* shutdown(dst.wfd, SHUT_WR);
        else if (dst.wfd > 2 && dst.wfd !== dst.rfd) yield* close(dst.wfd);
        continue;
      }
      if (o.dumpText || o.dumpHex) yield* dump_data(o, k, peek(buf, got), copied[k]!);
      copied[k]! += got;
      for (let off = 0; off < got; ) {
        const w = yield* write(dst.wfd, buf + off, got - off);
        if (w < 0) {
          if (errno() === EINTR) continue;
          yield* msg(E, `write(${dst.wfd}, 0x${(buf + off).toString(16)}, ${got - off}): ${strerror(errno())}`);
          status = 1;
          break loop;
        }
        off += w;
      }
    }
  }
  for (const x of ends) {
    if (x.cleanup) yield* x.cleanup();
  }
  yield* msg(N, status === 0 ? 'exiting with status 0' : `exit(${status})`);
  return status;
}
