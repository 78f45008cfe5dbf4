// <stdio.h>: buffered streams over file descriptors.
//
// Like glibc: stdout is line buffered on a terminal and fully buffered otherwise, stderr is
// unbuffered, and exit() flushes. Simplification: the buffers are kept in the libc's JavaScript
// state instead of in the process's heap pages.

import type { Sys } from '../runtime/context';
import { proc, fromUtf8, utf8, type Process } from './process';
import { isatty, readBytes, setFlushAllHook, writeAll } from './unistd';
import { format, type FormatArg } from './format';
import { strerror } from './string';

export const BUFSIZ = 4096;

export class FILE {
  /** Pending output bytes. */
  out: Uint8Array[] = [];
  outLen = 0;
  /** Buffered input not yet consumed. */
  inBuf: Uint8Array = new Uint8Array(0);
  eof = false;
  error = false;
  /** 'line', 'full' or 'none'; null until the first output decides (isatty). */
  mode: 'line' | 'full' | 'none' | null;

  constructor(readonly fd: number, mode: 'line' | 'full' | 'none' | null = null) {
    this.mode = mode;
  }

  clone(): FILE {
    const f = new FILE(this.fd, this.mode);
    f.inBuf = this.inBuf.slice();
    f.eof = this.eof;
    return f;
  }
}

interface Streams {
  stdin: FILE;
  stdout: FILE;
  stderr: FILE;
  open: Set<FILE>;
}

function streams(p: Process = proc()): Streams {
  let s = p.slots.get('stdio') as Streams | undefined;
  if (!s) {
    s = { stdin: new FILE(0), stdout: new FILE(1), stderr: new FILE(2, 'none'), open: new Set() };
    s.open.add(s.stdout).add(s.stderr);
    p.slots.set('stdio', s);
    p.atExit.unshift(fflushAll);
    p.atFork.push((child) => {
      // A child gets its own stream objects (with empty output buffers: fork flushed them).
      const mine = child.slots.get('stdio') as Streams;
      const copy: Streams = { stdin: mine.stdin.clone(), stdout: mine.stdout.clone(), stderr: mine.stderr.clone(), open: new Set() };
      copy.open.add(copy.stdout).add(copy.stderr);
      child.slots.set('stdio', copy);
    });
  }
  return s;
}

export const stdin = (): FILE => streams().stdin;
export const stdout = (): FILE => streams().stdout;
export const stderr = (): FILE => streams().stderr;

/** A stream for an fd we opened (fdopen). */
export function fdopen(fd: number): FILE {
  const f = new FILE(fd);
  streams().open.add(f);
  return f;
}

export function* fflush(f: FILE): Sys<number> {
  if (f.outLen === 0) return 0;
  const data = f.out.length === 1 ? f.out[0]! : concat(f.out, f.outLen);
  f.out = [];
  f.outLen = 0;
  const n = yield* writeAll(f.fd, data);
  if (n < data.length) {
    f.error = true;
    return -1;
  }
  return 0;
}

function* fflushAll(): Sys<void> {
  const s = streams();
  for (const f of s.open) yield* fflush(f);
}
setFlushAllHook(fflushAll);

/** Write bytes or text to a stream, flushing as its buffering mode says. */
export function* fwrite(f: FILE, data: Uint8Array | string): Sys<number> {
  const bytes = typeof data === 'string' ? utf8(data) : data;
  if (f.mode === null) f.mode = (yield* isatty(f.fd)) ? 'line' : 'full';
  f.out.push(bytes);
  f.outLen += bytes.length;
  if (f.mode === 'none' || f.outLen >= BUFSIZ || (f.mode === 'line' && bytes.includes(10))) {
    if ((yield* fflush(f)) < 0) return -1;
  }
  return bytes.length;
}

export function* fputs(s: string, f: FILE): Sys<number> {
  return yield* fwrite(f, s);
}

export function* puts(s: string): Sys<number> {
  return yield* fwrite(stdout(), s + '\n');
}

export function* printf(fmt: string, ...args: FormatArg[]): Sys<number> {
  return yield* fwrite(stdout(), format(fmt, args));
}

export function* fprintf(f: FILE, fmt: string, ...args: FormatArg[]): Sys<number> {
  return yield* fwrite(f, format(fmt, args));
}

/** perror(3): "prefix: strerror(errno)". */
export function* perror(prefix: string): Sys<void> {
  const msg = strerror(proc().errno);
  yield* fwrite(stderr(), prefix ? `${prefix}: ${msg}\n` : `${msg}\n`);
}

/** Fill the input buffer; false at end of file or error. */
function* fill(f: FILE): Sys<boolean> {
  if (f.eof) return false;
  // Reading from a terminal flushes stdout first, so prompts appear (glibc does the same).
  const s = streams();
  if (f === s.stdin) yield* fflush(s.stdout);
  const chunk = yield* readBytes(f.fd, BUFSIZ);
  if (chunk === null) {
    f.error = true;
    return false;
  }
  if (chunk.length === 0) {
    f.eof = true;
    return false;
  }
  f.inBuf = f.inBuf.length ? concat([f.inBuf, chunk], f.inBuf.length + chunk.length) : chunk;
  return true;
}

/** getline(3) as bytes: one line including its '\n', or the last unterminated piece; null at EOF. */
export function* getlineBytes(f: FILE): Sys<Uint8Array | null> {
  for (;;) {
    const nl = f.inBuf.indexOf(10);
    if (nl >= 0) {
      const line = f.inBuf.slice(0, nl + 1);
      f.inBuf = f.inBuf.subarray(nl + 1);
      return line;
    }
    if (!(yield* fill(f))) {
      if (f.inBuf.length === 0) return null;
      const rest = f.inBuf;
      f.inBuf = new Uint8Array(0);
      return rest;
    }
  }
}

/** fgets-like: one line as text (with its newline), or null at end of file. */
export function* getline(f: FILE): Sys<string | null> {
  const b = yield* getlineBytes(f);
  return b === null ? null : fromUtf8(b);
}

/** Read everything left on the stream. */
export function* readAll(f: FILE): Sys<Uint8Array> {
  while (yield* fill(f));
  const all = f.inBuf;
  f.inBuf = new Uint8Array(0);
  return all;
}

/** Read up to n bytes (fread). */
export function* fread(f: FILE, n: number): Sys<Uint8Array> {
  while (f.inBuf.length < n && (yield* fill(f)));
  const out = f.inBuf.slice(0, n);
  f.inBuf = f.inBuf.subarray(out.length);
  return out;
}

export function fclose(f: FILE): void {
  streams().open.delete(f);
}

function concat(parts: Uint8Array[], total: number): Uint8Array {
  const out = new Uint8Array(total);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}
