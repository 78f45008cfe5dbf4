// dd (GNU coreutils): copy blocks from if= to of= (standard input and output by default).
//   dd [if=F] [of=F] [bs=N] [ibs=N] [obs=N] [count=N] [skip=N] [seek=N] [status=none|noxfer|progress]
// Counts accept the suffixes c w b k K M G (and kB MB GB). Full and partial records are counted as
// GNU does ("N+M records in"), and the summary's time is the machine's monotonic clock.

import { O_CREAT, O_RDONLY, O_TRUNC, O_WRONLY, SEEK_CUR } from '../../../uapi/fcntl';
import type { Sys } from '../../runtime/context';
import { alloca, errno, withStack } from '../../libc/process';
import { open } from '../../libc/fcntl';
import { close, lseek, read, write } from '../../libc/unistd';
import { clock_gettime, CLOCK_MONOTONIC } from '../../libc/time';
import { fputs, stderr } from '../../libc/stdio';
import { format } from '../../libc/format';
import { strerror } from '../../libc/string';

const MULT: Record<string, number> = { '': 1, c: 1, w: 2, b: 512, k: 1024, K: 1024, kB: 1000, M: 1 << 20, MB: 1e6, G: 1 << 30, GB: 1e9 };

function parseSize(v: string): number | null {
  const m = /^(\d+)(c|w|b|kB|k|K|MB|M|GB|G)?$/.exec(v);
  return m ? Number(m[1]) * MULT[m[2] ?? '']! : null;
}

/** GNU's autoscaled sizes: one decimal below 10 units, none above. */
function human(n: number, base: number, units: string[]): string {
  let i = 0;
  while (n >= base && i < units.length - 1) {
    n /= base;
    i++;
  }
  return `${n < 10 ? n.toFixed(1) : Math.round(n).toString()} ${units[i]}`;
}

function summary(bytes: number, secs: number): string {
  const si = human(bytes, 1000, ['B', 'kB', 'MB', 'GB', 'TB']);
  const iec = human(bytes, 1024, ['B', 'KiB', 'MiB', 'GiB', 'TiB']);
  const sizes = bytes < 1000 ? '' : bytes < 1024 ? ` (${si})` : ` (${si}, ${iec})`;
  const rate = secs > 0 ? bytes / secs : Infinity;
  let r = rate;
  const units = ['B/s', 'kB/s', 'MB/s', 'GB/s', 'TB/s'];
  let i = 0;
  while (r >= 1000 && i < units.length - 1) {
    r /= 1000;
    i++;
  }
  const speed = Number.isFinite(r) ? `${r < 100 ? r.toFixed(1) : Math.round(r)} ${units[i]}` : 'Infinity B/s';
  return `${bytes} bytes${sizes} copied, ${format('%g', [secs])} s, ${speed}\n`;
}

export function* dd(argv: string[]): Sys<number> {
  const o: Record<string, string> = {};
  for (const a of argv.slice(1)) {
    const eq = a.indexOf('=');
    if (eq <= 0) {
      yield* fputs(`dd: unrecognized operand ‘${a}’\nTry 'dd --help' for more information.\n`, stderr());
      return 1;
    }
    o[a.slice(0, eq)] = a.slice(eq + 1);
  }
  const num = (k: string, def: number): number | null => (o[k] === undefined ? def : parseSize(o[k]!));
  const ibs = num('ibs', 512), obs = num('obs', 512), bs = num('bs', 0);
  const count = num('count', Infinity), skip = num('skip', 0), seek = num('seek', 0);
  for (const [k, v] of [['ibs', ibs], ['obs', obs], ['bs', bs], ['count', count], ['skip', skip], ['seek', seek]] as const) {
    if (v === null) {
      yield* fputs(`dd: invalid number: ‘${o[k]}’\n`, stderr());
      return 1;
    }
  }
  const inSize = bs || ibs!;
  const outSize = bs || obs!;
  const fin = o.if === undefined ? 0 : yield* open(o.if, O_RDONLY);
  if (fin < 0) {
    yield* fputs(`dd: failed to open '${o.if}': ${strerror(errno())}\n`, stderr());
    return 1;
  }
  const fout = o.of === undefined ? 1 : yield* open(o.of, O_WRONLY | O_CREAT | (seek ? 0 : O_TRUNC), 0o666);
  if (fout < 0) {
    yield* fputs(`dd: failed to open '${o.of}': ${strerror(errno())}\n`, stderr());
    return 1;
  }
  const t0 = yield* clock_gettime(CLOCK_MONOTONIC);
  const st = { fullIn: 0, partIn: 0, fullOut: 0, partOut: 0, bytes: 0 };
  const status = yield* withStack(function* () {
    const buf = alloca(Math.max(inSize, 1));
    if (skip && (yield* lseek(fin, skip! * inSize, SEEK_CUR)) < 0) {
      for (let i = 0; i < skip!; i++) if ((yield* read(fin, buf, inSize)) <= 0) break;
    }
    if (seek) yield* lseek(fout, seek! * outSize, SEEK_CUR);
    for (let rec = 0; rec < count!; rec++) {
      const n = yield* read(fin, buf, inSize);
      if (n < 0) {
        yield* fputs(`dd: error reading '${o.if ?? 'standard input'}': ${strerror(errno())}\n`, stderr());
        return 1;
      }
      if (n === 0) break;
      if (n === inSize) st.fullIn++;
      else st.partIn++;
      let off = 0;
      while (off < n) {
        const w = yield* write(fout, buf + off, Math.min(n - off, outSize));
        if (w < 0) {
          yield* fputs(`dd: error writing '${o.of ?? 'standard output'}': ${strerror(errno())}\n`, stderr());
          return 1;
        }
        if (w === outSize) st.fullOut++;
        else st.partOut++;
        off += w;
        st.bytes += w;
      }
    }
    return 0;
  });
  if (fin !== 0) yield* close(fin);
  if (fout !== 1) yield* close(fout);
  const t1 = yield* clock_gettime(CLOCK_MONOTONIC);
  if (o.status !== 'none') {
    let text = `${st.fullIn}+${st.partIn} records in\n${st.fullOut}+${st.partOut} records out\n`;
    if (o.status !== 'noxfer' && t0 && t1) text += summary(st.bytes, (t1.sec - t0.sec) + (t1.nsec - t0.nsec) / 1e9);
    yield* fputs(text, stderr());
  }
  return status;
}
