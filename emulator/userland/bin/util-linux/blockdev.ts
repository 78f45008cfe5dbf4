// blockdev (util-linux 2.38): ask a block device about itself with the BLK* ioctls.
//
//   blockdev --getsize64 | --getsz | --getss | --getpbsz | --getbsz | --getro | --getiomin |
//            --getioopt | --setro | --setrw | --flushbufs | --rereadpt  DEVICE...
//   blockdev --report [DEVICE...]
//
// Each command is printed on its own line, in the order given, for each device.

import { O_RDONLY } from '../../../uapi/fcntl';
import {
  BLKBSZGET, BLKFLSBUF, BLKGETSIZE64, BLKIOMIN, BLKIOOPT, BLKPBSZGET, BLKROGET, BLKROSET, BLKRRPART, BLKSSZGET,
} from '../../../uapi/fs';
import type { Sys } from '../../runtime/context';
import { open } from '../../libc/fcntl';
import { alloca, errno, peek, poke, release, stackMark } from '../../libc/process';
import { readTextFile } from '../../libc/read_file';
import { fputs, stderr, stdout } from '../../libc/stdio';
import { strerror } from '../../libc/string';
import { ioctl } from '../../libc/sys_ioctl';
import { close } from '../../libc/unistd';

type Kind = 'int' | 'u64' | 'uint' | 'sectors' | 'set0' | 'set1' | 'none';

const COMMANDS: Record<string, { ioctl: number; kind: Kind; help: string }> = {
  '--getsz': { ioctl: BLKGETSIZE64, kind: 'sectors', help: 'get size in 512-byte sectors' },
  '--setro': { ioctl: BLKROSET, kind: 'set1', help: 'set read-only' },
  '--setrw': { ioctl: BLKROSET, kind: 'set0', help: 'set read-write' },
  '--getro': { ioctl: BLKROGET, kind: 'int', help: 'get read-only' },
  '--getss': { ioctl: BLKSSZGET, kind: 'int', help: 'get logical block (sector) size' },
  '--getpbsz': { ioctl: BLKPBSZGET, kind: 'uint', help: 'get physical block (sector) size' },
  '--getiomin': { ioctl: BLKIOMIN, kind: 'uint', help: 'get minimum I/O size' },
  '--getioopt': { ioctl: BLKIOOPT, kind: 'uint', help: 'get optimal I/O size' },
  '--getbsz': { ioctl: BLKBSZGET, kind: 'int', help: 'get blocksize' },
  '--getsize64': { ioctl: BLKGETSIZE64, kind: 'u64', help: 'get size in bytes' },
  '--flushbufs': { ioctl: BLKFLSBUF, kind: 'none', help: 'flush buffers' },
  '--rereadpt': { ioctl: BLKRRPART, kind: 'none', help: 'reread partition table' },
};

function usage(): string {
  let s = '\nUsage:\n blockdev [-v|-q] commands devices\n blockdev --report [devices]\n blockdev -h|-V\n\nCall block device ioctls from the command line.\n\nOptions:\n -q             quiet mode\n -v             verbose mode\n     --report   print report for specified (or all) devices\n\n -h, --help     display this help\n -V, --version  display version\n\nAvailable commands:\n';
  for (const [name, c] of Object.entries(COMMANDS)) s += ` ${name.padEnd(20)}${c.help}\n`;
  return s;
}

/** One command on an open device: the text to print (empty for a setter), or -errno. */
function* runCommand(fd: number, name: string): Sys<string | number> {
  const c = COMMANDS[name]!;
  const mark = stackMark();
  try {
    const buf = alloca(8);
    if (c.kind === 'set0' || c.kind === 'set1') poke(buf, new Uint8Array([c.kind === 'set1' ? 1 : 0, 0, 0, 0]));
    if ((yield* ioctl(fd, c.ioctl, c.kind === 'none' ? 0 : buf)) < 0) return -errno();
    const v = new DataView(peek(buf, 8).buffer);
    switch (c.kind) {
      case 'int': return String(v.getInt32(0, true));
      case 'uint': return String(v.getUint32(0, true));
      case 'u64': return String(v.getBigUint64(0, true));
      case 'sectors': return String(v.getBigUint64(0, true) / 512n);
      default: return '';
    }
  } finally {
    release(mark);
  }
}

/** --report: "RO    RA   SSZ   BSZ   StartSec            Size   Device" lines. */
function* report(devices: string[]): Sys<number> {
  yield* fputs('RO    RA   SSZ   BSZ   StartSec            Size   Device\n', stdout());
  let rc = 0;
  for (const d of devices) {
    const fd = yield* open(d, O_RDONLY);
    if (fd < 0) {
      yield* fputs(`blockdev: cannot open ${d}: ${strerror(errno())}\n`, stderr());
      rc = 1;
      continue;
    }
    const ro = yield* runCommand(fd, '--getro');
    const ssz = yield* runCommand(fd, '--getss');
    const bsz = yield* runCommand(fd, '--getbsz');
    const size = yield* runCommand(fd, '--getsize64');
    yield* close(fd);
    const start = yield* partitionStart(d);
    yield* fputs(`${ro === '1' ? 'ro' : 'rw'} ${'256'.padStart(5)} ${String(ssz).padStart(5)} ${String(bsz).padStart(5)} ${String(start).padStart(10)} ${String(size).padStart(15)}   ${d}\n`, stdout());
  }
  return rc;
}

/** A partition's first sector, from /sys/class/block/<name>/start (0 for a whole disk). */
function* partitionStart(dev: string): Sys<number> {
  const name = dev.slice(dev.lastIndexOf('/') + 1);
  const text = yield* readTextFile(`/sys/class/block/${name}/start`);
  return text === null ? 0 : Number(text.trim()) || 0;
}

export function* blockdev(argv: string[]): Sys<number> {
  const args = argv.slice(1);
  if (args.length === 0 || args[0] === '-h' || args[0] === '--help') {
    yield* fputs(usage(), args.length === 0 ? stderr() : stdout());
    return args.length === 0 ? 1 : 0;
  }
  if (args[0] === '-V' || args[0] === '--version') {
    yield* fputs('blockdev from util-linux 2.38.1\n', stdout());
    return 0;
  }
  if (args[0] === '--report') return yield* report(args.slice(1));
  const commands: string[] = [];
  let i = 0;
  for (; i < args.length && args[i]!.startsWith('-'); i++) {
    const a = args[i]!;
    if (a === '-q' || a === '-v') continue;
    if (!COMMANDS[a]) {
      yield* fputs(`blockdev: Unknown command: ${a}\n${usage()}`, stderr());
      return 1;
    }
    commands.push(a);
  }
  const devices = args.slice(i);
  if (devices.length === 0) {
    yield* fputs(`blockdev: no device specified\n${usage()}`, stderr());
    return 1;
  }
  let rc = 0;
  for (const d of devices) {
    const fd = yield* open(d, O_RDONLY);
    if (fd < 0) {
      yield* fputs(`blockdev: cannot open ${d}: ${strerror(errno())}\n`, stderr());
      rc = 1;
      continue;
    }
    for (const c of commands) {
      const out = yield* runCommand(fd, c);
      if (typeof out === 'number') {
        yield* fputs(`blockdev: ioctl error on ${c.slice(2).toUpperCase()}: ${strerror(-out)}\n`, stderr());
        rc = 1;
        break;
      }
      if (out !== '') yield* fputs(`${out}\n`, stdout());
    }
    yield* close(fd);
  }
  return rc;
}
