// The builtin commands by name. POSIX's special builtins (XCU 2.14) differ from the others: they
// are found before functions, their variable assignments stay, and their errors end a
// non-interactive shell.

import type { Sys } from '../../../libc/process';
import type { Shell } from '../shell';
import { alias, unalias } from './alias';
import { cd, pwd } from './cd';
import { command, execBuiltin, type } from './command';
import { echo } from './echo';
import { exitBuiltin, falseBuiltin, loopControl, returnBuiltin, trueBuiltin } from './flow';
import { getopts } from './getopts';
import { bg, fg, jobs, wait } from './jobs';
import { kill } from './kill';
import { printf } from './printf';
import { read } from './read';
import { set, shift } from './set';
import { dot, evalBuiltin } from './source';
import { test } from './test';
import { times } from './times';
import { trap } from './trap';
import { ulimit } from './ulimit';
import { umask } from './umask';
import { exportBuiltin, local, readonlyBuiltin, unset } from './vars';

/**
 * A builtin gets the shell and its expanded argv (argv[0] is its name) and returns the status.
 * One that makes no system call is an ordinary function; the others are generators.
 */
export type Builtin = (sh: Shell, argv: string[]) => Sys<number> | number;

/** Run a builtin; if its output could not be written, say so (as dash does) and fail. */
export function* runBuiltin(fn: Builtin, sh: Shell, argv: string[]): Sys<number> {
  sh.outputFailed = false;
  const r = fn(sh, argv);
  const status = typeof r === 'number' ? r : yield* r;
  if (!sh.outputFailed) return status;
  yield* sh.warn(`${argv[0]}: ${argv[0]}: I/O error`);
  return 1;
}

export const SPECIAL_BUILTINS: ReadonlyMap<string, Builtin> = new Map<string, Builtin>([
  [':', trueBuiltin],
  ['.', dot],
  ['break', loopControl],
  ['continue', loopControl],
  ['eval', evalBuiltin],
  ['exec', execBuiltin],
  ['exit', exitBuiltin],
  ['export', exportBuiltin],
  ['readonly', readonlyBuiltin],
  ['return', returnBuiltin],
  ['set', set],
  ['shift', shift],
  ['times', times],
  ['trap', trap],
  ['unset', unset],
]);

export const BUILTINS: ReadonlyMap<string, Builtin> = new Map<string, Builtin>([
  ['[', test],
  ['alias', alias],
  ['bg', bg],
  ['cd', cd],
  ['command', command],
  ['echo', echo],
  ['false', falseBuiltin],
  ['fg', fg],
  ['getopts', getopts],
  ['jobs', jobs],
  ['kill', kill],
  ['local', local],
  ['printf', printf],
  ['pwd', pwd],
  ['read', read],
  ['test', test],
  ['true', trueBuiltin],
  ['type', type],
  ['ulimit', ulimit],
  ['umask', umask],
  ['unalias', unalias],
  ['wait', wait],
]);
