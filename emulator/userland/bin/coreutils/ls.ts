// ls (GNU coreutils): list directory contents. Options: -l -n (numeric ids) -a -A -d -i -h -1 -C -R.
// Names are sorted in C-locale byte order. When standard output is a terminal, names are quoted in
// GNU's shell-escape style and laid out in columns for the width TIOCGWINSZ reports (80 if it
// reports none); otherwise one name per line, unquoted.
// Simplifications: no colours, no other sort orders or time fields, no -F classification.

import type { Sys } from '../../runtime/context';
import { getopt } from '../../libc/getopt';
import { lstat, stat, type Stat } from '../../libc/sys_stat';
import { readdirFd } from '../../libc/dirent';
import { close, isatty, readlink } from '../../libc/unistd';
import { open } from '../../libc/fcntl';
import { O_CLOEXEC, O_DIRECTORY, O_RDONLY } from '../../../uapi/fcntl';
import { tcgetwinsize } from '../../libc/termios';
import { getpwent } from '../../libc/pwd';
import { getgrent } from '../../libc/grp';
import { clock_gettime, CLOCK_REALTIME, type Timespec } from '../../libc/time';
import { fflush, fwrite, stdout } from '../../libc/stdio';
import { S_ISBLK, S_ISCHR, S_ISDIR, S_ISLNK, major, minor } from '../../../uapi/stat';
import { joinPath, q, warnErrno } from './lib/common';
import { modeString } from './lib/mode';
import { lsTime } from './lib/time';
import { columns } from './lib/columns';
import { humanSize } from './lib/human';
import { shellQuote } from './lib/quote';

interface Entry {
  /** As shown: the operand as typed, or the name inside its directory. */
  name: string;
  path: string;
  st: Stat | null;
  /** A symlink's target, for -l. */
  target?: string;
}

interface Opts {
  long: boolean;
  numeric: boolean;
  /** Which dot files: 'none' (default), 'almost' (-A: all but . and ..), 'all' (-a). */
  dots: 'none' | 'almost' | 'all';
  dirsOnly: boolean;
  inode: boolean;
  human: boolean;
  recursive: boolean;
  columns: boolean;
  quote: boolean;
  width: number;
}

const LONG_OPTIONS = [
  { name: 'all', hasArg: 0, val: 'a' }, { name: 'almost-all', hasArg: 0, val: 'A' },
  { name: 'directory', hasArg: 0, val: 'd' }, { name: 'inode', hasArg: 0, val: 'i' },
  { name: 'numeric-uid-gid', hasArg: 0, val: 'n' }, { name: 'recursive', hasArg: 0, val: 'R' },
  { name: 'human-readable', hasArg: 0, val: 'h' },
] as const;

const encoder = new TextEncoder();

/** strcmp on the UTF-8 bytes: the C locale's collation. */
export function byteCompare(a: string, b: string): number {
  const x = encoder.encode(a), y = encoder.encode(b);
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return x.length - y.length;
}

/** The name databases, read once: uid → user name, gid → group name (first entry wins). */
interface Names {
  users: Map<number, string>;
  groups: Map<number, string>;
}

function* loadNames(): Sys<Names> {
  const users = new Map<number, string>();
  for (const p of yield* getpwent()) if (!users.has(p.uid)) users.set(p.uid, p.name);
  const groups = new Map<number, string>();
  for (const g of yield* getgrent()) if (!groups.has(g.gid)) groups.set(g.gid, g.name);
  return { users, groups };
}

/** The -l lines of `entries`, with column widths taken over `widthFrom` (GNU sizes them per listing). */
function longListing(entries: Entry[], widthFrom: Entry[], o: Opts, names: Names, now: Timespec, shown: (n: string) => string): string {
  const fields = (e: Entry) => {
    const st = e.st!;
    const dev = S_ISCHR(st.mode) || S_ISBLK(st.mode);
    return {
      ino: String(st.ino), nlink: String(st.nlink),
      owner: o.numeric ? String(st.uid) : names.users.get(st.uid) ?? String(st.uid),
      group: o.numeric ? String(st.gid) : names.groups.get(st.gid) ?? String(st.gid),
      size: dev ? '' : o.human ? humanSize(st.size) : String(st.size),
      maj: dev ? String(major(st.rdev)) : '', min: dev ? String(minor(st.rdev)) : '', dev,
    };
  };
  const all = widthFrom.filter((e) => e.st).map(fields);
  const w = (f: (x: (typeof all)[number]) => string) => Math.max(0, ...all.map((x) => f(x).length));
  const majW = w((x) => x.maj), minW = w((x) => x.min);
  // A device's "major, minor" shares the size column.
  const sizeW = Math.max(w((x) => x.size), all.some((x) => x.dev) ? majW + 2 + minW : 0);
  let out = '';
  for (const e of entries) {
    if (!e.st) continue;
    const x = fields(e);
    const size = x.dev ? `${x.maj.padStart(majW)}, ${x.min.padStart(minW)}` : x.size;
    out += (o.inode ? x.ino.padStart(w((y) => y.ino)) + ' ' : '') +
      `${modeString(e.st.mode)} ${x.nlink.padStart(w((y) => y.nlink))} ${x.owner.padEnd(w((y) => y.owner))} ` +
      `${x.group.padEnd(w((y) => y.group))} ${size.padStart(sizeW)} ${lsTime(e.st.mtime, e.st.mtimeNsec, now)} ${shown(e.name)}` +
      (e.target !== undefined ? ` -> ${o.quote ? shellQuote(e.target) : e.target}` : '') + '\n';
  }
  return out;
}

