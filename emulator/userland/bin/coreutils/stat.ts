// stat (GNU coreutils): display file status, from statx(2) as GNU does, in its default layout, or
// with -c FORMAT / --printf FORMAT (backslash escapes interpreted only in the latter), or -t (terse).
// Conversions: %n %N %s %b %B %o %a %A %f %F %i %h %u %U %g %G %d %D %r %R %t %T %Hd %Ld %Hr %Lr
// %x %X %y %Y %z %Z %w %W %%, with printf's flags, width and precision. -L follows symlinks.

import type { Sys } from '../../runtime/context';
import { errno } from '../../libc/process';
import { getopt } from '../../libc/getopt';
import { statx, type Statx } from '../../libc/sys_stat';
import { readlink } from '../../libc/unistd';
import { getpwuid } from '../../libc/pwd';
import { getgrgid } from '../../libc/grp';
import { fwrite, stdout } from '../../libc/stdio';
import type { Timespec } from '../../libc/time';
import { AT_FDCWD, AT_SYMLINK_NOFOLLOW } from '../../../uapi/fcntl';
import { S_ISBLK, S_ISCHR, S_ISLNK, STATX_BASIC_STATS, STATX_BTIME } from '../../../uapi/stat';
import { q, usageError, warnErrno } from './lib/common';
import { fileTypeName, modeString } from './lib/mode';
import { isoTime } from './lib/time';
import { shellQuote } from './lib/quote';

interface Info {
  name: string;
  st: Statx;
  target: string | null;
  user: string;
  group: string;
}

/** glibc's makedev: the 64-bit dev_t that %d and %r print. */
const makedev = (major: number, minor: number) =>
  ((BigInt(major & 0xfffff000) << 32n) | (BigInt(major & 0xfff) << 8n) | (BigInt(minor & 0xffffff00) << 12n) | BigInt(minor & 0xff));

const time = (t: Timespec) => isoTime(t.sec, t.nsec);

/** One conversion's text, and whether it is a number (precision pads numbers with zeros). */
function conversion(c: string, f: Info, quote: boolean): [string, boolean] | null {
  const st = f.st;
  const hasBirth = (st.mask & STATX_BTIME) !== 0;
  const name = (s: string) => (quote ? shellQuote(s, true) : s);
  switch (c) {
    case 'n': return [f.name, false];
    case 'N': return [name(f.name) + (f.target !== null ? ` -> ${name(f.target)}` : ''), false];
    case 's': return [String(st.size), true];
    case 'b': return [String(st.blocks), true];
    case 'B': return ['512', true];
    case 'o': return [String(st.blksize), true];
    case 'a': return [(st.mode & 0o7777).toString(8), true];
    case 'A': return [modeString(st.mode), false];
    case 'f': return [st.mode.toString(16), false];
    case 'F': return [fileTypeName(st.mode, st.size), false];
    case 'i': return [String(st.ino), true];
    case 'h': return [String(st.nlink), true];
    case 'u': return [String(st.uid), true];
    case 'U': return [f.user, false];
    case 'g': return [String(st.gid), true];
    case 'G': return [f.group, false];
    case 'd': return [makedev(st.devMajor, st.devMinor).toString(), true];
    case 'D': return [makedev(st.devMajor, st.devMinor).toString(16), false];
    case 'r': return [makedev(st.rdevMajor, st.rdevMinor).toString(), true];
    case 'R': return [makedev(st.rdevMajor, st.rdevMinor).toString(16), false];
    case 't': return [st.rdevMajor.toString(16), false];
    case 'T': return [st.rdevMinor.toString(16), false];
    case 'Hd': return [String(st.devMajor), true];
    case 'Ld': return [String(st.devMinor), true];
    case 'Hr': return [String(st.rdevMajor), true];
    case 'Lr': return [String(st.rdevMinor), true];
    case 'x': return [time(st.atime), false];
    case 'y': return [time(st.mtime), false];
    case 'z': return [time(st.ctime), false];
    case 'w': return [hasBirth ? time(st.btime) : '-', false];
    case 'X': return [String(st.atime.sec), true];
    case 'Y': return [String(st.mtime.sec), true];
    case 'Z': return [String(st.ctime.sec), true];
    case 'W': return [hasBirth ? String(st.btime.sec) : '0', true];
    default: return null;
  }
}

