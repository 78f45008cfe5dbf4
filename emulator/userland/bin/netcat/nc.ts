// nc (OpenBSD netcat, as Debian's netcat-openbsd 1.219): read and write data across a socket.
//
//   nc -U [-u] [-Nd] [-w SECS] [-q SECS] PATH    connect to the Unix socket PATH (name "@x": abstract)
//   nc -l -U [-u] [-k] [-Nd] [-v] PATH           listen on PATH, take connections one at a time
//
// The copy loop is netcat's readwrite(): poll(2) on standard input and the socket; what arrives on
// one goes out on the other. End of input shuts the socket down for writing with -N (otherwise nc
// keeps reading what the other side sends); the other side closing ends the session. A listener
// removes a stale file at PATH before it binds, as netcat does, and with -k accepts again.
//
// TCP and UDP need the machine's loopback network, which does not exist yet: without -U nc says so.
// A datagram client is left unbound (netcat binds a temporary name to receive replies on).

import { EINTR } from '../../../uapi/errno';
import { POLLERR, POLLHUP, POLLIN, POLLNVAL } from '../../../uapi/poll';
import { AF_UNIX, SHUT_WR, SOCK_DGRAM, SOCK_STREAM } from '../../../uapi/socket';
import type { Sys } from '../../runtime/context';
import { getoptParse } from '../../libc/getopt';
import { poll, type PollFd } from '../../libc/poll';
import { errno } from '../../libc/process';
import { fputs, stderr } from '../../libc/stdio';
import { malloc } from '../../libc/stdlib';
import { strerror } from '../../libc/string';
import { clock_gettime } from '../../libc/time';
import { CLOCK_MONOTONIC } from '../../../uapi/time';
import { accept4, bind, connect, listen, shutdown, sockaddr_un, socket } from '../../libc/sys_socket';
import { close, read, unlink, write } from '../../libc/unistd';

const USAGE = `usage: nc [-46CDdFhklNnrStUuvZz] [-I length] [-i interval] [-M ttl]
\t  [-m minttl] [-O length] [-P proxy_username] [-p source_port]
\t  [-q seconds] [-s sourceaddr] [-T keyword] [-V rtable] [-W recvlimit]
\t  [-w timeout] [-X proxy_protocol] [-x proxy_address[:port]]
\t  [destination] [port]
`;
/** Every option OpenBSD netcat knows (those taking an argument are followed by ':'). */
const OPTSTRING = '46bCDdFhI:i:klM:m:NnO:P:p:q:rSs:T:tUuV:vW:w:X:x:Zz';
const BUFSIZE = 16384;

interface Options {
  listen: boolean;
  keep: boolean;
  unix: boolean;
  udp: boolean;
  shutdownOnEof: boolean;
  noStdin: boolean;
  verbose: boolean;
  timeoutMs: number;
  /** -q: quit this long after the end of standard input (negative: stay until the other side is done). */
  quitMs: number;
}

function* warn(msg: string): Sys<void> {
  yield* fputs(`nc: ${msg}\n`, stderr());
}

function* fail(msg: string): Sys<number> {
  yield* warn(msg);
  return 1;
}

export function* nc(argv: string[]): Sys<number> {
  // POSIX order (options first), as BSD getopt parses; a bad option gets glibc's message, then the usage.
  const parsed = getoptParse('nc', argv, `+${OPTSTRING}`);
  if (parsed.error) {
    yield* fputs(parsed.message + USAGE, stderr());
    return 1;
  }
  const o: Options = { listen: false, keep: false, unix: false, udp: false, shutdownOnEof: false, noStdin: false, verbose: false, timeoutMs: -1, quitMs: -1 };
  for (const { opt, arg } of parsed.options) {
    switch (opt) {
      case 'l': o.listen = true; break;
      case 'k': o.keep = true; break;
      case 'U': o.unix = true; break;
      case 'u': o.udp = true; break;
      case 'N': o.shutdownOnEof = true; break;
      case 'd': o.noStdin = true; break;
      case 'v': o.verbose = true; break;
      case 'h':
        yield* fputs(USAGE, stderr());
        return 1;
      case 'w': {
        const secs = Number(arg);
        if (!Number.isInteger(secs) || secs < 0) return yield* fail(`timeout invalid: ${arg}`);
        o.timeoutMs = secs * 1000;
        break;
      }
      case 'q': {
        const secs = Number(arg);
        if (!Number.isInteger(secs)) return yield* fail(`quit timer invalid: ${arg}`);
        o.quitMs = secs * 1000;
        break;
      }
      default:
        // Accepted and ignored: the TCP/IP options (they mean nothing for Unix sockets) and -C, -i,
        // -I, -O, -W, which this nc does not implement.
        break;
    }
  }
  if (o.keep && !o.listen) return yield* fail('must use -l with -k');
  if (!o.unix) return yield* fail('TCP and UDP need the loopback network, which this machine does not have yet (use -U)');
  const args = parsed.operands;
  if (args.length === 0) return yield* fail('missing socket pathname');
  if (args.length > 1) return yield* fail('cannot use port with -U');
  const path = args[0]!;
  const addr = sockaddr_un(path);
  if (!addr) return yield* fail(`${path}: File name too long`);
  const type = o.udp ? SOCK_DGRAM : SOCK_STREAM;
  return o.listen ? yield* serve(o, path, addr, type) : yield* client(o, path, addr, type);
}

