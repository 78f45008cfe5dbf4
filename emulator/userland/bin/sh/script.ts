// Running a whole input — a script file, a dot script, a -c string — one complete command at a
// time. (The interactive loop in main.ts adds prompts and error recovery around the same steps.)

import type { Sys } from '../../libc/process';
import { writeAll } from '../../libc/unistd';
import { evalList } from './exec';
import { nextCommand, type Input } from './input';
import type { Shell } from './shell';

/**
 * `execLast` (sh -c, as in dash): the last command may replace the shell instead of running in a
 * child — `sh -c 'sleep 9'` is then a single process (unless traps are set: see evalSimple).
 */
export function* runInput(sh: Shell, input: Input, execLast = false): Sys<number> {
  let status = 0;
  for (;;) {
    const list = yield* nextCommand(input);
    if (list === null) return status;
    if (sh.has('verbose')) yield* writeAll(2, input.lastText);
    if (sh.has('noexec')) continue;
    const last = execLast && input.eof && input.text.trim() === '';
    status = yield* evalList(sh, list, { exit: last });
  }
}
