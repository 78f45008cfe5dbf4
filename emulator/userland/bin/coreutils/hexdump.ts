// hexdump (util-linux): dump bytes. -C is the "canonical" format: offset, 16 bytes in hex (in two
// groups of 8), and the printable ASCII between bars. Without -C, 16-bit little-endian words in
// hex. -n LENGTH, -s OFFSET, -v (keep duplicate lines).
// Simplification: no -e/-f format strings and no -b/-c/-d/-o/-x displays.

import type { Sys } from '../../runtime/context';
import { getopt } from '../../libc/getopt';
import { fwrite, stdout } from '../../libc/stdio';
import { lseek } from '../../libc/unistd';
import { errno } from '../../libc/process';
import { strerror } from '../../libc/string';
import { EINVAL } from '../../../uapi/errno';
import { SEEK_CUR } from '../../../uapi/fcntl';
import { warn, warnErrno } from './lib/common';
import { dumpLines, LINE, readInputs } from './lib/dump';

const hex = (n: number, w: number) => n.toString(16).padStart(w, '0');

/** One line of hexdump -C. */
export function canonicalLine(row: Uint8Array, off: number): string {
  let bytes = '';
  for (let i = 0; i < LINE; i++) bytes += (i < row.length ? hex(row[i]!, 2) + ' ' : '   ') + (i === 7 ? ' ' : '');
  const ascii = Array.from(row, (b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.')).join('');
  return `${hex(off, 8)}  ${bytes} |${ascii}|`;
}

/** One line of the default format: eight words, the line padded to full width. */
export function wordLine(row: Uint8Array, off: number): string {
  let words = '';
  for (let i = 0; i < LINE; i += 2) words += i < row.length ? ' ' + hex(row[i]! | ((row[i + 1] ?? 0) << 8), 4) : '     ';
  return hex(off, 7) + words;
}

/** A size argument: decimal, 0x hex or 0 octal, with an optional k/m/g (powers of 1024) suffix. */
function parseSize(s: string): number | null {
  const m = /^(0x[0-9a-f]+|0[0-7]*|[1-9]\d*)([kmg]|[KMG]i?B?)?$/i.exec(s);
  if (!m) return null;
  const d = m[1]!.toLowerCase();
  const n = d.startsWith('0x') ? parseInt(d, 16) : d.length > 1 && d[0] === '0' ? parseInt(d, 8) : Number(d);
  return n * 1024 ** ' kmg'.indexOf((m[2] ?? ' ')[0]!.toLowerCase());
}

export function* hexdump(argv: string[]): Sys<number> {
  const r = yield* getopt('hexdump', argv, 'Cn:s:v', [
    { name: 'canonical', hasArg: 0, val: 'C' }, { name: 'length', hasArg: 1, val: 'n' },
    { name: 'skip', hasArg: 1, val: 's' }, { name: 'no-squeezing', hasArg: 0, val: 'v' },
  ]);
  if (r.error) return 1;
  let canonical = false, verbose = false, skip = 0, length = Infinity;
  for (const o of r.options) {
    if (o.opt === 'C') canonical = true;
    else if (o.opt === 'v') verbose = true;
    else {
      const n = parseSize(o.arg!);
      if (n === null) {
        yield* warn('hexdump', `failed to parse ${o.opt === 'n' ? 'length' : 'offset'}: '${o.arg}': ${strerror(EINVAL)}`);
        return 1;
      }
      if (o.opt === 'n') length = n;
      else skip = n;
    }
  }
  // util-linux seeks over -s on its first input, so a pipe cannot be skipped.
  if (skip > 0 && r.operands.length === 0 && (yield* lseek(0, 0, SEEK_CUR)) < 0) {
    yield* warnErrno('hexdump', 'stdin', errno());
    return 1;
  }
  const input = yield* readInputs('hexdump', r.operands);
  if (input.failed === input.files) {
    yield* warn('hexdump', 'all input file arguments failed');
    return 1;
  }
  const start = Math.min(skip, input.data.length);
  const data = input.data.subarray(start, start + length);
  const text = dumpLines(data, start, verbose, canonical ? canonicalLine : wordLine);
  const end = start + data.length;
  yield* fwrite(stdout(), text + (data.length || skip ? hex(end, canonical ? 8 : 7) + '\n' : ''));
  return input.failed ? 1 : 0;
}
