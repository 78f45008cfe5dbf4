// tree (2.1): list directories as an indented tree.
//
//   /sys
//   |-- block            (ASCII in the C locale; ├── └── │ in a UTF-8 one, or with --charset=utf-8)
//   `-- power
//
//   11 directories, 0 files
//
// The top directory is counted among the directories, as tree 2.x does, and a symlink to a
// directory counts as a directory (but is not entered). Options here: -a (hidden files too),
// -d (directories only), -f (full paths), -i (no lines), -p (permissions), -s (sizes),
// -F (/ = * | after names), -L level, --dirsfirst, --noreport, --charset; names are sorted by
// their bytes (the C locale's collation).

import type { Sys } from '../../runtime/context';
import { S_ISDIR, S_ISLNK } from '../../../uapi/stat';
import { getoptParse } from '../../libc/getopt';
import { readdir } from '../../libc/dirent';
import { fputs, fwrite, stderr, stdout } from '../../libc/stdio';
import { getenv } from '../../libc/stdlib';
import { lstat, stat, type Stat } from '../../libc/sys_stat';
import { readlink } from '../../libc/unistd';

const USAGE =
  'usage: tree [-acdfghilnpqrstuvxACDFJQNSUX] [-L level [-R]] [-H  baseHREF]\n' +
  '\t[-T title] [-o filename] [-P pattern] [-I pattern] [--gitignore]\n' +
  '\t[--gitfile[=]file] [--matchdirs] [--metafirst] [--ignore-case]\n' +
  '\t[--nolinks] [--hintro[=]file] [--houtro[=]file] [--inodes] [--device]\n' +
  '\t[--sort[=]<name>] [--dirsfirst] [--filesfirst] [--filelimit #] [--si]\n' +
  '\t[--du] [--prune] [--charset[=]X] [--timefmt[=]format] [--fromfile]\n' +
  '\t[--fflinks] [--info] [--infofile[=]file] [--noreport] [--version]\n' +
  '\t[--help] [--] [directory ...]\n';

interface Lines {
  branch: string;
  last: string;
  pipe: string;
  blank: string;
}

const ASCII: Lines = { branch: '|-- ', last: '`-- ', pipe: '|   ', blank: '    ' };
const UTF8: Lines = { branch: '\u251c\u2500\u2500 ', last: '\u2514\u2500\u2500 ', pipe: '\u2502\u00a0\u00a0 ', blank: '    ' };

interface Opts {
  all: boolean;
  dirsOnly: boolean;
  fullPath: boolean;
  noIndent: boolean;
  perms: boolean;
  sizes: boolean;
  classify: boolean;
  dirsFirst: boolean;
  maxLevel: number;
  lines: Lines;
}

/** The ls-style mode string ("drwxr-xr-x", "crw-rw-rw-"). */
function modeString(mode: number): string {
  const type: Record<number, string> = { 0o140000: 's', 0o120000: 'l', 0o100000: '-', 0o060000: 'b', 0o040000: 'd', 0o020000: 'c', 0o010000: 'p' };
  let out = type[mode & 0o170000] ?? '?';
  const rwx = 'rwxrwxrwx';
  for (let i = 0; i < 9; i++) out += mode & (1 << (8 - i)) ? rwx[i] : '-';
  const set = (i: number, on: boolean, x: string, noX: string) => {
    if (on) out = out.slice(0, i) + (out[i] === 'x' ? x : noX) + out.slice(i + 1);
  };
  set(3, (mode & 0o4000) !== 0, 's', 'S');
  set(6, (mode & 0o2000) !== 0, 's', 'S');
  set(9, (mode & 0o1000) !== 0, 't', 'T');
  return out;
}

/** The "[drwxr-xr-x        4096]  " column of -p and -s. */
function infoColumn(st: Stat | null, o: Opts): string {
  if (!o.perms && !o.sizes) return '';
  const parts: string[] = [];
  if (o.perms) parts.push(st ? modeString(st.mode) : '??????????');
  if (o.sizes) parts.push(String(st ? st.size : 0).padStart(11));
  return `[${parts.join(' ')}]  `;
}

/** -F: what follows a name (a / for directories, also after a link to one). */
function classify(st: Stat | null, isDir: boolean): string {
  if (isDir) return '/';
  if (!st) return '';
  switch (st.mode & 0o170000) {
    case 0o140000: return '=';
    case 0o010000: return '|';
    case 0o100000: return st.mode & 0o111 ? '*' : '';
    default: return '';
  }
}

interface Counts {
  dirs: number;
  files: number;
}