/** --printf's backslash escapes: \n \t \\ \" \a \b \f \r \v, \NNN octal, \xHH hex. */
function unescape(s: string): string {
  const simple: Record<string, string> = { n: '\n', t: '\t', '\\': '\\', '"': '"', a: '\x07', b: '\b', f: '\f', r: '\r', v: '\v', e: '\x1b' };
  return s.replace(/\\(x[0-9a-fA-F]{1,2}|[0-7]{1,3}|.)/g, (all, e: string) =>
    e[0] === 'x' && e.length > 1 ? String.fromCharCode(parseInt(e.slice(1), 16))
      : /^[0-7]/.test(e) ? String.fromCharCode(parseInt(e, 8) & 0xff)
      : simple[e] ?? all,
  );
}

function expand(fmt: string, f: Info, quote: boolean): string {
  let out = '';
  for (let i = 0; i < fmt.length; i++) {
    const c = fmt[i]!;
    if (c !== '%') {
      out += c;
      continue;
    }
    const m = /^([-0 #+']*)(\d*)(?:\.(\d*))?([HL][dr]|.)?/.exec(fmt.slice(i + 1))!;
    i += m[0].length;
    const conv = m[4];
    if (conv === undefined) {
      out += '%';
      continue;
    }
    if (conv === '%') {
      out += '%';
      continue;
    }
    const r = conversion(conv, f, quote);
    if (!r) {
      out += '?';
      continue;
    }
    const numeric = r[1];
    let v = r[0];
    const flags = m[1]!, width = Number(m[2] || 0), prec = m[3];
    if (prec !== undefined) v = numeric ? v.padStart(Number(prec), '0') : v.slice(0, Number(prec));
    if (conv === 'a' && flags.includes('#') && v[0] !== '0') v = '0' + v;
    if (flags.includes('-')) v = v.padEnd(width);
    else if (flags.includes('0') && numeric && prec === undefined) v = v.startsWith('-') ? '-' + v.slice(1).padStart(width - 1, '0') : v.padStart(width, '0');
    else v = v.padStart(width);
    out += v;
  }
  return out;
}

function defaultFormat(st: Statx): string {
  const dev = S_ISCHR(st.mode) || S_ISBLK(st.mode);
  return '  File: %N\n  Size: %-10s\tBlocks: %-10b IO Block: %-6o %F\n' +
    (dev ? 'Device: %Hd,%Ld\tInode: %-11i Links: %-5h Device type: %Hr,%Lr\n' : 'Device: %Hd,%Ld\tInode: %-11i Links: %h\n') +
    'Access: (%04a/%10.10A)  Uid: (%5u/%8U)   Gid: (%5g/%8G)\nAccess: %x\nModify: %y\nChange: %z\n Birth: %w\n';
}

const TERSE = '%n %s %b %f %u %g %D %i %h %t %T %X %Y %Z %W %o\n';

export function* stat(argv: string[]): Sys<number> {
  const r = yield* getopt('stat', argv, 'c:Lt', [
    { name: 'format', hasArg: 1, val: 'c' }, { name: 'printf', hasArg: 1, val: 'p' },
    { name: 'dereference', hasArg: 0, val: 'L' }, { name: 'terse', hasArg: 0, val: 't' },
  ]);
  if (r.error) return 1;
  let fmt: string | null = null, deref = false, terse = false;
  for (const o of r.options) {
    if (o.opt === 'c') fmt = o.arg! + '\n';
    else if (o.opt === 'p') fmt = unescape(o.arg!);
    else if (o.opt === 'L') deref = true;
    else if (o.opt === 't') terse = true;
  }
  if (r.operands.length === 0) return yield* usageError('stat', 'missing operand');
  let status = 0;
  for (const name of r.operands) {
    const st = yield* statx(AT_FDCWD, name, deref ? 0 : AT_SYMLINK_NOFOLLOW, STATX_BASIC_STATS | STATX_BTIME);
    if (!st) {
      yield* warnErrno('stat', `cannot statx ${q(name)}`, errno());
      status = 1;
      continue;
    }
    const target = S_ISLNK(st.mode) ? yield* readlink(name) : null;
    const user = (yield* getpwuid(st.uid))?.name ?? 'UNKNOWN';
    const group = (yield* getgrgid(st.gid))?.name ?? 'UNKNOWN';
    const info: Info = { name, st, target, user, group };
    // Names are quoted in %N of a user's format; the default layout shows them as they are.
    const text = fmt !== null ? expand(fmt, info, true) : expand(terse ? TERSE : defaultFormat(st), info, false);
    yield* fwrite(stdout(), text);
  }
  return status;
}
