// cut (GNU coreutils): print selected bytes (-b), characters (-c, bytes in the C locale) or fields
// (-f, separated by -d, TAB by default) of each line. LIST is N, N-, -M or N-M joined by commas;
// -s drops lines with no delimiter; --complement; --output-delimiter.

import type { Sys } from '../../runtime/context';
import { getopt } from '../../libc/getopt';
import { argBin, lines, out, slurp, warn } from './io';

type Range = [number, number];

const TRY = "\nTry 'cut --help' for more information.";

export function* cut(argv: string[]): Sys<number> {
  const g = yield* getopt('cut', argv, 'b:c:f:d:sn', [
    { name: 'bytes', hasArg: 1, val: 'b' },
    { name: 'characters', hasArg: 1, val: 'c' },
    { name: 'fields', hasArg: 1, val: 'f' },
    { name: 'delimiter', hasArg: 1, val: 'd' },
    { name: 'only-delimited', hasArg: 0, val: 's' },
    { name: 'complement', hasArg: 0, val: 'C' },
    { name: 'output-delimiter', hasArg: 1, val: 'O' },
  ]);
  if (g.error) return 1;
  let mode: 'b' | 'f' | null = null;
  let list = '';
  let delim: string | null = null;
  let onlyDelimited = false;
  let complement = false;
  let outDelim: string | null = null;
  for (const o of g.options) {
    if (o.opt === 'b' || o.opt === 'c' || o.opt === 'f') {
      const m = o.opt === 'f' ? 'f' : 'b';
      if (mode !== null) {
        yield* warn('cut: only one list may be specified' + TRY);
        return 1;
      }
      mode = m;
      list = o.arg!;
    } else if (o.opt === 'd') {
      const d = argBin(o.arg!);
      if (d.length > 1) {
        yield* warn('cut: the delimiter must be a single character' + TRY);
        return 1;
      }
      delim = d === '' ? '\0' : d;
    } else if (o.opt === 's') onlyDelimited = true;
    else if (o.opt === 'C') complement = true;
    else if (o.opt === 'O') outDelim = argBin(o.arg!);
  }
  if (mode === null) {
    yield* warn('cut: you must specify a list of bytes, characters, or fields' + TRY);
    return 1;
  }
  if (mode === 'b' && delim !== null) {
    yield* warn('cut: an input delimiter may be specified only when operating on fields' + TRY);
    return 1;
  }
  if (mode === 'b' && onlyDelimited) {
    yield* warn('cut: suppressing non-delimited lines makes sense\n\tonly when operating on fields' + TRY);
    return 1;
  }
  const ranges: Range[] = [];
  const what = mode === 'f' ? 'fields' : 'byte/character positions';
  for (const part of list.split(/[,\s]/)) {
    const m = /^(\d*)(-?)(\d*)$/.exec(part);
    if (!m || part === '' || part === '-') {
      yield* warn(`cut: ${mode === 'f' ? 'invalid field value' : 'invalid byte/character position'} ‘${part}’` + TRY);
      return 1;
    }
    const lo = m[1] ? Number(m[1]) : 1;
    const hi = m[2] ? (m[3] ? Number(m[3]) : Infinity) : lo;
    if ((m[1] && lo === 0) || (m[3] && Number(m[3]) === 0)) {
      yield* warn(`cut: ${what} are numbered from 1` + TRY);
      return 1;
    }
    if (hi < lo) {
      yield* warn('cut: invalid decreasing range' + TRY);
      return 1;
    }
    ranges.push([lo, hi]);
  }
  const selected = (n: number) => ranges.some(([a, b]) => n >= a && n <= b) !== complement;
  const d = delim ?? '\t';
  const od = outDelim ?? (mode === 'f' ? d : '');
  let status = 0;
  const files = g.operands.length ? g.operands : ['-'];
  for (const name of files) {
    const data = yield* slurp('cut', name);
    if (data === null) {
      status = 1;
      continue;
    }
    let text = '';
    for (const raw of lines(data)) {
      const line = raw.endsWith('\n') ? raw.slice(0, -1) : raw;
      if (mode === 'f') {
        if (!line.includes(d)) {
          if (!onlyDelimited) text += line + '\n';
          continue;
        }
        text += line.split(d).filter((_, i) => selected(i + 1)).join(od) + '\n';
      } else {
        // With an output delimiter, it goes between non-adjacent selected runs, as GNU does.
        let s = '';
        let prev = -2;
        for (let i = 0; i < line.length; i++) {
          if (!selected(i + 1)) continue;
          if (od && prev >= 0 && prev !== i - 1) s += od;
          s += line[i];
          prev = i;
        }
        text += s + '\n';
      }
    }
    yield* out(text);
  }
  return status;
}
