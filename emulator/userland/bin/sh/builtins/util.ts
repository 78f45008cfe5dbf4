// Small helpers the builtins share: output, numbers, quoting.

import type { Sys } from '../../../libc/process';
import { writeAll } from '../../../libc/unistd';
import { ShellError } from '../errors';
import { currentShell } from '../shell';

/** Write text to the builtin's stdout (fd 1, wherever redirections put it); runBuiltin reports a failure. */
export function* out(text: string): Sys<number> {
  const n = yield* writeAll(1, text);
  if (n < 0) currentShell().outputFailed = true;
  return n;
}

/** A non-negative decimal number, or ShellError "exit: Illegal number: x" (fatal for special builtins). */
export function number(builtin: string, s: string): number {
  if (!/^[0-9]+$/.test(s)) throw new ShellError(`${builtin}: Illegal number: ${s}`);
  return parseInt(s, 10);
}

/** Quote a value for re-input: 'it'\''s', as `set`, `export -p` and `trap` print them. */
export function shellQuote(s: string): string {
  return `'${s.replace(/'/g, "'\\''")}'`;
}
