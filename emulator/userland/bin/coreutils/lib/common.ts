// Helpers shared by the coreutils file tools: diagnostics in GNU's wording, the group database,
// symbolic/octal mode parsing, and path joining.

import { O_CLOEXEC, O_RDONLY } from '../../../../uapi/fcntl';
import type { Sys } from '../../../runtime/context';
import { errno, fromUtf8 } from '../../../libc/process';
import { open } from '../../../libc/fcntl';
import { close, readBytes } from '../../../libc/unistd';
import { fputs, stderr } from '../../../libc/stdio';
import { strerror } from '../../../libc/string';

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

/** GNU's shell-escape-ish quoting for 'name' in messages (simple: single quotes). */
export const q = (s: string) => `'${s}'`;
/** The curly quotes GNU uses in a few messages under a UTF-8 locale. */
export const cq = (s: string) => `\u2018${s}\u2019`;

export interface Group {
  name: string;
  gid: number;
}

function* readFile(path: string): Sys<string | null> {
  const fd = yield* open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return null;
  const chunks: Uint8Array[] = [];
  for (;;) {
    const b = yield* readBytes(fd, 65536);
    if (!b || b.length === 0) break;
    chunks.push(b);
  }
  yield* close(fd);
  const all = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let o = 0;
  for (const c of chunks) {
    all.set(c, o);
    o += c.length;
  }
  return fromUtf8(all);
}

/** Every entry of /etc/group. */
export function* getgrent(): Sys<Group[]> {
  const text = yield* readFile('/etc/group');
  if (!text) return [];
  const out: Group[] = [];
  for (const line of text.split('\n')) {
    const f = line.split(':');
    if (f.length >= 3 && /^\d+$/.test(f[2])) out.push({ name: f[0], gid: Number(f[2]) });
  }
  return out;
}

export function* getgrgid(gid: number): Sys<Group | null> {
  return (yield* getgrent()).find((g) => g.gid === gid) ?? null;
}

export function* getgrnam(name: string): Sys<Group | null> {
  return (yield* getgrent()).find((g) => g.name === name) ?? null;
}

/**
 * Apply a chmod-style mode (octal, or symbolic clauses "u+x,go-w,a=r") to `old`.
 * Returns null if the mode string is invalid. `umask` is used for clauses without a who part.
 */
export function parseMode(spec: string, old: number, isDir: boolean, umask = 0o022): number | null {
  if (/^[0-7]+$/.test(spec)) {
    const v = parseInt(spec, 8);
    if (v > 0o7777) return null;
    // GNU keeps a directory's set-id bits when fewer than 5 octal digits are given.
    if (isDir && spec.length < 5) return v | (old & 0o6000);
    return v;
  }
  let mode = old & 0o7777;
  for (const clause of spec.split(',')) {
    const m = /^([ugoa]*)((?:[-+=][rwxXstugo]*)+)$/.exec(clause);
    if (!m) return null;
    let who = 0;
    for (const c of m[1]) who |= c === 'u' ? 0o4700 : c === 'g' ? 0o2070 : c === 'o' ? 0o1007 : 0o7777;
    const noWho = who === 0;
    if (noWho) who = 0o7777;
    const ops = m[2].match(/[-+=][rwxXstugo]*/g) ?? [];
    for (const op of ops) {
      const kind = op[0];
      let bits = 0;
      for (const c of op.slice(1)) {
        if (c === 'r') bits |= 0o444;
        else if (c === 'w') bits |= 0o222;
        else if (c === 'x') bits |= 0o111;
        else if (c === 'X') bits |= isDir || mode & 0o111 ? 0o111 : 0;
        else if (c === 's') bits |= 0o6000;
        else if (c === 't') bits |= 0o1000;
        else {
          const src = c === 'u' ? (mode >> 6) & 7 : c === 'g' ? (mode >> 3) & 7 : mode & 7;
          bits |= src * 0o111;
        }
      }
      let mask = who;
      if (noWho) mask &= ~umask | 0o7000;
      bits &= mask;
      if (kind === '+') mode |= bits;
      else if (kind === '-') mode &= ~bits;
      else mode = (mode & ~(who & (noWho ? 0o7777 : who))) | bits;
    }
  }
  return mode;
}

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
