// findmnt (util-linux 2.38): the mount table as a tree, from /proc/self/mountinfo.
//
//   TARGET          SOURCE   FSTYPE   OPTIONS
//   /               rootfs   rootfs   rw,size=131072k,nr_inodes=32768
//   ├─/proc         proc     proc     rw,relatime
//   └─/sys          sysfs    sysfs    rw,nosuid,nodev,noexec,relatime
//
// A mount hangs under the mount it was made on (mountinfo's parent id). SOURCE names the part of
// the filesystem a bind mount shows in brackets ("rootfs[/srv/data]"). OPTIONS are the mount's
// own then the filesystem's (without the second rw/ro), as mount(8) prints them.
//
//   -l list (no tree)   -n no headings   -r raw   -t TYPES   -o COLS (+COLS to add)
//   findmnt TARGET|SOURCE   only the mount at that place or of that source (exit 1 if none)
//
// Columns: TARGET SOURCE FSTYPE OPTIONS VFS-OPTIONS FS-OPTIONS FSROOT PROPAGATION ID PARENT MAJ:MIN.
// The tree is drawn in UTF-8 when the locale says UTF-8, else in ASCII, as lsblk does.

import type { Sys } from '../../runtime/context';
import { errno } from '../../libc/process';
import { getopt } from '../../libc/getopt';
import { fputs, stderr, stdout } from '../../libc/stdio';
import { getenv } from '../../libc/stdlib';
import { strerror } from '../../libc/string';
import { mountOptions, readMountinfo, type MountEntry } from './lib/mountinfo';
import { formatTable, type Column } from './lib/table';
import { typeMatches } from './mount';

const COLUMNS: Record<string, Column & { get(e: MountEntry): string }> = {
  TARGET: { name: 'TARGET', get: (e) => e.target },
  SOURCE: { name: 'SOURCE', get: (e) => (e.root === '/' ? e.source : `${e.source}[${e.root}]`) },
  FSTYPE: { name: 'FSTYPE', get: (e) => e.fstype },
  OPTIONS: { name: 'OPTIONS', get: (e) => mountOptions(e) },
  'VFS-OPTIONS': { name: 'VFS-OPTIONS', get: (e) => e.vfsOptions },
  'FS-OPTIONS': { name: 'FS-OPTIONS', get: (e) => e.superOptions },
  FSROOT: { name: 'FSROOT', get: (e) => e.root },
  PROPAGATION: { name: 'PROPAGATION', get: (e) => propagation(e) },
  ID: { name: 'ID', right: true, get: (e) => String(e.id) },
  PARENT: { name: 'PARENT', right: true, get: (e) => String(e.parent) },
  'MAJ:MIN': { name: 'MAJ:MIN', get: (e) => `${e.major}:${e.minor}` },
};
const DEFAULT_COLUMNS = ['TARGET', 'SOURCE', 'FSTYPE', 'OPTIONS'];

/** "shared", "private,slave", "unbindable" … from the optional fields. */
function propagation(e: MountEntry): string {
  const shared = e.optional.some((o) => o.startsWith('shared:'));
  const slave = e.optional.some((o) => o.startsWith('master:'));
  const unbindable = e.optional.includes('unbindable');
  const out = [shared ? 'shared' : 'private'];
  if (slave) out.push('slave');
  if (unbindable) out.push('unbindable');
  return out.join(',');
}

const LONGOPTS = [
  { name: 'list', hasArg: 0, val: 'l' }, { name: 'noheadings', hasArg: 0, val: 'n' }, { name: 'raw', hasArg: 0, val: 'r' },
  { name: 'types', hasArg: 1, val: 't' }, { name: 'output', hasArg: 1, val: 'o' }, { name: 'help', hasArg: 0, val: 'h' },
  { name: 'version', hasArg: 0, val: 'V' },
] as const;

