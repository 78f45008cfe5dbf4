// basename (GNU coreutils): strip the directory and, optionally, a suffix from file names.
//   basename NAME [SUFFIX] | basename -a [-s SUFFIX] NAME...

import type { Sys } from '../../runtime/context';
import { getopt } from '../../libc/getopt';
import { fwrite, stdout } from '../../libc/stdio';
import { baseName, cq, usageError } from './lib/common';

export function* basename(argv: string[]): Sys<number> {
  const r = yield* getopt('basename', argv, 'as:z', [
    { name: 'multiple', hasArg: 0, val: 'a' }, { name: 'suffix', hasArg: 1, val: 's' }, { name: 'zero', hasArg: 0, val: 'z' },
  ]);
  if (r.error) return 1;
  let multiple = false, suffix = '', zero = false;
  for (const o of r.options) {
    if (o.opt === 'a') multiple = true;
    else if (o.opt === 's') {
      suffix = o.arg!;
      multiple = true;
    } else if (o.opt === 'z') zero = true;
  }
  const ops = r.operands;
  if (ops.length === 0) return yield* usageError('basename', 'missing operand');
  let names: string[];
  if (multiple) names = ops;
  else {
    if (ops.length > 2) return yield* usageError('basename', `extra operand ${cq(ops[2])}`);
    names = [ops[0]];
    if (ops.length === 2) suffix = ops[1];
  }
  let out = '';
  for (const n of names) {
    let b = baseName(n);
    if (suffix && b !== suffix && b.endsWith(suffix) && b !== '/') b = b.slice(0, b.length - suffix.length);
    out += b + (zero ? '\0' : '\n');
  }
  yield* fwrite(stdout(), out);
  return 0;
}
