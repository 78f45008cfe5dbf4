// env (GNU coreutils): run a command in a modified environment, or print the environment.
//   env [-i] [-0] [-u NAME]... [-C DIR] [NAME=VALUE]... [COMMAND [ARG]...]
// Its own failures exit 125; a command that cannot run exits 126 (found but not runnable) or
// 127 (not found), as POSIX asks.

import type { Sys } from '../../runtime/context';
import { errno, proc } from '../../libc/process';
import { getopt } from '../../libc/getopt';
import { chdir, environStrings, execvp } from '../../libc/unistd';
import { setenv, unsetenv } from '../../libc/stdlib';
import { fwrite, stdout } from '../../libc/stdio';
import { strerror } from '../../libc/string';
import { EINVAL, ENOENT } from '../../../uapi/errno';
import { cq, q, usageError, warn, warnErrno } from './lib/common';

const EXIT_CANCELED = 125;

export function* env(argv: string[]): Sys<number> {
  // "+": options end at the first NAME=VALUE or command. A lone "-" means -i.
  const args = argv.map((a, i) => (i > 0 && a === '-' ? '-i' : a));
  const r = yield* getopt('env', args, '+i0u:C:', [
    { name: 'ignore-environment', hasArg: 0, val: 'i' }, { name: 'null', hasArg: 0, val: '0' },
    { name: 'unset', hasArg: 1, val: 'u' }, { name: 'chdir', hasArg: 1, val: 'C' },
  ]);
  if (r.error) return EXIT_CANCELED;
  let nul = false;
  let dir: string | null = null;
  for (const o of r.options) {
    if (o.opt === 'i') proc().environ.length = 0;
    else if (o.opt === '0') nul = true;
    else if (o.opt === 'C') dir = o.arg!;
    else if (o.opt === 'u') {
      if (o.arg === '' || o.arg!.includes('=')) {
        yield* warn('env', `cannot unset ${cq(o.arg!)}: ${strerror(EINVAL)}`);
        return EXIT_CANCELED;
      }
      unsetenv(o.arg!);
    }
  }
  const ops = r.operands;
  let i = 0;
  for (; i < ops.length && ops[i]!.includes('='); i++) {
    const eq = ops[i]!.indexOf('=');
    setenv(ops[i]!.slice(0, eq), ops[i]!.slice(eq + 1));
  }
  if (i === ops.length) {
    if (dir !== null) {
      yield* usageError('env', 'must specify command with --chdir (-C)');
      return EXIT_CANCELED;
    }
    yield* fwrite(stdout(), environStrings().map((e) => e + (nul ? '\0' : '\n')).join(''));
    return 0;
  }
  if (nul) {
    yield* usageError('env', 'cannot specify --null (-0) with command');
    return EXIT_CANCELED;
  }
  if (dir !== null && (yield* chdir(dir)) < 0) {
    yield* warnErrno('env', `cannot change directory to ${q(dir)}`);
    return EXIT_CANCELED;
  }
  yield* execvp(ops[i]!, ops.slice(i));
  const e = errno();
  yield* warn('env', `${cq(ops[i]!)}: ${strerror(e)}`);
  return e === ENOENT ? 127 : 126;
}
