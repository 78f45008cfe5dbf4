// mkdir (GNU coreutils): create directories; -p makes missing parents (and accepts existing
// directories), -m MODE sets the mode, -v reports each directory made.

import type { Sys } from '../../runtime/context';
import { errno } from '../../libc/process';
import { getopt } from '../../libc/getopt';
import { chmod, mkdir, stat } from '../../libc/sys_stat';
import { fwrite, stdout } from '../../libc/stdio';
import { S_ISDIR } from '../../../uapi/stat';
import { EEXIST, ENOTDIR } from '../../../uapi/errno';
import { cq, q, usageError, warn, warnErrno } from './lib/common';
import { getUmask, modeFromOption } from './lib/mode';

export function* mkdir_(argv: string[]): Sys<number> {
  const r = yield* getopt('mkdir', argv, 'pm:v', [
    { name: 'parents', hasArg: 0, val: 'p' }, { name: 'mode', hasArg: 1, val: 'm' }, { name: 'verbose', hasArg: 0, val: 'v' },
  ]);
  if (r.error) return 1;
  const parents = r.options.some((o) => o.opt === 'p');
  const verbose = r.options.some((o) => o.opt === 'v');
  const modeSpec = r.options.filter((o) => o.opt === 'm').pop()?.arg ?? null;
  if (r.operands.length === 0) return yield* usageError('mkdir', 'missing operand');
  const mask = yield* getUmask();
  const mode = modeSpec === null ? 0o777 & ~mask : yield* modeFromOption(modeSpec, 0o777, true);
  if (mode === null) {
    yield* warn('mkdir', `invalid mode ${cq(modeSpec!)}`);
    return 1;
  }
  // Parents get the default mode plus u+wx, so that mkdir can go on creating inside them.
  const parentMode = (0o777 & ~mask) | 0o300;

  /** Make one directory; with `exists` true an existing directory is no error. */
  function* make(path: string, m: number, exists: boolean, last: boolean): Sys<boolean> {
    if ((yield* mkdir(path, m)) >= 0) {
      if (modeSpec !== null && last) yield* chmod(path, m);
      if (verbose) yield* fwrite(stdout(), `mkdir: created directory ${q(path)}\n`);
      return true;
    }
    let e = errno();
    if (e === EEXIST && exists) {
      const st = yield* stat(path);
      if (st && S_ISDIR(st.mode)) return true;
      // A file where a parent should be: the walk cannot go on through it.
      if (!last) e = ENOTDIR;
    }
    yield* warnErrno('mkdir', `cannot create directory ${cq(path)}`, e);
    return false;
  }

  let status = 0;
  for (const path of r.operands) {
    if (!parents) {
      if (!(yield* make(path, mode, false, true))) status = 1;
      continue;
    }
    const parts = path.split('/').filter((p) => p !== '');
    let cur = path.startsWith('/') ? '/' : '';
    for (let i = 0; i < parts.length; i++) {
      cur += (cur === '' || cur.endsWith('/') ? '' : '/') + parts[i];
      const last = i === parts.length - 1;
      if (!(yield* make(cur, last ? mode : parentMode, true, last))) {
        status = 1;
        break;
      }
    }
  }
  return status;
}
