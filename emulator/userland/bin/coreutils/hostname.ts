// hostname (Debian's, from net-tools): print the host name from uname(2), or set it with
// sethostname(2). -s prints the short name (up to the first dot).
// Simplification: no -f/-d/-i (they would need the resolver), no -F FILE.

import type { Sys } from '../../runtime/context';
import { errno } from '../../libc/process';
import { getopt } from '../../libc/getopt';
import { uname } from '../../libc/sys_utsname';
import { sethostname } from '../../libc/unistd';
import { fputs, fwrite, stderr, stdout } from '../../libc/stdio';
import { strerror } from '../../libc/string';
import { EINVAL, EPERM } from '../../../uapi/errno';
import { warn } from './lib/common';

const USAGE = 'Usage: hostname [-b] {hostname|-F file}         set host name (from file)\n' +
  '       hostname [-a|-A|-d|-f|-i|-I|-s|-y]       display formatted name\n' +
  '       hostname                                 display host name\n';

export function* hostname(argv: string[]): Sys<number> {
  const r = yield* getopt('hostname', argv, 's', [{ name: 'short', hasArg: 0, val: 's' }]);
  // net-tools exits with -1 on usage errors.
  if (r.error || r.operands.length > 1) {
    yield* fputs(USAGE, stderr());
    return 255;
  }
  if (r.operands.length === 1) {
    const name = r.operands[0]!;
    // net-tools accepts letters, digits, dots and inner hyphens.
    if (!/^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9.])?$/.test(name)) {
      yield* warn('hostname', 'the specified hostname is invalid');
      return 1;
    }
    if ((yield* sethostname(name)) === 0) return 0;
    const e = errno();
    yield* warn('hostname', e === EPERM ? 'you must be root to change the host name' : e === EINVAL ? 'name too long' : strerror(e));
    return 1;
  }
  const u = yield* uname();
  if (!u) return 1;
  const short = r.options.some((o) => o.opt === 's');
  yield* fwrite(stdout(), (short ? u.nodename.split('.')[0] : u.nodename) + '\n');
  return 0;
}
