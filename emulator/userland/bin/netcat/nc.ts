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
//   nc [-46nuvzNd] [-w SECS] [-q SECS] HOST PORT   TCP (or with -u UDP) to HOST, numeric or from /etc/hosts
//   nc -l [-46nuvkNd] [ADDR] PORT                 listen there (every address without ADDR)
//
// A Unix datagram client is left unbound (netcat binds a temporary name to receive replies on).
// A UDP listener waits for the first datagram and connects to its sender, as netcat does.
// -s ADDR / -p PORT bind a client before it connects; a listener takes its port from -p (and its
// address from -s) instead of the operands, as Debian's netcat does.
// Simplified: no port ranges, no proxies, no telnet (-t).

import { EINTR } from '../../../uapi/errno';
import { POLLERR, POLLHUP, POLLIN, POLLNVAL } from '../../../uapi/poll';
import { AF_INET, AF_INET6, AF_UNIX, AF_UNSPEC, MSG_PEEK, SHUT_WR, SOCK_DGRAM, SOCK_STREAM, SOL_SOCKET, SO_REUSEADDR } from '../../../uapi/socket';
import type { Sys } from '../../runtime/context';
import { getoptParse } from '../../libc/getopt';
import { poll, type PollFd } from '../../libc/poll';
import { errno } from '../../libc/process';
import { fputs, stderr } from '../../libc/stdio';
import { malloc } from '../../libc/stdlib';
import { strerror } from '../../libc/string';
import { clock_gettime } from '../../libc/time';
import { CLOCK_MONOTONIC } from '../../../uapi/time';
import {
  accept4, acceptFrom, bind, connect, getsockname, listen, recvfrom, setsockoptInt, shutdown, sockaddr_un, socket,
} from '../../libc/sys_socket';
import { AI_PASSIVE, gai_strerror, getaddrinfo, getnameinfo_host, inet_pton, NI_NUMERICHOST, sockaddr_parse } from '../../libc/inet';
import { close, read, unlink, write } from '../../libc/unistd';

