// export, readonly, unset and local.

import type { Sys } from '../../../libc/process';
import { ShellError } from '../errors';
import { NAME_RE } from '../vars';
import type { Shell } from '../shell';
import { out, shellQuote } from './util';

/** export/readonly: `name=value` assigns and marks, `name` marks, no names (or -p) lists. */
function* markBuiltin(sh: Shell, argv: string[], attr: 'exported' | 'readonly'): Sys<number> {
  const cmd = argv[0]!;
  const args = argv.slice(1).filter((a, i) => !(i === 0 && (a === '-p' || a === '--')));
  if (args.length === 0) {
    let text = '';
    for (const [name, v] of sh.vars.entries()) {
      if (v[attr]) text += `${cmd} ${name}${v.value === null ? '' : '=' + shellQuote(v.value)}\n`;
    }
    yield* out(text);
    return 0;
  }
  for (const arg of args) {
    const eq = arg.indexOf('=');
    const name = eq < 0 ? arg : arg.slice(0, eq);
    if (!NAME_RE.test(name)) throw new ShellError(`${cmd}: ${name}: bad variable name`);
    if (eq >= 0) sh.vars.set(name, arg.slice(eq + 1));
    sh.vars.mark(name, attr);
  }
  return 0;
}

export function* exportBuiltin(sh: Shell, argv: string[]): Sys<number> {
  return yield* markBuiltin(sh, argv, 'exported');
}

export function* readonlyBuiltin(sh: Shell, argv: string[]): Sys<number> {
  return yield* markBuiltin(sh, argv, 'readonly');
}

/** unset [-f | -v] name… */
export function unset(sh: Shell, argv: string[]): number {
  let functions = false;
  let i = 1;
  for (; i < argv.length && /^-[fv]+$/.test(argv[i]!); i++) functions = argv[i]!.endsWith('f');
  for (const name of argv.slice(i)) {
    if (functions) {
      sh.functions.delete(name);
      continue;
    }
    if (!NAME_RE.test(name)) throw new ShellError(`unset: ${name}: bad variable name`);
    try {
      sh.vars.unset(name);
    } catch (e) {
      if (e instanceof ShellError) throw new ShellError(`unset: ${e.message}`);
      throw e;
    }
  }
  return 0;
}

/** local name[=value]… : the variable belongs to the running function until it returns. */
export function local(sh: Shell, argv: string[]): number {
  if (!sh.vars.inFunction()) throw new ShellError('local: not in a function');
  for (const arg of argv.slice(1)) {
    const eq = arg.indexOf('=');
    const name = eq < 0 ? arg : arg.slice(0, eq);
    if (!NAME_RE.test(name)) throw new ShellError(`local: ${name}: bad variable name`);
    sh.vars.makeLocal(name);
    if (eq >= 0) sh.assign(name, arg.slice(eq + 1));
  }
  return 0;
}
