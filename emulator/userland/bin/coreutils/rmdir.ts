// rmdir (GNU coreutils): remove empty directories (-p parents).

import type { Sys } from '../../runtime/context';
import { getopt } from '../../libc/getopt';
import { rmdir } from '../../libc/unistd';
import { dirName, q, usageError, warnErrno } from './lib/common';

export function* rmdir_(argv: string[]): Sys<number> {
  const r = yield* getopt('rmdir', argv, 'pv', [{ name: 'parents', hasArg: 0, val: 'p' }]);
  if (r.error) return 1;
  const parents = r.options.some((o) => o.opt === 'p');
  if (r.operands.length === 0) return yield* usageError('rmdir', 'missing operand');
  let status = 0;
  for (const path of r.operands) {
    if ((yield* rmdir(path)) < 0) {
      yield* warnErrno('rmdir', `failed to remove ${q(path)}`);
      status = 1;
      continue;
    }
    if (parents) {
      let p = path.replace(/\/+$/, '');
      for (;;) {
        const d = dirName(p);
        if (d === p || d === '.' || d === '/') break;
        if ((yield* rmdir(d)) < 0) {
          yield* warnErrno('rmdir', `failed to remove directory ${q(d)}`);
          status = 1;
          break;
        }
        p = d;
      }
    }
  }
  return status;
}
