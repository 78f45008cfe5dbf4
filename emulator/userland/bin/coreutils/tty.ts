// tty (GNU coreutils): print the name of the terminal on standard input — "/dev/pts/0" in a
// terminal emulator or under `script`, "/dev/tty1" on the console — or "not a tty" (exit 1).
// -s only sets the exit status. The name comes from ttyname(3): isatty (TCGETS), then the
// /proc/self/fd/0 link checked against fstat. Exit 2 for bad usage, as GNU does.

import type { Sys } from '../../runtime/context';
import { getopt } from '../../libc/getopt';
import { ttyname } from '../../libc/pty';
import { isatty } from '../../libc/unistd';
import { fputs, stderr, stdout } from '../../libc/stdio';
import { cq } from './lib/common';

const HELP = `Usage: tty [OPTION]...
Print the file name of the terminal connected to standard input.

  -s, --silent, --quiet   print nothing, only return an exit status
      --help        display this help and exit
      --version     output version information and exit
`;

export function* tty(argv: string[]): Sys<number> {
  const r = yield* getopt('tty', argv, 's', [
    { name: 'silent', hasArg: 0, val: 's' }, { name: 'quiet', hasArg: 0, val: 's' },
    { name: 'help', hasArg: 0, val: 'h' }, { name: 'version', hasArg: 0, val: 'V' },
  ]);
  if (r.error) return 2;
  if (r.options.some((o) => o.opt === 'h')) {
    yield* fputs(HELP, stdout());
    return 0;
  }
  if (r.options.some((o) => o.opt === 'V')) {
    yield* fputs('tty (GNU coreutils) 9.1\n', stdout());
    return 0;
  }
  if (r.operands.length) {
    yield* fputs(`tty: extra operand ${cq(r.operands[0]!)}\nTry 'tty --help' for more information.\n`, stderr());
    return 2;
  }
  if (r.options.some((o) => o.opt === 's')) return (yield* isatty(0)) ? 0 : 1;
  const name = yield* ttyname(0);
  if (name === null) {
    yield* fputs('not a tty\n', stdout());
    return 1;
  }
  yield* fputs(`${name}\n`, stdout());
  return 0;
}
