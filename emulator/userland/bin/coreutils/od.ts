// od (GNU coreutils): dump bytes in one or more formats, 16 bytes a line.
//   -t TYPE: a (named characters), c (characters and escapes), o/x/d/u with a size 1, 2, 4 or 8
//   (octal, hex, signed, unsigned; little-endian words); shorthands -b (o1), -c, -d (u2), -o (o2),
//   -s (d2), -x (x2), -i (d4). Default: -o.
//   -A o|d|x|n offset radix, -j BYTES skip, -N BYTES limit, -v keep duplicate lines.
// With several formats, every line is printed once per format, the fields widened to align.

import type { Sys } from '../../runtime/context';
import { getopt } from '../../libc/getopt';
import { fwrite, stdout } from '../../libc/stdio';
import { cq, usageError, warn } from './lib/common';
import { dumpLines, LINE, readInputs } from './lib/dump';

interface Spec {
  kind: 'a' | 'c' | 'o' | 'x' | 'd' | 'u';
  size: number;
}

const NAMED = [
  'nul', 'soh', 'stx', 'etx', 'eot', 'enq', 'ack', 'bel', 'bs', 'ht', 'nl', 'vt', 'ff', 'cr', 'so', 'si',
  'dle', 'dc1', 'dc2', 'dc3', 'dc4', 'nak', 'syn', 'etb', 'can', 'em', 'sub', 'esc', 'fs', 'gs', 'rs', 'us', 'sp',
];
const C_ESCAPES: Record<number, string> = { 0: '\\0', 7: '\\a', 8: '\\b', 9: '\\t', 10: '\\n', 11: '\\v', 12: '\\f', 13: '\\r' };

/** Digits a field needs: enough for the largest value of its size. */
function fieldWidth(s: Spec): number {
  const bits = 8 * s.size;
  switch (s.kind) {
    case 'a': case 'c': return 3;
    case 'o': return Math.ceil(bits / 3);
    case 'x': return 2 * s.size;
    case 'u': return (2n ** BigInt(bits) - 1n).toString().length;
    case 'd': return (2n ** BigInt(bits - 1)).toString().length + 1;
  }
}

function field(s: Spec, bytes: Uint8Array, at: number): string {
  let v = 0n;
  for (let i = s.size - 1; i >= 0; i--) v = (v << 8n) | BigInt(bytes[at + i] ?? 0);
  const w = fieldWidth(s);
  switch (s.kind) {
    case 'a': {
      const b = Number(v) & 0x7f;
      return (b === 0x7f ? 'del' : NAMED[b] ?? String.fromCharCode(b)).padStart(w);
    }
    case 'c': {
      const b = Number(v);
      return (C_ESCAPES[b] ?? (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : b.toString(8).padStart(3, '0'))).padStart(w);
    }
    case 'o': return v.toString(8).padStart(w, '0');
    case 'x': return v.toString(16).padStart(w, '0');
    case 'u': return v.toString().padStart(w);
    case 'd': return BigInt.asIntN(8 * s.size, v).toString().padStart(w);
  }
}

/** One line of one format; `pad` extra blanks are spread over the fields, more of them first. */
function formatLine(s: Spec, row: Uint8Array, pad: number): string {
  const fields = LINE / s.size;
  const w = fieldWidth(s) + 1;
  let out = '';
  let remaining = pad;
  for (let i = 0, at = 0; at < row.length; i++, at += s.size) {
    const next = Math.floor((pad * (fields - i - 1)) / fields);
    out += field(s, row, at).padStart(w + remaining - next);
    remaining = next;
  }
  return out;
}

/** "-t x2", "-t c", "-t x" (size 4 for numbers when none is given, as GNU's int). */
function parseType(t: string): Spec[] | null {
  const specs: Spec[] = [];
  const re = /([ac])|([oxdu])(1|2|4|8|C|S|I|L)?/gy;
  let m: RegExpExecArray | null;
  let pos = 0;
  while (pos < t.length && (m = re.exec(t))) {
    pos = re.lastIndex;
    if (m[1]) specs.push({ kind: m[1] as Spec['kind'], size: 1 });
    else {
      const size = { C: 1, S: 2, I: 4, L: 8 }[m[3] as 'C'] ?? Number(m[3] ?? 4);
      specs.push({ kind: m[2] as Spec['kind'], size });
    }
  }
  return pos === t.length && specs.length ? specs : null;
}

