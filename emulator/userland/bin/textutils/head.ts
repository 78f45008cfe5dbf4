// head (GNU coreutils): the first 10 lines (-n N), or bytes (-c N), of each FILE; -n -N / -c -N
// print all but the last N; -N is short for -n N; -q/-v control the "==> name <==" headers.
// Simplification: the whole input is read before printing; multiplier suffixes (k, M) are not taken.

import type { Sys } from '../../runtime/context';
import { badOption, lines, out, slurp, warn } from './io';

export function* head(argv: string[]): Sys<number> {
  let count = 10;
  let bytesMode = false;
  let allBut = false;
  let headers: boolean | null = null;
  const files: string[] = [];
  const args = argv.slice(1);
  function* setNum(v: string | undefined, isBytes: boolean): Sys<boolean> {
    bytesMode = isBytes;
    let s = v ?? '';
    allBut = s.startsWith('-');
    if (allBut || s.startsWith('+')) s = s.slice(1);
    if (!/^\d+$/.test(s)) {
      yield* warn(`head: invalid number of ${isBytes ? 'bytes' : 'lines'}: ‘${v ?? ''}’`);
      return false;
    }
    count = parseInt(s, 10);
    return true;
  }
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') {
      files.push(...args.slice(i + 1));
      break;
    }
    if (/^-\d+$/.test(a)) {
      count = parseInt(a.slice(1), 10);
      bytesMode = false;
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const f = a[j]!;
        if (f === 'n' || f === 'c') {
          const v = j + 1 < a.length ? a.slice(j + 1) : args[++i];
          if (v === undefined) {
            yield* warn(`head: option requires an argument -- '${f}'\nTry 'head --help' for more information.`);
            return 1;
          }
          if (!(yield* setNum(v, f === 'c'))) return 1;
          break;
        } else if (f === 'q') headers = false;
        else if (f === 'v') headers = true;
        else return yield* badOption('head', f);
      }
    } else files.push(a);
  }
  if (!files.length) files.push('-');
  const show = headers ?? files.length > 1;
  let status = 0;
  let first = true;
  for (const name of files) {
    // Stop reading once enough is in (yes | head must end); all-but-last needs everything.
    let seen = 0;
    const enough = allBut ? undefined : (chunk: string) => (bytesMode ? (seen += chunk.length) >= count : (seen += chunk.split('\n').length - 1) >= count);
    const data = yield* slurp('head', name, (n) => `cannot open '${n}' for reading`, enough);
    if (data === null) {
      status = 1;
      continue;
    }
    if (show) yield* out(`${first ? '' : '\n'}==> ${name === '-' ? 'standard input' : name} <==\n`);
    first = false;
    if (bytesMode) yield* out(allBut ? data.slice(0, Math.max(0, data.length - count)) : data.slice(0, count));
    else {
      const ls = lines(data);
      yield* out((allBut ? ls.slice(0, Math.max(0, ls.length - count)) : ls.slice(0, count)).join(''));
    }
  }
  return status;
}
