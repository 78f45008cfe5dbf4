// chown (GNU coreutils): change owner and group: OWNER, OWNER:GROUP, OWNER:, :GROUP (names or
// numbers); -R recursive, -h affects symlinks themselves.

import type { Sys } from '../../runtime/context';
import { getopt } from '../../libc/getopt';
import { lstat, stat } from '../../libc/sys_stat';
import { readdir } from '../../libc/dirent';
import { chown as chownCall } from '../../libc/unistd';
import { getpwnam } from '../../libc/pwd';
import { fputs, stderr } from '../../libc/stdio';
import { AT_SYMLINK_NOFOLLOW } from '../../../uapi/fcntl';
import { S_ISDIR, S_ISLNK } from '../../../uapi/stat';
import { getgrnam } from '../../libc/grp';
import { cq, joinPath, q, usageError, warnErrno } from './lib/common';

export function* chown(argv: string[]): Sys<number> {
  const r = yield* getopt('chown', argv, 'RhcfvHLP', [
    { name: 'recursive', hasArg: 0, val: 'R' }, { name: 'no-dereference', hasArg: 0, val: 'h' },
  ]);
  if (r.error) return 1;
  const recursive = r.options.some((o) => o.opt === 'R');
  const noDeref = r.options.some((o) => o.opt === 'h');
  const ops = r.operands;
  if (ops.length === 0) return yield* usageError('chown', 'missing operand');
  const spec = ops.shift()!;
  if (ops.length === 0) return yield* usageError('chown', `missing operand after ${cq(spec)}`);
  let sep = spec.indexOf(':');
  if (sep < 0 && spec.includes('.')) {
    sep = spec.indexOf('.');
    yield* fputs(`chown: warning: '.' should be ':': ${cq(spec)}\n`, stderr());
  }
  const userPart = sep < 0 ? spec : spec.slice(0, sep);
  const groupPart = sep < 0 ? '' : spec.slice(sep + 1);
  let uid = -1, gid = -1;
  if (userPart !== '') {
    const pw = yield* getpwnam(userPart);
    if (pw) {
      uid = pw.uid;
      if (sep >= 0 && groupPart === '') gid = pw.gid;
    } else if (/^\d+$/.test(userPart)) uid = Number(userPart);
    else {
      yield* fputs(`chown: invalid user: ${cq(spec)}\n`, stderr());
      return 1;
    }
  }
  if (groupPart !== '') {
    const gr = yield* getgrnam(groupPart);
    if (gr) gid = gr.gid;
    else if (/^\d+$/.test(groupPart)) gid = Number(groupPart);
    else {
      yield* fputs(`chown: invalid group: ${cq(spec)}\n`, stderr());
      return 1;
    }
  }
  let status = 0;
  function* one(path: string, top: boolean): Sys<void> {
    const lst = yield* lstat(path);
    if (!lst) {
      yield* warnErrno('chown', `cannot access ${q(path)}`);
      status = 1;
      return;
    }
    const isLink = S_ISLNK(lst.mode);
    const nofollow = noDeref || (isLink && !top);
    if (!nofollow && !(yield* stat(path))) {
      yield* warnErrno('chown', `cannot dereference ${q(path)}`);
      status = 1;
      return;
    }
    if ((yield* chownCall(path, uid, gid, nofollow ? AT_SYMLINK_NOFOLLOW : 0)) < 0) {
      yield* warnErrno('chown', `changing ownership of ${q(path)}`);
      status = 1;
    }
    if (recursive && S_ISDIR(lst.mode)) {
      const ents = yield* readdir(path);
      if (!ents) {
        yield* warnErrno('chown', `cannot read directory ${q(path)}`);
        status = 1;
        return;
      }
      for (const e of ents) if (e.name !== '.' && e.name !== '..') yield* one(joinPath(path, e.name), false);
    }
  }
  for (const p of ops) yield* one(p, true);
  return status;
}
