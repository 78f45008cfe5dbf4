// ls (GNU coreutils): list directory contents. Options: -l -a -A -d -i -n -1 -R -C.
// Sorted by name in C-locale byte order. Not a terminal: one name per line; a terminal: columns
// (vertical order, tab stops of 8, as GNU does) for the width TIOCGWINSZ reports (default 80).
// Simplification: no quoting of unusual names, no colors, no other sort orders.

import type { Sys } from '../../runtime/context';
import { alloca, errno, peek, withStack } from '../../libc/process';
import { getopt } from '../../libc/getopt';
import { lstat, stat, type Stat } from '../../libc/sys_stat';
import { readdir } from '../../libc/dirent';
import { ioctl } from '../../libc/sys_ioctl';
import { isatty, readlink } from '../../libc/unistd';
import { getpwent } from '../../libc/pwd';
import { fwrite, stdout } from '../../libc/stdio';
import { S_ISBLK, S_ISCHR, S_ISDIR, S_ISLNK, major, minor } from '../../../uapi/stat';
import { getgrent, joinPath, q, warnErrno } from './lib/common';
import { modeString } from './lib/mode';
import { lsTime, nowTimespec } from './lib/time';

interface Entry {
  name: string;
  path: string;
  st: Stat | null;
  target?: string;
}

interface Opts {
  long: boolean;
  all: boolean;
  almostAll: boolean;
  dirsOnly: boolean;
  inode: boolean;
  numeric: boolean;
  recursive: boolean;
  columns: boolean;
  width: number;
  quote: boolean;
}

function byteCompare(a: string, b: string): number {
  const enc = new TextEncoder();
  const x = enc.encode(a), y = enc.encode(b);
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; i++) if (x[i] !== y[i]) return x[i] - y[i];
  return x.length - y.length;
}

