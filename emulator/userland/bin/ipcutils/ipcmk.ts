// ipcmk (util-linux 2.38): make SysV IPC objects with random keys.
//
//   ipcmk [-M SIZE] [-Q] [-S NSEMS] [-p MODE]
//
// The key is random (getrandom(2), as util-linux's random_get_bytes); the mode defaults to 0644.
// A shared memory segment is made first, then a queue, then a semaphore set, as ipcmk does.

import { __NR } from '../../../uapi/unistd_64';
import type { Sys } from '../../runtime/context';
import { getopt } from '../../libc/getopt';
import { alloca, errno, peek, release, stackMark, syscall } from '../../libc/process';
import { fputs, stderr, stdout } from '../../libc/stdio';
import { strerror } from '../../libc/string';
import { IPC_CREAT } from '../../libc/sys_ipc';
import { msgget } from '../../libc/sys_msg';
import { semget } from '../../libc/sys_sem';
import { shmget } from '../../libc/sys_shm';

const HELP = `
Usage:
 ipcmk [options]

Create various IPC resources.

Options:
 -M, --shmem <size>       create shared memory segment of size <size>
 -S, --semaphore <number> create semaphore array with <number> elements
 -Q, --queue              create message queue
 -p, --mode <mode>        permission for the resource (default is 0644)

 -h, --help               display this help
 -V, --version            display version

Arguments:
 <size> arguments may be followed by the suffixes for
   GiB, TiB, PiB, EiB, ZiB, and YiB (the "iB" is optional)

For more details see ipcmk(1).
`;

const LONGOPTS = [
  { name: 'shmem', hasArg: 1, val: 'M' }, { name: 'semaphore', hasArg: 1, val: 'S' }, { name: 'queue', hasArg: 0, val: 'Q' },
  { name: 'mode', hasArg: 1, val: 'p' }, { name: 'help', hasArg: 0, val: 'h' }, { name: 'version', hasArg: 0, val: 'V' },
] as const;

/** strtosize: a number with an optional K/M/G/T/P/E suffix (binary; "KiB", "KB" = 1000). */
export function parseSize(s: string): number | null {
  const m = /^(\d+)(?:([KMGTPE])(iB|B)?)?$/i.exec(s.trim());
  if (!m) return null;
  const exp = m[2] ? 'KMGTPE'.indexOf(m[2].toUpperCase()) + 1 : 0;
  const base = m[3] === 'B' ? 1000 : 1024;
  return Number(m[1]) * base ** exp;
}

function* randomKey(): Sys<number> {
  const mark = stackMark();
  try {
    const buf = alloca(4);
    yield* syscall(__NR.getrandom, buf, 4, 0);
    return new DataView(peek(buf, 4).buffer).getInt32(0, true);
  } finally {
    release(mark);
  }
}

function* fail(what: string): Sys<number> {
  yield* fputs(`ipcmk: ${what}: ${strerror(errno())}\n`, stderr());
  return 1;
}

export function* ipcmk(argv: string[]): Sys<number> {
  const r = yield* getopt('ipcmk', argv, 'M:QS:p:hV', [...LONGOPTS]);
  if (r.error) return 1;
  let shmSize: number | null = null;
  let nsems: number | null = null;
  let queue = false;
  let mode = 0o644;
  for (const o of r.options) {
    switch (o.opt) {
      case 'h': yield* fputs(HELP, stdout()); return 0;
      case 'V': yield* fputs('ipcmk from util-linux 2.38.1\n', stdout()); return 0;
      case 'M':
        shmSize = parseSize(o.arg!);
        if (shmSize === null) {
          yield* fputs(`ipcmk: failed to parse size: '${o.arg}'\n`, stderr());
          return 1;
        }
        break;
      case 'S':
        if (!/^\d+$/.test(o.arg!)) {
          yield* fputs(`ipcmk: failed to parse elements: '${o.arg}'\n`, stderr());
          return 1;
        }
        nsems = Number(o.arg);
        break;
      case 'Q': queue = true; break;
      case 'p':
        if (!/^[0-7]+$/.test(o.arg!)) {
          yield* fputs(`ipcmk: failed to parse mode: '${o.arg}'\n`, stderr());
          return 1;
        }
        mode = Number.parseInt(o.arg!, 8);
        break;
      default: break;
    }
  }
  if (shmSize === null && nsems === null && !queue) {
    yield* fputs("ipcmk: bad usage\nTry 'ipcmk --help' for more information.\n", stderr());
    return 1;
  }
  if (shmSize !== null) {
    const id = yield* shmget(yield* randomKey(), shmSize, mode | IPC_CREAT);
    if (id < 0) return yield* fail('create share memory failed');
    yield* fputs(`Shared memory id: ${id}\n`, stdout());
  }
  if (queue) {
    const id = yield* msgget(yield* randomKey(), mode | IPC_CREAT);
    if (id < 0) return yield* fail('create message queue failed');
    yield* fputs(`Message queue id: ${id}\n`, stdout());
  }
  if (nsems !== null) {
    const id = yield* semget(yield* randomKey(), nsems, mode | IPC_CREAT);
    if (id < 0) return yield* fail('create semaphore failed');
    yield* fputs(`Semaphore id: ${id}\n`, stdout());
  }
  return 0;
}
