// losetup (util-linux 2.38): set up and control loop devices.
//
//   losetup [-l] [-n] [-O COLS]     list the used devices as a table (the default without args)
//   losetup -a                      list them as "/dev/loop0: [0001]:5 (/tmp/img)"
//   losetup LOOPDEV                 that one device's line
//   losetup -f                      print the first free device
//   losetup [-f|LOOPDEV] [--show] [-o OFF] [--sizelimit N] [-r] [-P] FILE
//   losetup -d LOOPDEV...  /  -D    detach one or several / all
//   losetup -j FILE                 the devices FILE is attached to
//
// Everything goes through the devices: /dev/loop-control's LOOP_CTL_GET_FREE, LOOP_CONFIGURE,
// LOOP_GET_STATUS64, LOOP_CLR_FD, and sysfs for the backing file's full name. The list columns
// and their alignment are libsmartcols'; errors exit 1 as losetup's do.

import { O_RDONLY, O_RDWR } from '../../../uapi/fcntl';
import { EACCES, EROFS } from '../../../uapi/errno';
import { LO_FLAGS_AUTOCLEAR, LO_FLAGS_DIRECT_IO, LO_FLAGS_PARTSCAN, LO_FLAGS_READ_ONLY } from '../../../uapi/loop';
import type { Sys } from '../../runtime/context';
import { readdir } from '../../libc/dirent';
import { open } from '../../libc/fcntl';
import { getopt } from '../../libc/getopt';
import { errno } from '../../libc/process';
import { fputs, stderr, stdout } from '../../libc/stdio';
import { strerror } from '../../libc/string';
import { stat } from '../../libc/sys_stat';
import { close, getcwd } from '../../libc/unistd';
import {
  loopConfigure, loopDetach, loopGetFree, loopSectorSize, loopStatusOf, loopSysfsAttr, type LoopInfo,
} from './lib/loopdev';
import { formatTable, type Column } from './lib/table';

const HELP = `
Usage:
 losetup [options] [<loopdev>]
 losetup [options] -f | <loopdev> <file>

Set up and control loop devices.

Options:
 -a, --all                     list all used devices
 -d, --detach <loopdev>...     detach one or more devices
 -D, --detach-all              detach all used devices
 -f, --find                    find first unused device
 -j, --associated <file>       list all devices associated with <file>
 -L, --nooverlap               avoid possible conflict between devices

 -o, --offset <num>            start at offset <num> into file
     --sizelimit <num>         device is limited to <num> bytes of the file
 -b, --sector-size <num>       set the logical sector size to <num>
 -P, --partscan                create a partitioned loop device
 -r, --read-only               set up a read-only loop device
     --direct-io[=<on|off>]    open backing file with O_DIRECT
     --show                    print device name after setup (with -f)
 -v, --verbose                 verbose mode

 -J, --json                    use JSON --list output format
 -l, --list                    list info about all or specified (default)
 -n, --noheadings              don't print headings for --list output
 -O, --output <cols>           specify columns to output for --list
     --output-all              output all columns
     --raw                     use raw --list output format

 -h, --help                    display this help
 -V, --version                 display version

Available output columns:
         NAME  loop device name
    AUTOCLEAR  autoclear flag set
    BACK-FILE  device backing file
     BACK-INO  backing file inode number
 BACK-MAJ:MIN  backing file major:minor device number
      MAJ:MIN  loop device major:minor number
       OFFSET  offset from the beginning
     PARTSCAN  partscan flag set
           RO  read-only device
    SIZELIMIT  size limit of the file in bytes
          DIO  access backing file with direct-io
      LOG-SEC  logical sector size in bytes
`;

