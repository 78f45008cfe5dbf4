// canonicalize_filename_mode, as gnulib does it: resolve ".", ".." and symlinks component by
// component with lstat(2) and readlink(2). Modes: 'existing' (-e: all must exist), 'all-but-last'
// (-f: all but the last must exist), 'missing' (-m: none need exist).

import type { Sys } from '../../../runtime/context';
import { errno, setErrno } from '../../../libc/process';
import { lstat } from '../../../libc/sys_stat';
import { getcwd, readlink } from '../../../libc/unistd';
import { S_ISDIR, S_ISLNK } from '../../../../uapi/stat';

export type CanonMode = 'existing' | 'all-but-last' | 'missing';

const ENOENT = 2, ENOTDIR = 20, ELOOP = 40;

/** The canonical absolute name, or null with errno set. */
export function* canonicalize(path: string, mode: CanonMode): Sys<string | null> {
  if (path === '') {
    setErrno(ENOENT);
    return null;
  }
  let base = '/';
  if (!path.startsWith('/')) {
    const cwd = yield* getcwd();
    if (cwd === null) return null;
    base = cwd;
  }
  const resolved: string[] = base.split('/').filter((x) => x !== '');
  let todo = path.split('/').filter((x) => x !== '');
  let links = 0;
  while (todo.length > 0) {
    const comp = todo.shift()!;
    if (comp === '.') continue;
    if (comp === '..') {
      resolved.pop();
      continue;
    }
    const cand = '/' + [...resolved, comp].join('/');
    const st = yield* lstat(cand);
    if (!st) {
      const e = errno();
      const isLast = todo.length === 0;
      if (mode === 'missing' || (mode === 'all-but-last' && isLast && e === ENOENT)) {
        resolved.push(comp);
        continue;
      }
      setErrno(e);
      return null;
    }
    if (S_ISLNK(st.mode)) {
      if (++links > 40) {
        setErrno(ELOOP);
        return null;
      }
      const target = yield* readlink(cand);
      if (target === null) return null;
      if (target.startsWith('/')) resolved.length = 0;
      todo = [...target.split('/').filter((x) => x !== ''), ...todo];
      continue;
    }
    if (!S_ISDIR(st.mode) && todo.length > 0 && mode !== 'missing') {
      setErrno(ENOTDIR);
      return null;
    }
    resolved.push(comp);
  }
  return '/' + resolved.join('/');
}
