// uname (GNU coreutils): the kernel's names from uname(2).
//   -s kernel name, -n node name, -r release, -v version, -m machine, -p processor, -i hardware
//   platform, -o operating system, -a all (but -p and -i, which GNU leaves out when "unknown").

import type { Sys } from '../../runtime/context';
import { errno } from '../../libc/process';
import { getopt } from '../../libc/getopt';
import { uname as unameCall } from '../../libc/sys_utsname';
import { fwrite, stdout } from '../../libc/stdio';
import { cq, usageError, warnErrno } from './lib/common';

export function* uname(argv: string[]): Sys<number> {
  const r = yield* getopt('uname', argv, 'asnrvmpio', [
    { name: 'all', hasArg: 0, val: 'a' }, { name: 'kernel-name', hasArg: 0, val: 's' },
    { name: 'nodename', hasArg: 0, val: 'n' }, { name: 'kernel-release', hasArg: 0, val: 'r' },
    { name: 'kernel-version', hasArg: 0, val: 'v' }, { name: 'machine', hasArg: 0, val: 'm' },
    { name: 'processor', hasArg: 0, val: 'p' }, { name: 'hardware-platform', hasArg: 0, val: 'i' },
    { name: 'operating-system', hasArg: 0, val: 'o' },
  ]);
  if (r.error) return 1;
  if (r.operands.length) return yield* usageError('uname', `extra operand ${cq(r.operands[0]!)}`);
  const u = yield* unameCall();
  if (!u) {
    yield* warnErrno('uname', 'cannot get system name', errno());
    return 1;
  }
  const want = new Set(r.options.map((o) => o.opt));
  const all = want.has('a');
  if (want.size === 0) want.add('s');
  const fields: [string, string, boolean][] = [
    ['s', u.sysname, all], ['n', u.nodename, all], ['r', u.release, all], ['v', u.version, all],
    ['m', u.machine, all], ['p', 'unknown', false], ['i', 'unknown', false], ['o', 'GNU/Linux', all],
  ];
  const parts = fields.filter(([c, , inAll]) => inAll || want.has(c)).map(([, v]) => v);
  yield* fwrite(stdout(), parts.join(' ') + '\n');
  return 0;
}
