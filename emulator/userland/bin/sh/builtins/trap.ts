// trap [action condition…]: list, set, ignore ('') or reset (-) signal traps and the EXIT trap.

import type { Sys } from '../../../libc/process';
import { writeAll } from '../../../libc/unistd';
import { setTrap } from '../traps';
import { signalNumber, signalShortName } from '../signames';
import type { Shell } from '../shell';
import { out, shellQuote } from './util';

export function* trap(sh: Shell, argv: string[]): Sys<number> {
  let args = argv.slice(1);
  if (args[0] === '--') args = args.slice(1);
  if (args.length === 0) {
    let text = '';
    for (const sig of [...sh.traps.keys()].sort((a, b) => a - b)) {
      text += `trap -- ${shellQuote(sh.traps.get(sig)!)} ${signalShortName(sig)}\n`;
    }
    yield* out(text);
    return 0;
  }
  // A first operand that is a number means every operand is a condition to reset (POSIX).
  const reset = args[0] === '-' || /^[0-9]+$/.test(args[0]!);
  const action = reset ? null : args[0]!;
  const conditions = args[0] === '-' || !reset ? args.slice(1) : args;
  let status = 0;
  for (const c of conditions) {
    const sig = signalNumber(c, true);
    if (sig === null) {
      // dash prints this one without the usual "sh: 1: " prefix.
      yield* writeAll(2, `trap: ${c}: bad trap\n`);
      status = 1;
      continue;
    }
    yield* setTrap(sh, sig, action);
  }
  return status;
}