const LONGOPTS = [
  { name: 'all', hasArg: 0, val: 'a' }, { name: 'detach', hasArg: 1, val: 'd' }, { name: 'detach-all', hasArg: 0, val: 'D' },
  { name: 'find', hasArg: 0, val: 'f' }, { name: 'associated', hasArg: 1, val: 'j' }, { name: 'offset', hasArg: 1, val: 'o' },
  { name: 'sizelimit', hasArg: 1, val: 'S' }, { name: 'partscan', hasArg: 0, val: 'P' }, { name: 'read-only', hasArg: 0, val: 'r' },
  { name: 'show', hasArg: 0, val: 's' }, { name: 'verbose', hasArg: 0, val: 'v' }, { name: 'list', hasArg: 0, val: 'l' },
  { name: 'noheadings', hasArg: 0, val: 'n' }, { name: 'output', hasArg: 1, val: 'O' }, { name: 'help', hasArg: 0, val: 'h' },
  { name: 'version', hasArg: 0, val: 'V' }, { name: 'nooverlap', hasArg: 0, val: 'L' }, { name: 'sector-size', hasArg: 1, val: 'b' },
  { name: 'output-all', hasArg: 0, val: 'A' },
] as const;

/** A used loop device and what is known about it. */
interface Used {
  path: string;
  number: number;
  info: LoopInfo;
  backingFile: string;
}

const COLUMNS: Record<string, Column & { get(u: Used, sector: number): string }> = {
  NAME: { name: 'NAME', get: (u) => u.path },
  AUTOCLEAR: { name: 'AUTOCLEAR', right: true, min: 1, get: (u) => flag(u, LO_FLAGS_AUTOCLEAR) },
  'BACK-FILE': { name: 'BACK-FILE', get: (u) => u.backingFile },
  'BACK-INO': { name: 'BACK-INO', right: true, min: 4, get: (u) => String(u.info.inode) },
  'BACK-MAJ:MIN': { name: 'BACK-MAJ:MIN', get: (u) => `${(u.info.device >>> 8) & 0xfff}:${(u.info.device & 0xff) | ((u.info.device >>> 12) & 0xfff00)}` },
  'MAJ:MIN': { name: 'MAJ:MIN', get: (u) => `7:${u.number}` },
  OFFSET: { name: 'OFFSET', right: true, min: 5, get: (u) => String(u.info.offset) },
  PARTSCAN: { name: 'PARTSCAN', right: true, min: 1, get: (u) => flag(u, LO_FLAGS_PARTSCAN) },
  RO: { name: 'RO', right: true, min: 1, get: (u) => flag(u, LO_FLAGS_READ_ONLY) },
  SIZELIMIT: { name: 'SIZELIMIT', right: true, min: 5, get: (u) => String(u.info.sizelimit) },
  DIO: { name: 'DIO', right: true, min: 1, get: (u) => flag(u, LO_FLAGS_DIRECT_IO) },
  'LOG-SEC': { name: 'LOG-SEC', right: true, min: 4, get: (_u, sector) => String(sector) },
};
const DEFAULT_COLUMNS = ['NAME', 'SIZELIMIT', 'OFFSET', 'AUTOCLEAR', 'RO', 'BACK-FILE', 'DIO', 'LOG-SEC'];

const flag = (u: Used, f: number): string => (u.info.flags & f ? '1' : '0');

/** The number of a loop device name ("/dev/loop3", "loop3"), or -1. */
function loopNumber(path: string): number {
  const m = /(?:^|\/)loop(\d+)$/.exec(path);
  return m ? Number(m[1]) : -1;
}

/** The used devices, by number: from /sys/block when it is there, else by scanning /dev. */
function* usedDevices(): Sys<Used[]> {
  let names = (yield* readdir('/sys/block'))?.map((d) => d.name).filter((n) => /^loop\d+$/.test(n)) ?? null;
  names ??= (yield* readdir('/dev'))?.map((d) => d.name).filter((n) => /^loop\d+$/.test(n)) ?? [];
  const out: Used[] = [];
  for (const n of names.map((x) => Number(x.slice(4))).sort((a, b) => a - b)) {
    const u = yield* describe(`/dev/loop${n}`);
    if (u) out.push(u);
  }
  return out;
}

