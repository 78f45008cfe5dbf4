// <poll.h>: poll(2) over an array of struct pollfd { int fd; short events; short revents; }
// built in our memory, as C passes it.

import { __NR } from '../../uapi/unistd_64';
import type { Sys } from '../runtime/context';
import { alloca, peek, poke, release, stackMark, syscall } from './process';

export interface PollFd {
  fd: number;
  events: number;
  /** Filled in by poll. */
  revents?: number;
}

const POLLFD_SIZE = 8;

/** poll: how many entries have events (their revents set), 0 on timeout, -1 with errno set. */
export function* poll(fds: PollFd[], timeoutMs: number): Sys<number> {
  const mark = stackMark();
  try {
    const n = fds.length;
    const buf = alloca(Math.max(1, n * POLLFD_SIZE));
    const b = new Uint8Array(n * POLLFD_SIZE);
    const v = new DataView(b.buffer);
    fds.forEach((p, i) => {
      v.setInt32(i * POLLFD_SIZE, p.fd, true);
      v.setInt16(i * POLLFD_SIZE + 4, p.events, true);
    });
    if (n) poke(buf, b);
    const r = yield* syscall(__NR.poll, buf, n, timeoutMs);
    if (r < 0) return -1;
    const out = new DataView(peek(buf, n * POLLFD_SIZE).buffer);
    fds.forEach((p, i) => (p.revents = out.getUint16(i * POLLFD_SIZE + 6, true)));
    return r;
  } finally {
    release(mark);
  }
}
