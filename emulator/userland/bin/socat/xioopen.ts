// socat's addresses (xioopen.c and the xio-*.c files): parse "TYPE:param:param,option,option=value"
// and open it, giving the descriptors the transfer loop reads from and writes to.
//
//   - | STDIO          standard input and output        PIPE                an unnamed pipe (echoes back)
//   UNIX-CONNECT:path  connect to a Unix stream socket  UNIX-LISTEN:path    listen there, accept one
//   ABSTRACT-CONNECT:name, ABSTRACT-LISTEN:name   the same in the abstract namespace (ss shows @name)
//   TCP:host:port      connect over TCP (IPv4)          TCP-LISTEN:port     listen on 0.0.0.0:port
//   UDP:host:port      a connected UDP socket           UDP-LISTEN:port     take the first sender as peer
//   OPEN:file          open a file (creat, trunc, append, excl, rdonly, wronly)
//   CREATE:file        open(O_CREAT|O_WRONLY|O_TRUNC)
//   EXEC:cmd args      run a program on one end of a socketpair   SYSTEM:cmd    the same through sh -c
// Options: fork (a listener serves each connection in a child), reuseaddr, unlink-early.
// Simplified: no host name lookup beyond "localhost", no IPv6 addresses, no SSL/PTY/readline.

import { EINTR } from '../../../uapi/errno';
import { O_APPEND, O_CREAT, O_EXCL, O_RDONLY, O_RDWR, O_TRUNC, O_WRONLY, F_OK } from '../../../uapi/fcntl';
import { SIGCHLD, SIG_IGN } from '../../../uapi/signal';
import { AF_INET, AF_UNIX, SOCK_DGRAM, SOCK_STREAM, SOL_SOCKET, SO_REUSEADDR } from '../../../uapi/socket';
import { __NR } from '../../../uapi/unistd_64';
import type { Sys } from '../../runtime/context';
import { open } from '../../libc/fcntl';
import { alloca, errno, peek, peekI32, pokeI32, release, stackMark, syscall } from '../../libc/process';
import { signal } from '../../libc/signal';
import { strerror } from '../../libc/string';
import { accept4, bind, connect, listen, setsockoptInt, socket, socketpair, sockaddr_un } from '../../libc/sys_socket';
import { AI_PASSIVE, gai_strerror, getaddrinfo } from '../../libc/inet';
import { access, close, dup2, execvp, fork, pipe, unlink } from '../../libc/unistd';
import { fstat } from '../../libc/sys_stat';
import { S_IFMT } from '../../../uapi/stat';
import { E, N, msg, sockaddr_info } from './xiolog';

/** The file types socat's messages name, by S_IFMT >> 12. */
const FILE_TYPES: Record<number, string> = { 1: 'named pipe', 2: 'character device', 4: 'directory', 6: 'block device', 8: 'regular file', 10: 'symbolic link', 12: 'socket' };

/** An open address: where to read, where to write, and how to say "no more data" to it. */
export interface Xio {
  rfd: number;
  wfd: number;
  /** Sockets are shut down for writing (the peer sees EOF, replies still come back); others are closed. */
  socket: boolean;
  /** Run when socat is done with it (UNIX-LISTEN removes its socket file). */
  cleanup?: () => Sys<void>;
}

/** Thrown inside an address's opening; socat prints it as an E line and exits 1. */
export class XioError extends Error {}

interface Parsed {
  type: string;
  params: string[];
  opts: Map<string, string>;
}

/** The address types: canonical name, aliases, parameter count. */
const TYPES: { name: string; aliases: string[]; params: number[] }[] = [
  { name: 'STDIO', aliases: ['-', 'STDIO'], params: [0] },
  { name: 'PIPE', aliases: ['PIPE', 'FIFO'], params: [0] },
  { name: 'UNIX-CONNECT', aliases: ['UNIX-CONNECT', 'UNIX', 'LOCAL'], params: [1] },
  { name: 'UNIX-LISTEN', aliases: ['UNIX-LISTEN', 'UNIX-L'], params: [1] },
  { name: 'ABSTRACT-CONNECT', aliases: ['ABSTRACT-CONNECT', 'ABSTRACT'], params: [1] },
  { name: 'ABSTRACT-LISTEN', aliases: ['ABSTRACT-LISTEN', 'ABSTRACT-L'], params: [1] },
  { name: 'TCP', aliases: ['TCP', 'TCP4', 'TCP-CONNECT', 'TCP4-CONNECT'], params: [2] },
  { name: 'TCP-LISTEN', aliases: ['TCP-LISTEN', 'TCP-L', 'TCP4-LISTEN', 'TCP4-L'], params: [1] },
  { name: 'UDP', aliases: ['UDP', 'UDP4', 'UDP-CONNECT', 'UDP4-CONNECT'], params: [2] },
  { name: 'UDP-LISTEN', aliases: ['UDP-LISTEN', 'UDP-L', 'UDP4-LISTEN', 'UDP4-L'], params: [1] },
  { name: 'OPEN', aliases: ['OPEN'], params: [1] },
  { name: 'CREATE', aliases: ['CREATE', 'CREAT'], params: [1] },
  { name: 'EXEC', aliases: ['EXEC'], params: [1] },
  { name: 'SYSTEM', aliases: ['SYSTEM'], params: [1] },
];
const OPTIONS = new Set(['fork', 'reuseaddr', 'unlink-early', 'creat', 'create', 'trunc', 'append', 'excl', 'rdonly', 'wronly', 'rdwr']);

