// touch (GNU coreutils): create files and set their times to now with utimensat(2) (-c no-create,
// -a/-m access/modification only).

import { __NR } from '../../../uapi/unistd_64';
import { AT_FDCWD, O_CREAT, O_NOCTTY, O_NONBLOCK, O_WRONLY } from '../../../uapi/fcntl';
import type { Sys } from '../../runtime/context';
import { alloca, errno, pokeI64, pushString, syscall, withStack } from '../../libc/process';
import { getopt } from '../../libc/getopt';
import { open } from '../../libc/fcntl';
import { close } from '../../libc/unistd';
import { q, usageError, warnErrno } from './lib/common';

const UTIME_NOW = (1 << 30) - 1, UTIME_OMIT = (1 << 30) - 2;

export function* touch(argv: string[]): Sys<number> {
  const r = yield* getopt('touch', argv, 'acmh', [{ name: 'no-create', hasArg: 0, val: 'c' }]);
  if (r.error) return 1;
  let noCreate = false, a = false, m = false;
  for (const o of r.options) {
    if (o.opt === 'c') noCreate = true;
    else if (o.opt === 'a') a = true;
    else if (o.opt === 'm') m = true;
  }
  if (!a && !m) a = m = true;
  if (r.operands.length === 0) return yield* usageError('touch', 'missing file operand');
  let status = 0;
  for (const path of r.operands) {
    let openErr = 0;
    if (!noCreate) {
      const fd = yield* open(path, O_WRONLY | O_CREAT | O_NONBLOCK | O_NOCTTY, 0o666);
      if (fd < 0) openErr = errno();
      else yield* close(fd);
    }
    const rc = yield* withStack(function* () {
      const ts = alloca(32);
      pokeI64(ts, 0);
      pokeI64(ts + 8, a ? UTIME_NOW : UTIME_OMIT);
      pokeI64(ts + 16, 0);
      pokeI64(ts + 24, m ? UTIME_NOW : UTIME_OMIT);
      return yield* syscall(__NR.utimensat, AT_FDCWD, pushString(path), ts, 0);
    });
    if (rc < 0) {
      const e = errno();
      if (noCreate && e === 2) continue;
      yield* warnErrno('touch', `cannot touch ${q(path)}`, openErr || e);
      status = 1;
    }
  }
  return status;
}
