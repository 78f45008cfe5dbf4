// <sys/resource.h>: getrlimit and setrlimit, which glibc implements with prlimit64 on pid 0.
// Limits are bigints: RLIM_INFINITY does not fit a JavaScript number.

import { __NR } from '../../uapi/unistd_64';
import { RLIMIT_SIZE } from '../../uapi/resource';
import type { Sys } from '../runtime/context';
import { alloca, peek, poke, syscall, stackMark, release } from './process';

export * from '../../uapi/resource';

export interface Rlimit {
  cur: bigint;
  max: bigint;
}

/** getrlimit(2): the limit, or null with errno set. */
export function* getrlimit(resource: number): Sys<Rlimit | null> {
  const mark = stackMark();
  try {
    const buf = alloca(RLIMIT_SIZE);
    if ((yield* syscall(__NR.prlimit64, 0, resource, 0, buf)) < 0) return null;
    const v = new DataView(peek(buf, RLIMIT_SIZE).buffer);
    return { cur: v.getBigUint64(0, true), max: v.getBigUint64(8, true) };
  } finally {
    release(mark);
  }
}

/** setrlimit(2): 0, or -1 with errno set. */
export function* setrlimit(resource: number, limit: Rlimit): Sys<number> {
  const mark = stackMark();
  try {
    const buf = alloca(RLIMIT_SIZE);
    const b = new Uint8Array(RLIMIT_SIZE);
    const v = new DataView(b.buffer);
    v.setBigUint64(0, limit.cur, true);
    v.setBigUint64(8, limit.max, true);
    poke(buf, b);
    return yield* syscall(__NR.prlimit64, 0, resource, buf, 0);
  } finally {
    release(mark);
  }
}
