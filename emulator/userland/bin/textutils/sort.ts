// sort (GNU coreutils): sort the lines of all FILEs. -n numeric, -r reverse, -u unique, -f fold
// case, -b ignore leading blanks, -s stable, -k POS1[,POS2] keys (F[.C][bfnr]), -t SEP, -o FILE.
// Lines comparing equal on every key fall back to a byte comparison of the whole line (C locale),
// unless -s or -u, as GNU does. -z: lines end in NUL. Simplification: everything is sorted in memory.

import { O_CREAT, O_TRUNC, O_WRONLY } from '../../../uapi/fcntl';
import type { Sys } from '../../runtime/context';
import { getopt } from '../../libc/getopt';
import { errno } from '../../libc/process';
import { open } from '../../libc/fcntl';
import { close, writeAll } from '../../libc/unistd';
import { strerror } from '../../libc/string';
import { argBin, bytes, lines, out, slurp, warn } from './io';

interface KeyOpts {
  n: boolean;
  r: boolean;
  f: boolean;
  b: boolean;
}

interface Key extends KeyOpts {
  sf: number;
  sc: number;
  ef: number; // 0: end of line
  ec: number; // 0: end of field
}

const isBlank = (c: string) => c === ' ' || c === '\t';

/** Start offsets of the fields of a line: GNU's blank-to-nonblank rule, or -t SEP. */
function fieldStarts(line: string, sep: string | null): number[] {
  const starts = [0];
  if (sep !== null) {
    for (let i = 0; i < line.length; i++) if (line[i] === sep) starts.push(i + 1);
    return starts;
  }
  let i = 0;
  while (i < line.length) {
    while (i < line.length && isBlank(line[i]!)) i++;
    while (i < line.length && !isBlank(line[i]!)) i++;
    if (i < line.length) starts.push(i);
  }
  return starts;
}

function keyText(line: string, k: Key, sep: string | null): string {
  const starts = fieldStarts(line, sep);
  const fieldEnd = (f: number) => (f < starts.length - 1 ? starts[f + 1]! - (sep !== null ? 1 : 0) : line.length);
  let s: number;
  if (k.sf - 1 >= starts.length) s = line.length;
  else {
    s = starts[k.sf - 1]!;
    if (k.b) while (s < line.length && isBlank(line[s]!)) s++;
    s = Math.min(s + k.sc - 1, fieldEnd(k.sf - 1));
  }
  let e: number;
  if (k.ef === 0) e = line.length;
  else if (k.ef - 1 >= starts.length) e = line.length;
  else if (k.ec === 0) e = fieldEnd(k.ef - 1);
  else {
    let b = starts[k.ef - 1]!;
    if (k.b) while (b < line.length && isBlank(line[b]!)) b++;
    e = Math.min(b + k.ec, fieldEnd(k.ef - 1));
  }
  return e > s ? line.slice(s, e) : '';
}

function numValue(s: string): number {
  const m = /^[ \t]*(-?)(\d*)(?:\.(\d*))?/.exec(s)!;
  if (!m[2] && !m[3]) return 0;
  const v = parseFloat(`${m[2] || '0'}.${m[3] || '0'}`);
  return m[1] ? -v : v;
}

