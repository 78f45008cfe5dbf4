// Micro-benchmarks that run inside the machine (used by `npm run bench`, and handy in a lab to
// see what a syscall costs): each does one thing N times through the real syscall path.
//
//   bench getpid N        N getpid() calls
//   bench forkexec N      N × (fork, execve /bin/true, wait)
//   bench pipe MIB        MIB mebibytes through a pipe, 1 MiB per write, to a reading child
//   bench unix MIB        the same through a Unix stream socket pair
//   bench tcp MIB         the same through a TCP connection over 127.0.0.1
//   bench tcpconnect N    N × (connect to a listener on 127.0.0.1, accept, close both ends)
//   bench procstatus N    N × (open /proc/self/status, read it whole, close)

import { __NR } from '../../../uapi/unistd_64';
import { WEXITSTATUS } from '../../../uapi/sched';
import type { Sys } from '../../runtime/context';
import { raw_syscall } from '../../libc/process';
import { close, execve, fork, pipe, read, write, exit } from '../../libc/unistd';
import { malloc } from '../../libc/stdlib';
import { open } from '../../libc/fcntl';
import { O_RDONLY } from '../../../uapi/fcntl';
import { waitpid } from '../../libc/wait';
import { fputs, stderr } from '../../libc/stdio';
import { accept4, bind, connect, getsockname, listen, socket, socketpair } from '../../libc/sys_socket';
import { AF_INET, AF_UNIX, SOCK_STREAM } from '../../../uapi/socket';
import { sockaddr_inet } from '../../libc/inet';

const MIB = 1 << 20;

function* usage(): Sys<number> {
  yield* fputs('usage: bench getpid N | forkexec N | pipe MIB | unix MIB | tcp MIB | tcpconnect N | procstatus N\n', stderr());
  return 2;
}

export function* bench(argv: string[]): Sys<number> {
  const what = argv[1];
  const n = Number(argv[2]);
  if (!Number.isInteger(n) || n < 0) return yield* usage();
  switch (what) {
    case 'getpid':
      for (let i = 0; i < n; i++) yield* raw_syscall(__NR.getpid);
      return 0;
    case 'forkexec':
      for (let i = 0; i < n; i++) {
        const pid = yield* fork(function* () {
          yield* execve('/bin/true', ['true'], []);
          return 127;
        });
        if (pid < 0) return 1;
        const [, status] = yield* waitpid(pid);
        if (WEXITSTATUS(status) !== 0) return 1;
      }
      return 0;
    case 'pipe': {
      const fds = yield* pipe();
      return fds ? yield* streamBench(n, fds[0], fds[1]) : 1;
    }
    case 'unix': {
      const sv = yield* socketpair(AF_UNIX, SOCK_STREAM);
      return sv ? yield* streamBench(n, sv[1], sv[0]) : 1;
    }
    case 'tcp': {
      const pair = yield* tcpPair();
      return pair ? yield* streamBench(n, pair[1], pair[0]) : 1;
    }
    case 'tcpconnect':
      return yield* tcpConnectBench(n);
    case 'procstatus':
      return yield* procStatusBench(n);
    default:
      return yield* usage();
  }
}

/** A listener on 127.0.0.1 (an ephemeral port), or null. */
function* tcpListener(): Sys<{ fd: number; addr: Uint8Array } | null> {
  const l = yield* socket(AF_INET, SOCK_STREAM);
  if (l < 0 || (yield* bind(l, sockaddr_inet(Uint8Array.of(127, 0, 0, 1), 0))) < 0 || (yield* listen(l, 128)) < 0) return null;
  const addr = yield* getsockname(l);
  return addr ? { fd: l, addr } : null;
}

/** A connected TCP pair over lo: [client, server]. */
function* tcpPair(): Sys<[number, number] | null> {
  const l = yield* tcpListener();
  if (!l) return null;
  const c = yield* socket(AF_INET, SOCK_STREAM);
  if (c < 0 || (yield* connect(c, l.addr)) < 0) return null;
  const s = yield* accept4(l.fd);
  yield* close(l.fd);
  return s < 0 ? null : [c, s];
}

/** Connections per second: the three-way handshake, accept, and both closes (the client's ends in TIME_WAIT). */
function* tcpConnectBench(n: number): Sys<number> {
  const l = yield* tcpListener();
  if (!l) return 1;
  for (let i = 0; i < n; i++) {
    const c = yield* socket(AF_INET, SOCK_STREAM);
    if (c < 0 || (yield* connect(c, l.addr)) < 0) return 1;
    const s = yield* accept4(l.fd);
    if (s < 0) return 1;
    yield* close(c);
    yield* close(s);
  }
  return 0;
}

/** What reading a /proc file costs: each cycle makes the kernel build the text from the task. */
function* procStatusBench(n: number): Sys<number> {
  const buf = yield* malloc(4096);
  if (!buf) return 1;
  for (let i = 0; i < n; i++) {
    const fd = yield* open('/proc/self/status', O_RDONLY);
    if (fd < 0) return 1;
    let total = 0;
    for (;;) {
      const got = yield* read(fd, buf, 4096);
      if (got < 0) return 1;
      if (got === 0) break;
      total += got;
    }
    yield* close(fd);
    if (total === 0) return 1;
  }
  return 0;
}

/** `mib` MiB written into `wr`, 1 MiB per write, and read from `rd` by a child. */
function* streamBench(mib: number, rd: number, wr: number): Sys<number> {
  const buf = yield* malloc(MIB);
  if (!buf) return 1;
  const child = yield* fork(function* () {
    yield* close(wr);
    let total = 0;
    for (;;) {
      const got = yield* read(rd, buf, MIB);
      if (got <= 0) break;
      total += got;
    }
    return yield* exit(total === mib * MIB ? 0 : 1);
  });
  yield* close(rd);
  for (let i = 0; i < mib; i++) {
    let off = 0;
    while (off < MIB) {
      const w = yield* write(wr, buf + off, MIB - off);
      if (w < 0) return 1;
      off += w;
    }
  }
  yield* close(wr);
  const [, status] = yield* waitpid(child);
  return WEXITSTATUS(status);
}
