// chmod (GNU coreutils): change file mode bits, octal or symbolic (u+x,go-w,a=r); -R recursive.

import type { Sys } from '../../runtime/context';
import { getopt, type ParsedOption } from '../../libc/getopt';
import { chmod as chmodCall, lstat, stat } from '../../libc/sys_stat';
import { readdir } from '../../libc/dirent';
import { fputs, stderr } from '../../libc/stdio';
import { umask } from '../../libc/unistd';
import { S_ISDIR, S_ISLNK } from '../../../uapi/stat';
import { cq, joinPath, parseMode, q, usageError, warn, warnErrno } from './lib/common';

export function* chmod(argv: string[]): Sys<number> {
  // A mode like "-w" looks like an option: pull it out before getopt, as GNU does.
  let modeArg: string | null = null;
  const rest: string[] = [argv[0]];
  for (const a of argv.slice(1)) {
    if (modeArg === null && /^[-+=][rwxXstugo]*$/.test(a) && a !== '-' && !/^-[Rcfv]+$/.test(a)) modeArg = a;
    else rest.push(a);
  }
  const r = yield* getopt('chmod', rest, 'Rcfv', [{ name: 'recursive', hasArg: 0, val: 'R' }]);
  if (r.error) return 1;
  const recursive = r.options.some((o: ParsedOption) => o.opt === 'R');
  const ops = r.operands;
  if (modeArg === null) modeArg = ops.shift() ?? null;
  if (modeArg === null) return yield* usageError('chmod', 'missing operand');
  if (ops.length === 0) return yield* usageError('chmod', `missing operand after ${cq(modeArg)}`);
  const mask = yield* umask(0);
  yield* umask(mask);
  if (parseMode(modeArg, 0, false, mask) === null) {
    yield* warn('chmod', `invalid mode: ${cq(modeArg)}`);
    yield* fputs("Try 'chmod --help' for more information.\n", stderr());
    return 1;
  }
  let status = 0;
  const spec = modeArg;
  function* one(path: string, top: boolean): Sys<void> {
    const lst = yield* lstat(path);
    if (lst && S_ISLNK(lst.mode) && !top) return;
    const st = yield* stat(path);
    if (!st) {
      yield* warnErrno('chmod', `cannot access ${q(path)}`);
      status = 1;
      return;
    }
    const m = parseMode(spec, st.mode, S_ISDIR(st.mode), mask)!;
    if ((yield* chmodCall(path, m)) < 0) {
      yield* warnErrno('chmod', `changing permissions of ${q(path)}`);
      status = 1;
    }
    if (recursive && S_ISDIR(st.mode)) {
      const ents = yield* readdir(path);
      if (!ents) {
        yield* warnErrno('chmod', `cannot read directory ${q(path)}`);
        status = 1;
        return;
      }
      for (const e of ents) if (e.name !== '.' && e.name !== '..') yield* one(joinPath(path, e.name), false);
    }
  }
  for (const p of ops) yield* one(p, true);
  return status;
}