const SHORTHAND: Record<string, Spec> = {
  b: { kind: 'o', size: 1 }, c: { kind: 'c', size: 1 }, d: { kind: 'u', size: 2 }, o: { kind: 'o', size: 2 },
  s: { kind: 'd', size: 2 }, x: { kind: 'x', size: 2 }, i: { kind: 'd', size: 4 },
};

export function* od(argv: string[]): Sys<number> {
  const r = yield* getopt('od', argv, 'A:j:N:t:vbcdosxi', [
    { name: 'address-radix', hasArg: 1, val: 'A' }, { name: 'skip-bytes', hasArg: 1, val: 'j' },
    { name: 'read-bytes', hasArg: 1, val: 'N' }, { name: 'format', hasArg: 1, val: 't' },
    { name: 'output-duplicates', hasArg: 0, val: 'v' },
  ]);
  if (r.error) return 1;
  const specs: Spec[] = [];
  let radix = 'o';
  let skip = 0;
  let limit = Infinity;
  let verbose = false;
  for (const o of r.options) {
    if (o.opt === 'A') {
      if (!/^[doxn]$/.test(o.arg!)) return yield* usageError('od', `invalid output address radix '${o.arg}'; it must be one character from [doxn]`);
      radix = o.arg!;
    } else if (o.opt === 'j' || o.opt === 'N') {
      const n = parseCount(o.arg!);
      if (n === null) {
        yield* warn('od', `invalid ${o.opt === 'j' ? 'skip-bytes' : 'read-bytes'} argument ${cq(o.arg!)}`);
        return 1;
      }
      if (o.opt === 'j') skip = n;
      else limit = n;
    } else if (o.opt === 't') {
      const t = parseType(o.arg!);
      if (!t) {
        yield* warn('od', `invalid type string ${cq(o.arg!)}`);
        return 1;
      }
      specs.push(...t);
    } else if (o.opt === 'v') verbose = true;
    else specs.push(SHORTHAND[o.opt]!);
  }
  if (specs.length === 0) specs.push(SHORTHAND.o!);
  const input = yield* readInputs('od', r.operands);
  if (input.failed === input.files) return 1;
  if (skip > input.data.length) {
    yield* warn('od', 'cannot skip past end of combined input');
    return 1;
  }
  const data = input.data.subarray(skip, skip + limit);
  const offset = (n: number) =>
    radix === 'n' ? '' : radix === 'd' ? String(n).padStart(7, '0') : radix === 'x' ? n.toString(16).padStart(6, '0') : n.toString(8).padStart(7, '0');
  const blank = ' '.repeat(offset(0).length);
  const widest = Math.max(...specs.map((s) => (LINE / s.size) * (fieldWidth(s) + 1)));
  const text = dumpLines(data, skip, verbose, (row, off) =>
    specs.map((s, i) => (i === 0 ? offset(off) : blank) + formatLine(s, row, widest - (LINE / s.size) * (fieldWidth(s) + 1))).join('\n'),
  );
  yield* fwrite(stdout(), text + (radix === 'n' ? '' : offset(skip + data.length) + '\n'));
  return input.failed ? 1 : 0;
}

/** A byte count: decimal, 0x hex or 0 octal, with an optional b (512), k (1024) or m suffix. */
function parseCount(s: string): number | null {
  const m = /^(0x[0-9a-f]+|0[0-7]*|[1-9]\d*)(b|k|m|kB|MB)?$/i.exec(s);
  if (!m) return null;
  const n = m[1]!.toLowerCase().startsWith('0x') ? parseInt(m[1]!, 16) : m[1]!.length > 1 && m[1]![0] === '0' ? parseInt(m[1]!, 8) : Number(m[1]);
  return n * ({ b: 512, k: 1024, m: 1 << 20, kB: 1000, MB: 1e6 }[m[2] ?? ''] ?? 1);
}
