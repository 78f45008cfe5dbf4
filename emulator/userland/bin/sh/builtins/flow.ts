// Builtins that change the flow of control: break, continue, return, exit, and the trivial
// true, false and : (colon).

import { ExitShell, LoopControl, ReturnFromFunction, ShellError } from '../errors';
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

/** exit [n] */
export function exitBuiltin(sh: Shell, argv: string[]): never {
  throw new ExitShell(argv[1] === undefined ? sh.status : number('exit', argv[1]) & 255);
}

export function trueBuiltin(): number {
  return 0;
}

export function falseBuiltin(): number {
  return 1;
}
