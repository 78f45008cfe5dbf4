// nproc (GNU coreutils): how many processing units this process may use — the CPUs in its
// sched_getaffinity(2) mask, capped by OMP_NUM_THREADS / OMP_THREAD_LIMIT as GNU honours them.
// --all counts every CPU the system has, as glibc's get_nprocs_conf does: the cpuN entries of
// /sys/devices/system/cpu (or the cpuN lines of /proc/stat). --ignore=N leaves N out (but always at least 1).

import type { Sys } from '../../runtime/context';
import { getopt } from '../../libc/getopt';
import { CPU_COUNT, sched_getaffinity } from '../../libc/sched';
import { readdir } from '../../libc/dirent';
import { getenv } from '../../libc/stdlib';
import { readTextFile } from '../../libc/read_file';
import { fwrite, stdout } from '../../libc/stdio';
import { cq, usageError, warn } from './lib/common';

/** get_nprocs_conf: the CPUs the kernel knows about, online or not. */
function* configuredCpus(): Sys<number | null> {
  const ents = yield* readdir('/sys/devices/system/cpu');
  const n = ents?.filter((e) => /^cpu\d+$/.test(e.name)).length ?? 0;
  return n > 0 ? n : yield* statCpus();
}

/** get_nprocs: the online CPUs, from /sys/devices/system/cpu/online ("0-1,4"). */
function* onlineCpus(): Sys<number | null> {
  const text = yield* readTextFile('/sys/devices/system/cpu/online');
  if (text === null) return yield* statCpus();
  let n = 0;
  for (const range of text.trim().split(',')) {
    const [a, b] = range.split('-').map(Number);
    n += b === undefined ? 1 : b - a! + 1;
  }
  return n;
}

/** glibc's fallback when /sys has nothing to say: the "cpuN" lines of /proc/stat. */
function* statCpus(): Sys<number | null> {
  const text = yield* readTextFile('/proc/stat');
  const n = text?.split('\n').filter((l) => /^cpu\d+ /.test(l)).length ?? 0;
  return n > 0 ? n : null;
}

/** A positive OMP_* count, as GNU's parse_omp_threads reads it (the first of a comma list). */
function ompCount(name: string): number {
  const m = /^\s*\+?(\d+)/.exec(getenv(name) ?? '');
  return m ? Number(m[1]) : 0;
}

export function* nproc(argv: string[]): Sys<number> {
  const r = yield* getopt('nproc', argv, '', [
    { name: 'all', hasArg: 0, val: 'a' }, { name: 'ignore', hasArg: 1, val: 'i' },
  ]);
  if (r.error) return 1;
  if (r.operands.length) return yield* usageError('nproc', `extra operand ${cq(r.operands[0]!)}`);
  let ignore = 0;
  for (const o of r.options) {
    if (o.opt !== 'i') continue;
    if (!/^\d+$/.test(o.arg!)) {
      yield* warn('nproc', `invalid number: ${cq(o.arg!)}`);
      return 1;
    }
    ignore = Number(o.arg);
  }
  let n: number;
  if (r.options.some((o) => o.opt === 'a')) n = (yield* configuredCpus()) ?? 1;
  else {
    const mask = yield* sched_getaffinity(0);
    n = mask ? CPU_COUNT(mask) : (yield* onlineCpus()) ?? 1;
    const threads = ompCount('OMP_NUM_THREADS');
    const limit = ompCount('OMP_THREAD_LIMIT');
    if (threads) n = threads;
    if (limit) n = Math.min(n, limit);
  }
  yield* fwrite(stdout(), `${Math.max(1, n - ignore)}\n`);
  return 0;
}
