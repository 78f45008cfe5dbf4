// tail (GNU coreutils): the last 10 lines (-n N) or bytes (-c N) of each FILE; +N starts at line
// (byte) N instead; -N is short for -n N; "==> name <==" headers for several files (-q/-v).
// Simplification: no -f; the whole input is read first.

import type { Sys } from '../../runtime/context';
import { badOption, lines, out, slurp, warn } from './io';

export function* tail(argv: string[]): Sys<number> {
  let count = 10;
  let bytesMode = false;
  let fromStart = false;
  let headers: boolean | null = null;
  const files: string[] = [];
  const args = argv.slice(1);
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') {
      files.push(...args.slice(i + 1));
      break;
    }
    if (/^[-+]\d+$/.test(a) && !(a.startsWith('+') && files.length)) {
      count = parseInt(a.slice(1), 10);
      fromStart = a.startsWith('+');
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const f = a[j]!;
        if (f === 'n' || f === 'c') {
          const v = j + 1 < a.length ? a.slice(j + 1) : args[++i];
          if (v === undefined) {
            yield* warn(`tail: option requires an argument -- '${f}'\nTry 'tail --help' for more information.`);
            return 1;
          }
          let s = v;
          fromStart = s.startsWith('+');
          if (fromStart || s.startsWith('-')) s = s.slice(1);
          if (!/^\d+$/.test(s)) {
            yield* warn(`tail: invalid number of ${f === 'c' ? 'bytes' : 'lines'}: ‘${v}’`);
            return 1;
          }
          count = parseInt(s, 10);
          bytesMode = f === 'c';
          break;
        } else if (f === 'q') headers = false;
        else if (f === 'v') headers = true;
        else if (f === 'f' || f === 'F') continue;
        else return yield* badOption('tail', f);
      }
    } else files.push(a);
  }
  if (!files.length) files.push('-');
  const show = headers ?? files.length > 1;
  let status = 0;
  let first = true;
  for (const name of files) {
    const data = yield* slurp('tail', name, (n) => `cannot open '${n}' for reading`);
    if (data === null) {
      status = 1;
      continue;
    }
    if (show) yield* out(`${first ? '' : '\n'}==> ${name === '-' ? 'standard input' : name} <==\n`);
    first = false;
    if (bytesMode) yield* out(fromStart ? data.slice(Math.max(0, count - 1)) : data.slice(Math.max(0, data.length - count)));
    else {
      const ls = lines(data);
      yield* out((fromStart ? ls.slice(Math.max(0, count - 1)) : ls.slice(Math.max(0, ls.length - count))).join(''));
    }
  }
  return status;
}
