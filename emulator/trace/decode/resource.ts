// Resource limits and usage: `RLIMIT_NOFILE`, `{rlim_cur=8192*1024, rlim_max=RLIM64_INFINITY}`, and
// struct rusage (`{ru_utime={tv_sec=0, tv_usec=88}, ru_stime=…, ...}`, every field with -v).

import * as R from '../../uapi/resource';
import { outArg, pure, structArg } from './context';
import { formatEnum } from './flags';
import { int32 } from './numbers';
import type { Fields } from './struct';
import { formatTimevalFields } from './time';

const RESOURCES: ReadonlyMap<number, string> = new Map(R.RLIMIT_NAMES.map((n, i) => [i, `RLIMIT_${n}`]));

/** A limit: RLIM64_INFINITY, or a multiple of 1024 above 1024 written as `N*1024`. */
function formatRlim(v: bigint): string {
  if (v === R.RLIM_INFINITY) return 'RLIM64_INFINITY';
  return v > 1024n && v % 1024n === 0n ? `${v / 1024n}*1024` : `${v}`;
}

const rlimit = structArg(R.RLIMIT_SIZE, (f) => `{rlim_cur=${formatRlim(f.u64(0))}, rlim_max=${formatRlim(f.u64(8))}}`);

function formatRusage(f: Fields, verbose: boolean): string {
  const times = [`ru_utime=${formatTimevalFields(f, R.RUSAGE.utime)}`, `ru_stime=${formatTimevalFields(f, R.RUSAGE.stime)}`];
  if (!verbose) return `{${times.join(', ')}, ...}`;
  const longs = R.RUSAGE_LONG_FIELDS.map((name, i) => `ru_${name}=${f.s64(R.RUSAGE.longs + i * 8)}`);
  return `{${[...times, ...longs].join(', ')}}`;
}

export const rlimitResourceArg = pure((a) => formatEnum(int32(a.value) >>> 0, RESOURCES, 'RLIMIT_'));
export const rlimitInArg = rlimit;
export const rlimitOutSpec = outArg(rlimit);
export const rusageOutSpec = outArg(structArg(R.RUSAGE_SIZE, (f, a) => formatRusage(f, a.opts.verbose)));

const WHO = new Map([[R.RUSAGE_SELF, 'RUSAGE_SELF'], [R.RUSAGE_CHILDREN, 'RUSAGE_CHILDREN'], [R.RUSAGE_THREAD, 'RUSAGE_THREAD']]);
/** getrusage's `who`. */
export const rusageWhoArg = pure((a) => WHO.get(int32(a.value)) ?? `${int32(a.value)}`);
