// su (util-linux): run a shell with another user's identity.
//
//   su [-] [-l] [-c COMMAND] [-s SHELL] [USER]
//
// root may become anyone without a password. Everyone else would be asked for the target's
// password; this machine keeps no password hashes (simplified: /etc/shadow does not exist), so
// for them su fails the way a wrong password does.

import { __NR } from '../../../uapi/unistd_64';
import type { Sys } from '../../runtime/context';
import { alloca, poke, syscall, stackMark, release } from '../../libc/process';
import { chdir, execve, environStrings, getuid } from '../../libc/unistd';
import { getpwnam } from '../../libc/pwd';
import { fputs, stderr } from '../../libc/stdio';
import { strerror } from '../../libc/string';
import { errno } from '../../libc/process';

const USAGE = 'Try \'su --help\' for more information.\n';
const ROOT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
const USER_PATH = '/usr/local/bin:/usr/bin:/bin:/usr/local/games:/usr/games';

function* setgroups(gids: number[]): Sys<number> {
  const mark = stackMark();
  try {
    const buf = alloca(Math.max(4, gids.length * 4));
    const b = new Uint8Array(gids.length * 4);
    const v = new DataView(b.buffer);
    gids.forEach((g, i) => v.setUint32(i * 4, g, true));
    if (b.length) poke(buf, b);
    return yield* syscall(__NR.setgroups, gids.length, buf);
  } finally {
    release(mark);
  }
}

export function* su(argv: string[]): Sys<number> {
  let login = false;
  let command: string | null = null;
  let shellOpt: string | null = null;
  let i = 1;
  for (; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '-' || a === '-l' || a === '--login') login = true;
    else if (a === '-c' || a === '--command') {
      command = argv[++i] ?? null;
      if (command === null) {
        yield* fputs(`su: option requires an argument -- 'c'\n${USAGE}`, stderr());
        return 1;
      }
    } else if (a === '-s' || a === '--shell') shellOpt = argv[++i] ?? null;
    else if (a === '--') {
      i++;
      break;
    } else if (a.startsWith('-') && a.length > 1) {
      yield* fputs(`su: invalid option -- '${a.slice(1)}'\n${USAGE}`, stderr());
      return 1;
    } else break;
  }
  const name = argv[i++] ?? 'root';
  const pw = yield* getpwnam(name);
  if (!pw) {
    yield* fputs(`su: user ${name} does not exist or the user entry does not contain all the required fields\n`, stderr());
    return 1;
  }
  if ((yield* getuid()) !== 0) {
    yield* fputs('su: Authentication failure\n', stderr());
    return 1;
  }
  const shell = shellOpt ?? (pw.shell || '/bin/sh');
  const base = shell.split('/').pop()!;
  const env = login
    ? [`TERM=${environStrings().find((e) => e.startsWith('TERM='))?.slice(5) ?? 'linux'}`]
    : environStrings().filter((e) => !/^(HOME|SHELL|USER|LOGNAME|PATH)=/.test(e));
  env.push(`HOME=${pw.dir}`, `SHELL=${shell}`, `USER=${pw.name}`, `LOGNAME=${pw.name}`, `PATH=${pw.uid === 0 ? ROOT_PATH : USER_PATH}`);
  if ((yield* setgroups([pw.gid])) < 0 || (yield* syscall(__NR.setgid, pw.gid)) < 0 || (yield* syscall(__NR.setuid, pw.uid)) < 0) {
    yield* fputs(`su: cannot set user id: ${strerror(errno())}\n`, stderr());
    return 1;
  }
  if (login && (yield* chdir(pw.dir)) < 0) {
    yield* fputs(`su: warning: cannot change directory to ${pw.dir}: ${strerror(errno())}\n`, stderr());
  }
  const args = [login ? `-${base}` : base, ...(command !== null ? ['-c', command] : []), ...argv.slice(i)];
  yield* execve(shell, args, env);
  yield* fputs(`su: failed to execute ${shell}: ${strerror(errno())}\n`, stderr());
  return 126;
}
