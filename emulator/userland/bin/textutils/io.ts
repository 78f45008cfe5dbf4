// Shared helpers of the text tools: files as byte strings (one char per byte, latin1), as the C
// locale sees them, and plain error output.

import { O_RDONLY } from '../../../uapi/fcntl';
import type { Sys } from '../../runtime/context';
import { errno, utf8 } from '../../libc/process';
import { open } from '../../libc/fcntl';
import { close, readBytes } from '../../libc/unistd';
import { fputs, fwrite, stderr, stdout } from '../../libc/stdio';
import { strerror } from '../../libc/string';

/** Bytes to a byte string. */
export function bin(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length; i += 8192) s += String.fromCharCode(...b.subarray(i, i + 8192));
  return s;
}

/** Byte string to bytes. */
export function bytes(s: string): Uint8Array {
  const b = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) b[i] = s.charCodeAt(i) & 0xff;
  return b;
}

/** An argument (decoded as UTF-8 by _start) back to its byte string. */
export function argBin(s: string): string {
  return bin(utf8(s));
}

export function* out(s: string): Sys<number> {
  return yield* fwrite(stdout(), bytes(s));
}

export function* warn(msg: string): Sys<void> {
  yield* fputs(msg + '\n', stderr());
}

/** Read a whole file ("-" is standard input) as a byte string; null after printing "prog: name: error". */
export function* slurp(prog: string, name: string, openMsg?: (name: string) => string, enough?: (chunk: string) => boolean, quiet = false): Sys<string | null> {
  const fd = name === '-' ? 0 : yield* open(name, O_RDONLY);
  if (fd < 0) {
    if (!quiet) yield* warn(`${prog}: ${openMsg ? openMsg(name) : name}: ${strerror(errno())}`);
    return null;
  }
  const parts: Uint8Array[] = [];
  if (enough?.('')) return '';
  for (;;) {
    const b = yield* readBytes(fd, 65536);
    if (b === null) {
      const e = errno();
      if (fd !== 0) yield* close(fd);
      if (!quiet) yield* warn(`${prog}: ${name === '-' ? '-' : name}: ${strerror(e)}`);
      return null;
    }
    if (b.length === 0) break;
    parts.push(b);
    if (enough?.(bin(b))) break;
  }
  if (fd !== 0) yield* close(fd);
  let s = '';
  for (const p of parts) s += bin(p);
  return s;
}

/** Split a byte string into lines, each with its '\n' (the last may lack it). */
export function lines(s: string, sep = '\n'): string[] {
  const r: string[] = [];
  let i = 0;
  while (i < s.length) {
    const j = s.indexOf(sep, i);
    if (j < 0) {
      r.push(s.slice(i));
      break;
    }
    r.push(s.slice(i, j + 1));
    i = j + 1;
  }
  return r;
}

export function* badOption(prog: string, c: string): Sys<number> {
  yield* warn(`${prog}: invalid option -- '${c}'\nTry '${prog} --help' for more information.`);
  return prog === 'grep' || prog === 'sort' ? 2 : 1;
}