/** Split an address; a bad one is reported as socat does. */
export function xioparse(spec: string): Parsed {
  const [head = '', ...optParts] = spec.split(',');
  const colon = head.indexOf(':');
  const keyword = colon < 0 ? head : head.slice(0, colon);
  const t = TYPES.find((x) => x.aliases.includes(keyword.toUpperCase()));
  if (!t) throw new XioError(`unknown device/address "${keyword}"`);
  // EXEC and SYSTEM take the rest of the address, colons included; the others split it at colons.
  const params = colon < 0 ? [] : t.params[0] === 1 ? [head.slice(colon + 1)] : head.slice(colon + 1).split(':');
  if (!t.params.includes(params.length)) throw new XioError(`${keyword.toUpperCase()}: wrong number of parameters (${params.length} instead of ${t.params[0]})`);
  const opts = new Map<string, string>();
  for (const o of optParts) {
    const [name = '', value = ''] = o.split('=', 2);
    if (!OPTIONS.has(name.toLowerCase())) throw new XioError(`parseopts_table(): unknown option "${name}"`);
    opts.set(name.toLowerCase(), value);
  }
  return { type: t.name, params, opts };
}

/**
 * A struct sockaddr_in for HOST (a dotted quad or an /etc/hosts name, through getaddrinfo; null: any
 * address) and a port, which socat wraps past 65535. The messages are socat 1.7.4's.
 */
function* sockaddr_in(host: string | null, port: string, type: number): Sys<Uint8Array> {
  const proto = type === SOCK_STREAM ? 6 : 17;
  if (!/^\d+$/.test(port)) {
    if (host === null && type === SOCK_DGRAM) throw new XioError(`cannot resolve service "${port}/${proto}"`);
    throw new XioError(`getaddrinfo"${host ?? 'NULL'}", "${port}", {1,2,${type},0}, {}): Servname not supported for ai_socktype`);
  }
  const ai = yield* getaddrinfo(host, '0', { family: AF_INET, socktype: type, flags: host === null ? AI_PASSIVE : 0 });
  if (typeof ai === 'number') throw new XioError(`getaddrinfo("${host}", "NULL", {1,2,${type},${proto}}, {}): ${gai_strerror(ai)}`);
  const a = ai[0]!.addr.slice(0, 16);
  const p = Number(port) & 0xffff;
  a[2] = p >> 8;
  a[3] = p & 0xff;
  return a;
}

/** A sockaddr_un for a path, or for an abstract name (a leading NUL byte). */
function unix_addr(name: string, abstract: boolean): Uint8Array {
  // libc's sockaddr_un reads "@x" as abstract; a path that really starts with @ is made relative.
  const a = sockaddr_un(abstract ? `@${name}` : name.startsWith('@') ? `./${name}` : name);
  if (!a) throw new XioError(`"${name}": File name too long`);
  return a;
}

/** socket(2), reported the way socat reports it. */
function* xiosocket(family: number, type: number, proto: number): Sys<number> {
  const s = yield* socket(family, type, proto);
  if (s < 0) throw new XioError(`socket(${family}, ${type}, ${proto}): ${strerror(errno())}`);
  return s;
}

/** getpeername/getsockname into bytes. */
function* sockname(nr: number, fd: number): Sys<Uint8Array> {
  const mark = stackMark();
  try {
    const buf = alloca(128);
    const len = alloca(4);
    pokeI32(len, 110);
    if ((yield* syscall(nr, fd, buf, len)) < 0) return new Uint8Array(0);
    return peek(buf, Math.min(110, peekI32(len)));
  } finally {
    release(mark);
  }
}

/** Connect a new socket to `addr`, or report why not. */
function* xioconnect(family: number, type: number, proto: number, addr: Uint8Array, len: number): Sys<number> {
  const s = yield* xiosocket(family, type, proto);
  yield* msg(N, `opening connection to ${sockaddr_info(addr)}`);
  if ((yield* connect(s, addr.subarray(0, len))) < 0) {
    const e = errno();
    yield* close(s);
    // socat 1.7.4.4 prints an empty descriptor in its Unix connect message (its format has no
    // argument there); the inet one has the number.
    throw new XioError(`connect(${family === AF_UNIX ? '' : s}, ${sockaddr_info(addr)}, ${len}): ${strerror(e)}`);
  }
  return s;
}

