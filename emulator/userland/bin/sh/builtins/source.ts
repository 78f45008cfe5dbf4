// eval and . (dot): run commands from a string or a file in the current shell.

import type { Sys } from '../../../libc/process';
import { errno } from '../../../libc/process';
import { close } from '../../../libc/unistd';
import { stat } from '../../../libc/sys_stat';
import { ENOENT, ENOTDIR } from '../../../../uapi/errno';
import { S_ISDIR } from '../../../../uapi/stat';
import { strerror } from '../../../libc/string';
import { ReturnFromFunction, ShellError } from '../errors';
import { evalString } from '../exec';
import { Input, openScript } from '../input';
import { runInput } from '../script';
import type { Shell } from '../shell';

export function* evalBuiltin(sh: Shell, argv: string[]): Sys<number> {
  const text = argv.slice(1).join(' ');
  return text.trim() ? yield* evalString(sh, text) : 0;
}

/** A name without a slash is looked for in $PATH (not in the current directory). */
function* findScript(sh: Shell, name: string): Sys<string | null> {
  if (name.includes('/')) return name;
  for (const dir of (sh.vars.get('PATH') ?? '').split(':')) {
    const path = `${dir || '.'}/${name}`;
    const st = yield* stat(path);
    if (st && !S_ISDIR(st.mode)) return path;
  }
  return null;
}

/** . file [arg…]: `return` ends the file early; arguments replace $1… while it runs. */
export function* dot(sh: Shell, argv: string[]): Sys<number> {
  const name = argv[1];
  if (name === undefined) return 0;
  const path = yield* findScript(sh, name);
  if (path === null) throw new ShellError(`.: ${name}: not found`);
  const fd = yield* openScript(path);
  if (fd < 0) {
    const e = errno();
    throw new ShellError(`.: cannot open ${path}: ${e === ENOENT || e === ENOTDIR ? 'No such file' : strerror(e)}`);
  }
  const params = sh.params;
  if (argv.length > 2) sh.params = argv.slice(2);
  try {
    return yield* runInput(sh, new Input(fd, '', sh.aliases));
  } catch (e) {
    if (e instanceof ReturnFromFunction) return e.status;
    throw e;
  } finally {
    yield* close(fd);
    if (argv.length > 2) sh.params = params;
  }
}
