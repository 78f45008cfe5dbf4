// cat (GNU coreutils): copy each FILE (or standard input, for none or "-") to standard output.
// Reads and writes through one 128 KiB buffer on the stack, as GNU cat does with its io size.

import { O_RDONLY } from '../../../uapi/fcntl';
import type { Sys } from '../../runtime/context';
import { alloca, errno, withStack } from '../../libc/process';
import { open } from '../../libc/fcntl';
import { close, read, write } from '../../libc/unistd';
import { fputs, stderr } from '../../libc/stdio';
import { strerror } from '../../libc/string';

const BUFSIZE = 128 * 1024;

function* copyFd(fd: number, buf: number): Sys<number> {
  for (;;) {
    const n = yield* read(fd, buf, BUFSIZE);
    if (n <= 0) return n;
    let off = 0;
    while (off < n) {
      const w = yield* write(1, buf + off, n - off);
      if (w < 0) return w;
      off += w;
    }
  }
}

export function* cat(argv: string[]): Sys<number> {
  const files = argv.slice(1).filter((a) => a !== '--');
  for (const a of files) {
    if (a.startsWith('-') && a !== '-') {
      yield* fputs(`cat: invalid option -- '${a.slice(1, 2)}'\nTry 'cat --help' for more information.\n`, stderr());
      return 1;
    }
  }
  if (files.length === 0) files.push('-');
  let status = 0;
  yield* withStack(function* () {
    const buf = alloca(BUFSIZE);
    for (const name of files) {
      const fd = name === '-' ? 0 : yield* open(name, O_RDONLY);
      if (fd < 0) {
        yield* fputs(`cat: ${name}: ${strerror(errno())}\n`, stderr());
        status = 1;
        continue;
      }
      if ((yield* copyFd(fd, buf)) < 0) {
        yield* fputs(`cat: ${name === '-' ? '-' : name}: ${strerror(errno())}\n`, stderr());
        status = 1;
      }
      if (fd !== 0) yield* close(fd);
    }
  });
  return status;
}
