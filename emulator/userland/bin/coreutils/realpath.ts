// realpath (GNU coreutils): the canonical absolute name — symlinks, "." and ".." resolved.
// By default all but the last component must exist; -e: all must, -m: none need.

import type { Sys } from '../../runtime/context';
import { errno } from '../../libc/process';
import { getopt } from '../../libc/getopt';
import { fwrite, stdout } from '../../libc/stdio';
import { canonicalize, type CanonMode } from './lib/canon';
import { qf, usageError, warnErrno } from './lib/common';

export function* realpath(argv: string[]): Sys<number> {
  const r = yield* getopt('realpath', argv, 'emqsz', [
    { name: 'canonicalize-existing', hasArg: 0, val: 'e' }, { name: 'canonicalize-missing', hasArg: 0, val: 'm' },
    { name: 'quiet', hasArg: 0, val: 'q' }, { name: 'zero', hasArg: 0, val: 'z' },
  ]);
  if (r.error) return 1;
  let mode: CanonMode = 'all-but-last', quiet = false, zero = false;
  for (const o of r.options) {
    if (o.opt === 'e') mode = 'existing';
    else if (o.opt === 'm') mode = 'missing';
    else if (o.opt === 'q') quiet = true;
    else if (o.opt === 'z') zero = true;
  }
  if (r.operands.length === 0) return yield* usageError('realpath', 'missing operand');
  let status = 0;
  for (const p of r.operands) {
    const v = yield* canonicalize(p, mode);
    if (v === null) {
      if (!quiet) yield* warnErrno('realpath', qf(p), errno());
      status = 1;
      continue;
    }
    yield* fwrite(stdout(), v + (zero ? '\0' : '\n'));
  }
  return status;
}
