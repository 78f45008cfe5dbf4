// umask [-S] [mask]: print the file mode creation mask (octal, or symbolic with -S), or set it
// from an octal number or a symbolic mode (u=rwx,g=rx,o=).

import type { Sys } from '../../../libc/process';
import { umask as umaskSyscall } from '../../../libc/unistd';
import type { Shell } from '../shell';
import { out } from './util';

const WHO: Record<string, number> = { u: 0o700, g: 0o070, o: 0o007, a: 0o777 };
const PERM: Record<string, number> = { r: 0o444, w: 0o222, x: 0o111 };

/** The symbolic form of the permissions a mask allows: u=rwx,g=rx,o=rx. */
function symbolic(mask: number): string {
  const allowed = ~mask & 0o777;
  return (['u', 'g', 'o'] as const)
    .map((who, i) => {
      const bits = (allowed >> (6 - 3 * i)) & 7;
      return `${who}=${bits & 4 ? 'r' : ''}${bits & 2 ? 'w' : ''}${bits & 1 ? 'x' : ''}`;
    })
    .join(',');
}

/** Apply a symbolic mode to the allowed permissions; null if it does not parse. */
function applySymbolic(allowed: number, spec: string): number | null {
  for (const clause of spec.split(',')) {
    const m = /^([ugoa]*)([-+=])([rwx]*)$/.exec(clause);
    if (!m) return null;
    const who = [...(m[1] || 'a')].reduce((acc, c) => acc | WHO[c]!, 0);
    const perm = [...m[3]!].reduce((acc, c) => acc | PERM[c]!, 0) & who;
    if (m[2] === '+') allowed |= perm;
    else if (m[2] === '-') allowed &= ~perm;
    else allowed = (allowed & ~who) | perm;
  }
  return allowed;
}

export function* umask(sh: Shell, argv: string[]): Sys<number> {
  const sym = argv[1] === '-S';
  const spec = argv[sym ? 2 : 1];
  // Reading the mask means setting it: set 0, then put the old value back (as in C).
  const current = yield* umaskSyscall(0);
  if (spec === undefined) {
    yield* umaskSyscall(current);
    yield* out(sym ? symbolic(current) + '\n' : current.toString(8).padStart(4, '0') + '\n');
    return 0;
  }
  let mask: number | null;
  if (/^[0-9]+$/.test(spec)) mask = /^[0-7]+$/.test(spec) ? parseInt(spec, 8) & 0o777 : null;
  else {
    const allowed = applySymbolic(~current & 0o777, spec);
    mask = allowed === null ? null : ~allowed & 0o777;
  }
  if (mask === null) {
    yield* umaskSyscall(current);
    yield* sh.warn(/^[0-9]+$/.test(spec) ? `umask: Illegal number: ${spec}` : `umask: Illegal mode: ${spec}`);
    return 2;
  }
  yield* umaskSyscall(mask);
  return 0;
}
