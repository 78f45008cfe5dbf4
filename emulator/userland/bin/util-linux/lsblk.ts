// lsblk (util-linux 2.38): list block devices as a tree, from sysfs.
//
//   NAME   MAJ:MIN RM  SIZE RO TYPE MOUNTPOINTS
//   sda      8:0    0   64M  0 disk
//   ├─sda1   8:1    0   32M  0 part
//   └─sda2   8:2    0   31M  0 part
//
// The disks are the entries of /sys/block (by device number, as lsblk sorts them), their
// partitions the subdirectories that have a "partition" file; every value comes from an
// attribute file (dev, size, ro, removable) or, for MOUNTPOINTS, from /proc/self/mountinfo by
// major:minor. Empty loop devices and RAM disks (major 1) are left out unless -a.
//
//   -a all devices   -b sizes in bytes   -d no partitions   -l list (no tree)   -r raw
//   -n no headings   -o COLS / -o +COLS   -p full paths      DEVICE... only those disks
//
// The tree is drawn in UTF-8 when the locale says UTF-8 (LANG, LC_ALL, LC_CTYPE), else in ASCII.
// Simplified: no filesystem columns (-f, FSTYPE, UUID…: there is no blkid), no JSON output.

import type { Sys } from '../../runtime/context';
import { readdir } from '../../libc/dirent';
import { getopt } from '../../libc/getopt';
import { fputs, stderr, stdout } from '../../libc/stdio';
import { readTextFile } from '../../libc/read_file';
import { getenv } from '../../libc/stdlib';
import { stat } from '../../libc/sys_stat';
import { readMountinfo, type MountEntry } from './lib/mountinfo';
import { formatTable, type Column } from './lib/table';

/** A block device as lsblk sees it. */
interface BlkDev {
  name: string;
  /** The /sys/block/... directory. */
  sysPath: string;
  major: number;
  minor: number;
  size: number;
  ro: boolean;
  removable: boolean;
  partition: boolean;
  parent: BlkDev | null;
  children: BlkDev[];
}

interface Ctx {
  bytes: boolean;
  fullPath: boolean;
  raw: boolean;
  mounts: MountEntry[];
}

const COLUMNS: Record<string, Column & { get(d: BlkDev, c: Ctx): string; help: string }> = {
  NAME: { name: 'NAME', help: 'device name', get: (d, c) => (c.fullPath ? `/dev/${d.name}` : d.name) },
  KNAME: { name: 'KNAME', help: 'internal kernel device name', get: (d) => d.name },
  PATH: { name: 'PATH', help: 'path to the device node', get: (d) => `/dev/${d.name}` },
  'MAJ:MIN': {
    name: 'MAJ:MIN', min: 6, help: 'major:minor device number',
    get: (d, c) => (c.raw ? `${d.major}:${d.minor}` : `${String(d.major).padStart(3)}:${String(d.minor).padEnd(3)}`),
  },
  RM: { name: 'RM', right: true, min: 1, help: 'removable device', get: (d) => (d.removable ? '1' : '0') },
  SIZE: { name: 'SIZE', right: true, min: 5, help: 'size of the device', get: (d, c) => (c.bytes ? String(d.size) : sizeToHuman(d.size)) },
  RO: { name: 'RO', right: true, min: 1, help: 'read-only device', get: (d) => (d.ro ? '1' : '0') },
  TYPE: { name: 'TYPE', min: 4, help: 'device type', get: (d) => deviceType(d) },
  MOUNTPOINT: { name: 'MOUNTPOINT', help: 'where the device is mounted', get: (d, c) => mountpoints(d, c)[0] ?? '' },
  MOUNTPOINTS: { name: 'MOUNTPOINTS', help: 'all locations where device is mounted', get: (d, c) => mountpoints(d, c).join('\n') },
  PKNAME: { name: 'PKNAME', help: 'internal parent kernel device name', get: (d) => d.parent?.name ?? '' },
  HOTPLUG: { name: 'HOTPLUG', right: true, help: 'removable or hotplug device (usb, pcmcia, ...)', get: (d) => (d.removable ? '1' : '0') },
};
const DEFAULT_COLUMNS = ['NAME', 'MAJ:MIN', 'RM', 'SIZE', 'RO', 'TYPE', 'MOUNTPOINTS'];

/**
 * size_to_human_string (lib/strutils.c): powers of 1024 with a one-letter suffix (B for bytes),
 * one decimal rounded to the nearest tenth when there is a remainder: 0B, 512B, 1M, 1.5G, 1023K.
 */
