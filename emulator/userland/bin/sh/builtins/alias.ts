// alias and unalias. The substitution itself happens in the parser, when a command name is read.

import type { Sys } from '../../../libc/process';
import { writeAll } from '../../../libc/unistd';
import type { Shell } from '../shell';
import { out, shellQuote } from './util';

/** alias [name[=value]…]: define, or print as name='value'. */
export function* alias(sh: Shell, argv: string[]): Sys<number> {
  const args = argv.slice(1);
  const entries = args.length ? [] : [...sh.aliases].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  let status = 0;
  for (const arg of args) {
    const eq = arg.indexOf('=');
    if (eq > 0) {
      sh.aliases.set(arg.slice(0, eq), arg.slice(eq + 1));
      continue;
    }
    const value = sh.aliases.get(arg);
    if (value === undefined) {
      // dash prints these without the "sh: 1: " prefix.
      yield* writeAll(2, `alias: ${arg} not found\n`);
      status = 1;
    } else entries.push([arg, value]);
  }
  yield* out(entries.map(([k, v]) => `${k}=${shellQuote(v)}\n`).join(''));
  return status;
}

/** unalias [-a] name… */
export function* unalias(sh: Shell, argv: string[]): Sys<number> {
  if (argv[1] === '-a') {
    sh.aliases.clear();
    return 0;
  }
  let status = 0;
  for (const name of argv.slice(1)) {
    if (sh.aliases.delete(name)) continue;
    yield* writeAll(2, `unalias: ${name} not found\n`);
    status = 1;
  }
  return status;
}
