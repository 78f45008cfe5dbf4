// mkfifo (GNU coreutils): make named pipes; -m MODE sets their mode (default 0666 less the umask).

import type { Sys } from '../../runtime/context';
import { getopt } from '../../libc/getopt';
import { chmod, mkfifo as mkfifoCall } from '../../libc/sys_stat';
import { q, usageError, warn, warnErrno } from './lib/common';
import { getUmask, modeFromOption } from './lib/mode';

export function* mkfifo(argv: string[]): Sys<number> {
  const r = yield* getopt('mkfifo', argv, 'm:', [{ name: 'mode', hasArg: 1, val: 'm' }]);
  if (r.error) return 1;
  const spec = r.options.filter((o) => o.opt === 'm').pop()?.arg ?? null;
  if (r.operands.length === 0) return yield* usageError('mkfifo', 'missing operand');
  const mode = spec === null ? 0o666 & ~(yield* getUmask()) : yield* modeFromOption(spec, 0o666, false);
  if (mode === null) {
    yield* warn('mkfifo', 'invalid mode');
    return 1;
  }
  let status = 0;
  for (const p of r.operands) {
    if ((yield* mkfifoCall(p, mode)) < 0) {
      yield* warnErrno('mkfifo', `cannot create fifo ${q(p)}`);
      status = 1;
    } else if (spec !== null) yield* chmod(p, mode);
  }
  return status;
}
