// ipcrm (util-linux 2.38): remove SysV IPC objects.
//
//   ipcrm [-q ID] [-Q KEY] [-m ID] [-M KEY] [-s ID] [-S KEY] [-a[=shm|msg|sem]] [-v]
//   ipcrm shm|msg|sem ID...        (the old syntax)
//
// A key is looked up with *get(key, 0) first. Each object is removed with its *ctl(IPC_RMID);
// the errors are reported as ipcrm words them and make the exit status 1.

import { EACCES, EIDRM, EINVAL, ENOENT, EPERM } from '../../../uapi/errno';
import type { Sys } from '../../runtime/context';
import { getopt } from '../../libc/getopt';
import { errno } from '../../libc/process';
import { fputs, stderr, stdout } from '../../libc/stdio';
import { strerror } from '../../libc/string';
import { IPC_RMID } from '../../libc/sys_ipc';
import { msgctl, msgget } from '../../libc/sys_msg';
import { semctl, semget } from '../../libc/sys_sem';
import { shmctl, shmget } from '../../libc/sys_shm';
import { msgList, semList, shmList } from './lib/ipcutils';

const HELP = `
Usage:
 ipcrm [options]
 ipcrm shm|msg|sem <id>...

Remove certain IPC resources.

Options:
 -m, --shmem-id <id>        remove shared memory segment by id
 -M, --shmem-key <key>      remove shared memory segment by key
 -q, --queue-id <id>        remove message queue by id
 -Q, --queue-key <key>      remove message queue by key
 -s, --semaphore-id <id>    remove semaphore by id
 -S, --semaphore-key <key>  remove semaphore by key
 -a, --all[=shm|msg|sem]    remove all (in the specified category)
 -v, --verbose              explain what is being done

 -h, --help                 display this help
 -V, --version              display version

For more details see ipcrm(1).
`;

const LONGOPTS = [
  { name: 'shmem-id', hasArg: 1, val: 'm' }, { name: 'shmem-key', hasArg: 1, val: 'M' }, { name: 'queue-id', hasArg: 1, val: 'q' },
  { name: 'queue-key', hasArg: 1, val: 'Q' }, { name: 'semaphore-id', hasArg: 1, val: 's' }, { name: 'semaphore-key', hasArg: 1, val: 'S' },
  { name: 'all', hasArg: 2, val: 'a' }, { name: 'verbose', hasArg: 0, val: 'v' }, { name: 'help', hasArg: 0, val: 'h' },
  { name: 'version', hasArg: 0, val: 'V' },
] as const;

type Kind = 'shm' | 'msg' | 'sem';

function* rmid(kind: Kind, id: number): Sys<number> {
  if (kind === 'shm') return yield* shmctl(id, IPC_RMID);
  if (kind === 'msg') return yield* msgctl(id, IPC_RMID);
  return yield* semctl(id, 0, IPC_RMID);
}

/** remove_id: 0, or 1 with the message printed. */
function* removeId(kind: Kind, id: number, what = `id (${id})`): Sys<number> {
  if ((yield* rmid(kind, id)) === 0) return 0;
  const e = errno();
  const msg = e === EACCES || e === EPERM ? `permission denied for ${what}` : e === EINVAL ? `invalid ${what}` : e === EIDRM ? `already removed ${what}` : `${what}: ${strerror(e)}`;
  yield* fputs(`ipcrm: ${msg}\n`, stderr());
  return 1;
}

/** remove_key: look the key up, then remove what it names. */
function* removeKey(kind: Kind, arg: string): Sys<number> {
  const key = parseNum(arg);
  if (key === null) {
    yield* fputs(`ipcrm: failed to parse argument: '${arg}'\n`, stderr());
    return 1;
  }
  const what = `key (${arg})`;
  if (key === 0) {
    yield* fputs(`ipcrm: illegal key (${arg})\n`, stderr());
    return 1;
  }
  const id = kind === 'shm' ? yield* shmget(key, 0, 0) : kind === 'msg' ? yield* msgget(key, 0) : yield* semget(key, 0, 0);
  if (id < 0) {
    const e = errno();
    const msg = e === EACCES || e === EPERM ? `permission denied for ${what}` : e === ENOENT || e === EINVAL ? `invalid ${what}` : e === EIDRM ? `already removed ${what}` : `${what}: ${strerror(e)}`;
    yield* fputs(`ipcrm: ${msg}\n`, stderr());
    return 1;
  }
  return yield* removeId(kind, id, what);
}