function* client(o: Options, path: string, addr: Uint8Array, type: number): Sys<number> {
  const s = yield* socket(AF_UNIX, type);
  if (s < 0) return yield* fail(`socket: ${strerror(errno())}`);
  if ((yield* connect(s, addr)) < 0) {
    const e = errno();
    yield* close(s);
    return yield* fail(`${path}: ${strerror(e)}`);
  }
  const r = yield* readwrite(o, s);
  yield* close(s);
  return r;
}

function* serve(o: Options, path: string, addr: Uint8Array, type: number): Sys<number> {
  const s = yield* socket(AF_UNIX, type);
  if (s < 0) return yield* fail(`socket: ${strerror(errno())}`);
  // netcat replaces whatever is at the path.
  if (!path.startsWith('@')) yield* unlink(path);
  if ((yield* bind(s, addr)) < 0) return yield* fail(`${path}: ${strerror(errno())}`);
  if (o.verbose) yield* fputs(`Bound on ${path}\n`, stderr());
  // A datagram "server" reads what arrives; there is no connection to accept.
  if (type === SOCK_DGRAM) return yield* readwrite(o, s);
  if ((yield* listen(s, 5)) < 0) return yield* fail(`listen: ${strerror(errno())}`);
  if (o.verbose) yield* fputs(`Listening on ${path}\n`, stderr());
  for (;;) {
    const c = yield* accept4(s);
    if (c < 0) {
      if (errno() === EINTR) continue;
      return yield* fail(`accept: ${strerror(errno())}`);
    }
    if (o.verbose) yield* fputs(`Connection received on ${path}\n`, stderr());
    yield* readwrite(o, c);
    yield* close(c);
    if (!o.keep) break;
  }
  yield* close(s);
  return 0;
}

/** readwrite: copy stdin to the socket and the socket to stdout until the socket is done. */
function* readwrite(o: Options, net: number): Sys<number> {
  const buf = yield* malloc(BUFSIZE);
  if (!buf) return yield* fail('out of memory');
  let stdinOpen = !o.noStdin;
  /** With -q, when to quit (monotonic ms), once standard input has ended. */
  let quitAt = -1;
  for (;;) {
    const fds: PollFd[] = [{ fd: net, events: POLLIN }];
    if (stdinOpen) fds.push({ fd: 0, events: POLLIN });
    let wait = o.timeoutMs;
    if (quitAt >= 0) {
      const left = Math.max(0, quitAt - (yield* nowMs()));
      wait = wait < 0 ? left : Math.min(wait, left);
    }
    const n = yield* poll(fds, wait);
    if (n < 0) {
      if (errno() === EINTR) continue;
      return yield* fail(`polling error: ${strerror(errno())}`);
    }
    if (n === 0) return 0; // -w: idle for too long, or -q: the time after EOF is up
    const netEv = fds[0]!.revents ?? 0;
    if (netEv & (POLLIN | POLLHUP | POLLERR)) {
      const got = yield* read(net, buf, BUFSIZE);
      if (got <= 0) return 0; // the other side is done
      if (!(yield* writeAll(1, buf, got))) return 1;
    } else if (netEv & POLLNVAL) return 1;
    const inEv = stdinOpen ? fds[1]!.revents ?? 0 : 0;
    if (inEv & (POLLIN | POLLHUP | POLLERR)) {
      const got = yield* read(0, buf, BUFSIZE);
      if (got <= 0) {
        stdinOpen = false;
        if (o.shutdownOnEof) yield* shutdown(net, SHUT_WR);
        if (o.quitMs === 0) return 0;
        if (o.quitMs > 0) quitAt = (yield* nowMs()) + o.quitMs;
        continue;
      }
      if (!(yield* writeAll(net, buf, got))) return 1;
    }
  }
}

function* nowMs(): Sys<number> {
  const ts = yield* clock_gettime(CLOCK_MONOTONIC);
  return ts ? ts.sec * 1000 + Math.floor(ts.nsec / 1e6) : 0;
}

function* writeAll(fd: number, buf: number, len: number): Sys<boolean> {
  for (let off = 0; off < len; ) {
    const w = yield* write(fd, buf + off, len - off);
    if (w < 0) {
      if (errno() === EINTR) continue;
      yield* warn(`write failed (${strerror(errno())})`);
      return false;
    }
    off += w;
  }
  return true;
}
