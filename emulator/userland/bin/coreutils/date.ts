// date (GNU coreutils): print the time, in the C locale.
//   date [-u] [-d STRING | -r FILE] [-R | -I[TIMESPEC] | --rfc-3339=TIMESPEC | +FORMAT]
// The machine keeps UTC and has no zone database, so local time is UTC and -u changes nothing.
// Setting the clock (-s, or an MMDDhhmm operand) is not supported.

import type { Sys } from '../../runtime/context';
import { errno } from '../../libc/process';
import { getopt } from '../../libc/getopt';
import { stat } from '../../libc/sys_stat';
import { clock_gettime, CLOCK_REALTIME, localtime, strftime, type Timespec } from '../../libc/time';
import { fputs, fwrite, stderr, stdout } from '../../libc/stdio';
import { cq, usageError, warn, warnErrno } from './lib/common';
import { parseDatetime } from './lib/parse_datetime';

const ISO_FORMATS: Record<string, string> = {
  date: '%Y-%m-%d', hours: '%Y-%m-%dT%H%:z', minutes: '%Y-%m-%dT%H:%M%:z',
  seconds: '%Y-%m-%dT%H:%M:%S%:z', ns: '%Y-%m-%dT%H:%M:%S,%N%:z',
};
const RFC3339_FORMATS: Record<string, string> = {
  date: '%Y-%m-%d', seconds: '%Y-%m-%d %H:%M:%S%:z', ns: '%Y-%m-%d %H:%M:%S.%N%:z',
};

/** GNU's argmatch: an exact name or an unambiguous prefix of one; otherwise its complaint. */
function* argmatch(option: string, arg: string, table: Record<string, string>): Sys<string | null> {
  const names = Object.keys(table);
  const hits = names.includes(arg) ? [arg] : names.filter((n) => n.startsWith(arg));
  if (hits.length === 1) return table[hits[0]!]!;
  const what = hits.length === 0 ? 'invalid' : 'ambiguous';
  yield* fputs(
    `date: ${what} argument ${cq(arg)} for ${cq(option)}\nValid arguments are:\n` +
      names.map((n) => `  - ${cq(n)}\n`).join('') + "Try 'date --help' for more information.\n",
    stderr(),
  );
  return null;
}

export function* date(argv: string[]): Sys<number> {
  const r = yield* getopt('date', argv, 'd:r:uRI::', [
    { name: 'date', hasArg: 1, val: 'd' }, { name: 'reference', hasArg: 1, val: 'r' },
    { name: 'utc', hasArg: 0, val: 'u' }, { name: 'universal', hasArg: 0, val: 'u' },
    { name: 'rfc-email', hasArg: 0, val: 'R' }, { name: 'iso-8601', hasArg: 2, val: 'I' },
    { name: 'rfc-3339', hasArg: 1, val: '3' },
  ]);
  if (r.error) return 1;
  let when: Timespec | null = null;
  let fmt: string | null = null;
  for (const o of r.options) {
    if (o.opt === 'd') {
      const now = yield* clock_gettime(CLOCK_REALTIME);
      when = parseDatetime(o.arg!, now!);
      if (!when) {
        yield* warn('date', `invalid date ${cq(o.arg!)}`);
        return 1;
      }
    } else if (o.opt === 'r') {
      const st = yield* stat(o.arg!);
      if (!st) {
        yield* warnErrno('date', o.arg!, errno());
        return 1;
      }
      when = { sec: st.mtime, nsec: st.mtimeNsec };
    } else if (o.opt === 'R' || o.opt === 'I' || o.opt === '3') {
      if (fmt !== null) return yield* multipleFormats();
      if (o.opt === 'R') fmt = '%a, %d %b %Y %H:%M:%S %z';
      else if (o.opt === 'I' && o.arg === undefined) fmt = ISO_FORMATS.date!;
      else fmt = yield* argmatch(o.opt === 'I' ? '--iso-8601' : '--rfc-3339', o.arg!, o.opt === 'I' ? ISO_FORMATS : RFC3339_FORMATS);
      if (fmt === null) return 1;
    }
  }
  const ops = r.operands;
  if (ops.length > 0 && ops[0]!.startsWith('+')) {
    if (ops.length > 1) return yield* usageError('date', `extra operand ${cq(ops[1]!)}`);
    if (fmt !== null) return yield* multipleFormats();
    fmt = ops[0]!.slice(1);
  } else if (ops.length > 0) {
    yield* warn('date', `invalid date ${cq(ops[0]!)}`);
    return 1;
  }
  const t = when ?? (yield* clock_gettime(CLOCK_REALTIME))!;
  yield* fwrite(stdout(), strftime(fmt ?? '%a %b %e %H:%M:%S %Z %Y', localtime(t.sec), t.nsec) + '\n');
  return 0;
}

function* multipleFormats(): Sys<number> {
  yield* warn('date', 'multiple output formats specified');
  return 1;
}
