// rm (GNU coreutils): remove files (-f force, -r/-R recursive, -d empty directories).

import type { Sys } from '../../runtime/context';
import { errno } from '../../libc/process';
import { getopt } from '../../libc/getopt';
import { lstat } from '../../libc/sys_stat';
import { readdir } from '../../libc/dirent';
import { rmdir, unlink } from '../../libc/unistd';
import { S_ISDIR } from '../../../uapi/stat';
import { ENOENT } from '../../../uapi/errno';
import { baseName, joinPath, q, usageError, warn, warnErrno } from './lib/common';

function* removeTree(path: string, force: boolean): Sys<boolean> {
  const ents = yield* readdir(path);
  if (!ents) {
    yield* warnErrno('rm', `cannot remove ${q(path)}`);
    return false;
  }
  let ok = true;
  for (const e of ents) {
    if (e.name === '.' || e.name === '..') continue;
    if (!(yield* removeOne(joinPath(path, e.name), true, force, false))) ok = false;
  }
  if (!ok) return false;
  if ((yield* rmdir(path)) < 0) {
    yield* warnErrno('rm', `cannot remove ${q(path)}`);
    return false;
  }
  return true;
}

function* removeOne(path: string, recursive: boolean, force: boolean, dirOk: boolean): Sys<boolean> {
  const st = yield* lstat(path);
  if (!st) {
    if (force && errno() === ENOENT) return true;
    yield* warnErrno('rm', `cannot remove ${q(path)}`);
    return false;
  }
  if (S_ISDIR(st.mode)) {
    const b = baseName(path);
    if (!recursive && !dirOk) {
      yield* warn('rm', `cannot remove ${q(path)}: Is a directory`);
      return false;
    }
    if (b === '.' || b === '..') {
      yield* warn('rm', `refusing to remove '.' or '..' directory: skipping ${q(path)}`);
      return false;
    }
    if (recursive) return yield* removeTree(path, force);
    if (dirOk) {
      if ((yield* rmdir(path)) < 0) {
        yield* warnErrno('rm', `cannot remove ${q(path)}`);
        return false;
      }
      return true;
    }
    yield* warn('rm', `cannot remove ${q(path)}: Is a directory`);
    return false;
  }
  if ((yield* unlink(path)) < 0) {
    yield* warnErrno('rm', `cannot remove ${q(path)}`);
    return false;
  }
  return true;
}

export function* rm(argv: string[]): Sys<number> {
  const r = yield* getopt('rm', argv, 'frRidv', [
    { name: 'force', hasArg: 0, val: 'f' }, { name: 'recursive', hasArg: 0, val: 'r' }, { name: 'dir', hasArg: 0, val: 'd' },
  ]);
  if (r.error) return 1;
  let force = false, recursive = false, dirOk = false;
  for (const o of r.options) {
    if (o.opt === 'f') force = true;
    else if (o.opt === 'r' || o.opt === 'R') recursive = true;
    else if (o.opt === 'd') dirOk = true;
    else if (o.opt === 'i') force = false;
  }
  if (r.operands.length === 0) {
    if (force) return 0;
    return yield* usageError('rm', 'missing operand');
  }
  let status = 0;
  for (const p of r.operands) {
    if (recursive && /^\/+$/.test(p)) {
      yield* warn('rm', `it is dangerous to operate recursively on ${q('/')}`);
      yield* warn('rm', 'use --no-preserve-root to override this failsafe');
      status = 1;
      continue;
    }
    if (!(yield* removeOne(p, recursive, force, dirOk))) status = 1;
  }
  return status;
}