export function* ls(argv: string[]): Sys<number> {
  const r = yield* getopt('ls', argv, 'laAdin1RC', [
    { name: 'all', hasArg: 0, val: 'a' }, { name: 'almost-all', hasArg: 0, val: 'A' },
    { name: 'directory', hasArg: 0, val: 'd' }, { name: 'inode', hasArg: 0, val: 'i' },
    { name: 'numeric-uid-gid', hasArg: 0, val: 'n' }, { name: 'recursive', hasArg: 0, val: 'R' },
  ]);
  if (r.error) return 2;
  const tty = yield* isatty(1);
  const o: Opts = {
    long: false, all: false, almostAll: false, dirsOnly: false, inode: false, numeric: false,
    recursive: false, columns: tty, width: 80, quote: tty,
  };
  for (const x of r.options) {
    switch (x.opt) {
      case 'l': o.long = true; break;
      case 'a': o.all = true; o.almostAll = false; break;
      case 'A': o.almostAll = true; o.all = false; break;
      case 'd': o.dirsOnly = true; break;
      case 'i': o.inode = true; break;
      case 'n': o.numeric = true; o.long = true; break;
      case 'R': o.recursive = true; break;
      case '1': o.columns = false; break;
      case 'C': o.columns = true; break;
    }
  }
  if (o.long) o.columns = false;
  if (o.columns) {
    const w = yield* withStack(function* () {
      const ws = alloca(8);
      if ((yield* ioctl(1, 0x5413 /* TIOCGWINSZ */, ws)) < 0) return 0;
      const b = peek(ws + 2, 2);
      return b[0] | (b[1] << 8);
    });
    if (w > 0) o.width = w;
  }
  const now = yield* nowTimespec();
  const users = new Map((yield* getpwent()).map((p) => [p.uid, p.name] as [number, string]));
  const groups = new Map<number, string>();
  for (const g of yield* getgrent()) if (!groups.has(g.gid)) groups.set(g.gid, g.name);
  let status = 0;
  let out = '';
  const flush = function* () {
    if (out) yield* fwrite(stdout(), out);
    out = '';
  };

  const format = (entries: Entry[], withTotal: boolean, widthFrom: Entry[] = entries): string => {
    const qn = (n: string) => (o.quote ? shellEscape(n) : n);
    const anyQuoted = o.quote && (o.long || o.columns) && entries.some((e) => qn(e.name) !== e.name);
    const shown = (n: string) => {
      const x = qn(n);
      return anyQuoted && x === n ? ' ' + x : x;
    };
    if (!o.long) {
      const iw = Math.max(0, ...entries.map((e) => (e.st ? String(e.st.ino) : '?').length));
      const names = entries.map((e) => (o.inode ? `${(e.st ? String(e.st.ino) : '?').padStart(iw)} ` : '') + shown(e.name));
      if (!o.columns) return names.map((n) => n + '\n').join('');
      return columns(names, o.width);
    }
    let s = '';
    if (withTotal) {
      const blocks = entries.reduce((n, e) => n + (e.st ? e.st.blocks : 0), 0);
      s += `total ${Math.ceil(blocks / 2)}\n`;
    }
    const fmtRow = (e: Entry) => {
      const st = e.st;
      if (!st) return null;
      const owner = o.numeric ? String(st.uid) : users.get(st.uid) ?? String(st.uid);
      const group = o.numeric ? String(st.gid) : groups.get(st.gid) ?? String(st.gid);
      const dev = S_ISCHR(st.mode) || S_ISBLK(st.mode);
      return {
        ino: String(st.ino), mode: modeString(st.mode), nlink: String(st.nlink), owner, group,
        size: dev ? '' : String(st.size), maj: dev ? String(major(st.rdev)) : '', min: dev ? String(minor(st.rdev)) : '',
        dev, date: lsTime(st.mtime, st.mtimeNsec, now), e,
      };
    };
    const rows = entries.map(fmtRow);
    const ok = widthFrom.map(fmtRow).filter((x) => x !== null);
    const w = (f: (x: (typeof ok)[number]) => string) => Math.max(0, ...ok.map((x) => f(x).length));
    const inoW = w((x) => x.ino), nlW = w((x) => x.nlink), ownW = w((x) => x.owner), grW = w((x) => x.group);
    const majW = w((x) => x.maj), minW = w((x) => x.min);
    const anyDev = ok.some((x) => x.dev);
    const sizeW = Math.max(w((x) => x.size), anyDev ? majW + 2 + minW : 0);
    for (const x of rows) {
      if (!x) continue;
      const size = x.dev ? `${x.maj.padStart(majW)}, ${x.min.padStart(minW)}` : x.size;
      s += (o.inode ? x.ino.padStart(inoW) + ' ' : '') +
        `${x.mode} ${x.nlink.padStart(nlW)} ${x.owner.padEnd(ownW)} ${x.group.padEnd(grW)} ${size.padStart(sizeW)} ${x.date} ${shown(x.e.name)}` +
        (x.e.target !== undefined ? ` -> ${qn(x.e.target)}` : '') + '\n';
    }
    return s;
  };

  function* entryFor(name: string, path: string, follow: boolean): Sys<Entry | null> {
    let st = follow ? yield* stat(path) : null;
    if (!st) st = yield* lstat(path);
    if (!st) return null;
    const e: Entry = { name, path, st };
    if (o.long && S_ISLNK(st.mode)) e.target = (yield* readlink(path)) ?? '';
    return e;
  }

  function* listDir(path: string, header: boolean, first: boolean): Sys<void> {
    const ents = yield* readdir(path);
    if (!ents) {
      yield* flush();
      yield* warnErrno('ls', `cannot open directory ${q(path)}`);
      status = 2;
      return;
    }
    if (!first) out += '\n';
    if (header) out += `${path}:\n`;
    const names = ents.map((d) => d.name).filter((n) => (o.all ? true : n[0] !== '.' || (o.almostAll && n !== '.' && n !== '..')));
    names.sort(byteCompare);
    const entries: Entry[] = [];
    for (const n of names) {
      const e = yield* entryFor(n, joinPath(path, n), false);
      if (e) entries.push(e);
      else if (o.long || o.inode || o.recursive) {
        yield* flush();
        yield* warnErrno('ls', `cannot access ${q(joinPath(path, n))}`);
        status = 1;
      } else entries.push({ name: n, path: joinPath(path, n), st: null });
    }
    out += format(entries, true);
    if (o.recursive) {
      for (const e of entries) {
        if (e.st && S_ISDIR(e.st.mode) && e.name !== '.' && e.name !== '..') yield* listDir(e.path, true, false);
      }
    }
  }

  const operands = r.operands.length ? r.operands : ['.'];
  const files: Entry[] = [];
  const dirs: Entry[] = [];
  for (const p of operands) {
    const e = yield* entryFor(p, p, !o.dirsOnly && !o.long);
    if (!e) {
      yield* warnErrno('ls', `cannot access ${q(p)}`);
      status = 2;
      continue;
    }
    if (!o.dirsOnly && e.st && S_ISDIR(e.st.mode)) dirs.push(e);
    else files.push(e);
  }
  files.sort((a, b) => byteCompare(a.name, b.name));
  dirs.sort((a, b) => byteCompare(a.name, b.name));
  if (files.length) out += format(files, false, [...files, ...dirs]);
  const header = o.recursive || operands.length > 1 || status !== 0;
  let first = files.length === 0;
  for (const d of dirs) {
    yield* listDir(d.path, header, first);
    first = false;
  }
  yield* flush();
  void errno;
  return status;
}

