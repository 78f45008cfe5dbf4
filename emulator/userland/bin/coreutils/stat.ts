// stat (GNU coreutils): display file status in GNU's default layout, or with -c FORMAT
// (%n %N %s %a %A %F %i %u %U %g %G %h %d %D %t %T %x %X %y %Y %z %Z %w %W %b %B %o %f %%).
// -L follows symlinks. We call newfstatat rather than statx, so there is no birth time ("-").

import type { Sys } from '../../runtime/context';
import { errno } from '../../libc/process';
import { getopt } from '../../libc/getopt';
import { lstat, stat as statCall, type Stat } from '../../libc/sys_stat';
import { readlink } from '../../libc/unistd';
import { getpwuid } from '../../libc/pwd';
import { fwrite, stdout } from '../../libc/stdio';
import { S_ISBLK, S_ISCHR, S_ISLNK, major, minor } from '../../../uapi/stat';
import { getgrgid, q, usageError, warnErrno } from './lib/common';
import { fileTypeName, modeString } from './lib/mode';
import { isoTime } from './lib/time';

const needsQuote = (s: string) => s === '' || /[^A-Za-z0-9_./\-+:,@%^=]/.test(s);
const shellQuote = (s: string) => `'${s.replace(/'/g, "'\\''")}'`;
const maybeQuote = (s: string) => (needsQuote(s) ? shellQuote(s) : s);

interface Info {
  name: string;
  st: Stat;
  target: string | null;
  user: string;
  group: string;
}

function expand(fmt: string, f: Info, always: boolean): string {
  const st = f.st;
  let out = '';
  for (let i = 0; i < fmt.length; i++) {
    const c = fmt[i];
    if (c === '\\' && i + 1 < fmt.length) {
      const n = fmt[++i];
      out += n === 'n' ? '\n' : n === 't' ? '\t' : n === '\\' ? '\\' : n === '"' ? '"' : '\\' + n;
      continue;
    }
    if (c !== '%' || i + 1 >= fmt.length) {
      out += c;
      continue;
    }
    // Flags and width, as printf does: %-10s, %04a.
    const m = /^([-0 #+']*)(\d*)(?:\.(\d+))?/.exec(fmt.slice(i + 1))!;
    i += m[0].length + 1;
    const conv = fmt[i];
    let v: string;
    let numeric = true;
    switch (conv) {
      case '%': out += '%'; continue;
      case 'n': v = f.name; numeric = false; break;
      case 'N': {
        const qf = always ? shellQuote : maybeQuote;
        v = qf(f.name) + (f.target !== null ? ` -> ${qf(f.target)}` : '');
        numeric = false;
        break;
      }
      case 's': v = String(st.size); break;
      case 'a': v = (st.mode & 0o7777).toString(8); break;
      case 'A': v = modeString(st.mode); numeric = false; break;
      case 'f': v = st.mode.toString(16); break;
      case 'F': v = fileTypeName(st.mode, st.size); numeric = false; break;
      case 'i': v = String(st.ino); break;
      case 'u': v = String(st.uid); break;
      case 'U': v = f.user; numeric = false; break;
      case 'g': v = String(st.gid); break;
      case 'G': v = f.group; numeric = false; break;
      case 'h': v = String(st.nlink); break;
      case 'd': v = String(st.dev); break;
      case 'D': v = st.dev.toString(16); break;
      case 't': v = major(st.rdev).toString(16); break;
      case 'T': v = minor(st.rdev).toString(16); break;
      case 'b': v = String(st.blocks); break;
      case 'B': v = '512'; break;
      case 'o': v = String(st.blksize); break;
      case 'x': v = isoTime(st.atime, st.atimeNsec); numeric = false; break;
      case 'y': v = isoTime(st.mtime, st.mtimeNsec); numeric = false; break;
      case 'z': v = isoTime(st.ctime, st.ctimeNsec); numeric = false; break;
      case 'w': v = '-'; numeric = false; break;
      case 'W': v = '0'; break;
      case 'X': v = String(st.atime); break;
      case 'Y': v = String(st.mtime); break;
      case 'Z': v = String(st.ctime); break;
      case 'H':
      case 'L': {
        const which = fmt[i + 1];
        const dev = which === 'r' ? st.rdev : st.dev;
        if (which === 'd' || which === 'r') {
          i++;
          v = String(conv === 'H' ? major(dev) : minor(dev));
          break;
        }
        v = '?';
        break;
      }
      default: v = '?'; numeric = false;
    }
    const flags = m[1], width = m[2] ? Number(m[2]) : 0;
    if (m[3] !== undefined && !numeric) v = v.slice(0, Number(m[3]));
    if (conv === 'a' && flags.includes('#') && v[0] !== '0') v = '0' + v;
    if (flags.includes('-')) v = v.padEnd(width);
    else if (flags.includes('0') && numeric) v = v.padStart(width, '0');
    else v = v.padStart(width);
    out += v;
  }
  return out;
}

function defaultFormat(st: Stat): string {
  const dev = S_ISCHR(st.mode) || S_ISBLK(st.mode);
  return '  File: %N\n  Size: %-10s\tBlocks: %-10b IO Block: %-6o %F\n' +
    (dev ? 'Device: %Hd,%Ld\tInode: %-11i Links: %-5h Device type: %Hr,%Lr\n' : 'Device: %Hd,%Ld\tInode: %-11i Links: %h\n') +
    'Access: (%04a/%10.10A)  Uid: (%5u/%8U)   Gid: (%5g/%8G)\nAccess: %x\nModify: %y\nChange: %z\n Birth: %w\n';
}

export function* stat(argv: string[]): Sys<number> {
  const r = yield* getopt('stat', argv, 'c:Lt', [
    { name: 'format', hasArg: 1, val: 'c' }, { name: 'printf', hasArg: 1, val: 'p' },
    { name: 'dereference', hasArg: 0, val: 'L' }, { name: 'terse', hasArg: 0, val: 't' },
  ]);
  if (r.error) return 1;
  let fmt: string | null = null, deref = false, printf = false, terse = false;
  for (const o of r.options) {
    if (o.opt === 'c') {
      fmt = o.arg!;
      printf = false;
    } else if (o.opt === 'p') {
      fmt = o.arg!;
      printf = true;
    } else if (o.opt === 'L') deref = true;
    else if (o.opt === 't') terse = true;
  }
  if (r.operands.length === 0) return yield* usageError('stat', 'missing operand');
  let status = 0;
  for (const name of r.operands) {
    const st = deref ? yield* statCall(name) : yield* lstat(name);
    if (!st) {
      yield* warnErrno('stat', `cannot statx ${q(name)}`, errno());
      status = 1;
      continue;
    }
    const target = S_ISLNK(st.mode) ? yield* readlink(name) : null;
    const pw = yield* getpwuid(st.uid);
    const gr = yield* getgrgid(st.gid);
    const info: Info = { name, st, target, user: pw?.name ?? 'UNKNOWN', group: gr?.name ?? 'UNKNOWN' };
    let text: string;
    if (fmt !== null) text = expand(fmt, info, true) + (printf ? '' : '\n');
    else if (terse) text = expand('%n %s %b %f %u %g %D %i %h %t %T %X %Y %Z %W %o\n', info, true);
    else text = expand(defaultFormat(st), info, false);
    yield* fwrite(stdout(), text);
  }
  return status;
}
