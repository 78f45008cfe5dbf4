// Byte dumpers: hexdump -C (util-linux "canonical" format) and od (GNU coreutils: octal words by
// default, -c characters, -x hex words, -A d|o|x|n offsets). Identical lines collapse to "*".

import { O_RDONLY } from '../../../uapi/fcntl';
import type { Sys } from '../../runtime/context';
import { errno } from '../../libc/process';
import { open } from '../../libc/fcntl';
import { close, readBytes } from '../../libc/unistd';
import { fwrite, stdout } from '../../libc/stdio';
import { strerror } from '../../libc/string';
import { usageError, warn } from './lib/common';

/** Everything in the files (or standard input), concatenated, as both tools read it. */
function* slurp(prog: string, files: string[]): Sys<[Uint8Array, number]> {
  const parts: Uint8Array[] = [];
  let status = 0;
  for (const name of files.length ? files : ['-']) {
    const fd = name === '-' ? 0 : yield* open(name, O_RDONLY);
    if (fd < 0) {
      yield* warn(prog, `${name}: ${strerror(errno())}`);
      status = 1;
      continue;
    }
    for (;;) {
      const b = yield* readBytes(fd, 65536);
      if (!b || b.length === 0) break;
      parts.push(b);
    }
    if (fd !== 0) yield* close(fd);
  }
  const all = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  parts.reduce((o, p) => (all.set(p, o), o + p.length), 0);
  return [all, status];
}

const hex2 = (b: number) => b.toString(16).padStart(2, '0');

/**
 * The common shape of both dumps: 16 bytes a line, a full line equal to the one before printed as
 * a single "*", and after the last line the total length as an offset (unless there is none).
 */
function dumpLines(data: Uint8Array, line: (row: Uint8Array, off: number) => string, end: string | null): string {
  let out = '';
  let prev: string | null = null;
  let starred = false;
  for (let off = 0; off < data.length; off += 16) {
    const row = data.subarray(off, off + 16);
    const key = row.length === 16 ? Array.from(row).join(',') : null;
    if (key !== null && key === prev) {
      if (!starred) out += '*\n';
      starred = true;
      continue;
    }
    prev = key;
    starred = false;
    out += line(row, off) + '\n';
  }
  return end === null ? out : out + end + '\n';
}

/** hexdump -C. */
export function hexdumpCanonical(data: Uint8Array): string {
  const line = (row: Uint8Array, off: number) => {
    let hex = '';
    for (let i = 0; i < 16; i++) {
      hex += i < row.length ? hex2(row[i]!) + ' ' : '   ';
      if (i === 7) hex += ' ';
    }
    const ascii = Array.from(row, (b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.')).join('');
    return `${off.toString(16).padStart(8, '0')}  ${hex} |${ascii}|`;
  };
  return dumpLines(data, line, data.length ? data.length.toString(16).padStart(8, '0') : null);
}

export function* hexdump(argv: string[]): Sys<number> {
  const files = argv.slice(1).filter((a) => a !== '-C');
  if (!argv.includes('-C')) return yield* usageError('hexdump', 'only the canonical format (-C) is available here');
  const [data, status] = yield* slurp('hexdump', files);
  yield* fwrite(stdout(), hexdumpCanonical(data));
  return status;
}

const OD_CHARS: Record<number, string> = { 0: '\\0', 7: '\\a', 8: '\\b', 9: '\\t', 10: '\\n', 11: '\\v', 12: '\\f', 13: '\\r' };

/** od with one output type: 'o2' (octal words), 'x2' (hex words) or 'c' (characters). */
export function odFormat(data: Uint8Array, type: 'o2' | 'x2' | 'c', radix: 'o' | 'd' | 'x' | 'n'): string {
  const offset = (n: number) => (radix === 'n' ? '' : radix === 'd' ? String(n).padStart(7, '0') : n.toString(radix === 'x' ? 16 : 8).padStart(7, '0'));
  const line = (row: Uint8Array, off: number) => {
    let cells = '';
    if (type === 'c') {
      for (const b of row) cells += ' ' + (OD_CHARS[b] ?? (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : b.toString(8).padStart(3, '0'))).padStart(3);
    } else {
      for (let i = 0; i < row.length; i += 2) {
        const w = row[i]! | ((row[i + 1] ?? 0) << 8);
        cells += type === 'o2' ? ' ' + w.toString(8).padStart(6, '0') : ' ' + w.toString(16).padStart(4, '0');
      }
    }
    return offset(off) + cells;
  };
  return dumpLines(data, line, radix === 'n' ? null : offset(data.length));
}

export function* od(argv: string[]): Sys<number> {
  let type: 'o2' | 'x2' | 'c' = 'o2';
  let radix: 'o' | 'd' | 'x' | 'n' = 'o';
  const files: string[] = [];
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '-c') type = 'c';
    else if (a === '-x') type = 'x2';
    else if (a === '-o') type = 'o2';
    else if (a === '-A' || a.startsWith('-A')) {
      const v = a === '-A' ? argv[++i] : a.slice(2);
      if (v !== 'd' && v !== 'o' && v !== 'x' && v !== 'n') return yield* usageError('od', `invalid output address radix '${v ?? ''}'; it must be one character from [doxn]`);
      radix = v;
    } else if (a.startsWith('-') && a !== '-') return yield* usageError('od', `invalid option -- '${a.slice(1, 2)}'`);
    else files.push(a);
  }
  const [data, status] = yield* slurp('od', files);
  yield* fwrite(stdout(), odFormat(data, type, radix));
  return status;
}
