// readlink (GNU coreutils): print a symlink's target, or with -f/-e/-m the canonical name.

import type { Sys } from '../../runtime/context';
import { errno } from '../../libc/process';
import { getopt } from '../../libc/getopt';
import { fwrite, stdout } from '../../libc/stdio';
import { readlink as readlinkCall } from '../../libc/unistd';
import { canonicalize, type CanonMode } from './lib/canon';
import { qf, usageError, warnErrno } from './lib/common';

export function* readlink(argv: string[]): Sys<number> {
  const r = yield* getopt('readlink', argv, 'femnqsvz', [
    { name: 'canonicalize', hasArg: 0, val: 'f' }, { name: 'canonicalize-existing', hasArg: 0, val: 'e' },
    { name: 'canonicalize-missing', hasArg: 0, val: 'm' }, { name: 'no-newline', hasArg: 0, val: 'n' },
    { name: 'verbose', hasArg: 0, val: 'v' }, { name: 'quiet', hasArg: 0, val: 'q' }, { name: 'silent', hasArg: 0, val: 's' },
    { name: 'zero', hasArg: 0, val: 'z' },
  ]);
  if (r.error) return 1;
  let mode: CanonMode | null = null, noNewline = false, verbose = false, zero = false;
  for (const o of r.options) {
    if (o.opt === 'f') mode = 'all-but-last';
    else if (o.opt === 'e') mode = 'existing';
    else if (o.opt === 'm') mode = 'missing';
    else if (o.opt === 'n') noNewline = true;
    else if (o.opt === 'v') verbose = true;
    else if (o.opt === 'q' || o.opt === 's') verbose = false;
    else if (o.opt === 'z') zero = true;
  }
  if (r.operands.length === 0) return yield* usageError('readlink', 'missing operand');
  if (noNewline && r.operands.length > 1) noNewline = false;
  let status = 0;
  for (const p of r.operands) {
    const v = mode ? yield* canonicalize(p, mode) : yield* readlinkCall(p);
    if (v === null) {
      if (verbose) yield* warnErrno('readlink', qf(p), errno());
      status = 1;
      continue;
    }
    yield* fwrite(stdout(), v + (noNewline ? '' : zero ? '\0' : '\n'));
  }
  return status;
}