const byteOrder = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** List `dir` (at depth `level`, 1 for the top's children) below the line prefix `indent`. */
function* listDir(path: string, level: number, indent: string, o: Opts, c: Counts): Sys<string> {
  const entries = yield* readdir(path);
  if (!entries) return '';
  const names = entries
    .map((e) => e.name)
    .filter((n) => n !== '.' && n !== '..' && (o.all || !n.startsWith('.')))
    .sort(byteOrder);
  const items: { name: string; full: string; isDir: boolean; link: string | null; st: Stat | null }[] = [];
  for (const name of names) {
    const full = path.endsWith('/') ? path + name : `${path}/${name}`;
    const st = yield* lstat(full);
    let isDir = st !== null && S_ISDIR(st.mode);
    let link: string | null = null;
    if (st && S_ISLNK(st.mode)) {
      link = yield* readlink(full);
      const target = yield* stat(full);
      isDir = target !== null && S_ISDIR(target.mode);
    }
    if (o.dirsOnly && !isDir) continue;
    items.push({ name, full, isDir, link, st });
  }
  // --dirsfirst: directories (and links to them) before the rest, each part still sorted.
  if (o.dirsFirst) items.sort((a, b) => Number(b.isDir) - Number(a.isDir));
  let out = '';
  for (let i = 0; i < items.length; i++) {
    const it = items[i]!;
    const lastOne = i === items.length - 1;
    const lead = o.noIndent ? '' : `${indent}${lastOne ? o.lines.last : o.lines.branch}`;
    out += `${lead}${infoColumn(it.st, o)}${o.fullPath ? it.full : it.name}`;
    if (it.link !== null) out += ` -> ${it.link}${o.classify && it.isDir ? '/' : ''}`;
    else if (o.classify) out += classify(it.st, it.isDir);
    out += '\n';
    if (it.isDir) c.dirs++;
    else c.files++;
    if (it.isDir && it.link === null && level < o.maxLevel) {
      out += yield* listDir(it.full, level + 1, indent + (lastOne ? o.lines.blank : o.lines.pipe), o, c);
    }
  }
  return out;
}

export function* tree(argv: string[]): Sys<number> {
  // Old-style: tree's own parser takes -L's level as the next argument.
  const r = getoptParse('tree', argv, 'adfipsFL:', [
    { name: 'noreport', hasArg: 0, val: 'noreport' }, { name: 'charset', hasArg: 1, val: 'charset' },
    { name: 'dirsfirst', hasArg: 0, val: 'dirsfirst' },
    { name: 'help', hasArg: 0, val: 'help' }, { name: 'version', hasArg: 0, val: 'version' },
  ]);
  if (r.error) {
    const m = /invalid option -- '(.)'/.exec(r.message);
    if (m) {
      yield* fputs(`tree: Invalid argument -\`${m[1]}'.\n${USAGE}`, stderr());
      return 1;
    }
    if (/requires an argument -- 'L'/.test(r.message)) {
      yield* fputs('tree: Missing argument to -L option.\n', stderr());
      return 1;
    }
    yield* fputs(`tree: Invalid argument '${argv.find((a) => a.startsWith('--')) ?? ''}'.\n${USAGE}`, stderr());
    return 1;
  }
  const locale = getenv('LC_ALL') || getenv('LC_CTYPE') || getenv('LANG') || '';
  const o: Opts = {
    all: false, dirsOnly: false, fullPath: false, noIndent: false, perms: false, sizes: false, classify: false, dirsFirst: false,
    maxLevel: Infinity, lines: /\.utf-?8/i.test(locale) ? UTF8 : ASCII,
  };
  let report = true;
  for (const opt of r.options) {
    if (opt.opt === 'a') o.all = true;
    else if (opt.opt === 'd') o.dirsOnly = true;
    else if (opt.opt === 'f') o.fullPath = true;
    else if (opt.opt === 'i') o.noIndent = true;
    else if (opt.opt === 'p') o.perms = true;
    else if (opt.opt === 's') o.sizes = true;
    else if (opt.opt === 'F') o.classify = true;
    else if (opt.opt === 'dirsfirst') o.dirsFirst = true;
    else if (opt.opt === 'L') {
      const n = /^\d+$/.test(opt.arg!) ? Number(opt.arg) : 0;
      if (n < 1) {
        yield* fputs('tree: Invalid level, must be greater than 0.\n', stderr());
        return 1;
      }
      o.maxLevel = n;
    } else if (opt.opt === 'noreport') report = false;
    else if (opt.opt === 'charset') o.lines = /^utf-?8$/i.test(opt.arg!) ? UTF8 : ASCII;
    else if (opt.opt === 'help') {
      yield* fwrite(stdout(), USAGE);
      return 0;
    } else if (opt.opt === 'version') {
      yield* fwrite(stdout(), 'tree v2.1.0 \u00a9 1996 - 2022 by Steve Baker, Thomas Moore, Francesc Rocher, Florian Sesser, Kyosuke Tokoro\n');
      return 0;
    }
  }
  const roots = r.operands.length ? r.operands : ['.'];
  const c: Counts = { dirs: 0, files: 0 };
  let status = 0;
  let out = '';
  for (const root of roots) {
    const st = yield* stat(root);
    if (!st) {
      out += `${root}  [error opening dir]\n`;
      status = 2;
      continue;
    }
    if (!S_ISDIR(st.mode)) {
      out += `${root}  [error opening dir]\n`;
      c.files++;
      continue;
    }
    c.dirs++;
    out += `${infoColumn(st, o)}${root}${o.classify && !root.endsWith('/') ? '/' : ''}\n`;
    out += yield* listDir(root, 1, '', o, c);
  }
  if (report) {
    out += `\n${c.dirs} ${c.dirs === 1 ? 'directory' : 'directories'}`;
    if (!o.dirsOnly) out += `, ${c.files} ${c.files === 1 ? 'file' : 'files'}`;
    out += '\n';
  }
  yield* fwrite(stdout(), out);
  return status;
}
