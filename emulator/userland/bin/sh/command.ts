// Finding and running a command by name (XCU 2.9.1.1): special builtins first, then functions,
// then the other builtins, then a search of $PATH. Like dash, the search only checks that a
// file exists (stat); whether it may run is execve's answer.

import type { Command } from './ast';
import type { Sys } from '../../libc/process';
import { errno } from '../../libc/process';
import { execve } from '../../libc/unistd';
import { stat } from '../../libc/sys_stat';
import { strerror } from '../../libc/string';
import { S_ISDIR } from '../../../uapi/stat';
import { EACCES, ENOENT, ENOEXEC, ENOTDIR } from '../../../uapi/errno';
import { ExitShell } from './errors';
import { BUILTINS, SPECIAL_BUILTINS, type Builtin } from './builtins';
import type { Shell } from './shell';

export type Resolved =
  | { kind: 'special' | 'builtin'; fn: Builtin }
  | { kind: 'function'; body: Command }
  | { kind: 'external'; path: string | null };

export function* resolve(sh: Shell, name: string, skipFunctions = false): Sys<Resolved> {
  const special = SPECIAL_BUILTINS.get(name);
  if (special) return { kind: 'special', fn: special };
  const body = skipFunctions ? undefined : sh.functions.get(name);
  if (body) return { kind: 'function', body };
  const builtin = BUILTINS.get(name);
  if (builtin) return { kind: 'builtin', fn: builtin };
  return { kind: 'external', path: yield* findInPath(sh, name) };
}

/** The file a command name runs: a name with a slash is itself; otherwise the first hit in $PATH. */
export function* findInPath(sh: Shell, name: string): Sys<string | null> {
  if (name.includes('/')) return name;
  // An unset PATH searches only the current directory, as in dash.
  for (const dir of (sh.vars.get('PATH') ?? '').split(':')) {
    const path = `${dir || '.'}/${name}`;
    const st = yield* stat(path);
    if (st && !S_ISDIR(st.mode)) return path;
  }
  return null;
}

/**
 * Replace this process with the program (the child side of running a command, or `exec`).
 * Only returns by throwing ExitShell: 127 "not found", 126 "Permission denied".
 */
export function* execProgram(sh: Shell, path: string, argv: string[], env: string[]): Sys<never> {
  yield* execve(path, argv, env);
  let e = errno();
  if (e === ENOEXEC) {
    // A text file without #!: POSIX says the shell runs it as a script.
    yield* execve('/bin/sh', ['sh', path, ...argv.slice(1)], env);
    e = errno();
  }
  const notFound = e === ENOENT || e === ENOTDIR;
  yield* sh.warn(`${argv[0]}: ${notFound ? 'not found' : e === EACCES ? 'Permission denied' : strerror(e)}`);
  throw new ExitShell(notFound ? 127 : e === EACCES ? 126 : 2);
}
