// exec, command and type: the builtins about finding and running commands.

import type { Sys } from '../../../libc/process';
import { ExitShell } from '../errors';
import { execProgram, findInPath, resolve } from '../command';
import { runProgram } from '../exec';
import { RESERVED } from '../parser';
import { restoreDefaultSignals } from '../traps';
import type { Shell } from '../shell';
import { runBuiltin } from './index';
import { out, shellQuote } from './util';

/** exec [command [arg…]]: replace the shell (its redirections were made permanent already). */
export function* execBuiltin(sh: Shell, argv: string[]): Sys<number> {
  const args = argv[1] === '--' ? argv.slice(2) : argv.slice(1);
  if (args.length === 0) return 0;
  const path = yield* findInPath(sh, args[0]!);
  if (path === null) {
    yield* sh.warn(`exec: ${args[0]}: not found`);
    throw new ExitShell(127);
  }
  yield* restoreDefaultSignals(sh);
  return yield* execProgram(sh, path, args, sh.vars.environ());
}

/** How `type` describes a name; null if it is not found. */
function* describe(sh: Shell, name: string): Sys<string | null> {
  if (RESERVED.has(name)) return `${name} is a shell keyword`;
  const alias = sh.aliases.get(name);
  if (alias !== undefined) return `${name} is an alias for ${alias}`;
  const r = yield* resolve(sh, name);
  switch (r.kind) {
    case 'special': return `${name} is a special shell builtin`;
    case 'function': return `${name} is a shell function`;
    case 'builtin': return `${name} is a shell builtin`;
    case 'external': return r.path === null ? null : `${name} is ${r.path}`;
  }
}

export function* type(sh: Shell, argv: string[]): Sys<number> {
  let status = 0;
  for (const name of argv.slice(1)) {
    const text = yield* describe(sh, name);
    if (text === null) status = 127;
    yield* out(`${text ?? `${name}: not found`}\n`);
  }
  return status;
}

/** command [-p] [-v | -V] name [arg…] : run name ignoring functions, or say what it is. */
export function* command(sh: Shell, argv: string[]): Sys<number> {
  let i = 1;
  let mode: 'run' | 'v' | 'V' = 'run';
  for (; i < argv.length && /^-[pvV]+$/.test(argv[i]!); i++) {
    if (argv[i]!.includes('V')) mode = 'V';
    else if (argv[i]!.includes('v') && mode === 'run') mode = 'v';
  }
  if (argv[i] === '--') i++;
  const name = argv[i];
  if (name === undefined) return 0;
  if (mode === 'V') return yield* type(sh, ['type', name]);
  if (mode === 'v') {
    const value = sh.aliases.get(name);
    if (RESERVED.has(name) || value !== undefined) {
      yield* out(value === undefined ? `${name}\n` : `alias ${name}=${shellQuote(value)}\n`);
      return 0;
    }
    const r = yield* resolve(sh, name);
    if (r.kind === 'external' && r.path === null) return 127;
    yield* out(`${r.kind === 'external' ? r.path : name}\n`);
    return 0;
  }
  const args = argv.slice(i);
  const r = yield* resolve(sh, name, true);
  if (r.kind === 'special' || r.kind === 'builtin') return yield* runBuiltin(r.fn, sh, args);
  if (r.kind === 'external' && r.path !== null) return yield* runProgram(sh, r.path, args, sh.vars.environ(), args.join(' '));
  yield* sh.warn(`${name}: not found`);
  return 127;
}