const cmpBytes = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function* sort(argv: string[]): Sys<number> {
  const g = yield* getopt('sort', argv, 'nrufbsk:t:o:z', [
    { name: 'numeric-sort', hasArg: 0, val: 'n' },
    { name: 'reverse', hasArg: 0, val: 'r' },
    { name: 'unique', hasArg: 0, val: 'u' },
    { name: 'ignore-case', hasArg: 0, val: 'f' },
    { name: 'ignore-leading-blanks', hasArg: 0, val: 'b' },
    { name: 'stable', hasArg: 0, val: 's' },
    { name: 'key', hasArg: 1, val: 'k' },
    { name: 'field-separator', hasArg: 1, val: 't' },
    { name: 'output', hasArg: 1, val: 'o' },
    { name: 'zero-terminated', hasArg: 0, val: 'z' },
  ]);
  if (g.error) return 2;
  const global: KeyOpts = { n: false, r: false, f: false, b: false };
  let unique = false;
  let stable = false;
  let sep: string | null = null;
  let output: string | null = null;
  let eol = '\n';
  const keys: (Key & { own: boolean })[] = [];
  for (const o of g.options) {
    if (o.opt === 'n' || o.opt === 'r' || o.opt === 'f' || o.opt === 'b') global[o.opt] = true;
    else if (o.opt === 'u') unique = true;
    else if (o.opt === 's') stable = true;
    else if (o.opt === 'o') output = o.arg!;
    else if (o.opt === 'z') eol = '\0';
    else if (o.opt === 't') {
      const t = argBin(o.arg!);
      if (t.length !== 1 && t !== '\\0') {
        yield* warn(t.length ? `sort: multi-character tab ‘${o.arg}’` : 'sort: empty tab');
        return 2;
      }
      sep = t === '\\0' ? '\0' : t;
    } else if (o.opt === 'k') {
      const m = /^(\d+)(?:\.(\d+))?([bfnr]*)(?:,(\d+)(?:\.(\d+))?([bfnr]*))?$/.exec(o.arg!);
      if (!m) {
        yield* warn(`sort: invalid number at field start: invalid count at start of ‘${o.arg}’`);
        return 2;
      }
      if (Number(m[1]) === 0) {
        yield* warn(`sort: field number is zero: invalid field specification ‘${o.arg}’`);
        return 2;
      }
      if (m[2] !== undefined && Number(m[2]) === 0) {
        yield* warn(`sort: character offset is zero: invalid field specification ‘${o.arg}’`);
        return 2;
      }
      const flags = (m[3] ?? '') + (m[6] ?? '');
      keys.push({
        sf: Number(m[1]),
        sc: m[2] ? Number(m[2]) : 1,
        ef: m[4] ? Number(m[4]) : 0,
        ec: m[5] ? Number(m[5]) : 0,
        n: flags.includes('n'),
        r: flags.includes('r'),
        f: flags.includes('f'),
        b: flags.includes('b'),
        own: flags !== '',
      });
    }
  }
  // A key without its own ordering options takes the global ones.
  for (const k of keys) if (!k.own) Object.assign(k, global);
  const effKeys: Key[] = keys.length ? keys : [{ sf: 1, sc: 1, ef: 0, ec: 0, ...global }];
  const wholeLine = !keys.length;

  const files = g.operands.length ? g.operands : ['-'];
  let all: string[] = [];
  for (const name of files) {
    const data = yield* slurp('sort', name, (n) => `cannot read: ${n}`);
    if (data === null) return 2;
    all = all.concat(lines(data, eol).map((l) => (l.endsWith(eol) ? l.slice(0, -1) : l)));
  }

  const compareKey = (a: string, b: string, k: Key): number => {
    let x = wholeLine ? a : keyText(a, k, sep);
    let y = wholeLine ? b : keyText(b, k, sep);
    let c: number;
    if (k.n) c = Math.sign(numValue(x) - numValue(y));
    else {
      if (k.b) {
        x = x.replace(/^[ \t]+/, '');
        y = y.replace(/^[ \t]+/, '');
      }
      if (k.f) {
        x = x.toUpperCase();
        y = y.toUpperCase();
      }
      c = cmpBytes(x, y);
    }
    return k.r ? -c : c;
  };
  const compareKeys = (a: string, b: string): number => {
    for (const k of effKeys) {
      const c = compareKey(a, b, k);
      if (c) return c;
    }
    return 0;
  };
  const lastResort = !stable && !unique;
  all.sort((a, b) => {
    const c = compareKeys(a, b);
    if (c || !lastResort) return c;
    const d = cmpBytes(a, b);
    return global.r ? -d : d;
  });
  if (unique) all = all.filter((l, i) => i === 0 || compareKeys(all[i - 1]!, l) !== 0);
  const text = all.map((l) => l + eol).join('');
  if (output !== null) {
    const fd = yield* open(output, O_WRONLY | O_CREAT | O_TRUNC, 0o666);
    if (fd < 0) {
      yield* warn(`sort: open failed: ${output}: ${strerror(errno())}`);
      return 2;
    }
    yield* writeAll(fd, bytes(text));
    yield* close(fd);
  } else yield* out(text);
  return 0;
}
