// ln (GNU coreutils): make hard links, or symbolic links with -s; -f removes existing destinations.

import type { Sys } from '../../runtime/context';
import { errno } from '../../libc/process';
import { getopt } from '../../libc/getopt';
import { stat, lstat } from '../../libc/sys_stat';
import { link, symlink, unlink } from '../../libc/unistd';
import { S_ISDIR } from '../../../uapi/stat';
import { baseName, dirName, joinPath, q, usageError, warn, warnErrno } from './lib/common';

export function* ln(argv: string[]): Sys<number> {
  const r = yield* getopt('ln', argv, 'sfnTv', [
    { name: 'symbolic', hasArg: 0, val: 's' }, { name: 'force', hasArg: 0, val: 'f' },
    { name: 'no-dereference', hasArg: 0, val: 'n' },
  ]);
  if (r.error) return 1;
  let sym = false, force = false, noDeref = false, noTargetDir = false;
  for (const o of r.options) {
    if (o.opt === 's') sym = true;
    else if (o.opt === 'f') force = true;
    else if (o.opt === 'n') noDeref = true;
    else if (o.opt === 'T') noTargetDir = true;
  }
  const ops = r.operands;
  if (ops.length === 0) return yield* usageError('ln', 'missing file operand');
  let pairs: [string, string][];
  if (ops.length === 1) pairs = [[ops[0], joinPath('.', baseName(ops[0]))]];
  else {
    const last = ops[ops.length - 1];
    const st = noDeref ? yield* lstat(last) : yield* stat(last);
    if (!noTargetDir && st && S_ISDIR(st.mode)) pairs = ops.slice(0, -1).map((s) => [s, joinPath(last, baseName(s))]);
    else if (ops.length > 2) {
      yield* warnErrno('ln', `target ${q(last)}`, st ? 20 /* ENOTDIR */ : errno());
      return 1;
    } else pairs = [[ops[0], last]];
  }
  let status = 0;
  for (const [src, dst] of pairs) {
    if (force) {
      const d = yield* lstat(dst);
      const srcPath = sym && !src.startsWith('/') ? joinPath(dirName(dst), src) : src;
      const s = yield* lstat(srcPath);
      if (d && s && d.dev === s.dev && d.ino === s.ino) {
        yield* warn('ln', `${q(src)} and ${q(dst)} are the same file`);
        status = 1;
        continue;
      }
      if (d) yield* unlink(dst);
    }
    const rc = sym ? yield* symlink(src, dst) : yield* link(src, dst);
    if (rc < 0) {
      const e = errno();
      if (sym) yield* warnErrno('ln', `failed to create symbolic link ${q(dst)}`, e);
      else if (e === 2 && !(yield* lstat(src))) yield* warnErrno('ln', `failed to access ${q(src)}`, e);
      else yield* warnErrno('ln', `failed to create hard link ${q(dst)}`, e);
      status = 1;
    }
  }
  return status;
}
