// mkfifo and mknod (GNU coreutils): make FIFOs and special files (-m MODE).

import type { Sys } from '../../runtime/context';
import { getopt } from '../../libc/getopt';
import { chmod, mkfifo as mkfifoCall, mknod as mknodCall } from '../../libc/sys_stat';
import { umask } from '../../libc/unistd';
import { S_IFBLK, S_IFCHR, S_IFIFO, makedev } from '../../../uapi/stat';
import { fputs, stderr } from '../../libc/stdio';
import { cq, parseMode, q, usageError, warn, warnErrno } from './lib/common';

function* modeArg(prog: string, spec: string | null): Sys<{ mode: number; explicit: boolean } | null> {
  const mask = yield* umask(0);
  yield* umask(mask);
  if (spec === null) return { mode: 0o666 & ~mask, explicit: false };
  const m = parseMode(spec, 0o666, false, 0);
  if (m === null) {
    yield* warn(prog, 'invalid mode');
    return null;
  }
  return { mode: m, explicit: true };
}

export function* mkfifo(argv: string[]): Sys<number> {
  const r = yield* getopt('mkfifo', argv, 'm:', [{ name: 'mode', hasArg: 1, val: 'm' }]);
  if (r.error) return 1;
  const spec = r.options.filter((o) => o.opt === 'm').pop()?.arg ?? null;
  if (r.operands.length === 0) return yield* usageError('mkfifo', 'missing operand');
  const m = yield* modeArg('mkfifo', spec);
  if (!m) return 1;
  let status = 0;
  for (const p of r.operands) {
    if ((yield* mkfifoCall(p, m.mode)) < 0) {
      yield* warnErrno('mkfifo', `cannot create fifo ${q(p)}`);
      status = 1;
    } else if (m.explicit) yield* chmod(p, m.mode);
  }
  return status;
}

export function* mknod(argv: string[]): Sys<number> {
  const r = yield* getopt('mknod', argv, 'm:', [{ name: 'mode', hasArg: 1, val: 'm' }]);
  if (r.error) return 1;
  const spec = r.options.filter((o) => o.opt === 'm').pop()?.arg ?? null;
  const ops = r.operands;
  if (ops.length === 0) return yield* usageError('mknod', 'missing operand');
  if (ops.length === 1) return yield* usageError('mknod', `missing operand after ${cq(ops[0])}`);
  const type = ops[1];
  let ftype: number;
  if (type === 'p' && ops.length === 2) ftype = S_IFIFO;
  else if (type !== 'p' && ops.length < 4) {
    const hint = ops.length === 2 ? 'Special files require major and minor device numbers.\n' : '';
    yield* fputs(`mknod: missing operand after ${cq(ops[ops.length - 1])}\n${hint}`, stderr());
    return yield* tryHelp();
  } else if (type === 'p') {
    yield* fputs(`mknod: extra operand ${cq(ops[2])}\nFifos do not have major and minor device numbers.\n`, stderr());
    return yield* tryHelp();
  } else if (ops.length > 4) return yield* usageError('mknod', `extra operand ${cq(ops[4])}`);
  else if (type === 'b') ftype = S_IFBLK;
  else if (type === 'c' || type === 'u') ftype = S_IFCHR;
  else return yield* usageError('mknod', `invalid device type ${cq(type)}`);
  let dev = 0;
  if (ftype !== S_IFIFO) {
    if (!/^\d+$/.test(ops[2])) {
      yield* warn('mknod', `invalid major device number ${cq(ops[2])}`);
      return 1;
    }
    if (!/^\d+$/.test(ops[3])) {
      yield* warn('mknod', `invalid minor device number ${cq(ops[3])}`);
      return 1;
    }
    dev = makedev(Number(ops[2]), Number(ops[3]));
  }
  const m = yield* modeArg('mknod', spec);
  if (!m) return 1;
  if ((yield* mknodCall(ops[0], ftype | m.mode, dev)) < 0) {
    yield* warnErrno('mknod', ops[0]);
    return 1;
  }
  if (m.explicit) yield* chmod(ops[0], m.mode);
  return 0;
}

function* tryHelp(): Sys<number> {
  yield* fputs("Try 'mknod --help' for more information.\n", stderr());
  return 1;
}