export function* ls(argv: string[]): Sys<number> {
  const r = yield* getopt('ls', argv, 'laAdinhR1C', [...LONG_OPTIONS]);
  if (r.error) return 2;
  const tty = yield* isatty(1);
  const o: Opts = {
    long: false, numeric: false, dots: 'none', dirsOnly: false, inode: false, human: false,
    recursive: false, columns: tty, quote: tty, width: 80,
  };
  for (const x of r.options) {
    if (x.opt === 'l') o.long = true;
    else if (x.opt === 'n') o.long = o.numeric = true;
    else if (x.opt === 'a') o.dots = 'all';
    else if (x.opt === 'A') o.dots = 'almost';
    else if (x.opt === 'd') o.dirsOnly = true;
    else if (x.opt === 'i') o.inode = true;
    else if (x.opt === 'h') o.human = true;
    else if (x.opt === 'R') o.recursive = true;
    else if (x.opt === '1') o.columns = false;
    else if (x.opt === 'C') o.columns = true;
  }
  if (o.long) o.columns = false;
  if (o.columns) o.width = (yield* tcgetwinsize(1))?.cols || 80;
  const now = (yield* clock_gettime(CLOCK_REALTIME))!;
  const names = o.long ? yield* loadNames() : { users: new Map(), groups: new Map() };
  let status = 0;
  let out = '';
  // Output is gathered per listing and written before any diagnostic, so the two interleave as
  // GNU's do (its stdout is flushed before each error message).
  function* flush(): Sys<void> {
    if (out) yield* fwrite(stdout(), out);
    out = '';
    yield* fflush(stdout());
  }

  function format(entries: Entry[], withTotal: boolean, widthFrom = entries): string {
    // On a terminal, if any name needs quotes, the others get a leading space to stay aligned.
    const quoted = (n: string) => (o.quote ? shellQuote(n) : n);
    const align = o.quote && (o.long || o.columns) && entries.some((e) => quoted(e.name) !== e.name);
    const shown = (n: string) => (align && quoted(n) === n ? ' ' + n : quoted(n));
    if (o.long) {
      let total = '';
      if (withTotal) {
        const kib = Math.ceil(entries.reduce((n, e) => n + (e.st?.blocks ?? 0), 0) / 2);
        total = `total ${o.human ? humanSize(kib * 1024) : kib}\n`;
      }
      return total + longListing(entries, widthFrom, o, names, now, shown);
    }
    const inoW = Math.max(0, ...entries.map((e) => (e.st ? String(e.st.ino) : '?').length));
    const cells = entries.map((e) => (o.inode ? (e.st ? String(e.st.ino) : '?').padStart(inoW) + ' ' : '') + shown(e.name));
    return o.columns ? columns(cells, o.width) : cells.map((c) => c + '\n').join('');
  }

  function* entryFor(name: string, path: string, follow: boolean): Sys<Entry | null> {
    const st = (follow ? yield* stat(path) : null) ?? (yield* lstat(path));
    if (!st) return null;
    const e: Entry = { name, path, st };
    if (o.long && S_ISLNK(st.mode)) e.target = (yield* readlink(path)) ?? '';
    return e;
  }

  function* listDir(path: string, header: boolean, first: boolean): Sys<void> {
    // The directory stays open while its entries are looked at, as GNU ls's does: in
    // /proc/self/fd the descriptor reading the directory is one of the entries.
    const fd = yield* open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    let entries: Entry[];
    try {
      entries = yield* listOpenDir(fd, path, header, first);
    } finally {
      if (fd >= 0) yield* close(fd);
    }
    if (!o.recursive) return;
    for (const e of entries) {
      if (e.st && S_ISDIR(e.st.mode) && e.name !== '.' && e.name !== '..') yield* listDir(e.path, true, false);
    }
  }

  /** Print an open directory's entries; returns them (for -R). */
  function* listOpenDir(fd: number, path: string, header: boolean, first: boolean): Sys<Entry[]> {
    const ents = fd < 0 ? null : yield* readdirFd(fd);
    if (!ents) {
      yield* flush();
      yield* warnErrno('ls', `cannot open directory ${q(path)}`);
      status = 2;
      return [];
    }
    if (!first) out += '\n';
    if (header) out += `${o.quote ? shellQuote(path) : path}:\n`;
    const visible = ents
      .map((d) => d.name)
      .filter((n) => o.dots === 'all' || n[0] !== '.' || (o.dots === 'almost' && n !== '.' && n !== '..'))
      .sort(byteCompare);
    const entries: Entry[] = [];
    for (const n of visible) {
      const e = yield* entryFor(n, joinPath(path, n), false);
      if (e) entries.push(e);
      else if (o.long || o.inode || o.recursive) {
        // The name was listed but is gone: GNU complains when it needed the file's status.
        yield* flush();
        yield* warnErrno('ls', `cannot access ${q(joinPath(path, n))}`);
        status = Math.max(status, 1);
      } else entries.push({ name: n, path: joinPath(path, n), st: null });
    }
    out += format(entries, true);
    return entries;
  }

  const operands = r.operands.length ? r.operands : ['.'];
  const files: Entry[] = [];
  const dirs: Entry[] = [];
  for (const p of operands) {
    // Operands are followed when they are symlinks, except with -l or -d (which show the link).
    const e = yield* entryFor(p, p, !o.dirsOnly && !o.long);
    if (!e) {
      yield* warnErrno('ls', `cannot access ${q(p)}`);
      status = 2;
      continue;
    }
    if (!o.dirsOnly && S_ISDIR(e.st!.mode)) dirs.push(e);
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
  return status;
}
