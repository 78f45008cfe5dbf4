// whoami (GNU coreutils): the user name of the effective user id.

import type { Sys } from '../../runtime/context';
import { geteuid } from '../../libc/unistd';
import { getpwuid } from '../../libc/pwd';
import { fwrite, stdout } from '../../libc/stdio';
import { getopt } from '../../libc/getopt';
import { cq, usageError, warn } from './lib/common';

export function* whoami(argv: string[]): Sys<number> {
  const r = yield* getopt('whoami', argv, '');
  if (r.error) return 1;
  if (r.operands.length > 0) return yield* usageError('whoami', `extra operand ${cq(r.operands[0]!)}`);
  const uid = yield* geteuid();
  const pw = yield* getpwuid(uid);
  if (!pw) {
    yield* warn('whoami', `cannot find name for user ID ${uid}`);
    return 1;
  }
  yield* fwrite(stdout(), pw.name + '\n');
  return 0;
}
