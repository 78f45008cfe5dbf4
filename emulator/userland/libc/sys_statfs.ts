// <sys/statfs.h>: statfs(2) and fstatfs(2), decoded from the kernel's struct statfs.

import { __NR } from '../../uapi/unistd_64';
import { STATFS, STATFS_SIZE, type StatfsFields } from '../../uapi/stat';
import type { Sys } from '../runtime/context';
import { alloca, peek, pushString, release, stackMark, syscall } from './process';

export type Statfs = StatfsFields;

function decode(b: Uint8Array): Statfs {
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const n = (o: number) => Number(v.getBigInt64(o, true));
  const u = (o: number) => Number(v.getBigUint64(o, true));
  return {
    type: n(STATFS.type), bsize: n(STATFS.bsize), blocks: u(STATFS.blocks), bfree: u(STATFS.bfree),
    bavail: u(STATFS.bavail), files: u(STATFS.files), ffree: u(STATFS.ffree), namelen: n(STATFS.namelen),
    frsize: n(STATFS.frsize), flags: n(STATFS.flags),
  };
}

/** statfs(2); null with errno set on failure. */
export function* statfs(path: string): Sys<Statfs | null> {
  const mark = stackMark();
  try {
    const buf = alloca(STATFS_SIZE);
    const r = yield* syscall(__NR.statfs, pushString(path), buf);
    return r < 0 ? null : decode(peek(buf, STATFS_SIZE));
  } finally {
    release(mark);
  }
}

export function* fstatfs(fd: number): Sys<Statfs | null> {
  const mark = stackMark();
  try {
    const buf = alloca(STATFS_SIZE);
    const r = yield* syscall(__NR.fstatfs, fd, buf);
    return r < 0 ? null : decode(peek(buf, STATFS_SIZE));
  } finally {
    release(mark);
  }
}
