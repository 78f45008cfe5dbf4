// which (Debian's debianutils script, rewritten): for each name, the first regular executable file
// of that name in $PATH (every one with -a); a name with a slash is checked as it is.
// Exit 0 if all were found, 1 if any was not (or no names were given), 2 on a bad option.

import type { Sys } from '../../runtime/context';
import { access } from '../../libc/unistd';
import { stat } from '../../libc/sys_stat';
import { getenv } from '../../libc/stdlib';
import { fputs, fwrite, stderr, stdout } from '../../libc/stdio';
import { S_ISREG } from '../../../uapi/stat';
import { X_OK } from '../../../uapi/fcntl';

/** The script's `[ -f FILE ] && [ -x FILE ]`. */
function* isExecutableFile(path: string): Sys<boolean> {
  const st = yield* stat(path);
  return st !== null && S_ISREG(st.mode) && (yield* access(path, X_OK)) === 0;
}

export function* which(argv: string[]): Sys<number> {
  let all = false;
  let i = 1;
  // The script parses its options with the shell's getopts, which prints dash's message.
  for (; i < argv.length && argv[i]!.startsWith('-') && argv[i] !== '-'; i++) {
    if (argv[i] === '--') {
      i++;
      break;
    }
    for (const c of argv[i]!.slice(1)) {
      if (c !== 'a') {
        yield* fputs(`Illegal option -${c}\n`, stderr());
        yield* fwrite(stdout(), 'Usage: /usr/bin/which [-a] args\n');
        return 2;
      }
      all = true;
    }
  }
  const names = argv.slice(i);
  const path = getenv('PATH') ?? '';
  const dirs = path === '' ? [] : path.split(':').map((d) => d || '.');
  let status = names.length ? 0 : 1;
  for (const name of names) {
    let found = false;
    const candidates = name.includes('/') ? [name] : dirs.map((d) => `${d}/${name}`);
    for (const c of candidates) {
      if (!(yield* isExecutableFile(c))) continue;
      yield* fwrite(stdout(), c + '\n');
      found = true;
      if (!all) break;
    }
    if (!found) status = 1;
  }
  return status;
}
