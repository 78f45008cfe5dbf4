// Running a whole input — a script file, a dot script, a -c string — one complete command at a
// time. (The interactive loop in main.ts adds prompts and error recovery around the same steps.)

import type { Sys } from '../../libc/process';
import { evalList } from './exec';
import { nextCommand, type Input } from './input';
import type { Shell } from './shell';

export function* runInput(sh: Shell, input: Input): Sys<number> {
  let status = 0;
  for (;;) {
    const list = yield* nextCommand(input);
    if (list === null) return status;
    if (!sh.has('noexec')) status = yield* evalList(sh, list);
  }
}
