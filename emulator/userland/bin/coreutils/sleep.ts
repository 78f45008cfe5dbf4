// sleep (GNU coreutils): pause for the sum of the operands — numbers (fractions and exponents
// allowed, or "inf") with an optional unit: s (the default), m, h or d. The wait is nanosleep(2)
// on the machine's clock.

import type { Sys } from '../../runtime/context';
import { getopt } from '../../libc/getopt';
import { sleepSeconds } from '../../libc/unistd';
import { cq, usageError } from './lib/common';

const UNIT: Record<string, number> = { '': 1, s: 1, m: 60, h: 3600, d: 86400 };
/** The longest single nanosleep we ask for; "inf" sleeps in turns of it. */
const FOREVER_STEP = 86400 * 365;

/** An interval in seconds, or null if it is not one. */
export function parseInterval(s: string): number | null {
  const m = /^\+?(\d+\.?\d*(?:e[+-]?\d+)?|\.\d+(?:e[+-]?\d+)?|inf|infinity)([smhd]?)$/i.exec(s);
  return m ? Number(/^inf/i.test(m[1]!) ? Infinity : m[1]) * UNIT[m[2]!]! : null;
}

export function* sleep(argv: string[]): Sys<number> {
  const r = yield* getopt('sleep', argv, '');
  if (r.error) return 1;
  if (r.operands.length === 0) return yield* usageError('sleep', 'missing operand');
  let total = 0;
  for (const op of r.operands) {
    const s = parseInterval(op);
    if (s === null) return yield* usageError('sleep', `invalid time interval ${cq(op)}`);
    total += s;
  }
  while (total > FOREVER_STEP) {
    if ((yield* sleepSeconds(FOREVER_STEP)) < 0) return 1;
    total -= FOREVER_STEP;
  }
  return (yield* sleepSeconds(total)) < 0 ? 1 : 0;
}
