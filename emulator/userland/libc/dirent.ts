// <dirent.h>: reading directories with getdents64 (what glibc's readdir does under the hood).

import { __NR } from '../../uapi/unistd_64';
import { O_CLOEXEC, O_DIRECTORY, O_RDONLY } from '../../uapi/fcntl';
import { DIRENT64 } from '../../uapi/stat';
import type { Sys } from '../runtime/context';
import { alloca, fromUtf8, peek, syscall, stackMark, release } from './process';
import { open } from './fcntl';
import { close } from './unistd';

export interface Dirent {
  ino: number;
  type: number;
  name: string;
}

/** Decode a getdents64 buffer into entries. */
export function decodeDirents(buf: Uint8Array): Dirent[] {
  const v = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const out: Dirent[] = [];
  let off = 0;
  while (off + DIRENT64.name <= buf.length) {
    const reclen = v.getUint16(off + DIRENT64.reclen, true);
    if (reclen === 0) break;
    const nameBytes = buf.subarray(off + DIRENT64.name, off + reclen);
    const end = nameBytes.indexOf(0);
    out.push({
      ino: Number(v.getBigUint64(off + DIRENT64.ino, true)),
      type: buf[off + DIRENT64.type]!,
      name: fromUtf8(nameBytes.subarray(0, end < 0 ? nameBytes.length : end)),
    });
    off += reclen;
  }
  return out;
}

/** Every entry of an open directory fd (including . and ..), or null with errno set. */
export function* readdirFd(fd: number): Sys<Dirent[] | null> {
  const mark = stackMark();
  try {
    const size = 32768;
    const buf = alloca(size);
    const all: Dirent[] = [];
    for (;;) {
      const n = yield* syscall(__NR.getdents64, fd, buf, size);
      if (n < 0) return null;
      if (n === 0) return all;
      all.push(...decodeDirents(peek(buf, n)));
    }
  } finally {
    release(mark);
  }
}

/** opendir + readdir + closedir: the entries of a directory, or null with errno set. */
export function* readdir(path: string): Sys<Dirent[] | null> {
  const fd = yield* open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return null;
  const r = yield* readdirFd(fd);
  yield* close(fd);
  return r;
}
