// Builtins that change the flow of control: break, continue, return, exit, and the trivial
// true, false and : (colon).

import type { Sys } from '../../../libc/process';
import { writeAll } from '../../../libc/unistd';
import { ExitShell, LoopControl, ReturnFromFunction, ShellError } from '../errors';
import { reapOne } from '../jobs';
import { JobTable } from '../jobs_table';
import type { Shell } from '../shell';
import { number } from './util';

/** break [n] / continue [n]: unwind n enclosing loops (outside a loop they do nothing). */
export function loopControl(sh: Shell, argv: string[]): number {
  const kind = argv[0] === 'break' ? 'break' : 'continue';
  const n = argv[1] === undefined ? 1 : number(kind, argv[1]);
  if (n === 0) throw new ShellError(`${kind}: Illegal number: 0`);
  if (sh.loopDepth === 0) return 0;
  throw new LoopControl(kind, Math.min(n, sh.loopDepth));
}

/** return [n]: leave the function or dot script, with status n (default: $?). */
export function returnBuiltin(sh: Shell, argv: string[]): never {
  throw new ReturnFromFunction(argv[1] === undefined ? sh.status : number('return', argv[1]) & 255);
}

/** exit [n]. An interactive shell with stopped jobs first warns, as dash does; a second exit goes. */
export function* exitBuiltin(sh: Shell, argv: string[]): Sys<number> {
  const status = argv[1] === undefined ? sh.status : number('exit', argv[1]) & 255;
  if (sh.has('interactive')) while (yield* reapOne(sh, false));
  if (sh.has('interactive') && sh.jobWarning === 0 && sh.jobs.jobs.some((j) => JobTable.state(j) === 'stopped')) {
    yield* writeAll(2, 'You have stopped jobs.\n');
    sh.jobWarning = 2;
    return 1;
  }
  throw new ExitShell(status);
}

export function trueBuiltin(): number {
  return 0;
}

export function falseBuiltin(): number {
  return 1;
}
