// cd and pwd. The shell tracks the logical current directory in $PWD: `cd ..` after following a
// symbolic link goes back up the link, as in dash (unless -P asks for the physical path).

import type { Sys } from '../../../libc/process';
import { chdir, getcwd } from '../../../libc/unistd';
import { stat } from '../../../libc/sys_stat';
import { S_ISDIR } from '../../../../uapi/stat';
import type { Shell } from '../shell';
import { out } from './util';

/** Resolve . and .. in an absolute path without looking at the filesystem. */
export function normalizePath(path: string): string {
  const parts: string[] = [];
  for (const p of path.split('/')) {
    if (p === '' || p === '.') continue;
    if (p === '..') parts.pop();
    else parts.push(p);
  }
  return '/' + parts.join('/');
}

function* tryDir(sh: Shell, target: string, physical: boolean): Sys<string | null> {
  const pwd = sh.vars.get('PWD');
  const logical = target.startsWith('/') ? target : `${pwd && pwd.startsWith('/') ? pwd : (yield* getcwd()) ?? '/'}/${target}`;
  const path = physical ? target : normalizePath(logical);
  if ((yield* chdir(path)) < 0) return null;
  return physical ? (yield* getcwd()) ?? path : path;
}

/** -L and -P (the last one wins): the index of the first operand, and whether -P is on. */
function options(argv: string[]): { physical: boolean; i: number } {
  let physical = false;
  let i = 1;
  for (; i < argv.length && /^-[LP]+$/.test(argv[i]!); i++) physical = argv[i]!.endsWith('P');
  if (argv[i] === '--') i++;
  return { physical, i };
}

export function* cd(sh: Shell, argv: string[]): Sys<number> {
  const { physical, i } = options(argv);
  let dir = argv[i];
  let print = false;
  if (dir === undefined) {
    dir = sh.vars.get('HOME') ?? '';
    if (!dir) return 0;
  } else if (dir === '-') {
    dir = sh.vars.get('OLDPWD') ?? '';
    print = true;
  }
  let now: string | null = null;
  // CDPATH is searched for names that do not start with / . or ..
  const cdpath = sh.vars.get('CDPATH');
  if (cdpath && !/^(\/|\.\.?(\/|$))/.test(dir)) {
    for (const base of cdpath.split(':')) {
      const candidate = base ? `${base.replace(/\/$/, '')}/${dir}` : dir;
      const st = yield* stat(candidate);
      if (!st || !S_ISDIR(st.mode)) continue;
      now = yield* tryDir(sh, candidate, physical);
      if (now !== null) {
        print ||= base !== '';
        break;
      }
    }
  }
  now ??= yield* tryDir(sh, dir, physical);
  if (now === null) {
    yield* sh.warn(`cd: can't cd to ${dir}`);
    return 2;
  }
  const old = sh.vars.get('PWD');
  if (old !== undefined) sh.assign('OLDPWD', old);
  sh.assign('PWD', now);
  if (print) yield* out(now + '\n');
  return 0;
}

export function* pwd(sh: Shell, argv: string[]): Sys<number> {
  const { physical } = options(argv);
  const logical = sh.vars.get('PWD');
  const dir = !physical && logical?.startsWith('/') ? logical : yield* getcwd();
  if (dir === null) {
    yield* sh.warn('pwd: getcwd() failed');
    return 2;
  }
  yield* out(dir + '\n');
  return 0;
}