/** GNU's -C layout: the most columns that fit, filled top to bottom, padded with tabs (tab size 8). */
function columns(names: string[], width: number): string {
  const n = names.length;
  if (n === 0) return '';
  const len = (s: string) => [...s].length;
  const maxCols = Math.min(n, Math.max(1, Math.floor(width / 3)));
  let best: { rows: number; widths: number[] } = { rows: n, widths: [Math.max(...names.map(len))] };
  for (let cols = 1; cols <= maxCols; cols++) {
    const rows = Math.ceil(n / cols);
    const widths = new Array<number>(cols).fill(3);
    for (let i = 0; i < n; i++) {
      const c = Math.floor(i / rows);
      widths[c] = Math.max(widths[c], len(names[i]) + (c === cols - 1 ? 0 : 2));
    }
    if (widths.reduce((a, b) => a + b, 0) < width) best = { rows, widths };
  }
  let s = '';
  for (let r = 0; r < best.rows; r++) {
    let pos = 0;
    for (let c = 0, i = r; ; c++) {
      s += names[i];
      const from0 = pos + len(names[i]);
      i += best.rows;
      if (i >= n) break;
      const to = pos + best.widths[c];
      let from = from0;
      while (from < to) {
        if (Math.floor(to / 8) > Math.floor((from + 1) / 8)) {
          s += '\t';
          from += 8 - (from % 8);
        } else {
          s += ' ';
          from++;
        }
      }
      pos = to;
    }
    s += '\n';
  }
  return s;
}

/** GNU's "shell-escape" quoting, used when standard output is a terminal. */
function shellEscape(n: string): string {
  if (n !== '' && /^[A-Za-z0-9_.,/:+@%=^-]+$/.test(n) && !n.startsWith('~')) return n;
  // eslint-disable-next-line no-control-regex
  if (/[\x00-\x1f\x7f]/.test(n)) {
    // eslint-disable-next-line no-control-regex
    const esc = n.replace(/[\x00-\x1f\x7f]/g, (c) => {
      const m: Record<string, string> = { '\n': 'n', '\t': 't', '\r': 'r', '\b': 'b', '\f': 'f', '\v': 'v', '\x07': 'a', '\x1b': 'E' };
      return `'$'\\${m[c] ?? c.charCodeAt(0).toString(8).padStart(3, '0')}''`;
    });
    return `'${esc}'`.replace(/^''/, '').replace(/''$/, '');
  }
  if (!n.includes("'")) return `'${n}'`;
  if (!/[$`"\\!]/.test(n)) return `"${n}"`;
  return `'${n.replace(/'/g, "'\\''")}'`;
}
