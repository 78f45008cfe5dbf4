// chmod (GNU coreutils): change file mode bits, octal or symbolic (u+x,go-w,a=r); -R recursive,
// -c/-v report changes, -f quiet. Symlinks met during -R are skipped, as GNU does; symlink
// operands are followed.

import type { Sys } from '../../runtime/context';
import { getopt } from '../../libc/getopt';
import { chmod as chmodCall, lstat, stat } from '../../libc/sys_stat';
import { readdir } from '../../libc/dirent';
import { fwrite, stdout } from '../../libc/stdio';
import { S_ISDIR, S_ISLNK } from '../../../uapi/stat';
import { cq, joinPath, q, qf, usageError, warn, warnErrno } from './lib/common';
import { adjustMode, compileMode, getUmask, modeString } from './lib/mode';

/** "-w" or "-x" on the command line is a mode, not an option (GNU lets them through getopt). */
const MODE_OPTION = /^-[rwxXstugoa,+=0-7]/;

export function* chmod(argv: string[]): Sys<number> {
  const fragments: string[] = [];
  const rest = [argv[0]!];
  let i = 1;
  for (; i < argv.length && argv[i] !== '--'; i++) {
    if (MODE_OPTION.test(argv[i]!)) fragments.push(argv[i]!);
    else rest.push(argv[i]!);
  }
  rest.push(...argv.slice(i));
  const r = yield* getopt('chmod', rest, 'Rcfv', [
    { name: 'recursive', hasArg: 0, val: 'R' }, { name: 'changes', hasArg: 0, val: 'c' },
    { name: 'silent', hasArg: 0, val: 'f' }, { name: 'quiet', hasArg: 0, val: 'f' }, { name: 'verbose', hasArg: 0, val: 'v' },
  ]);
  if (r.error) return 1;
  const has = (c: string) => r.options.some((o) => o.opt === c);
  const [recursive, quiet, verbose, changesOnly] = [has('R'), has('f'), has('v'), has('c')];
  const ops = [...r.operands];
  // Modes given as options ("chmod -w f") are checked for umask surprises, as GNU does.
  const diagnose = fragments.length > 0;
  const spec = diagnose ? fragments.join(',') : ops.shift();
  if (spec === undefined) return yield* usageError('chmod', 'missing operand');
  if (ops.length === 0) return yield* usageError('chmod', `missing operand after ${cq(spec)}`);
  const changes = compileMode(spec);
  if (!changes) return yield* usageError('chmod', `invalid mode: ${cq(spec)}`);
  const mask = yield* getUmask();
  let status = 0;

  function* one(path: string, top: boolean): Sys<void> {
    if (!top && S_ISLNK((yield* lstat(path))?.mode ?? 0)) return;
    const st = yield* stat(path);
    if (!st) {
      if (!quiet) yield* warnErrno('chmod', `cannot access ${q(path)}`);
      status = 1;
      return;
    }
    const isDir = S_ISDIR(st.mode);
    const mode = adjustMode(st.mode, isDir, mask, changes!);
    const ok = (yield* chmodCall(path, mode)) >= 0;
    if (!ok) {
      if (!quiet) yield* warnErrno('chmod', `changing permissions of ${q(path)}`);
      status = 1;
    }
    const type = st.mode & ~0o7777;
    const [before, after] = [modeString(st.mode), modeString(type | mode)];
    const changed = (st.mode & 0o7777) !== mode;
    if (ok && (verbose || (changesOnly && changed))) {
      const octal = (m: number) => (m & 0o7777).toString(8).padStart(4, '0');
      yield* fwrite(stdout(), changed
        ? `mode of ${q(path)} changed from ${octal(st.mode)} (${before.slice(1)}) to ${octal(mode)} (${after.slice(1)})\n`
        : `mode of ${q(path)} retained as ${octal(mode)} (${after.slice(1)})\n`);
    }
    if (ok && diagnose) {
      const naive = adjustMode(st.mode, isDir, 0, changes!);
      if (mode & ~naive) {
        yield* warn('chmod', `${qf(path)}: new permissions are ${after.slice(1)}, not ${modeString(type | naive).slice(1)}`);
        status = 1;
      }
    }
    if (!recursive || !isDir) return;
    const ents = yield* readdir(path);
    if (!ents) {
      if (!quiet) yield* warnErrno('chmod', `cannot read directory ${q(path)}`);
      status = 1;
      return;
    }
    for (const e of ents) if (e.name !== '.' && e.name !== '..') yield* one(joinPath(path, e.name), false);
  }

  for (const p of ops) yield* one(p, true);
  return status;
}
