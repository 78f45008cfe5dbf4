// The interactive loop: report finished jobs, prompt, read a line (the terminal's line discipline
// does the editing: erase, kill, echo), parse, run. A command that is not complete yet asks for
// more with PS2. Errors do not end an interactive shell; ^C abandons the line being typed.

import type { Sys } from '../../libc/process';
import { writeAll } from '../../libc/unistd';
import { SIGINT } from '../../libc/signal';
import type { List } from './ast';
import { ExitShell, Interrupted, LoopControl, NeedMore, ParseError, ReturnFromFunction, ShellError } from './errors';
import { evalList } from './exec';
import { Input } from './input';
import { notifyJobs } from './jobs';
import { prompt, promptInfo, type PromptInfo } from './prompt';
import type { Shell } from './shell';

/** Read and parse one command, prompting as needed; null at end of input (^D). */
function* readCommand(sh: Shell, input: Input, info: PromptInfo): Sys<List | null> {
  for (;;) {
    try {
      return input.parseNext();
    } catch (e) {
      if (e instanceof ParseError) {
        yield* sh.report(e);
        sh.status = 2;
        input.discard();
        continue;
      }
      if (!(e instanceof NeedMore)) throw e;
      if (e.atStart) {
        input.discard();
        yield* notifyJobs(sh);
        if (sh.jobWarning > 0) sh.jobWarning--;
      }
      yield* writeAll(2, yield* prompt(sh, info, e.atStart ? 'PS1' : 'PS2'));
      sh.interrupted = false;
      if (!(yield* input.more(true)) && sh.interrupted) {
        // ^C: the terminal showed "^C"; start over on a fresh line, with $? as after a SIGINT.
        yield* writeAll(2, '\n');
        input.discard();
        sh.interrupted = false;
        sh.status = 128 + SIGINT;
      }
    }
  }
}

export function* interactiveLoop(sh: Shell): Sys<number> {
  const info = yield* promptInfo();
  const input = new Input(0, '', sh.aliases);
  for (;;) {
    const list = yield* readCommand(sh, input, info);
    if (list === null) return sh.status;
    if (sh.has('verbose')) yield* writeAll(2, input.lastText);
    sh.interrupted = false;
    try {
      sh.status = yield* evalList(sh, list);
    } catch (e) {
      if (e instanceof ExitShell) throw e;
      if (e instanceof Interrupted) {
        // The terminal echoed ^C; the next prompt starts on a new line.
        yield* writeAll(2, '\n');
        sh.status = 128 + SIGINT;
        continue;
      }
      if (e instanceof ShellError || e instanceof ParseError) {
        yield* sh.report(e);
        sh.status = e instanceof ShellError ? e.status : 2;
      } else if (!(e instanceof LoopControl || e instanceof ReturnFromFunction)) {
        throw e;
      }
    }
  }
}
