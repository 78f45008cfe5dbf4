// The interactive prompt. PS1 defaults to Debian bash's '\u@\h:\w\$ ', shown as
// "root@ringside:~# ": bash's backslash escapes are understood, then $-expansions are done.

import type { Sys } from '../../libc/process';
import { geteuid, gethostname, getuid } from '../../libc/unistd';
import { getpwuid } from '../../libc/pwd';
import { expandHeredoc } from './expand';
import { lexerFor } from './parser';
import type { Shell } from './shell';

export const DEFAULT_PS1 = '\\u@\\h:\\w\\$ ';

/** Facts that do not change while the shell runs, looked up once. */
export interface PromptInfo {
  user: string;
  host: string;
  root: boolean;
}

export function* promptInfo(): Sys<PromptInfo> {
  const uid = yield* getuid();
  const user = (yield* getpwuid(uid))?.name ?? String(uid);
  return { user, host: yield* gethostname(), root: (yield* geteuid()) === 0 };
}

/** The working directory with $HOME shown as ~. */
function tildeDir(sh: Shell): string {
  const pwd = sh.vars.get('PWD') ?? '';
  const home = sh.vars.get('HOME');
  if (home && home !== '/' && (pwd === home || pwd.startsWith(home + '/'))) return '~' + pwd.slice(home.length);
  return pwd;
}

/** bash's prompt escapes: \u \h \H \w \W \$ \s \n \\ (others stay as written). */
function promptEscapes(ps: string, sh: Shell, info: PromptInfo): string {
  return ps.replace(/\\(.)/g, (whole, c: string) => {
    switch (c) {
      case 'u': return info.user;
      case 'h': return info.host.split('.')[0]!;
      case 'H': return info.host;
      case 'w': return tildeDir(sh);
      case 'W': {
        const d = tildeDir(sh);
        return d === '/' || d === '~' ? d : d.slice(d.lastIndexOf('/') + 1);
      }
      case '$': return info.root ? '#' : '$';
      case 's': return sh.arg0.replace(/^-/, '').replace(/.*\//, '');
      case 'n': return '\n';
      case '\\': return '\\';
      default: return whole;
    }
  });
}

/** The text of prompt variable `name` (PS1 or PS2), expanded. */
export function* prompt(sh: Shell, info: PromptInfo, name: 'PS1' | 'PS2'): Sys<string> {
  const text = promptEscapes(sh.vars.get(name) ?? '', sh, info);
  if (!/[$`]/.test(text)) return text;
  try {
    return yield* expandHeredoc(sh, lexerFor(text).readParts('heredoc'));
  } catch {
    return text;
  }
}
