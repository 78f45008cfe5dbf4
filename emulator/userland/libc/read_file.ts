// Reading a small text file whole — how glibc's internals read /etc/passwd and /etc/group (the NSS
// "files" backend) or /sys/devices/system/cpu/online (get_nprocs): open, read to the end, close.

import { O_CLOEXEC, O_RDONLY } from '../../uapi/fcntl';
import type { Sys } from '../runtime/context';
import { fromUtf8 } from './process';
import { open } from './fcntl';
import { close, readBytes } from './unistd';

/** The file's whole text, or null (errno set) if it cannot be opened or read. */
export function* readTextFile(path: string): Sys<string | null> {
  const fd = yield* open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return null;
  const chunks: Uint8Array[] = [];
  for (;;) {
    const b = yield* readBytes(fd, 4096);
    if (b === null) {
      yield* close(fd);
      return null;
    }
    if (b.length === 0) break;
    chunks.push(b);
  }
  yield* close(fd);
  // Decode once: a UTF-8 character may straddle two reads.
  const all = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  chunks.reduce((off, c) => (all.set(c, off), off + c.length), 0);
  return fromUtf8(all);
}
