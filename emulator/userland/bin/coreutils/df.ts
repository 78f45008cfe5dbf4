// df (GNU coreutils 9.1): how full each mounted filesystem is, from statfs(2) on its mount point.
//
//   Filesystem     1K-blocks  Used Available Use% Mounted on
//   rootfs            131072    12    131060   1% /
//
// The mounts come from /proc/self/mountinfo (gnulib's mountlist). Without -a, "dummy" types
// (proc, sysfs, devpts, debugfs, mqueue … and "none") and filesystems with no blocks at all
// (tracefs, configfs, cgroup2) are left out, and of several mounts of one filesystem (bind
// mounts) only the one with the shortest mount point is kept. FILE arguments show the mount each
// file is on, whatever its type.
//
//   -a all   -h powers of 1024 (16K, 1.5M)   -H powers of 1000   -k 1K blocks (the default)
//   -i inodes instead of blocks   -T add the type   -t TYPE / -x TYPE   --total
//
// Columns are as wide as their widest cell (at least: Filesystem 14, Type 4, numbers 5, Use% 4);
// the text columns are aligned left, the numbers right, "Mounted on" is not padded.

import type { Sys } from '../../runtime/context';
import { major, minor } from '../../../uapi/stat';
import { getopt } from '../../libc/getopt';
import { fputs, stdout } from '../../libc/stdio';
import { stat } from '../../libc/sys_stat';
import { statfs } from '../../libc/sys_statfs';
import { readMountinfo, type MountEntry } from '../util-linux/lib/mountinfo';
import { qf, warn, warnErrno } from './lib/common';
import { canonicalize } from './lib/canon';

/** ME_DUMMY_0 and "none": pseudo filesystems df skips unless -a. */
const DUMMY_TYPES = new Set([
  'autofs', 'proc', 'subfs', 'debugfs', 'devpts', 'fusectl', 'fuse.portal', 'mqueue', 'rpc_pipefs', 'sysfs', 'devfs', 'kernfs',
  'ignore', 'none',
]);

const LONGOPTS = [
  { name: 'all', hasArg: 0, val: 'a' }, { name: 'human-readable', hasArg: 0, val: 'h' }, { name: 'si', hasArg: 0, val: 'H' },
  { name: 'inodes', hasArg: 0, val: 'i' }, { name: 'print-type', hasArg: 0, val: 'T' }, { name: 'type', hasArg: 1, val: 't' },
  { name: 'exclude-type', hasArg: 1, val: 'x' }, { name: 'total', hasArg: 0, val: 'c' }, { name: 'local', hasArg: 0, val: 'l' },
  { name: 'portability', hasArg: 0, val: 'P' }, { name: 'help', hasArg: 0, val: '?' }, { name: 'version', hasArg: 0, val: 'v' },
] as const;

const HELP = `Usage: df [OPTION]... [FILE]...
Show information about the file system on which each FILE resides,
or all file systems by default.

Mandatory arguments to long options are mandatory for short options too.
  -a, --all             include pseudo, duplicate, inaccessible file systems
  -h, --human-readable  print sizes in powers of 1024 (e.g., 1023M)
  -H, --si              print sizes in powers of 1000 (e.g., 1.1G)
  -i, --inodes          list inode information instead of block usage
  -k                    like --block-size=1K
  -l, --local           limit listing to local file systems
  -P, --portability     use the POSIX output format
  -t, --type=TYPE       limit listing to file systems of type TYPE
  -T, --print-type      print file system type
  -x, --exclude-type=TYPE   limit listing to file systems not of type TYPE
      --total           elide all entries insignificant to available space,
                          and produce a grand total
      --help        display this help and exit
      --version     output version information and exit
`;

/**
 * GNU human_readable with human_ceiling | human_autoscale: one decimal below 10, rounded up, so a
 * size is never understated — "0", "4.0K", "16K", "1.5M" (powers of `base`: 1024, or 1000 with -H).
 */
export function dfHuman(n: number, base: 1024 | 1000): string {
  const units = base === 1024 ? 'KMGTPEZY' : 'kMGTPEZY';
  if (n < base) return String(n);
  for (let k = 1; ; k++) {
    const div = base ** k;
    const tenths = Math.ceil((n * 10) / div);
    if (tenths < 100) return `${Math.floor(tenths / 10)}.${tenths % 10}${units[k - 1]}`;
    const whole = Math.ceil(n / div);
    if (whole < base || k === units.length) return `${whole}${units[k - 1]}`;
  }
}

/** Use%: used / (used + available), rounded up; "-" when there is nothing to divide. */
function percent(used: number, avail: number): string {
  const total = used + avail;
  if (total === 0) return '-';
  return `${Math.ceil((used * 100) / total)}%`;
}

interface Row {
  source: string;
  type: string;
  values: string[];
  target: string;
}

