// <sys/socket.h> and <sys/un.h>: the socket calls, with Unix socket addresses built from path
// names ("@name" for an abstract one, as ss and nc spell them).

import { __NR } from '../../uapi/unistd_64';
import { AF_UNIX, SOCKADDR_UN, UNIX_PATH_MAX } from '../../uapi/socket';
import type { Sys } from '../runtime/context';
import { alloca, peek, peekI32, poke, pokeI32, release, stackMark, syscall, utf8 } from './process';

/** A struct sockaddr_un for `path` ("@x": the abstract name "\0x"): its bytes, with the length to pass. */
export function sockaddr_un(path: string): Uint8Array | null {
  const abstract = path.startsWith('@');
  const name = utf8(abstract ? path.slice(1) : path);
  if (name.length + (abstract ? 1 : 0) > UNIX_PATH_MAX - (abstract ? 0 : 1)) return null;
  const addr = new Uint8Array(SOCKADDR_UN.path + (abstract ? 1 : 0) + name.length + (abstract ? 0 : 1));
  addr[SOCKADDR_UN.family] = AF_UNIX;
  addr.set(name, SOCKADDR_UN.path + (abstract ? 1 : 0));
  return addr;
}

export function* socket(family: number, type: number, protocol = 0): Sys<number> {
  return yield* syscall(__NR.socket, family, type, protocol);
}

export function* socketpair(family: number, type: number, protocol = 0): Sys<[number, number] | null> {
  const mark = stackMark();
  try {
    const sv = alloca(8);
    if ((yield* syscall(__NR.socketpair, family, type, protocol, sv)) < 0) return null;
    return [peekI32(sv), peekI32(sv + 4)];
  } finally {
    release(mark);
  }
}

/** bind or connect with an address given as bytes. */
function* withAddr(nr: number, fd: number, addr: Uint8Array): Sys<number> {
  const mark = stackMark();
  try {
    const p = alloca(addr.length);
    poke(p, addr);
    return yield* syscall(nr, fd, p, addr.length);
  } finally {
    release(mark);
  }
}

export const bind = (fd: number, addr: Uint8Array): Sys<number> => withAddr(__NR.bind, fd, addr);
export const connect = (fd: number, addr: Uint8Array): Sys<number> => withAddr(__NR.connect, fd, addr);

export function* listen(fd: number, backlog: number): Sys<number> {
  return yield* syscall(__NR.listen, fd, backlog);
}

export function* accept4(fd: number, flags = 0): Sys<number> {
  return yield* syscall(__NR.accept4, fd, 0, 0, flags);
}

export function* shutdown(fd: number, how: number): Sys<number> {
  return yield* syscall(__NR.shutdown, fd, how);
}

export function* send(fd: number, buf: number, len: number, flags = 0): Sys<number> {
  return yield* syscall(__NR.sendto, fd, buf, len, flags, 0, 0);
}

export function* recv(fd: number, buf: number, len: number, flags = 0): Sys<number> {
  return yield* syscall(__NR.recvfrom, fd, buf, len, flags, 0, 0);
}

/** setsockopt with an int value. */
export function* setsockoptInt(fd: number, level: number, name: number, value: number): Sys<number> {
  const mark = stackMark();
  try {
    const p = alloca(4);
    pokeI32(p, value);
    return yield* syscall(__NR.setsockopt, fd, level, name, p, 4);
  } finally {
    release(mark);
  }
}

/** getsockname / getpeername: the address bytes (as long as the kernel reports, up to 128), or null. */
function* nameCall(nr: number, fd: number): Sys<Uint8Array | null> {
  const mark = stackMark();
  try {
    const p = alloca(128), lp = alloca(4);
    pokeI32(lp, 128);
    if ((yield* syscall(nr, fd, p, lp)) < 0) return null;
    return peek(p, Math.min(128, peekI32(lp)));
  } finally {
    release(mark);
  }
}

export const getsockname = (fd: number): Sys<Uint8Array | null> => nameCall(__NR.getsockname, fd);
export const getpeername = (fd: number): Sys<Uint8Array | null> => nameCall(__NR.getpeername, fd);

/** accept4 that also returns the peer's address. */
export function* acceptFrom(fd: number, flags = 0): Sys<{ fd: number; addr: Uint8Array }> {
  const mark = stackMark();
  try {
    const p = alloca(128), lp = alloca(4);
    pokeI32(lp, 128);
    const r = yield* syscall(__NR.accept4, fd, p, lp, flags);
    return { fd: r, addr: r < 0 ? new Uint8Array(0) : peek(p, Math.min(128, peekI32(lp))) };
  } finally {
    release(mark);
  }
}

/** recvfrom with the sender's address. */
export function* recvfrom(fd: number, buf: number, len: number, flags = 0): Sys<{ n: number; addr: Uint8Array }> {
  const mark = stackMark();
  try {
    const p = alloca(128), lp = alloca(4);
    pokeI32(lp, 128);
    const n = yield* syscall(__NR.recvfrom, fd, buf, len, flags, p, lp);
    return { n, addr: n < 0 ? new Uint8Array(0) : peek(p, Math.min(128, peekI32(lp))) };
  } finally {
    release(mark);
  }
}