/** The continuation that gets an opened address (the other address, then the transfer loop). */
export type WithXio = (x: Xio) => Sys<number>;

/** Open one address and run `then` with it; a listener with `fork` runs `then` once per connection, in a child. */
export function* xioopen(spec: string, then: WithXio): Sys<number> {
  const a = xioparse(spec);
  switch (a.type) {
    case 'STDIO':
      yield* msg(N, 'reading from and writing to stdio');
      return yield* then({ rfd: 0, wfd: 1, socket: false });
    case 'PIPE': {
      const p = yield* pipe();
      if (!p) throw new XioError(`pipe(): ${strerror(errno())}`);
      yield* msg(N, 'writing to and reading from unnamed pipe');
      return yield* then({ rfd: p[0], wfd: p[1], socket: false });
    }
    case 'OPEN':
    case 'CREATE': {
      const path = a.params[0]!;
      let flags = a.type === 'CREATE' ? O_CREAT | O_WRONLY | O_TRUNC : O_RDWR;
      if (a.opts.has('rdonly')) flags = (flags & ~3) | O_RDONLY;
      if (a.opts.has('wronly')) flags = (flags & ~3) | O_WRONLY;
      if (a.opts.has('creat') || a.opts.has('create')) flags |= O_CREAT;
      if (a.opts.has('trunc')) flags |= O_TRUNC;
      if (a.opts.has('append')) flags |= O_APPEND;
      if (a.opts.has('excl')) flags |= O_EXCL;
      const fd = yield* open(path, flags, 0o666);
      if (fd < 0) throw new XioError(`open("${path}", 0${flags.toString(8)}, 0666): ${strerror(errno())}`);
      // socat names the file's type after opening it, and says "reading and writing" for a
      // bidirectional address whatever the open mode (a read from a write-only file then fails).
      const st = yield* fstat(fd);
      const what = FILE_TYPES[((st?.mode ?? 0) & S_IFMT) >> 12] ?? 'undef';
      yield* msg(N, `${a.type === 'CREATE' ? 'creating' : 'opening'} ${what} "${path}" for reading and writing`);
      return yield* then({ rfd: fd, wfd: fd, socket: false });
    }
    case 'EXEC':
    case 'SYSTEM':
      return yield* xioopen_exec(a, then);
    case 'UNIX-CONNECT':
    case 'ABSTRACT-CONNECT': {
      const abstract = a.type === 'ABSTRACT-CONNECT';
      const addr = unix_addr(a.params[0]!, abstract);
      // socat passes the name's length without its terminating NUL.
      const len = abstract ? addr.length : addr.length - 1;
      const s = yield* xioconnect(AF_UNIX, SOCK_STREAM, 0, addr, len);
      return yield* then({ rfd: s, wfd: s, socket: true });
    }
    case 'TCP':
    case 'UDP': {
      const type = a.type === 'TCP' ? SOCK_STREAM : SOCK_DGRAM;
      const addr = yield* sockaddr_in(a.params[0]!, a.params[1]!, type);
      const s = yield* xioconnect(AF_INET, type, type === SOCK_STREAM ? 6 : 17, addr, 16);
      return yield* then({ rfd: s, wfd: s, socket: true });
    }
    case 'UNIX-LISTEN':
    case 'ABSTRACT-LISTEN':
    case 'TCP-LISTEN':
      return yield* xioopen_listen(a, then);
    case 'UDP-LISTEN':
      return yield* xioopen_udp_listen(a, then);
  }
  throw new XioError(`unknown device/address "${a.type}"`);
}

/** EXEC/SYSTEM: the program's standard input and output are one end of a socketpair. */
function* xioopen_exec(a: Parsed, then: WithXio): Sys<number> {
  const sv = yield* socketpair(AF_UNIX, SOCK_STREAM);
  if (!sv) throw new XioError(`socketpair(1, 1, 0): ${strerror(errno())}`);
  const cmd = a.params[0]!;
  const argv = a.type === 'SYSTEM' ? ['sh', '-c', cmd] : cmd.split(/\s+/).filter((s) => s);
  const pid = yield* fork(function* () {
    yield* close(sv[0]);
    yield* dup2(sv[1], 0);
    yield* dup2(sv[1], 1);
    if (sv[1] > 1) yield* close(sv[1]);
    yield* execvp(argv[0] ?? '', argv);
    const e = errno();
    yield* msg(E, `execvp("${argv[0]}", "${argv[0]}"): ${strerror(e)}`);
    return 1;
  });
  if (pid < 0) throw new XioError(`fork(): ${strerror(errno())}`);
  yield* close(sv[1]);
  yield* msg(N, `forked off child process ${pid}`);
  return yield* then({ rfd: sv[0], wfd: sv[0], socket: true });
}

