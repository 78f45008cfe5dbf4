// mknod (GNU coreutils): make a FIFO (p) or a character (c, u) or block (b) special file with
// the given major and minor numbers; -m MODE as mkfifo.

import type { Sys } from '../../runtime/context';
import { getopt } from '../../libc/getopt';
import { chmod, mknod as mknodCall } from '../../libc/sys_stat';
import { fputs, stderr } from '../../libc/stdio';
import { S_IFBLK, S_IFCHR, S_IFIFO, makedev } from '../../../uapi/stat';
import { cq, qf, usageError, warn, warnErrno } from './lib/common';
import { getUmask, modeFromOption } from './lib/mode';

const TYPES: Record<string, number> = { p: S_IFIFO, b: S_IFBLK, c: S_IFCHR, u: S_IFCHR };

/** GNU's usage complaint with its extra hint line. */
function* badUsage(msg: string, hint: string): Sys<number> {
  yield* fputs(`mknod: ${msg}\n${hint}Try 'mknod --help' for more information.\n`, stderr());
  return 1;
}

export function* mknod(argv: string[]): Sys<number> {
  const r = yield* getopt('mknod', argv, 'm:', [{ name: 'mode', hasArg: 1, val: 'm' }]);
  if (r.error) return 1;
  const spec = r.options.filter((o) => o.opt === 'm').pop()?.arg ?? null;
  const ops = r.operands;
  if (ops.length === 0) return yield* usageError('mknod', 'missing operand');
  if (ops.length === 1) return yield* usageError('mknod', `missing operand after ${cq(ops[0]!)}`);
  const [name, type, maj, min] = ops as [string, string, string?, string?];
  const isFifo = type === 'p';
  if (!isFifo && ops.length < 4) {
    const hint = ops.length === 2 ? 'Special files require major and minor device numbers.\n' : '';
    return yield* badUsage(`missing operand after ${cq(ops[ops.length - 1]!)}`, hint);
  }
  const expected = isFifo ? 2 : 4;
  if (ops.length > expected) {
    const hint = isFifo && ops.length === 4 ? 'Fifos do not have major and minor device numbers.\n' : '';
    return yield* badUsage(`extra operand ${cq(ops[expected]!)}`, hint);
  }
  const ftype = TYPES[type];
  if (ftype === undefined) return yield* usageError('mknod', `invalid device type ${cq(type)}`);
  let dev = 0;
  if (!isFifo) {
    if (!/^\d+$/.test(maj!)) return yield* invalid(`invalid major device number ${cq(maj!)}`);
    if (!/^\d+$/.test(min!)) return yield* invalid(`invalid minor device number ${cq(min!)}`);
    dev = makedev(Number(maj), Number(min));
  }
  const mode = spec === null ? 0o666 & ~(yield* getUmask()) : yield* modeFromOption(spec, 0o666, false);
  if (mode === null) return yield* invalid('invalid mode');
  if ((yield* mknodCall(name, ftype | mode, dev)) < 0) {
    yield* warnErrno('mknod', qf(name));
    return 1;
  }
  if (spec !== null) yield* chmod(name, mode);
  return 0;
}

function* invalid(msg: string): Sys<number> {
  yield* warn('mknod', msg);
  return 1;
}