/** One device's state, or null (errno set) when it is unused or missing. */
function* describe(path: string): Sys<Used | null> {
  const info = yield* loopStatusOf(path);
  if (!info) return null;
  const number = loopNumber(path) >= 0 ? loopNumber(path) : info.number;
  const sysName = yield* loopSysfsAttr(number, 'backing_file');
  // Without sysfs only lo_file_name is known, and a full 63 bytes of it may have been cut short.
  const backingFile = sysName ?? (info.fileName.length >= 63 ? `${info.fileName}*` : info.fileName);
  return { path, number, info, backingFile };
}

/** The -a / single-device line. */
function statusLine(u: Used): string {
  let s = `${u.path}: [${String(u.info.device).padStart(4, '0')}]:${u.info.inode} (${u.backingFile})`;
  if (u.info.offset) s += `, offset ${u.info.offset}`;
  if (u.info.sizelimit) s += `, sizelimit ${u.info.sizelimit}`;
  return s + '\n';
}

function* list(devices: Used[], cols: string[], noHeadings: boolean): Sys<void> {
  if (devices.length === 0) return;
  const columns = cols.map((c) => COLUMNS[c]!);
  const rows: string[][] = [];
  for (const u of devices) {
    const sector = yield* loopSectorSize(u.path);
    rows.push(columns.map((c) => c.get(u, sector)));
  }
  yield* fputs(formatTable(columns, rows, noHeadings), stdout());
}

/** An absolute, tidy name for the file (what the kernel is told as lo_file_name). */
function* absolutePath(p: string): Sys<string> {
  const abs = p.startsWith('/') ? p : `${(yield* getcwd()) ?? ''}/${p}`;
  const parts: string[] = [];
  for (const c of abs.split('/')) {
    if (c === '' || c === '.') continue;
    if (c === '..') parts.pop();
    else parts.push(c);
  }
  return '/' + parts.join('/');
}

/** Parse a size with an optional KiB/MiB… suffix, as losetup's -o and --sizelimit take. */
function parseSize(s: string): number | null {
  const m = /^(\d+)(?:([KMGTPE])(?:iB)?|([KMGTPE])B)?$/i.exec(s);
  if (!m) return null;
  const unit = (m[2] ?? m[3] ?? '').toUpperCase();
  const pow = unit ? 'KMGTPE'.indexOf(unit) + 1 : 0;
  return Number(m[1]) * (m[3] ? 1000 : 1024) ** pow;
}

function* fail(msg: string): Sys<number> {
  yield* fputs(`losetup: ${msg}\n`, stderr());
  return 1;
}

