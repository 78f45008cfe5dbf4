// echo as dash has it: only -n (exactly "-n" as the first argument), and escapes always on.

import type { Sys } from '../../../libc/process';
import { unescape } from './escapes';
import { out } from './util';

export function* echo(_sh: unknown, argv: string[]): Sys<number> {
  let args = argv.slice(1);
  let newline = true;
  if (args[0] === '-n') {
    newline = false;
    args = args.slice(1);
  }
  const { text, stop } = unescape(args.join(' '), true);
  yield* out(stop || !newline ? text : text + '\n');
  return 0;
}
