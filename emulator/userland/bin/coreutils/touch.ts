// touch (GNU coreutils): create files and set their access and modification times with
// utimensat(2) — to now, or to -d DATE, -t [[CC]YY]MMDDhhmm[.ss], or -r FILE's times.
// -a / -m change only one of the two, -c creates nothing, -h changes a symlink itself.
// On a kernel without utimensat (ENOSYS) touch still creates the files.

import type { Sys } from '../../runtime/context';
import { errno } from '../../libc/process';
import { getopt } from '../../libc/getopt';
import { open } from '../../libc/fcntl';
import { close } from '../../libc/unistd';
import { stat, utimensat } from '../../libc/sys_stat';
import { clock_gettime, CLOCK_REALTIME, gmtime, timegm, type Timespec } from '../../libc/time';
import { AT_FDCWD, AT_SYMLINK_NOFOLLOW, O_CREAT, O_NOCTTY, O_NONBLOCK, O_WRONLY } from '../../../uapi/fcntl';
import { UTIME_NOW, UTIME_OMIT } from '../../../uapi/stat';
import { ENOENT, ENOSYS } from '../../../uapi/errno';
import { cq, q, usageError, warn, warnErrno } from './lib/common';
import { parseDatetime } from './lib/parse_datetime';

/** -t's [[CC]YY]MMDDhhmm[.ss]; a two-digit year is 1969-2068, as POSIX says. */
function parseStamp(s: string, now: Timespec): Timespec | null {
  const m = /^(\d{2}|\d{4})?(\d{2})(\d{2})(\d{2})(\d{2})(?:\.(\d{2}))?$/.exec(s);
  if (!m) return null;
  const tm = gmtime(now.sec);
  let year = tm.tm_year + 1900;
  if (m[1]?.length === 4) year = Number(m[1]);
  else if (m[1]) year = Number(m[1]) + (Number(m[1]) < 69 ? 2000 : 1900);
  const [mon, day, hour, min, sec] = [m[2], m[3], m[4], m[5], m[6] ?? '0'].map(Number) as [number, number, number, number, number];
  if (mon < 1 || mon > 12 || day < 1 || day > 31 || hour > 23 || min > 59 || sec > 60) return null;
  return { sec: timegm({ ...tm, tm_year: year - 1900, tm_mon: mon - 1, tm_mday: day, tm_hour: hour, tm_min: min, tm_sec: sec }), nsec: 0 };
}

export function* touch(argv: string[]): Sys<number> {
  const r = yield* getopt('touch', argv, 'acd:fhmr:t:', [
    { name: 'no-create', hasArg: 0, val: 'c' }, { name: 'date', hasArg: 1, val: 'd' },
    { name: 'no-dereference', hasArg: 0, val: 'h' }, { name: 'reference', hasArg: 1, val: 'r' },
  ]);
  if (r.error) return 1;
  let noCreate = false, atime = false, mtime = false, noDeref = false;
  // [access, modification]; null means "now" for both.
  let times: [Timespec, Timespec] | null = null;
  for (const o of r.options) {
    if (o.opt === 'c') noCreate = true;
    else if (o.opt === 'a') atime = true;
    else if (o.opt === 'm') mtime = true;
    else if (o.opt === 'h') noDeref = true;
    else if (o.opt === 'd' || o.opt === 't') {
      const now = (yield* clock_gettime(CLOCK_REALTIME))!;
      const t = o.opt === 'd' ? parseDatetime(o.arg!, now) : parseStamp(o.arg!, now);
      if (!t) {
        yield* warn('touch', `invalid date format ${cq(o.arg!)}`);
        return 1;
      }
      times = [t, t];
    } else if (o.opt === 'r') {
      const st = yield* stat(o.arg!);
      if (!st) {
        yield* warnErrno('touch', `failed to get attributes of ${q(o.arg!)}`);
        return 1;
      }
      times = [{ sec: st.atime, nsec: st.atimeNsec }, { sec: st.mtime, nsec: st.mtimeNsec }];
    }
  }
  if (!atime && !mtime) atime = mtime = true;
  if (r.operands.length === 0) return yield* usageError('touch', 'missing file operand');
  const now: Timespec = { sec: 0, nsec: UTIME_NOW };
  const omit: Timespec = { sec: 0, nsec: UTIME_OMIT };
  const [a, m] = times ?? [now, now];
  const set: [Timespec, Timespec] = [atime ? a : omit, mtime ? m : omit];
  let status = 0;
  for (const path of r.operands) {
    let openErr = 0;
    if (!noCreate && !noDeref) {
      const fd = yield* open(path, O_WRONLY | O_CREAT | O_NONBLOCK | O_NOCTTY, 0o666);
      if (fd < 0) openErr = errno();
      else yield* close(fd);
    }
    if ((yield* utimensat(AT_FDCWD, path, set, noDeref ? AT_SYMLINK_NOFOLLOW : 0)) >= 0) continue;
    const e = errno();
    if (e === ENOSYS && !openErr) continue;
    if (noCreate && e === ENOENT) continue;
    // The open's error says more ("cannot touch"); otherwise the file is there but its times stay.
    if (openErr) yield* warnErrno('touch', `cannot touch ${q(path)}`, openErr);
    else yield* warnErrno('touch', `setting times of ${q(path)}`, e);
    status = 1;
  }
  return status;
}