/** UNIX-LISTEN / TCP-LISTEN: bind, listen, accept one connection (or, with fork, each in a child). */
function* xioopen_listen(a: Parsed, then: WithXio): Sys<number> {
  const unix = a.type !== 'TCP-LISTEN';
  const abstract = a.type === 'ABSTRACT-LISTEN';
  const path = a.params[0]!;
  let addr: Uint8Array;
  let len: number;
  if (unix) {
    addr = unix_addr(path, abstract);
    len = abstract ? addr.length : addr.length - 1;
    if (!abstract) {
      if (a.opts.has('unlink-early')) yield* unlink(path);
      else if ((yield* access(path, F_OK)) === 0) throw new XioError(`"${path}" exists`);
    }
  } else {
    addr = yield* sockaddr_in(null, path, SOCK_STREAM);
    len = 16;
  }
  const family = unix ? AF_UNIX : AF_INET;
  const s = yield* xiosocket(family, SOCK_STREAM, unix ? 0 : 6);
  if (a.opts.has('reuseaddr')) yield* setsockoptInt(s, SOL_SOCKET, SO_REUSEADDR, 1);
  if ((yield* bind(s, addr.subarray(0, len))) < 0) throw new XioError(`bind(${s}, {${sockaddr_info(addr)}}, ${len}): ${strerror(errno())}`);
  // UNIX-LISTEN removes its socket file when socat is done (its unlink-close default).
  const cleanup = unix && !abstract ? function* () { yield* unlink(path); } : undefined;
  if ((yield* listen(s, 5)) < 0) throw new XioError(`listen(${s}, 5): ${strerror(errno())}`);
  const forking = a.opts.has('fork');
  // A forking server lets the kernel reap its children (socat waits for them in a SIGCHLD handler).
  if (forking) yield* signal(SIGCHLD, SIG_IGN);
  for (;;) {
    yield* msg(N, `listening on ${sockaddr_info(addr.subarray(0, unix ? len : 16))}`);
    const c = yield* accept4(s);
    if (c < 0) {
      if (errno() === EINTR) continue;
      throw new XioError(`accept(${s}, …): ${strerror(errno())}`);
    }
    const peer = yield* sockname(__NR.getpeername, c);
    const local = yield* sockname(__NR.getsockname, c);
    yield* msg(N, `accepting connection from ${sockaddr_info(peer)} on ${sockaddr_info(local)}`);
    if (!forking) {
      yield* close(s);
      const r = yield* then({ rfd: c, wfd: c, socket: true, cleanup });
      return r;
    }
    const pid = yield* fork(function* () {
      yield* close(s);
      return yield* then({ rfd: c, wfd: c, socket: true });
    });
    if (pid < 0) throw new XioError(`fork(): ${strerror(errno())}`);
    yield* msg(N, `forked off child process ${pid}`);
    yield* close(c);
  }
}

/** UDP-LISTEN: wait for the first datagram, then talk to its sender only (socat peeks it, connects). */
function* xioopen_udp_listen(a: Parsed, then: WithXio): Sys<number> {
  const addr = yield* sockaddr_in(null, a.params[0]!, SOCK_DGRAM);
  const s = yield* xiosocket(AF_INET, SOCK_DGRAM, 17);
  if (a.opts.has('reuseaddr')) yield* setsockoptInt(s, SOL_SOCKET, SO_REUSEADDR, 1);
  if ((yield* bind(s, addr)) < 0) throw new XioError(`bind(${s}, {${sockaddr_info(addr)}}, 16): ${strerror(errno())}`);
  yield* msg(N, `listening on UDP ${sockaddr_info(addr)}`);
  const mark = stackMark();
  try {
    const buf = alloca(1);
    const from = alloca(16);
    const fromlen = alloca(4);
    pokeI32(fromlen, 16);
    // recvfrom(MSG_PEEK): learn the sender and leave the datagram for the transfer loop.
    if ((yield* syscall(__NR.recvfrom, s, buf, 1, 2, from, fromlen)) < 0) throw new XioError(`recvfrom(${s}, …): ${strerror(errno())}`);
    const peer = peek(from, 16);
    yield* msg(N, `accepting UDP connection from ${sockaddr_info(peer)}`);
    if ((yield* connect(s, peer)) < 0) throw new XioError(`connect(${s}, ${sockaddr_info(peer)}, 16): ${strerror(errno())}`);
  } finally {
    release(mark);
  }
  return yield* then({ rfd: s, wfd: s, socket: true });
}
