// mv (GNU coreutils): rename files with rename(2); into a directory when the last operand is one.
// Simplification: no copy fallback across filesystems (EXDEV is reported).

import type { Sys } from '../../runtime/context';
import { errno } from '../../libc/process';
import { getopt } from '../../libc/getopt';
import { lstat, stat } from '../../libc/sys_stat';
import { rename } from '../../libc/unistd';
import { S_ISDIR } from '../../../uapi/stat';
import { baseName, joinPath, q, usageError, warn, warnErrno } from './lib/common';

export function* mv(argv: string[]): Sys<number> {
  const r = yield* getopt('mv', argv, 'fiTvn', [{ name: 'force', hasArg: 0, val: 'f' }]);
  if (r.error) return 1;
  const noTargetDir = r.options.some((o) => o.opt === 'T');
  const ops = r.operands;
  if (ops.length === 0) return yield* usageError('mv', 'missing file operand');
  if (ops.length === 1) return yield* usageError('mv', `missing destination file operand after ${q(ops[0])}`);
  const last = ops[ops.length - 1];
  const dst = yield* stat(last);
  let pairs: [string, string][];
  if (!noTargetDir && dst && S_ISDIR(dst.mode)) pairs = ops.slice(0, -1).map((s) => [s, joinPath(last, baseName(s))]);
  else if (ops.length > 2) {
    yield* warnErrno('mv', `target ${q(last)}`, dst ? 20 /* ENOTDIR */ : errno());
    return 1;
  } else pairs = [[ops[0], last]];
  let status = 0;
  for (const [s, d] of pairs) {
    const sst = yield* lstat(s);
    if (!sst) {
      yield* warnErrno('mv', `cannot stat ${q(s)}`);
      status = 1;
      continue;
    }
    const dst2 = yield* lstat(d);
    if (dst2 && dst2.dev === sst.dev && dst2.ino === sst.ino) {
      yield* warn('mv', `${q(s)} and ${q(d)} are the same file`);
      status = 1;
      continue;
    }
    if (dst2 && S_ISDIR(sst.mode) && !S_ISDIR(dst2.mode)) {
      yield* warn('mv', `cannot overwrite non-directory ${q(d)} with directory ${q(s)}`);
      status = 1;
      continue;
    }
    if (dst2 && !S_ISDIR(sst.mode) && S_ISDIR(dst2.mode)) {
      yield* warn('mv', `cannot overwrite directory ${q(d)} with non-directory`);
      status = 1;
      continue;
    }
    if ((yield* rename(s, d)) < 0) {
      const e = errno();
      if (e === 22) yield* warn('mv', `cannot move ${q(s)} to a subdirectory of itself, ${q(d)}`);
      else yield* warnErrno('mv', `cannot move ${q(s)} to ${q(d)}`, e);
      status = 1;
    }
  }
  return status;
}
