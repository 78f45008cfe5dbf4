// read [-r] [-p prompt] name… : one line from stdin, split by IFS over the names; the last name
// gets the rest of the line. Without -r a backslash quotes the next character, and a backslash
// before the newline continues the line.
//
// The line must not be read past its end, or the next command would miss that input. On a pipe
// that means one byte per read(2) (as in every shell); a terminal returns at most one line per
// read anyway, and on a regular file we read ahead and lseek back.

import type { Sys } from '../../../libc/process';
import { errno, fromUtf8 } from '../../../libc/process';
import { isatty, lseek, readBytes, writeAll } from '../../../libc/unistd';
import { EINTR } from '../../../../uapi/errno';
import { SEEK_CUR } from '../../../../uapi/fcntl';
import { checkInterrupt } from '../jobs';
import type { Shell } from '../shell';

interface Ch {
  c: string;
  /** Quoted by a backslash: never a field separator. */
  esc: boolean;
}

/** The bytes of one line (without its newline); eof when the input ended first. */
function* readRawLine(raw: boolean): Sys<{ bytes: number[]; eof: boolean; interrupted: boolean }> {
  const seekable = (yield* lseek(0, 0, SEEK_CUR)) >= 0;
  const chunk = seekable || (yield* isatty(0)) ? 4096 : 1;
  const bytes: number[] = [];
  let escaped = false;
  for (;;) {
    const b = yield* readBytes(0, chunk);
    if (b === null) return { bytes, eof: errno() !== EINTR, interrupted: errno() === EINTR };
    if (b.length === 0) return { bytes, eof: true, interrupted: false };
    for (let k = 0; k < b.length; k++) {
      const x = b[k]!;
      if (x === 10 && !escaped) {
        if (seekable && k + 1 < b.length) yield* lseek(0, -(b.length - k - 1), SEEK_CUR);
        return { bytes, eof: false, interrupted: false };
      }
      bytes.push(x);
      escaped = !raw && x === 0x5c && !escaped;
    }
  }
}

/** Backslash processing: \x is a quoted x, backslash-newline disappears. */
function unbackslash(text: string, raw: boolean): Ch[] {
  const out: Ch[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (raw || c !== '\\') out.push({ c, esc: false });
    else if (i + 1 < text.length) {
      if (text[i + 1] !== '\n') out.push({ c: text[i + 1]!, esc: true });
      i++;
    }
  }
  return out;
}

/** Split the line over `count` variables (XCU 2.6.5 splitting; the last one takes the rest). */
export function splitForRead(chars: Ch[], ifs: string, count: number): string[] {
  const isSep = (ch: Ch | undefined): boolean => !!ch && !ch.esc && ifs.includes(ch.c);
  const isWhite = (ch: Ch | undefined): boolean => isSep(ch) && ' \t\n'.includes(ch!.c);
  const text = (cs: Ch[]): string => cs.map((x) => x.c).join('');
  const values: string[] = [];
  let i = 0;
  while (isWhite(chars[i])) i++;
  for (let v = 0; v < count - 1; v++) {
    const start = i;
    while (i < chars.length && !isSep(chars[i])) i++;
    values.push(text(chars.slice(start, i)));
    while (isWhite(chars[i])) i++;
    if (isSep(chars[i])) i++;
    while (isWhite(chars[i])) i++;
  }
  let rest = chars.slice(i);
  let end = rest.length;
  while (end > 0 && isWhite(rest[end - 1])) end--;
  rest = rest.slice(0, end);
  // One field followed by a lone delimiter ("2:" with IFS=:) loses the delimiter.
  const firstSep = rest.findIndex((ch) => isSep(ch));
  if (firstSep === rest.length - 1) rest = rest.slice(0, -1);
  values.push(text(rest));
  return values;
}

export function* read(sh: Shell, argv: string[]): Sys<number> {
  let raw = false;
  let prompt: string | null = null;
  let i = 1;
  for (; i < argv.length && argv[i]!.startsWith('-') && argv[i] !== '-'; i++) {
    const a = argv[i]!;
    if (a === '--') {
      i++;
      break;
    }
    for (let k = 1; k < a.length; k++) {
      if (a[k] === 'r') raw = true;
      else if (a[k] === 'p') {
        prompt = a.slice(k + 1) || argv[++i] || '';
        break;
      } else {
        yield* sh.warn(`read: Illegal option -${a[k]}`);
        return 2;
      }
    }
  }
  const names = argv.slice(i);
  if (names.length === 0) {
    yield* sh.warn('read: arg count');
    return 2;
  }
  if (prompt !== null && (yield* isatty(0))) yield* writeAll(2, prompt);
  const line = yield* readRawLine(raw);
  const chars = unbackslash(fromUtf8(new Uint8Array(line.bytes)), raw);
  const values = splitForRead(chars, sh.vars.get('IFS') ?? ' \t\n', names.length);
  names.forEach((name, k) => sh.assign(name, values[k] ?? ''));
  if (line.interrupted) {
    const sig = sh.pendingSignals.values().next().value;
    if (sig !== undefined) return 128 + sig;
    checkInterrupt(sh);
  }
  return line.eof ? 1 : 0;
}
