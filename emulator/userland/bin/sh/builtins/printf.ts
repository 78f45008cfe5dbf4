// printf format [argument…] (dash's): the format is reused while arguments remain; %b expands
// escapes in its argument; numeric arguments may be 'c (the character's code). Each conversion
// is done by the libc's formatter.

import type { Sys } from '../../../libc/process';
import { format } from '../../../libc/format';
import type { Shell } from '../shell';
import { unescape } from './escapes';
import { out } from './util';

const SPEC = /^%([-+ #0]*)(\*|[0-9]*)(?:\.(\*|[0-9]*))?([a-zA-Z%]?)/;

class Args {
  i = 0;
  /** Set by a bad numeric argument: printf's status becomes 1. */
  failed = false;
  constructor(readonly list: string[], readonly sh: Shell) {}

  next(): string | undefined {
    return this.list[this.i++];
  }

  *integer(): Sys<bigint> {
    const s = this.next();
    if (s === undefined || s === '') return 0n;
    if (/^['"]/.test(s)) return BigInt(s.codePointAt(1) ?? 0);
    const m = /^\s*([+-]?)(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)/.exec(s);
    const value = m ? BigInt(m[1] === '-' ? -1 : 1) * BigInt(/^0[0-7]+$/.test(m[2]!) ? '0o' + m[2]!.slice(1) : m[2]!) : 0n;
    if (!m || m[0].length !== s.length) {
      yield* this.sh.warn(`printf: ${s}: ${m ? 'not completely converted' : 'expected numeric value'}`);
      this.failed = true;
    }
    return value;
  }

  *float(): Sys<number> {
    const s = this.next();
    if (s === undefined || s === '') return 0;
    if (/^['"]/.test(s)) return s.codePointAt(1) ?? 0;
    const m = /^\s*[+-]?(\d+\.?\d*([eE][+-]?\d+)?|\.\d+([eE][+-]?\d+)?|inf|nan)/i.exec(s);
    if (!m || m[0].length !== s.length) {
      yield* this.sh.warn(`printf: ${s}: ${m ? 'not completely converted' : 'expected numeric value'}`);
      this.failed = true;
    }
    return m ? parseFloat(m[0]) : 0;
  }
}

export function* printf(sh: Shell, argv: string[]): Sys<number> {
  let rest = argv.slice(1);
  if (rest[0] === '--') rest = rest.slice(1);
  if (rest.length === 0) {
    yield* sh.warn('printf: usage: printf format [arg ...]');
    return 2;
  }
  const fmt = rest[0]!;
  const args = new Args(rest.slice(1), sh);
  let text = '';
  for (;;) {
    const before = args.i;
    const r = yield* formatOnce(sh, fmt, args);
    text += r.text;
    if (r.stop || r.invalid) {
      yield* out(text);
      return r.invalid || args.failed ? 1 : 0;
    }
    // The format is used again while arguments are left (if it consumes any at all).
    if (args.i >= args.list.length || args.i === before) break;
  }
  yield* out(text);
  return args.failed ? 1 : 0;
}

function* formatOnce(sh: Shell, fmt: string, args: Args): Sys<{ text: string; stop: boolean; invalid: boolean }> {
  let text = '';
  for (let i = 0; i < fmt.length; ) {
    const c = fmt[i]!;
    if (c === '\\') {
      // An escape: a backslash and one character, or up to three octal digits.
      const m = /^\\([0-7]{1,3}|.)/s.exec(fmt.slice(i))!;
      const u = unescape(m[0], false);
      if (u.stop) return { text, stop: true, invalid: false };
      text += u.text;
      i += m[0].length;
      continue;
    }
    if (c !== '%') {
      text += c;
      i++;
      continue;
    }
    const m = SPEC.exec(fmt.slice(i))!;
    const [whole, flags, width, prec, conv] = m as unknown as [string, string, string, string | undefined, string];
    i += whole.length;
    if (conv === '%') {
      text += '%';
      continue;
    }
    const w = width === '*' ? String(yield* args.integer()) : width;
    const p = prec === undefined ? '' : '.' + (prec === '*' ? String(yield* args.integer()) : prec);
    const spec = `%${flags}${w}${p}`;
    switch (conv) {
      case 'd': case 'i': case 'o': case 'u': case 'x': case 'X':
        text += format(spec + conv, [yield* args.integer()]);
        break;
      case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': case 'a': case 'A':
        text += format(spec + conv, [yield* args.float()]);
        break;
      case 'c':
        text += format(spec + 's', [(args.next() ?? '').slice(0, 1)]);
        break;
      case 's':
        text += format(spec + 's', [args.next() ?? '']);
        break;
      case 'b': {
        const u = unescape(args.next() ?? '', true);
        text += format(spec + 's', [u.text]);
        if (u.stop) return { text, stop: true, invalid: false };
        break;
      }
      default:
        yield* sh.warn(`printf: ${whole}: invalid directive`);
        return { text, stop: false, invalid: true };
    }
  }
  return { text, stop: false, invalid: false };
}