export function* losetup(argv: string[]): Sys<number> {
  const r = yield* getopt('losetup', argv, 'ad:Dfj:o:PrsvlnO:hVLb:', [...LONGOPTS]);
  if (r.error) return 1;
  let mode: 'list' | 'all' | 'find' | 'detach' | 'detach-all' | 'assoc' | null = null;
  const detach: string[] = [];
  let assoc = '';
  let offset = 0;
  let sizelimit = 0;
  let flags = 0;
  let show = false;
  let noHeadings = false;
  let cols = DEFAULT_COLUMNS;
  for (const o of r.options) {
    switch (o.opt) {
      case 'h':
        yield* fputs(HELP, stdout());
        return 0;
      case 'V':
        yield* fputs('losetup from util-linux 2.38.1\n', stdout());
        return 0;
      case 'a': mode = 'all'; break;
      case 'd': mode = 'detach'; detach.push(o.arg!); break;
      case 'D': mode = 'detach-all'; break;
      case 'f': mode = 'find'; break;
      case 'j': mode = 'assoc'; assoc = o.arg!; break;
      case 'l': mode ??= 'list'; break;
      case 'n': noHeadings = true; break;
      case 'P': flags |= LO_FLAGS_PARTSCAN; break;
      case 'r': flags |= LO_FLAGS_READ_ONLY; break;
      case 's': show = true; break;
      case 'A': cols = Object.keys(COLUMNS); mode ??= 'list'; break;
      case 'O': {
        cols = o.arg!.replace(/^\+/, '').split(',').map((c) => c.toUpperCase());
        if (o.arg!.startsWith('+')) cols = [...DEFAULT_COLUMNS, ...cols];
        const bad = cols.find((c) => !COLUMNS[c]);
        if (bad) return yield* fail(`unknown column: ${bad}`);
        mode ??= 'list';
        break;
      }
      case 'o':
      case 'S': {
        const n = parseSize(o.arg!);
        if (n === null) return yield* fail(`failed to parse ${o.opt === 'o' ? 'offset' : 'size'}: ${o.arg}`);
        if (o.opt === 'o') offset = n;
        else sizelimit = n;
        break;
      }
    }
  }
  const ops = r.operands;

  if (mode === 'detach' || mode === 'detach-all') {
    const targets = mode === 'detach' ? [...detach, ...ops] : (yield* usedDevices()).map((u) => u.path);
    let rc = 0;
    for (const d of targets) {
      if ((yield* loopDetach(d)) < 0) {
        yield* fputs(`losetup: ${d}: detach failed: ${strerror(errno())}\n`, stderr());
        rc = 1;
      }
    }
    return rc;
  }
  if (mode === 'all') {
    for (const u of yield* usedDevices()) yield* fputs(statusLine(u), stdout());
    return 0;
  }
  if (mode === 'assoc') {
    const st = yield* stat(assoc);
    if (!st) return yield* fail(`${assoc}: failed to use backing file: ${strerror(errno())}`);
    for (const u of yield* usedDevices()) if (u.info.device === st.dev && u.info.inode === st.ino) yield* fputs(statusLine(u), stdout());
    return 0;
  }
  if (mode === 'find' && ops.length === 0) {
    const n = yield* loopGetFree();
    if (n < 0) return yield* fail('cannot find an unused loop device');
    yield* fputs(`/dev/loop${n}\n`, stdout());
    return 0;
  }
  if ((mode === 'find' && ops.length === 1) || (mode === null && ops.length === 2)) {
    const file = ops[ops.length - 1]!;
    let dev = mode === 'find' ? '' : ops[0]!;
    // Open the file for writing unless -r; a file that cannot be written is attached read-only.
    let ffd = yield* open(file, flags & LO_FLAGS_READ_ONLY ? O_RDONLY : O_RDWR);
    if (ffd < 0 && (errno() === EROFS || errno() === EACCES) && !(flags & LO_FLAGS_READ_ONLY)) {
      flags |= LO_FLAGS_READ_ONLY;
      ffd = yield* open(file, O_RDONLY);
    }
    if (ffd < 0) return yield* fail(`${file}: failed to set up loop device: ${strerror(errno())}`);
    if (!dev) {
      const n = yield* loopGetFree();
      if (n < 0) {
        yield* close(ffd);
        return yield* fail('cannot find an unused loop device');
      }
      dev = `/dev/loop${n}`;
    }
    const dfd = yield* open(dev, flags & LO_FLAGS_READ_ONLY ? O_RDONLY : O_RDWR);
    if (dfd < 0) {
      yield* close(ffd);
      return yield* fail(`${file}: failed to set up loop device: ${strerror(errno())}`);
    }
    const rc = yield* loopConfigure(dfd, ffd, yield* absolutePath(file), offset, sizelimit, flags);
    const e = errno();
    yield* close(dfd);
    yield* close(ffd);
    if (rc < 0) return yield* fail(`${file}: failed to set up loop device: ${strerror(e)}`);
    if (show) yield* fputs(`${dev}\n`, stdout());
    return 0;
  }
  if (mode === null && ops.length === 1) {
    const u = yield* describe(ops[0]!);
    if (!u) return yield* fail(`${ops[0]}: ${strerror(errno())}`);
    yield* fputs(statusLine(u), stdout());
    return 0;
  }
  if ((mode === null || mode === 'list') && ops.length <= 1) {
    let devices = yield* usedDevices();
    if (ops.length === 1) devices = devices.filter((u) => u.path === ops[0]);
    yield* list(devices, cols, noHeadings);
    return 0;
  }
  yield* fputs("losetup: bad usage\nTry 'losetup --help' for more information.\n", stderr());
  return 1;
}
