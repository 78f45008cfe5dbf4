// uniq (GNU coreutils): drop repeated adjacent lines of INPUT (or standard input), writing to
// OUTPUT (or standard output). -c prefix counts ("%7d "), -d only repeated, -u only unique,
// -i ignore case, -f N skip fields, -s N skip characters, -w N compare at most N characters.

import { O_CREAT, O_TRUNC, O_WRONLY } from '../../../uapi/fcntl';
import type { Sys } from '../../runtime/context';
import { getopt } from '../../libc/getopt';
import { errno } from '../../libc/process';
import { open } from '../../libc/fcntl';
import { close, writeAll } from '../../libc/unistd';
import { strerror } from '../../libc/string';
import { bytes, lines, out, slurp, warn } from './io';

export function* uniq(argv: string[]): Sys<number> {
  const g = yield* getopt('uniq', argv, 'cduif:s:w:', [
    { name: 'count', hasArg: 0, val: 'c' },
    { name: 'repeated', hasArg: 0, val: 'd' },
    { name: 'unique', hasArg: 0, val: 'u' },
    { name: 'ignore-case', hasArg: 0, val: 'i' },
    { name: 'skip-fields', hasArg: 1, val: 'f' },
    { name: 'skip-chars', hasArg: 1, val: 's' },
    { name: 'check-chars', hasArg: 1, val: 'w' },
  ]);
  if (g.error) return 1;
  const o = new Set<string>();
  let skipFields = 0;
  let skipChars = 0;
  let width = Infinity;
  for (const x of g.options) {
    if (x.opt === 'f' || x.opt === 's' || x.opt === 'w') {
      if (!/^\d+$/.test(x.arg!)) {
        const what = x.opt === 'f' ? 'number of fields to skip' : x.opt === 's' ? 'number of bytes to skip' : 'number of bytes to compare';
        yield* warn(`uniq: ${x.arg}: invalid ${what}`);
        return 1;
      }
      const v = Number(x.arg);
      if (x.opt === 'f') skipFields = v;
      else if (x.opt === 's') skipChars = v;
      else width = v;
    } else o.add(x.opt);
  }
  if (g.operands.length > 2) {
    yield* warn(`uniq: extra operand ‘${g.operands[2]}’\nTry 'uniq --help' for more information.`);
    return 1;
  }
  const data = yield* slurp('uniq', g.operands[0] ?? '-');
  if (data === null) return 1;
  const key = (l: string) => {
    let s = l.endsWith('\n') ? l.slice(0, -1) : l;
    for (let f = 0; f < skipFields; f++) s = s.replace(/^[ \t]*[^ \t]*/, '');
    s = s.slice(skipChars).slice(0, width);
    return o.has('i') ? s.toLowerCase() : s;
  };
  let text = '';
  const all = lines(data);
  for (let i = 0; i < all.length; ) {
    let j = i + 1;
    const k = key(all[i]!);
    while (j < all.length && key(all[j]!) === k) j++;
    const n = j - i;
    if ((!o.has('d') || n > 1) && (!o.has('u') || n === 1)) {
      let line = all[i]!;
      if (!line.endsWith('\n')) line += '\n';
      text += (o.has('c') ? String(n).padStart(7) + ' ' : '') + line;
    }
    i = j;
  }
  if (g.operands[1] !== undefined && g.operands[1] !== '-') {
    const fd = yield* open(g.operands[1], O_WRONLY | O_CREAT | O_TRUNC, 0o666);
    if (fd < 0) {
      yield* warn(`uniq: ${g.operands[1]}: ${strerror(errno())}`);
      return 1;
    }
    yield* writeAll(fd, bytes(text));
    yield* close(fd);
  } else yield* out(text);
  return 0;
}
