// rm (GNU coreutils): remove files; -r/-R directories and their contents, -d empty directories,
// -f never prompt and ignore missing files, -i prompt for every removal, -I prompt once for more
// than three files or a recursive removal. Without -f, write-protected files are asked about when
// standard input is a terminal. A child that could not be removed leaves its ancestors in place
// without further complaint; one the user chose to keep makes its directory's removal fail.

import type { Sys } from '../../runtime/context';
import { errno } from '../../libc/process';
import { getopt } from '../../libc/getopt';
import { lstat, type Stat } from '../../libc/sys_stat';
import { readdir } from '../../libc/dirent';
import { access, isatty, rmdir, unlink } from '../../libc/unistd';
import { fputs, getline, stderr, stdin } from '../../libc/stdio';
import { S_ISDIR, S_ISLNK } from '../../../uapi/stat';
import { W_OK } from '../../../uapi/fcntl';
import { ENOENT } from '../../../uapi/errno';
import { baseName, joinPath, q, usageError, warn, warnErrno } from './lib/common';
import { fileTypeName } from './lib/mode';

type Outcome = 'removed' | 'kept' | 'failed';

interface Opts {
  force: boolean;
  interactive: 'never' | 'once' | 'always';
  recursive: boolean;
  dirs: boolean;
  stdinTty: boolean;
}

/** Ask on stderr and read a line: yes if it starts with y or Y (the C locale's rpmatch). */
function* confirm(question: string): Sys<boolean> {
  yield* fputs(`rm: ${question}? `, stderr());
  const answer = yield* getline(stdin());
  return answer !== null && /^[yY]/.test(answer);
}

/** -i, or a write-protected file on a terminal without -f: may we go on? */
function* mayRemove(path: string, st: Stat, o: Opts, action: 'remove' | 'descend into'): Sys<boolean> {
  const writeProtected = !o.force && o.stdinTty && !S_ISLNK(st.mode) && (yield* access(path, W_OK)) < 0;
  if (o.interactive !== 'always' && !writeProtected) return true;
  const type = action === 'descend into' ? 'directory' : fileTypeName(st.mode, st.size);
  return yield* confirm(`${action} ${writeProtected ? 'write-protected ' : ''}${type} ${q(path)}`);
}

function* removeTree(path: string, st: Stat, o: Opts): Sys<Outcome> {
  const ents = yield* readdir(path);
  if (!ents) {
    yield* warnErrno('rm', `cannot remove ${q(path)}`);
    return 'failed';
  }
  const children = ents.filter((e) => e.name !== '.' && e.name !== '..');
  if (children.length > 0 && !(yield* mayRemove(path, st, o, 'descend into'))) return 'kept';
  let failed = false;
  for (const e of children) if ((yield* removeOne(joinPath(path, e.name), o)) === 'failed') failed = true;
  if (failed) return 'failed';
  if (!(yield* mayRemove(path, st, o, 'remove'))) return 'kept';
  if ((yield* rmdir(path)) < 0) {
    yield* warnErrno('rm', `cannot remove ${q(path)}`);
    return 'failed';
  }
  return 'removed';
}

function* removeOne(path: string, o: Opts): Sys<Outcome> {
  const st = yield* lstat(path);
  if (!st) {
    if (o.force && errno() === ENOENT) return 'removed';
    yield* warnErrno('rm', `cannot remove ${q(path)}`);
    return 'failed';
  }
  if (S_ISDIR(st.mode)) {
    if (!o.recursive && !o.dirs) {
      yield* warn('rm', `cannot remove ${q(path)}: Is a directory`);
      return 'failed';
    }
    const b = baseName(path);
    if (b === '.' || b === '..') {
      yield* warn('rm', `refusing to remove '.' or '..' directory: skipping ${q(path)}`);
      return 'failed';
    }
    if (o.recursive) return yield* removeTree(path, st, o);
    if (!(yield* mayRemove(path, st, o, 'remove'))) return 'kept';
    if ((yield* rmdir(path)) < 0) {
      yield* warnErrno('rm', `cannot remove ${q(path)}`);
      return 'failed';
    }
    return 'removed';
  }
  if (!(yield* mayRemove(path, st, o, 'remove'))) return 'kept';
  if ((yield* unlink(path)) < 0) {
    yield* warnErrno('rm', `cannot remove ${q(path)}`);
    return 'failed';
  }
  return 'removed';
}

export function* rm(argv: string[]): Sys<number> {
  const r = yield* getopt('rm', argv, 'dfiIrRv', [
    { name: 'force', hasArg: 0, val: 'f' }, { name: 'recursive', hasArg: 0, val: 'r' }, { name: 'dir', hasArg: 0, val: 'd' },
  ]);
  if (r.error) return 1;
  const o: Opts = { force: false, interactive: 'never', recursive: false, dirs: false, stdinTty: yield* isatty(0) };
  // -f, -i and -I override each other: the last one wins.
  for (const { opt } of r.options) {
    if (opt === 'f') [o.force, o.interactive] = [true, 'never'];
    else if (opt === 'i') [o.force, o.interactive] = [false, 'always'];
    else if (opt === 'I') [o.force, o.interactive] = [false, 'once'];
    else if (opt === 'r' || opt === 'R') o.recursive = true;
    else if (opt === 'd') o.dirs = true;
  }
  const ops = r.operands;
  if (ops.length === 0) return o.force ? 0 : yield* usageError('rm', 'missing operand');
  if (o.interactive === 'once' && (ops.length > 3 || o.recursive)) {
    const n = ops.length;
    if (!(yield* confirm(`remove ${n} argument${n === 1 ? '' : 's'}${o.recursive ? ' recursively' : ''}`))) return 0;
  }
  let status = 0;
  for (const p of ops) {
    if (o.recursive && /^\/+$/.test(p)) {
      yield* warn('rm', `it is dangerous to operate recursively on ${q('/')}`);
      yield* warn('rm', 'use --no-preserve-root to override this failsafe');
      status = 1;
      continue;
    }
    if ((yield* removeOne(p, o)) === 'failed') status = 1;
  }
  return status;
}
