// Whole-file reads and writes for the toolchain (nasm, ld, readelf, file): open, read or write
// until done, close — through the ordinary syscalls, in chunks as a C program would.

import { O_CLOEXEC, O_CREAT, O_RDONLY, O_TRUNC, O_WRONLY } from '../../uapi/fcntl';
import type { Sys } from '../runtime/context';
import { open } from '../libc/fcntl';
import { close, readBytes, writeAll } from '../libc/unistd';
import { errno, setErrno } from '../libc/process';

const CHUNK = 64 * 1024;

/** The file's bytes, or null with errno set. */
export function* readFileBytes(path: string): Sys<Uint8Array | null> {
  const fd = yield* open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return null;
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const b = yield* readBytes(fd, CHUNK);
    if (b === null) {
      const e = errno();
      yield* close(fd);
      setErrno(e);
      return null;
    }
    if (b.length === 0) break;
    chunks.push(b);
    total += b.length;
  }
  yield* close(fd);
  const all = new Uint8Array(total);
  chunks.reduce((off, c) => (all.set(c, off), off + c.length), 0);
  return all;
}

/** Create or truncate `path` (mode before the umask) and write `data`; false with errno set on failure. */
export function* writeFileBytes(path: string, data: Uint8Array, mode = 0o666): Sys<boolean> {
  const fd = yield* open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
  if (fd < 0) return false;
  for (let off = 0; off < data.length; off += CHUNK) {
    if ((yield* writeAll(fd, data.subarray(off, off + CHUNK))) < 0) {
      const e = errno();
      yield* close(fd);
      setErrno(e);
      return false;
    }
  }
  return (yield* close(fd)) === 0;
}