/** strtoul(…, 0): decimal, 0x hex or 0 octal; null when it is not a whole number. */
function parseNum(s: string): number | null {
  const t = s.trim();
  if (/^0x[0-9a-f]+$/i.test(t)) return Number.parseInt(t, 16) | 0;
  if (/^0[0-7]*$/.test(t)) return Number.parseInt(t, 8) | 0;
  if (/^\d+$/.test(t)) return Number(t) | 0;
  return null;
}

const NAMES: Record<Kind, string> = { shm: 'shared memory segment', msg: 'message queue', sem: 'semaphore' };

/** remove_all: every object of the kind (shm, then sem, then msg). */
function* removeAll(kind: Kind, verbose: boolean): Sys<number> {
  const ids = kind === 'shm' ? (yield* shmList()).map((e) => e.id) : kind === 'msg' ? (yield* msgList()).map((e) => e.id) : (yield* semList()).map((e) => e.id);
  let rc = 0;
  for (const id of ids) {
    if (verbose) yield* fputs(`removing ${NAMES[kind]} id \`${id}'\n`, stdout());
    rc |= yield* removeId(kind, id);
  }
  return rc;
}

export function* ipcrm(argv: string[]): Sys<number> {
  // The old syntax: ipcrm shm|msg|sem ID...
  const old = argv[1];
  if (old === 'shm' || old === 'msg' || old === 'sem') {
    let rc = 0;
    for (const a of argv.slice(2)) {
      const id = parseNum(a);
      if (id === null) {
        yield* fputs(`ipcrm: failed to parse argument: '${a}'\n`, stderr());
        rc = 1;
        continue;
      }
      rc |= yield* removeId(old, id);
    }
    return rc;
  }
  const r = yield* getopt('ipcrm', argv, 'q:m:s:Q:M:S:a::vhV', [...LONGOPTS]);
  if (r.error) return 1;
  let verbose = false;
  for (const o of r.options) {
    if (o.opt === 'h') {
      yield* fputs(HELP, stdout());
      return 0;
    }
    if (o.opt === 'V') {
      yield* fputs('ipcrm from util-linux 2.38.1\n', stdout());
      return 0;
    }
    if (o.opt === 'v') verbose = true;
  }
  let rc = 0;
  for (const o of r.options) {
    const kind: Kind | null = 'mM'.includes(o.opt) ? 'shm' : 'qQ'.includes(o.opt) ? 'msg' : 'sS'.includes(o.opt) ? 'sem' : null;
    if (o.opt === 'a') {
      const which = o.arg;
      if (which !== undefined && which !== 'shm' && which !== 'msg' && which !== 'sem') {
        yield* fputs(`ipcrm: unknown argument: ${which}\n`, stderr());
        return 1;
      }
      for (const k of ['shm', 'sem', 'msg'] as Kind[]) if (!which || which === k) rc |= yield* removeAll(k, verbose);
      continue;
    }
    if (!kind) continue;
    if (o.opt === o.opt.toUpperCase()) {
      rc |= yield* removeKey(kind, o.arg!);
    } else {
      const id = parseNum(o.arg!);
      if (id === null) {
        yield* fputs(`ipcrm: failed to parse argument: '${o.arg}'\n`, stderr());
        rc = 1;
        continue;
      }
      rc |= yield* removeId(kind, id);
    }
  }
  if (r.operands.length) {
    yield* fputs(`ipcrm: unknown argument: ${r.operands[0]}\nTry 'ipcrm --help' for more information.\n`, stderr());
    return 1;
  }
  return rc;
}
