// dirname (GNU coreutils): each name with its last component removed ("." when there is none).

import type { Sys } from '../../runtime/context';
import { getopt } from '../../libc/getopt';
import { fwrite, stdout } from '../../libc/stdio';
import { dirName, usageError } from './lib/common';

export function* dirname(argv: string[]): Sys<number> {
  const r = yield* getopt('dirname', argv, 'z', [{ name: 'zero', hasArg: 0, val: 'z' }]);
  if (r.error) return 1;
  const zero = r.options.some((o) => o.opt === 'z');
  if (r.operands.length === 0) return yield* usageError('dirname', 'missing operand');
  yield* fwrite(stdout(), r.operands.map((n) => dirName(n) + (zero ? '\0' : '\n')).join(''));
  return 0;
}
