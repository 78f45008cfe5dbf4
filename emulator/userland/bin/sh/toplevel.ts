// How a shell (the main one, or a subshell in a fork child) comes to its end: whatever unwinds
// it — `exit`, a fatal error, `return` outside a function — becomes an exit status, and then the
// EXIT trap runs.

import type { Sys } from '../../libc/process';
import { SIGINT } from '../../libc/signal';
import { ExitShell, Interrupted, LoopControl, ParseError, ReturnFromFunction, ShellError } from './errors';
import { runExitTrap } from './traps';
import type { Shell } from './shell';

/** The exit status an exception that reached the top stands for (after printing its message). */
export function* statusOf(sh: Shell, e: unknown): Sys<number> {
  if (e instanceof ExitShell || e instanceof ReturnFromFunction) return e.status;
  if (e instanceof Interrupted) return 128 + SIGINT;
  if (e instanceof LoopControl) return sh.status;
  if (e instanceof ShellError) {
    yield* sh.report(e);
    return e.status;
  }
  if (e instanceof ParseError) {
    yield* sh.report(e);
    return 2;
  }
  throw e;
}

/** Run `body` to the shell's end; the EXIT trap runs last and may itself call exit. */
export function* runToExit(sh: Shell, body: () => Sys<number>): Sys<number> {
  let status: number;
  try {
    status = yield* body();
  } catch (e) {
    status = yield* statusOf(sh, e);
  }
  sh.status = status;
  try {
    yield* runExitTrap(sh);
  } catch (e) {
    status = yield* statusOf(sh, e);
  }
  return status;
}