export function* df(argv: string[]): Sys<number> {
  const r = yield* getopt('df', argv, 'ahHikTt:x:lPB:', [...LONGOPTS]);
  if (r.error) return 1;
  let all = false, inodes = false, printType = false, total = false;
  let human: 0 | 1024 | 1000 = 0;
  const only: string[] = [];
  const exclude: string[] = [];
  for (const o of r.options) {
    switch (o.opt) {
      case '?':
        yield* fputs(HELP, stdout());
        return 0;
      case 'v':
        yield* fputs('df (GNU coreutils) 9.1\n', stdout());
        return 0;
      case 'a': all = true; break;
      case 'h': human = 1024; break;
      case 'H': human = 1000; break;
      case 'k': human = 0; break;
      case 'i': inodes = true; break;
      case 'T': printType = true; break;
      case 't': only.push(o.arg!); break;
      case 'x': exclude.push(o.arg!); break;
      case 'c': total = true; break;
    }
  }
  const table = yield* readMountinfo();
  if (!table) {
    yield* warnErrno('df', 'cannot read table of mounted file systems');
    return 1;
  }
  let status = 0;
  // The mounts to show: each FILE's own, or the filtered table.
  let chosen: MountEntry[] = [];
  const listed = r.operands.length > 0;
  if (listed) {
    for (const f of r.operands) {
      const st = yield* stat(f);
      const abs = st ? yield* canonicalize(f, 'existing') : null;
      if (!st || abs === null) {
        yield* warnErrno('df', qf(f));
        status = 1;
        continue;
      }
      // The last mount whose point is a prefix of the file's name and has the file's device.
      let best: MountEntry | null = null;
      for (const e of table) {
        const under = e.target === '/' || abs === e.target || abs.startsWith(e.target + '/');
        if (under && e.major === major(st.dev) && e.minor === minor(st.dev)) best = e;
      }
      if (best) chosen.push(best);
    }
  } else {
    chosen = table.filter((e) => (all || !DUMMY_TYPES.has(e.fstype)) && (!only.length || only.includes(e.fstype)) && !exclude.includes(e.fstype));
    if (!all) {
      // One line per filesystem: of several mounts of one device, the shortest mount point wins.
      const byDev = new Map<string, MountEntry>();
      for (const e of chosen) {
        const key = `${e.major}:${e.minor}`;
        const prev = byDev.get(key);
        if (!prev || e.target.length < prev.target.length) byDev.set(key, e);
      }
      chosen = chosen.filter((e) => byDev.get(`${e.major}:${e.minor}`) === e);
    }
  }
  const rows: Row[] = [];
  const sums = [0, 0, 0];
  for (const e of chosen) {
    const fs = yield* statfs(e.target);
    if (!fs) {
      if (listed || all) {
        yield* warnErrno('df', qf(e.target));
        status = 1;
      }
      continue;
    }
    if (!listed && !all && fs.blocks === 0) continue;
    let size: number, used: number, avail: number;
    if (inodes) {
      size = fs.files;
      used = fs.files - fs.ffree;
      avail = fs.ffree;
    } else {
      const unit = fs.frsize || fs.bsize;
      size = fs.blocks * unit;
      used = (fs.blocks - fs.bfree) * unit;
      avail = fs.bavail * unit;
    }
    sums[0]! += size;
    sums[1]! += used;
    sums[2]! += avail;
    rows.push({ source: e.source, type: e.fstype, values: numbers(size, used, avail, inodes, human), target: e.target });
  }
  if (total) rows.push({ source: 'total', type: '-', values: numbers(sums[0]!, sums[1]!, sums[2]!, inodes, human), target: '-' });
  if (listed && rows.length === 0 && status) return status;
  yield* fputs(formatDf(rows, inodes, human, printType), stdout());
  if (status === 0 && !listed && rows.length === 0) {
    yield* warn('df', 'no file systems processed');
    return 1;
  }
  return status;
}

/** The number columns: size, used, available (bytes, or inodes) and the percentage. */
function numbers(size: number, used: number, avail: number, inodes: boolean, human: 0 | 1024 | 1000): string[] {
  const show = (n: number) => (inodes ? (human ? dfHuman(n, human) : String(n)) : human ? dfHuman(n, human) : String(Math.ceil(n / 1024)));
  return [show(size), show(used), show(avail), percent(used, avail)];
}

function formatDf(rows: Row[], inodes: boolean, human: 0 | 1024 | 1000, printType: boolean): string {
  const heads = inodes ? ['Inodes', 'IUsed', 'IFree', 'IUse%'] : human ? ['Size', 'Used', 'Avail', 'Use%'] : ['1K-blocks', 'Used', 'Available', 'Use%'];
  const header: Row = { source: 'Filesystem', type: 'Type', values: heads, target: 'Mounted on' };
  const all = [header, ...rows];
  const wSource = Math.max(14, ...all.map((x) => x.source.length));
  const wType = Math.max(4, ...all.map((x) => x.type.length));
  const wNum = [0, 1, 2, 3].map((i) => Math.max(i === 3 ? 4 : 5, ...all.map((x) => x.values[i]!.length)));
  let out = '';
  for (const x of all) {
    let line = x.source.padEnd(wSource);
    if (printType) line += ' ' + x.type.padEnd(wType);
    x.values.forEach((v, i) => (line += ' ' + v.padStart(wNum[i]!)));
    out += `${line} ${x.target}\n`;
  }
  return out;
}
