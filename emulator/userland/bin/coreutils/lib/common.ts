// Helpers shared by the coreutils tools: diagnostics in GNU's wording and file-name arithmetic.

import type { Sys } from '../../../runtime/context';
import { errno } from '../../../libc/process';
import { fputs, stderr } from '../../../libc/stdio';
import { strerror } from '../../../libc/string';
import { localeQuote, shellQuote } from './quote';

/** Write "prog: msg\n" to stderr. */
export function* warn(prog: string, msg: string): Sys<void> {
  yield* fputs(`${prog}: ${msg}\n`, stderr());
}

/** "prog: msg: <strerror(errno)>". */
export function* warnErrno(prog: string, msg: string, e = errno()): Sys<void> {
  yield* fputs(`${prog}: ${msg}: ${strerror(e)}\n`, stderr());
}

export function* usageError(prog: string, msg: string): Sys<number> {
  yield* fputs(`${prog}: ${msg}\nTry '${prog} --help' for more information.\n`, stderr());
  return 1;
}

/** A name in a message, always quoted: "cannot remove 'x'" (gnulib's quoteaf). */
export const q = (s: string) => shellQuote(s, true);
/** A name that leads a message, quoted only when it must be: "cat: 'a b': …" (quotef). */
export const qf = (s: string) => shellQuote(s);
/** The curly quotes of older messages: "cannot create directory ‘a’" (quote). */
export const cq = localeQuote;

export function joinPath(dir: string, name: string): string {
  return dir.endsWith('/') ? dir + name : `${dir}/${name}`;
}

export function baseName(p: string): string {
  if (p === '') return '';
  const t = p.replace(/\/+$/, '');
  if (t === '') return '/';
  return t.slice(t.lastIndexOf('/') + 1);
}

export function dirName(p: string): string {
  const t = p.replace(/\/+$/, '');
  if (t === '') return p.startsWith('/') ? '/' : '.';
  const i = t.lastIndexOf('/');
  if (i < 0) return '.';
  const d = t.slice(0, i).replace(/\/+$/, '');
  return d === '' ? '/' : d;
}