export function sizeToHuman(bytes: number): string {
  const letters = 'BKMGTPE';
  let exp = 0;
  while (exp < 60 && bytes >= 2 ** (exp + 10)) exp += 10;
  const unit = 2 ** exp;
  let dec = Math.floor(bytes / unit);
  let frac = exp ? bytes % unit : 0;
  if (frac) {
    frac = Math.floor((Math.floor(frac / 2 ** (exp - 10)) + 50) / 100);
    if (frac === 10) {
      dec++;
      frac = 0;
    }
  }
  const suffix = letters[exp / 10]!;
  return frac ? `${dec}.${frac}${suffix}` : `${dec}${suffix}`;
}

/** lsblk_device_get_type: part, loop, or what the SCSI device says (disk without one). */
function deviceType(d: BlkDev): string {
  if (d.partition) return 'part';
  if (d.name.startsWith('loop') && d.major === 7) return 'loop';
  return 'disk';
}

function mountpoints(d: BlkDev, c: Ctx): string[] {
  return c.mounts.filter((m) => m.major === d.major && m.minor === d.minor).map((m) => m.target);
}

/** An attribute file's value without its newline, or null. */
function* attr(dir: string, name: string): Sys<string | null> {
  const t = yield* readTextFile(`${dir}/${name}`);
  return t === null ? null : t.replace(/\n$/, '');
}

/** Read one device's directory; null if it is not a block device directory. */
function* readDevice(dir: string, name: string, parent: BlkDev | null): Sys<BlkDev | null> {
  const dev = yield* attr(dir, 'dev');
  if (dev === null || !/^\d+:\d+$/.test(dev)) return null;
  const [major, minor] = dev.split(':').map(Number) as [number, number];
  const size = Number((yield* attr(dir, 'size')) ?? '0') * 512;
  const ro = (yield* attr(dir, 'ro')) === '1';
  const removable = parent ? parent.removable : (yield* attr(dir, 'removable')) === '1';
  return { name, sysPath: dir, major, minor, size, ro, removable, partition: parent !== null, parent, children: [] };
}

/** The disks of /sys/block with their partitions. */
function* scanDisks(): Sys<BlkDev[] | null> {
  const entries = yield* readdir('/sys/block');
  if (!entries) return null;
  const disks: BlkDev[] = [];
  for (const e of entries) {
    if (e.name === '.' || e.name === '..') continue;
    const dir = `/sys/block/${e.name}`;
    const disk = yield* readDevice(dir, e.name, null);
    if (!disk) continue;
    for (const p of (yield* readdir(dir)) ?? []) {
      if (!p.name.startsWith(e.name) || (yield* attr(`${dir}/${p.name}`, 'partition')) === null) continue;
      const part = yield* readDevice(`${dir}/${p.name}`, p.name, disk);
      if (part) disk.children.push(part);
    }
    disk.children.sort((a, b) => a.minor - b.minor || (a.name < b.name ? -1 : 1));
    disks.push(disk);
  }
  // lsblk orders the disks by device number (/sys/block's own order is its hash order).
  return disks.sort((a, b) => a.major - b.major || a.minor - b.minor);
}

const HELP = `
Usage:
 lsblk [options] [<device> ...]

List information about block devices.

Options:
 -a, --all            print all devices
 -b, --bytes          print SIZE in bytes rather than in human readable format
 -d, --nodeps         don't print slaves or holders
 -h, --help           display this help
 -l, --list           use list format output
 -n, --noheadings     don't print headings
 -o, --output <list>  output columns
 -p, --paths          print complete device path
 -r, --raw            use raw output format
 -V, --version        display version

Available output columns:
`;

const LONGOPTS = [
  { name: 'all', hasArg: 0, val: 'a' }, { name: 'bytes', hasArg: 0, val: 'b' }, { name: 'nodeps', hasArg: 0, val: 'd' },
  { name: 'help', hasArg: 0, val: 'h' }, { name: 'list', hasArg: 0, val: 'l' }, { name: 'noheadings', hasArg: 0, val: 'n' },
  { name: 'output', hasArg: 1, val: 'o' }, { name: 'paths', hasArg: 0, val: 'p' }, { name: 'raw', hasArg: 0, val: 'r' },
  { name: 'version', hasArg: 0, val: 'V' },
] as const;

/** Tree prefixes (libsmartcols' symbols). */
const UTF8_TREE = { branch: '├─', last: '└─' };
const ASCII_TREE = { branch: '|-', last: '`-' };