const USAGE = `usage: nc [-46CDdFhklNnrStUuvZz] [-I length] [-i interval] [-M ttl]
\t  [-m minttl] [-O length] [-P proxy_username] [-p source_port]
\t  [-q seconds] [-s sourceaddr] [-T keyword] [-V rtable] [-W recvlimit]
\t  [-w timeout] [-X proxy_protocol] [-x proxy_address[:port]]
\t  [destination] [port]
`;
/** help(): the version line, the usage, then this summary, all on stderr; exit 0. */
const HELP = `\tCommand Summary:
\t\t-4\t\tUse IPv4
\t\t-6\t\tUse IPv6
\t\t-b\t\tAllow broadcast
\t\t-C\t\tSend CRLF as line-ending
\t\t-D\t\tEnable the debug socket option
\t\t-d\t\tDetach from stdin
\t\t-F\t\tPass socket fd
\t\t-h\t\tThis help text
\t\t-I length\tTCP receive buffer length
\t\t-i interval\tDelay interval for lines sent, ports scanned
\t\t-k\t\tKeep inbound sockets open for multiple connects
\t\t-l\t\tListen mode, for inbound connects
\t\t-M ttl\t\tOutgoing TTL / Hop Limit
\t\t-m minttl\tMinimum incoming TTL / Hop Limit
\t\t-N\t\tShutdown the network socket after EOF on stdin
\t\t-n\t\tSuppress name/port resolutions
\t\t-O length\tTCP send buffer length
\t\t-P proxyuser\tUsername for proxy authentication
\t\t-p port\t\tSpecify local port for remote connects
\t\t-q secs\t\tquit after EOF on stdin and delay of secs
\t\t-r\t\tRandomize remote ports
\t\t-S\t\tEnable the TCP MD5 signature option
\t\t-s sourceaddr\tLocal source address
\t\t-T keyword\tTOS value
\t\t-t\t\tAnswer TELNET negotiation
\t\t-U\t\tUse UNIX domain socket
\t\t-u\t\tUDP mode
\t\t-V rtable\tSpecify alternate routing table
\t\t-v\t\tVerbose
\t\t-W recvlimit\tTerminate after receiving a number of packets
\t\t-w timeout\tTimeout for connects and final net reads
\t\t-X proto\tProxy protocol: "4", "5" (SOCKS) or "connect"
\t\t-x addr[:port]\tSpecify proxy address and port
\t\t-Z\t\tDCCP mode
\t\t-z\t\tZero-I/O mode [used for scanning]
\tPort numbers can be individual or ranges: lo-hi [inclusive]
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
  /** -4 / -6: AF_INET, AF_INET6, or AF_UNSPEC for either. */
  family: number;
  /** -n: no name lookups for the messages. */
  numeric: boolean;
  /** -z: only see whether a connection can be made. */
  zero: boolean;
  /** -s and -p: the local address and port (null: not given). */
  source: string | null;
  sourcePort: string | null;
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
  const o: Options = { listen: false, keep: false, unix: false, udp: false, shutdownOnEof: false, noStdin: false, verbose: false, timeoutMs: -1, quitMs: -1, family: AF_UNSPEC, numeric: false, zero: false, source: null, sourcePort: null };
  for (const { opt, arg } of parsed.options) {
    switch (opt) {
      case 'l': o.listen = true; break;
      case 'k': o.keep = true; break;
      case 'U': o.unix = true; break;
      case 'u': o.udp = true; break;
      case 'N': o.shutdownOnEof = true; break;
      case 'd': o.noStdin = true; break;
      case 'v': o.verbose = true; break;
      case '4': o.family = AF_INET; break;
      case '6': o.family = AF_INET6; break;
      case 'n': o.numeric = true; break;
      case 'z': o.zero = true; break;
      case 's': o.source = arg ?? null; break;
      case 'p': o.sourcePort = arg ?? null; break;
      case 'h':
        yield* fputs(`OpenBSD netcat (Debian patchlevel 1.219-1)\n${USAGE}${HELP}`, stderr());
        return 0;
      case 'w': {
        // strtonum(arg, 0, INT_MAX / 1000): the whole word, decimal.
        const secs = /^\d+$/.test(arg ?? '') ? Number(arg) : NaN;
        if (!(secs <= 2147483)) return yield* fail(`timeout invalid: ${arg}`);
        o.timeoutMs = secs * 1000;
        break;
      }
      case 'q': {
        // strtonum(arg, INT_MIN, INT_MAX); a negative time means no quit timer.
        const secs = /^-?\d+$/.test(arg ?? '') ? Number(arg) : NaN;
        if (!(Math.abs(secs) <= 2147483647)) return yield* fail(`quit timer invalid: ${arg}`);
        o.quitMs = secs * 1000;
        break;
      }
      default:
        // Accepted and ignored: the TCP/IP tuning options and -C, -i, -I, -O, -W, which this nc
        // does not implement.
        break;
    }
  }
  if (o.keep && !o.listen) return yield* fail('must use -l with -k');
  if (!o.unix) return yield* inet_main(o, parsed.operands);
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

// ---- TCP and UDP ------------------------------------------------------------------------------

/** The port operand: netcat's strtonum(1..65535) messages for numbers; names go to getaddrinfo. */
function* checkPort(port: string): Sys<boolean> {
  if (!/^\d+$/.test(port)) return true;
  const n = Number(port);
  if (n > 65535) {
    yield* warn(`port number too large: ${port}`);
    return false;
  }
  if (n < 1) {
    yield* warn(`port number too small: ${port}`);
    return false;
  }
  return true;
}

function* inet_main(o: Options, args: string[]): Sys<number> {
  if (o.listen) {
    // Debian: `nc -l -p PORT [-s ADDR]` with no operands; -s without -p, or -p with operands, is usage.
    if (o.sourcePort !== null || o.source !== null) {
      if (o.sourcePort === null || args.length > 0) {
        yield* fputs(USAGE, stderr());
        return 1;
      }
      if (!(yield* checkPort(o.sourcePort))) return 1;
      return yield* inet_listen(o, o.source, o.sourcePort);
    }
    if (args.length > 2) {
      yield* fputs(USAGE, stderr());
      return 1;
    }
    if (args.length === 0) return yield* fail('missing port number');
    const host = args.length === 2 ? args[0]! : null;
    const port = args[args.length - 1]!;
    if (!(yield* checkPort(port))) return 1;
    return yield* inet_listen(o, host, port);
  }
  if (args.length === 0) {
    yield* fputs(USAGE, stderr());
    return 1;
  }
  if (args.length === 1) return yield* fail('missing port number');
  if (args.length > 2) return yield* fail('port range not supported');
  if (!(yield* checkPort(args[1]!))) return 1;
  return yield* inet_client(o, args[0]!, args[1]!);
}

/** How netcat names an address in its messages: the /etc/hosts name, or the number with -n. */
function* nameOf(o: Options, sa: Uint8Array): Sys<{ host: string; port: number }> {
  const p = sockaddr_parse(sa);
  if (!p) return { host: '?', port: 0 };
  return { host: yield* getnameinfo_host(p.family, p.addr, o.numeric ? NI_NUMERICHOST : 0), port: p.port };
}

function* inet_client(o: Options, host: string, port: string): Sys<number> {
  const type = o.udp ? SOCK_DGRAM : SOCK_STREAM;
  const proto = o.udp ? 'udp' : 'tcp';
  const ai = yield* getaddrinfo(host, port, { family: o.family, socktype: type });
  if (typeof ai === 'number') return yield* fail(`getaddrinfo for host "${host}" port ${port}: ${gai_strerror(ai)}`);
  const numericHost = inet_pton(AF_INET, host) !== null || inet_pton(AF_INET6, host) !== null;
  let ret = 1;
  for (const a of ai) {
    const s = yield* socket(a.family, type);
    if (s < 0) {
      yield* warn(`socket: ${strerror(errno())}`);
      continue;
    }
    if (o.source !== null || o.sourcePort !== null) {
      // remote_connect: bind to the -s address and -p port first; a failure ends nc.
      const local = yield* getaddrinfo(o.source, o.sourcePort ?? '0', { family: a.family, socktype: type, flags: AI_PASSIVE });
      if (typeof local === 'number') return yield* fail(`getaddrinfo: ${gai_strerror(local)}`);
      yield* setsockoptInt(s, SOL_SOCKET, SO_REUSEADDR, 1);
      if ((yield* bind(s, local[0]!.addr)) < 0) return yield* fail(`bind failed: ${strerror(errno())}`);
    }
    if ((yield* connect(s, a.addr)) < 0) {
      yield* warn(`connect to ${host} port ${port} (${proto}) failed: ${strerror(errno())}`);
      yield* close(s);
      continue;
    }
    ret = 0;
    if (o.verbose) {
      const ip = sockaddr_parse(a.addr)!;
      const shown = numericHost ? host : `${host} (${yield* getnameinfo_host(ip.family, ip.addr, NI_NUMERICHOST)})`;
      yield* fputs(`Connection to ${shown} ${port} port [${proto}/*] succeeded!\n`, stderr());
    }
    if (!o.zero) ret = yield* readwrite(o, s);
    yield* close(s);
    break;
  }
  return ret;
}

function* inet_listen(o: Options, host: string | null, port: string): Sys<number> {
  const type = o.udp ? SOCK_DGRAM : SOCK_STREAM;
  const ai = yield* getaddrinfo(host, port, { family: o.family, socktype: type, flags: AI_PASSIVE });
  if (typeof ai === 'number') {
    return yield* fail(host === null ? `getaddrinfo: ${gai_strerror(ai)}` : `getaddrinfo for host "${host}" port ${port}: ${gai_strerror(ai)}`);
  }
  // local_listen: the first address that can be bound.
  let s = -1, err = 0;
  for (const a of ai) {
    const fd = yield* socket(a.family, type);
    if (fd < 0) {
      err = errno();
      continue;
    }
    yield* setsockoptInt(fd, SOL_SOCKET, SO_REUSEADDR, 1);
    if ((yield* bind(fd, a.addr)) === 0) {
      s = fd;
      break;
    }
    err = errno();
    yield* close(fd);
  }
  if (s < 0) return yield* fail(strerror(err));
  const local = yield* nameOf(o, (yield* getsockname(s)) ?? new Uint8Array(0));
  if (o.udp) {
    if (o.verbose) yield* fputs(`Bound on ${local.host} ${local.port}\n`, stderr());
    // Wait for the first datagram (left queued for readwrite), then talk only to its sender.
    const buf = yield* malloc(1);
    if (!buf) return yield* fail('out of memory');
    const r = yield* recvfrom(s, buf, 1, MSG_PEEK);
    if (r.n < 0) return yield* fail(`recvfrom: ${strerror(errno())}`);
    if ((yield* connect(s, r.addr)) < 0) return yield* fail(`connect: ${strerror(errno())}`);
    if (o.verbose) {
      const peer = yield* nameOf(o, r.addr);
      yield* fputs(`Connection received on ${peer.host} ${peer.port}\n`, stderr());
    }
    const ret = yield* readwrite(o, s);
    yield* close(s);
    return ret;
  }
  if ((yield* listen(s, 1)) < 0) return yield* fail(`listen: ${strerror(errno())}`);
  if (o.verbose) yield* fputs(`Listening on ${local.host} ${local.port}\n`, stderr());
  for (;;) {
    const c = yield* acceptFrom(s);
    if (c.fd < 0) {
      if (errno() === EINTR) continue;
      return yield* fail(`accept: ${strerror(errno())}`);
    }
    if (o.verbose) {
      const peer = yield* nameOf(o, c.addr);
      yield* fputs(`Connection received on ${peer.host} ${peer.port}\n`, stderr());
    }
    yield* readwrite(o, c.fd);
    yield* close(c.fd);
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
