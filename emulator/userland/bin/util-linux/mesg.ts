// mesg (util-linux 2.38): may other users write to my terminal (write(1), wall)? The answer is the
// group-write bit of the terminal's device node — which is why devpts makes slaves mode 620 with
// group tty, and `write` is set-group-ID tty. `mesg` prints "is y" (exit 0) or "is n" (exit 1);
// `mesg y` sets the bit, `mesg n` clears it (and the world-write bit), with -v saying so. Standard
// input must be a terminal (exit 2 otherwise, silently unless -v).

import type { Sys } from '../../runtime/context';
import { getopt } from '../../libc/getopt';
import { errno } from '../../libc/process';
import { open } from '../../libc/fcntl';
import { fputs, stderr, stdout } from '../../libc/stdio';
import { strerror } from '../../libc/string';
import { fchmod, fstat } from '../../libc/sys_stat';
import { ttyname } from '../../libc/pty';
import { close, isatty } from '../../libc/unistd';
import { O_RDONLY } from '../../../uapi/fcntl';

const S_IWGRP = 0o020, S_IWOTH = 0o002;
/** Exit statuses: IS_ALLOWED, IS_NOT_ALLOWED, MESG_EXIT_FAILURE. */
const IS_ALLOWED = 0, IS_NOT_ALLOWED = 1, MESG_EXIT_FAILURE = 2;

const HELP = `
Usage:
 mesg [options] [y | n]

Control write access of other users to your terminal.

Options:
 -v, --verbose  explain what is being done
 -h, --help     display this help
 -V, --version  display version

For more details see mesg(1).
`;

function* die(what: string): Sys<number> {
  yield* fputs(`mesg: ${what}: ${strerror(errno())}\n`, stderr());
  return MESG_EXIT_FAILURE;
}

export function* mesg(argv: string[]): Sys<number> {
  const r = yield* getopt('mesg', argv, 'vhV', [
    { name: 'verbose', hasArg: 0, val: 'v' }, { name: 'help', hasArg: 0, val: 'h' }, { name: 'version', hasArg: 0, val: 'V' },
  ]);
  if (r.error) return 1;
  if (r.options.some((o) => o.opt === 'h')) {
    yield* fputs(HELP, stdout());
    return 0;
  }
  if (r.options.some((o) => o.opt === 'V')) {
    yield* fputs('mesg from util-linux 2.38.1\n', stdout());
    return 0;
  }
  const verbose = r.options.some((o) => o.opt === 'v');
  if (!(yield* isatty(0))) {
    if (verbose) yield* fputs('mesg: no tty\n', stderr());
    return MESG_EXIT_FAILURE;
  }
  const tty = yield* ttyname(0);
  if (tty === null) return yield* die('ttyname failed');
  const fd = yield* open(tty, O_RDONLY);
  if (fd < 0) return yield* die(`cannot open ${tty}`);
  const st = yield* fstat(fd);
  if (!st) return yield* die(`stat of ${tty} failed`);
  const arg = r.operands[0];
  if (arg === undefined) {
    yield* close(fd);
    const allowed = (st.mode & (S_IWGRP | S_IWOTH)) !== 0;
    yield* fputs(allowed ? 'is y\n' : 'is n\n', stdout());
    return allowed ? IS_ALLOWED : IS_NOT_ALLOWED;
  }
  // rpmatch in the C locale: y/Y yes, n/N no.
  if (/^[yY]/.test(arg)) {
    // USE_TTY_GROUP: the group (tty) may write, not the world.
    if ((yield* fchmod(fd, (st.mode | S_IWGRP) & 0o7777)) < 0) return yield* die(`change ${tty} mode failed`);
    if (verbose) yield* fputs('write access to your terminal is allowed\n', stdout());
    return IS_ALLOWED;
  }
  if (/^[nN]/.test(arg)) {
    if ((yield* fchmod(fd, st.mode & ~(S_IWGRP | S_IWOTH) & 0o7777)) < 0) return yield* die(`change ${tty} mode failed`);
    if (verbose) yield* fputs('write access to your terminal is denied\n', stdout());
    return IS_NOT_ALLOWED;
  }
  yield* fputs(`mesg: invalid argument: ${arg}\nTry 'mesg --help' for more information.\n`, stderr());
  return 1;
}
