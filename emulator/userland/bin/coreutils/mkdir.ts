// mkdir (GNU coreutils): create directories (-p parents, -m MODE).

import type { Sys } from '../../runtime/context';
import { errno } from '../../libc/process';
import { getopt } from '../../libc/getopt';
import { chmod, mkdir, stat } from '../../libc/sys_stat';
import { umask } from '../../libc/unistd';
import { S_ISDIR } from '../../../uapi/stat';
import { EEXIST } from '../../../uapi/errno';
import { cq, parseMode, usageError, warn, warnErrno } from './lib/common';

export function* mkdir_(argv: string[]): Sys<number> {
  const r = yield* getopt('mkdir', argv, 'pm:v', [
    { name: 'parents', hasArg: 0, val: 'p' }, { name: 'mode', hasArg: 1, val: 'm' }, { name: 'verbose', hasArg: 0, val: 'v' },
  ]);
  if (r.error) return 1;
  let parents = false;
  let modeSpec: string | null = null;
  for (const o of r.options) {
    if (o.opt === 'p') parents = true;
    else if (o.opt === 'm') modeSpec = o.arg!;
  }
  if (r.operands.length === 0) return yield* usageError('mkdir', 'missing operand');
  const mask = yield* umask(0);
  yield* umask(mask);
  let mode = 0o777 & ~mask;
  if (modeSpec !== null) {
    const m = parseMode(modeSpec, 0o777, true, 0);
    if (m === null) {
      yield* warn('mkdir', `invalid mode ${cq(modeSpec)}`);
      return 1;
    }
    mode = m;
  }
  let status = 0;
  for (const path of r.operands) {
    if (parents) {
      const parts = path.split('/');
      let cur = path.startsWith('/') ? '/' : '';
      let ok = true;
      for (let i = 0; i < parts.length; i++) {
        if (parts[i] === '') continue;
        cur = cur === '' || cur.endsWith('/') ? cur + parts[i] : `${cur}/${parts[i]}`;
        const last = parts.slice(i + 1).every((x) => x === '');
        const rc = yield* mkdir(cur, last ? mode : 0o777 & ~mask | 0o300);
        if (rc < 0) {
          const e = errno();
          const st = yield* stat(cur);
          if (e === EEXIST && st && S_ISDIR(st.mode)) continue;
          yield* warnErrno('mkdir', `cannot create directory ${cq(cur)}`, e === EEXIST && st && !last ? 20 /* ENOTDIR */ : e);
          ok = false;
          break;
        }
        if (last && modeSpec !== null) yield* chmod(cur, mode);
      }
      if (!ok) status = 1;
    } else {
      if ((yield* mkdir(path, mode)) < 0) {
        yield* warnErrno('mkdir', `cannot create directory ${cq(path)}`);
        status = 1;
      } else if (modeSpec !== null) yield* chmod(path, mode);
    }
  }
  return status;
}