const HELP = `
Usage:
 findmnt [options]
 findmnt [options] <device> | <mountpoint>
 findmnt [options] <device> <mountpoint>

Find a (mounted) filesystem.

Options:
 -l, --list             use list format output
 -n, --noheadings       don't print column headings
 -o, --output <list>    the output columns to be shown
 -r, --raw              use raw output format
 -t, --types <list>     limit the set of filesystems by FS types

 -h, --help             display this help
 -V, --version          display version

Available output columns:
${Object.keys(COLUMNS).map((c) => `  ${c}`).join('\n')}
`;

/** Raw output escapes blanks and backslashes as \xHH. */
const rawEscape = (s: string): string => s.replace(/[\s\\]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);

export function* findmnt(argv: string[]): Sys<number> {
  const r = yield* getopt('findmnt', argv, 'lnrt:o:hV', [...LONGOPTS]);
  if (r.error) return 1;
  let list = false, noHeadings = false, raw = false;
  let types: string | null = null;
  let cols = DEFAULT_COLUMNS;
  for (const o of r.options) {
    switch (o.opt) {
      case 'h':
        yield* fputs(HELP, stdout());
        return 0;
      case 'V':
        yield* fputs('findmnt from util-linux 2.38.1\n', stdout());
        return 0;
      case 'l': list = true; break;
      case 'n': noHeadings = true; break;
      case 'r': raw = true; break;
      case 't': types = o.arg!; break;
      case 'o': {
        const names = o.arg!.replace(/^\+/, '').split(',').map((c) => c.toUpperCase());
        const bad = names.find((c) => !COLUMNS[c]);
        if (bad) {
          yield* fputs(`findmnt: unknown column: ${bad}\n`, stderr());
          return 1;
        }
        cols = o.arg!.startsWith('+') ? [...DEFAULT_COLUMNS, ...names] : names;
        break;
      }
    }
  }
  const table = yield* readMountinfo();
  if (!table) {
    yield* fputs(`findmnt: /proc/self/mountinfo: ${strerror(errno())}\n`, stderr());
    return 1;
  }
  let shown = table.filter((e) => typeMatches(types, e.fstype));
  if (r.operands.length) {
    // A mount point or a source, as given; a single result is listed without a tree.
    const want = r.operands.map((x) => (x.length > 1 ? x.replace(/\/+$/, '') : x));
    shown = shown.filter((e) => want.includes(e.target) || want.includes(e.source));
    if (!shown.length) return 1;
    list = true;
  }
  const columns = cols.map((c) => COLUMNS[c]!);
  const utf8 = /\.utf-?8/i.test(getenv('LC_ALL') || getenv('LC_CTYPE') || getenv('LANG') || '');
  const [branch, last, vert, blank] = utf8 ? ['├─', '└─', '│ ', '  '] : ['|-', '`-', '| ', '  '];
  const rows: string[][] = [];
  const row = (e: MountEntry, prefix: string) => {
    const cells = columns.map((c) => c.get(e));
    const t = cols.indexOf('TARGET');
    if (t >= 0) cells[t] = prefix + cells[t]!;
    rows.push(cells);
  };
  if (list || raw) {
    for (const e of shown) row(e, '');
  } else {
    // A mount whose parent is not shown starts a tree of its own.
    const ids = new Set(shown.map((e) => e.id));
    const children = (id: number) => shown.filter((e) => e.parent === id && e.id !== id);
    // `lead` is what the lines of the descendants start with, `mark` this mount's own branch.
    const walk = (e: MountEntry, lead: string, mark: string): void => {
      row(e, lead + mark);
      const kids = children(e.id);
      const nextLead = mark === '' ? lead : lead + (mark === branch ? vert : blank);
      kids.forEach((k, i) => walk(k, nextLead, i === kids.length - 1 ? last : branch));
    };
    for (const e of shown) if (e.parent === e.id || !ids.has(e.parent)) walk(e, '', '');
  }
  if (raw) {
    let out = noHeadings ? '' : columns.map((c) => c.name).join(' ') + '\n';
    for (const cells of rows) out += cells.map(rawEscape).join(' ') + '\n';
    yield* fputs(out, stdout());
    return 0;
  }
  yield* fputs(formatTable(columns, rows, noHeadings), stdout());
  return 0;
}
