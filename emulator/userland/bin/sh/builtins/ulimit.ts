// ulimit [-H | -S] [-a | -tfdscmlpnvwr] [limit]: show or set a resource limit (dash's options;
// -f, the default, is in 512-byte blocks, the memory sizes in kilobytes).

import type { Sys } from '../../../libc/process';
import { errno } from '../../../libc/process';
import { strerror } from '../../../libc/string';
import {
  getrlimit, setrlimit, RLIM_INFINITY, RLIMIT_AS, RLIMIT_CORE, RLIMIT_CPU, RLIMIT_DATA, RLIMIT_FSIZE, RLIMIT_LOCKS,
  RLIMIT_MEMLOCK, RLIMIT_NOFILE, RLIMIT_NPROC, RLIMIT_RSS, RLIMIT_RTPRIO, RLIMIT_STACK,
} from '../../../libc/sys_resource';
import type { Shell } from '../shell';
import { out } from './util';

interface Limit {
  option: string;
  name: string;
  resource: number;
  /** Bytes per unit shown. */
  unit: bigint;
}

const LIMITS: readonly Limit[] = [
  { option: 't', name: 'time(seconds)', resource: RLIMIT_CPU, unit: 1n },
  { option: 'f', name: 'file(blocks)', resource: RLIMIT_FSIZE, unit: 512n },
  { option: 'd', name: 'data(kbytes)', resource: RLIMIT_DATA, unit: 1024n },
  { option: 's', name: 'stack(kbytes)', resource: RLIMIT_STACK, unit: 1024n },
  { option: 'c', name: 'coredump(blocks)', resource: RLIMIT_CORE, unit: 512n },
  { option: 'm', name: 'memory(kbytes)', resource: RLIMIT_RSS, unit: 1024n },
  { option: 'l', name: 'locked memory(kbytes)', resource: RLIMIT_MEMLOCK, unit: 1024n },
  { option: 'p', name: 'process', resource: RLIMIT_NPROC, unit: 1n },
  { option: 'n', name: 'nofiles', resource: RLIMIT_NOFILE, unit: 1n },
  { option: 'v', name: 'vmemory(kbytes)', resource: RLIMIT_AS, unit: 1024n },
  { option: 'w', name: 'locks', resource: RLIMIT_LOCKS, unit: 1n },
  { option: 'r', name: 'rtprio', resource: RLIMIT_RTPRIO, unit: 1n },
];

const show = (v: bigint, unit: bigint): string => (v === RLIM_INFINITY ? 'unlimited' : String(v / unit));

export function* ulimit(sh: Shell, argv: string[]): Sys<number> {
  let hard = false;
  let soft = false;
  let all = false;
  let limit = LIMITS[1]!;
  let i = 1;
  for (; i < argv.length && /^-[a-zA-Z]+$/.test(argv[i]!); i++) {
    for (const c of argv[i]!.slice(1)) {
      if (c === 'H') hard = true;
      else if (c === 'S') soft = true;
      else if (c === 'a') all = true;
      else {
        const l = LIMITS.find((x) => x.option === c);
        if (!l) {
          yield* sh.warn(`ulimit: Illegal option -${c}`);
          return 2;
        }
        limit = l;
      }
    }
  }
  const value = argv[i];
  if (all || value === undefined) {
    let text = '';
    for (const l of all ? LIMITS : [limit]) {
      const r = yield* getrlimit(l.resource);
      if (!r) continue;
      const v = show(hard ? r.max : r.cur, l.unit);
      text += all ? `${l.name.padEnd(20)} ${v}\n` : `${v}\n`;
    }
    yield* out(text);
    return 0;
  }
  if (value !== 'unlimited' && !/^[0-9]+$/.test(value)) {
    yield* sh.warn(`ulimit: bad number`);
    return 2;
  }
  const n = value === 'unlimited' ? RLIM_INFINITY : BigInt(value) * limit.unit;
  const r = yield* getrlimit(limit.resource);
  if (!r) return 1;
  // Neither -H nor -S sets both limits.
  const next = { cur: hard && !soft ? r.cur : n, max: soft && !hard ? r.max : n };
  if ((yield* setrlimit(limit.resource, next)) < 0) {
    yield* sh.warn(`ulimit: error setting limit (${strerror(errno())})`);
    return 2;
  }
  return 0;
}