/** Raw output escapes blanks and unsafe bytes as \xHH, as libsmartcols does. */
function rawEscape(s: string): string {
  return s.replace(/[\s\\"]|[^\x20-\x7e]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

export function* lsblk(argv: string[]): Sys<number> {
  const r = yield* getopt('lsblk', argv, 'abdhlno:prV', [...LONGOPTS]);
  if (r.error) return 1;
  let all = false, nodeps = false, list = false, noHeadings = false, raw = false;
  const ctx: Ctx = { bytes: false, fullPath: false, raw: false, mounts: [] };
  let cols = DEFAULT_COLUMNS;
  for (const o of r.options) {
    switch (o.opt) {
      case 'h': {
        let help = HELP;
        for (const [k, c] of Object.entries(COLUMNS)) help += `${k.padStart(12)}  ${c.help}\n`;
        yield* fputs(help, stdout());
        return 0;
      }
      case 'V':
        yield* fputs('lsblk from util-linux 2.38.1\n', stdout());
        return 0;
      case 'a': all = true; break;
      case 'b': ctx.bytes = true; break;
      case 'd': nodeps = true; break;
      case 'l': list = true; break;
      case 'n': noHeadings = true; break;
      case 'p': ctx.fullPath = true; break;
      case 'r': raw = true; ctx.raw = true; break;
      case 'o': {
        const names = o.arg!.replace(/^\+/, '').split(',').map((c) => c.toUpperCase());
        const bad = names.find((c) => !COLUMNS[c]);
        if (bad) {
          yield* fputs(`lsblk: unknown column: ${bad}\n`, stderr());
          return 1;
        }
        cols = o.arg!.startsWith('+') ? [...DEFAULT_COLUMNS, ...names] : names;
        break;
      }
    }
  }
  let disks = yield* scanDisks();
  if (!disks) {
    yield* fputs('lsblk: failed to access sysfs directory: /sys/dev/block: No such file or directory\n', stderr());
    return 32;
  }
  ctx.mounts = (yield* readMountinfo()) ?? [];
  if (r.operands.length) {
    // Named devices: a disk shows with its partitions, a partition alone.
    const chosen: BlkDev[] = [];
    for (const name of r.operands) {
      const st = yield* stat(name);
      if (!st) {
        yield* fputs(`lsblk: ${name}: not a block device\n`, stderr());
        return 32;
      }
      const maj = (st.rdev >>> 8) & 0xfff, min = (st.rdev & 0xff) | ((st.rdev >>> 12) & 0xfff00);
      const found = disks.flatMap((d) => [d, ...d.children]).find((d) => d.major === maj && d.minor === min);
      if (!found) {
        yield* fputs(`lsblk: ${name}: not a block device\n`, stderr());
        return 32;
      }
      chosen.push(found.partition ? { ...found, children: [] } : found);
    }
    disks = chosen;
  } else if (!all) {
    // Empty loop devices and RAM disks are not interesting by default.
    disks = disks.filter((d) => !(d.major === 1 || (d.major === 7 && d.size === 0)));
  }
  const columns = cols.map((c) => COLUMNS[c]!);
  const utf8 = /\.utf-?8/i.test(getenv('LC_ALL') || getenv('LC_CTYPE') || getenv('LANG') || '');
  const tree = utf8 ? UTF8_TREE : ASCII_TREE;
  const rows: string[][] = [];
  const addRow = (d: BlkDev, prefix: string) => {
    const cells = columns.map((c) => c.get(d, ctx));
    const nameCol = cols.indexOf('NAME');
    if (nameCol >= 0 && !list && !raw) cells[nameCol] = prefix + cells[nameCol]!;
    // A cell of several lines (MOUNTPOINTS) continues on lines of its own.
    const extra = cells.map((c) => c.split('\n'));
    rows.push(extra.map((l) => l[0]!));
    const more = Math.max(...extra.map((l) => l.length));
    for (let i = 1; i < more; i++) rows.push(extra.map((l) => l[i] ?? ''));
  };
  for (const d of disks) {
    addRow(d, '');
    if (nodeps) continue;
    d.children.forEach((p, i) => addRow(p, i === d.children.length - 1 ? tree.last : tree.branch));
  }
  if (raw) {
    let out = noHeadings ? '' : columns.map((c) => c.name).join(' ') + '\n';
    for (const row of rows) out += row.map(rawEscape).join(' ') + '\n';
    yield* fputs(out, stdout());
    return 0;
  }
  yield* fputs(formatTable(columns, rows, noHeadings), stdout());
  return 0;
}
