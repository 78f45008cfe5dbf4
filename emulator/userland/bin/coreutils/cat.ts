// cat (GNU coreutils): copy each FILE (standard input for none or "-") to standard output.
// Without options the bytes go through one 128 KiB buffer on the stack, read(2) then write(2), as
// GNU's plain copy does. The options that change the text work line by line:
//   -n number lines, -b number non-blank lines, -s squeeze runs of blank lines, -E show $ at line
//   ends, -T show tabs as ^I, -v show control and high bytes as ^X and M-X; -A = -vET, -e = -vE,
//   -t = -vT, -u is ignored. Line numbers and line state carry on from one file to the next.

import { O_RDONLY } from '../../../uapi/fcntl';
import type { Sys } from '../../runtime/context';
import { alloca, peek, withStack } from '../../libc/process';
import { getopt } from '../../libc/getopt';
import { open } from '../../libc/fcntl';
import { close, read, write } from '../../libc/unistd';
import { fflush, fwrite, stdout } from '../../libc/stdio';
import { qf, warnErrno } from './lib/common';

const BUFSIZE = 128 * 1024;

interface Opts {
  number: boolean;
  numberNonBlank: boolean;
  squeeze: boolean;
  ends: boolean;
  tabs: boolean;
  nonprinting: boolean;
}

/** The -n/-b/-s/-E/-T/-v transformation, fed chunk by chunk. */
class Decorator {
  private line = 0;
  private atStart = true;
  /** Newlines just seen in a row, the start of input counting as one (2 = a blank line). */
  private newlines = 1;

  constructor(private readonly o: Opts) {}

  feed(chunk: Uint8Array): string {
    const o = this.o;
    let out = '';
    for (const b of chunk) {
      if (b === 10) {
        this.newlines++;
        if (o.squeeze && this.newlines > 2) continue;
        if (this.atStart && o.number && !o.numberNonBlank) out += this.lineNumber();
        out += o.ends ? '$\n' : '\n';
        this.atStart = true;
        continue;
      }
      this.newlines = 0;
      if (this.atStart && (o.number || o.numberNonBlank)) out += this.lineNumber();
      this.atStart = false;
      out += this.show(b);
    }
    return out;
  }

  private lineNumber(): string {
    return `${String(++this.line).padStart(6)}\t`;
  }

  private show(b: number): string {
    if (b === 9) return this.o.tabs ? '^I' : '\t';
    if (!this.o.nonprinting) return String.fromCharCode(b);
    let s = '';
    if (b >= 128) {
      s = 'M-';
      b -= 128;
    }
    if (b < 32) return `${s}^${String.fromCharCode(b + 64)}`;
    if (b === 127) return `${s}^?`;
    return s + String.fromCharCode(b);
  }
}

export function* cat(argv: string[]): Sys<number> {
  const r = yield* getopt('cat', argv, 'AbeEnstTuv', [
    { name: 'show-all', hasArg: 0, val: 'A' }, { name: 'number-nonblank', hasArg: 0, val: 'b' },
    { name: 'show-ends', hasArg: 0, val: 'E' }, { name: 'number', hasArg: 0, val: 'n' },
    { name: 'squeeze-blank', hasArg: 0, val: 's' }, { name: 'show-tabs', hasArg: 0, val: 'T' },
    { name: 'show-nonprinting', hasArg: 0, val: 'v' },
  ]);
  if (r.error) return 1;
  const o: Opts = { number: false, numberNonBlank: false, squeeze: false, ends: false, tabs: false, nonprinting: false };
  for (const { opt } of r.options) {
    if (opt === 'n') o.number = true;
    if (opt === 'b') o.number = o.numberNonBlank = true;
    if (opt === 's') o.squeeze = true;
    if ('AeE'.includes(opt)) o.ends = true;
    if ('AtT'.includes(opt)) o.tabs = true;
    if ('Aetv'.includes(opt)) o.nonprinting = true;
  }
  const decorator = Object.values(o).some(Boolean) ? new Decorator(o) : null;
  const files = r.operands.length ? r.operands : ['-'];
  let status = 0;
  yield* withStack(function* () {
    const buf = alloca(BUFSIZE);
    for (const name of files) {
      const fd = name === '-' ? 0 : yield* open(name, O_RDONLY);
      if (fd < 0) {
        yield* warnErrno('cat', qf(name));
        status = 1;
        continue;
      }
      for (;;) {
        const n = yield* read(fd, buf, BUFSIZE);
        if (n < 0) {
          yield* warnErrno('cat', qf(name));
          status = 1;
        }
        if (n <= 0) break;
        // The decorated text goes through stdio; plain bytes straight from the buffer.
        const ok = decorator ? (yield* fwrite(stdout(), latin1(decorator.feed(peek(buf, n))))) >= 0 : yield* writeFully(buf, n);
        if (!ok) {
          yield* warnErrno('cat', 'write error');
          status = 1;
          return;
        }
      }
      if (fd !== 0) yield* close(fd);
    }
  });
  yield* fflush(stdout());
  return status;
}

/** The decorator works on bytes as Latin-1 characters; back to the same bytes. */
function latin1(s: string): Uint8Array {
  return Uint8Array.from(s, (c) => c.charCodeAt(0));
}

function* writeFully(buf: number, n: number): Sys<boolean> {
  for (let off = 0; off < n; ) {
    const w = yield* write(1, buf + off, n - off);
    if (w < 0) return false;
    off += w;
  }
  return true;
}
