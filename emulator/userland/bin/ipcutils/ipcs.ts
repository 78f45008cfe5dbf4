// ipcs (util-linux 2.38): show the SysV IPC objects.
//
//   ipcs [-q|-m|-s|-a] [-t|-p|-c|-l|-u]     tables of message queues, shared memory, semaphores
//   ipcs -q|-m|-s -i ID                    one object in detail
//
// The tables come from the kernel with MSG_INFO/MSG_STAT (SHM_*, SEM_*) and the limits from
// /proc/sys/kernel; column widths and texts are util-linux's.

import type { Sys } from '../../runtime/context';
import { getopt } from '../../libc/getopt';
import { fputs, stderr, stdout } from '../../libc/stdio';
import { IPC_STAT, SHM_DEST, SHM_LOCKED } from '../../libc/sys_ipc';
import { msgctl, msgctlStat } from '../../libc/sys_msg';
import { semctlBuf, semctlStat } from '../../libc/sys_sem';
import { shmctl, shmctlStat } from '../../libc/sys_shm';
import {
  ctime, groupName, hexKey, ipcLimits, ljust, msgList, rjust, semElems, semList, shmList, userName,
} from './lib/ipcutils';

const HELP = `
Usage:
 ipcs [resource-option...] [output-option]
 ipcs -m|-q|-s -i <id>

Show information on IPC facilities.

Options:
 -i, --id <id>  print details on resource identified by <id>
 -h, --help     display this help
 -V, --version  display version

Resource options:
 -m, --shmems      shared memory segments
 -q, --queues      message queues
 -s, --semaphores  semaphores
 -a, --all         all (default)

Output options:
 -t, --time        show attach, detach and change times
 -p, --pid         show PIDs of creator and last operator
 -c, --creator     show creator and owner
 -l, --limits      show resource limits
 -u, --summary     show status summary
     --human       show sizes in human-readable format
 -b, --bytes       show sizes in bytes

For more details see ipcs(1).
`;

const LONGOPTS = [
  { name: 'id', hasArg: 1, val: 'i' }, { name: 'queues', hasArg: 0, val: 'q' }, { name: 'shmems', hasArg: 0, val: 'm' },
  { name: 'semaphores', hasArg: 0, val: 's' }, { name: 'all', hasArg: 0, val: 'a' }, { name: 'time', hasArg: 0, val: 't' },
  { name: 'pid', hasArg: 0, val: 'p' }, { name: 'creator', hasArg: 0, val: 'c' }, { name: 'limits', hasArg: 0, val: 'l' },
  { name: 'summary', hasArg: 0, val: 'u' }, { name: 'bytes', hasArg: 0, val: 'b' }, { name: 'human', hasArg: 0, val: 'H' },
  { name: 'help', hasArg: 0, val: 'h' }, { name: 'version', hasArg: 0, val: 'V' },
] as const;

type Format = 'default' | 'time' | 'pid' | 'creator' | 'limits' | 'summary';

/** "%-20.16s" of ctime()+4 ("Nov 28 11:30:00 "), or "Not set". */
const shortTime = (t: number): string => ljust(t ? ctime(t).slice(4, 20) : 'Not set', 20);
/** "%-26.24s" of ctime(), or "Not set". */
const longTime = (t: number): string => ljust(t ? ctime(t) : 'Not set', 26);

function* owner(uid: number): Sys<string> {
  return ljust((yield* userName(uid)).slice(0, 10), 10);
}

/** The creator/owner line of -c (ipc_print_perms). */
function* perms(id: number, p: { mode: number; cuid: number; cgid: number; uid: number; gid: number }): Sys<string> {
  return `${ljust(id, 10)} ${ljust((p.mode & 0o777).toString(8), 10)} ${ljust(yield* userName(p.cuid), 10)} ${ljust(yield* groupName(p.cgid), 10)} ` +
    `${ljust(yield* userName(p.uid), 10)} ${ljust(yield* groupName(p.gid), 10)}\n`;
}

function* doMsg(format: Format): Sys<string> {
  let s = '';
  switch (format) {
    case 'limits': {
      const l = yield* ipcLimits();
      return '------ Messages Limits --------\n' +
        `max queues system wide = ${l.msgmni}\nmax size of message (bytes) = ${l.msgmax}\ndefault max size of queue (bytes) = ${l.msgmnb}\n`;
    }
    case 'summary': {
      const info = new Uint8Array(32);
      yield* msgctl(0, 12 /* MSG_INFO */, null, info);
      const v = new DataView(info.buffer);
      return '------ Messages Status --------\n' +
        `allocated queues = ${v.getInt32(0, true)}\nused headers = ${v.getInt32(4, true)}\nused space = ${v.getInt32(24, true)} bytes\n`;
    }
    case 'creator': s += `------ Message Queues Creators/Owners --------\n${['msqid', 'perms', 'cuid', 'cgid', 'uid', 'gid'].map((h) => ljust(h, 10)).join(' ')}\n`; break;
    case 'time': s += `------ Message Queues Send/Recv/Change Times --------\n${ljust('msqid', 8)} ${ljust('owner', 10)} ${ljust('send', 20)} ${ljust('recv', 20)} ${ljust('change', 20)}\n`; break;
    case 'pid': s += `------ Message Queues PIDs --------\n${['msqid', 'owner', 'lspid', 'lrpid'].map((h) => ljust(h, 10)).join(' ')}\n`; break;
    default: s += `------ Message Queues --------\n${['key', 'msqid', 'owner', 'perms'].map((h) => ljust(h, 10)).join(' ')} ${ljust('used-bytes', 12)} ${ljust('messages', 12)}\n`;
  }
  for (const { id, ds } of yield* msgList()) {
    const p = ds.perm;
    switch (format) {
      case 'creator': s += yield* perms(id, p); break;
      case 'time': s += `${ljust(id, 8)} ${yield* owner(p.uid)} ${shortTime(ds.stime)} ${shortTime(ds.rtime)} ${shortTime(ds.ctime)}\n`; break;
      case 'pid': s += `${ljust(id, 8)} ${yield* owner(p.uid)}  ${rjust(ds.lspid, 5)}     ${rjust(ds.lrpid, 5)}\n`; break;
      default: s += `${hexKey(p.key)} ${ljust(id, 10)} ${yield* owner(p.uid)} ${ljust((p.mode & 0o777).toString(8), 10)} ${ljust(ds.cbytes, 12)} ${ljust(ds.qnum, 12)}\n`;
    }
  }
  return s;
}

function* doShm(format: Format): Sys<string> {
  let s = '';
  switch (format) {
    case 'limits': {
      const l = yield* ipcLimits();
      // util-linux multiplies shmall by the page size in 64 bits; on overflow it prints the
      // largest whole number of kbytes below 2^64 it can (as the real ipcs does on Linux).
      const total = l.shmall * 4096n;
      const kb = total >= 1n << 64n ? (1n << 64n) - 4n : total / 1024n;
      return '------ Shared Memory Limits --------\n' +
        `max number of segments = ${l.shmmni}\nmax seg size (kbytes) = ${l.shmmax / 1024n}\nmax total shared memory (kbytes) = ${kb}\nmin seg size (bytes) = ${l.shmmin}\n`;
    }
    case 'summary': {
      const info = new Uint8Array(48);
      yield* shmctl(0, 14 /* SHM_INFO */, null, info);
      const v = new DataView(info.buffer);
      const u = (o: number) => v.getBigUint64(o, true);
      return '------ Shared Memory Status --------\n' +
        `segments allocated ${v.getInt32(0, true)}\npages allocated ${u(8)}\npages resident  ${u(16)}\npages swapped   ${u(24)}\n` +
        `Swap performance: ${u(32)} attempts\t ${u(40)} successes\n`;
    }
    case 'creator': s += `------ Shared Memory Segment Creators/Owners --------\n${['shmid', 'perms', 'cuid', 'cgid', 'uid', 'gid'].map((h) => ljust(h, 10)).join(' ')}\n`; break;
    case 'time': s += `------ Shared Memory Attach/Detach/Change Times --------\n${ljust('shmid', 10)} ${ljust('owner', 10)} ${ljust('attached', 20)} ${ljust('detached', 20)} ${ljust('changed', 20)}\n`; break;
    case 'pid': s += `------ Shared Memory Creator/Last-op PIDs --------\n${['shmid', 'owner', 'cpid', 'lpid'].map((h) => ljust(h, 10)).join(' ')}\n`; break;
    default: s += `------ Shared Memory Segments --------\n${['key', 'shmid', 'owner', 'perms', 'bytes', 'nattch'].map((h) => ljust(h, 10)).join(' ')} ${ljust('status', 12)}\n`;
  }
  for (const { id, ds } of yield* shmList()) {
    const p = ds.perm;
    switch (format) {
      case 'creator': s += yield* perms(id, p); break;
      case 'time': s += `${ljust(id, 10)} ${yield* owner(p.uid)} ${shortTime(ds.atime)} ${shortTime(ds.dtime)} ${shortTime(ds.ctime)}\n`; break;
      case 'pid': s += `${ljust(id, 10)} ${yield* owner(p.uid)} ${ljust(ds.cpid, 10)} ${ljust(ds.lpid, 10)}\n`; break;
      default:
        s += `${hexKey(p.key)} ${ljust(id, 10)} ${yield* owner(p.uid)} ${ljust((p.mode & 0o777).toString(8), 10)} ${ljust(ds.segsz, 10)} ${ljust(ds.nattch, 10)} ` +
          `${ljust(p.mode & SHM_DEST ? 'dest' : ' ', 6)} ${ljust(p.mode & SHM_LOCKED ? 'locked' : ' ', 6)}\n`;
    }
  }
  return s;
}

function* doSem(format: Format): Sys<string> {
  let s = '';
  switch (format) {
    case 'limits': {
      const l = yield* ipcLimits();
      return '------ Semaphore Limits --------\n' +
        `max number of arrays = ${l.semmni}\nmax semaphores per array = ${l.semmsl}\nmax semaphores system wide = ${l.semmns}\n` +
        `max ops per semop call = ${l.semopm}\nsemaphore max value = ${l.semvmx}\n`;
    }
    case 'summary': {
      const info = new Uint8Array(40);
      yield* semctlBuf(0, 0, 19 /* SEM_INFO */, null, info);
      const v = new DataView(info.buffer);
      return `------ Semaphore Status --------\nused arrays = ${v.getInt32(28, true)}\nallocated semaphores = ${v.getInt32(36, true)}\n`;
    }
    case 'pid': return '';
    case 'creator': s += `------ Semaphore Arrays Creators/Owners --------\n${['semid', 'perms', 'cuid', 'cgid', 'uid', 'gid'].map((h) => ljust(h, 10)).join(' ')}\n`; break;
    case 'time': s += `------ Semaphore Operation/Change Times --------\n${ljust('semid', 8)} ${ljust('owner', 10)} ${ljust('last-op', 26)} ${ljust('last-changed', 26)}\n`; break;
    default: s += `------ Semaphore Arrays --------\n${['key', 'semid', 'owner', 'perms', 'nsems'].map((h) => ljust(h, 10)).join(' ')}\n`;
  }
  for (const { id, ds } of yield* semList()) {
    const p = ds.perm;
    switch (format) {
      case 'creator': s += yield* perms(id, p); break;
      case 'time': s += `${ljust(id, 8)} ${yield* owner(p.uid)}  ${longTime(ds.otime)} ${longTime(ds.ctime)}\n`; break;
      default: s += `${hexKey(p.key)} ${ljust(id, 10)} ${yield* owner(p.uid)} ${ljust((p.mode & 0o777).toString(8), 10)} ${ljust(ds.nsems, 10)}\n`;
    }
  }
  return s;
}

const oct = (m: number): string => `0${m.toString(8)}`;

function* printMsg(id: number): Sys<string | null> {
  const r = yield* msgctlStat(id, IPC_STAT);
  if (!r) return null;
  const { ds } = r;
  const p = ds.perm;
  return `\nMessage Queue msqid=${id}\nuid=${p.uid}\tgid=${p.gid}\tcuid=${p.cuid}\tcgid=${p.cgid}\tmode=${oct(p.mode)}\n` +
    `cbytes=${ds.cbytes}\tqbytes=${ds.qbytes}\tqnum=${ds.qnum}\tlspid=${ds.lspid}\tlrpid=${ds.lrpid}\n` +
    `send_time=${longTime(ds.stime)}\nrcv_time=${longTime(ds.rtime)}\nchange_time=${longTime(ds.ctime)}\n\n`;
}

function* printShm(id: number): Sys<string | null> {
  const r = yield* shmctlStat(id, IPC_STAT);
  if (!r) return null;
  const { ds } = r;
  const p = ds.perm;
  return `\nShared memory Segment shmid=${id}\nuid=${p.uid}\tgid=${p.gid}\tcuid=${p.cuid}\tcgid=${p.cgid}\n` +
    `mode=${oct(p.mode)}\taccess_perms=${oct(p.mode & 0o777)}\nbytes=${ds.segsz}\tlpid=${ds.lpid}\tcpid=${ds.cpid}\tnattch=${ds.nattch}\n` +
    `att_time=${longTime(ds.atime)}\ndet_time=${longTime(ds.dtime)}\nchange_time=${longTime(ds.ctime)}\n\n`;
}

function* printSem(id: number): Sys<string | null> {
  const r = yield* semctlStat(id, IPC_STAT);
  if (!r) return null;
  const { ds } = r;
  const p = ds.perm;
  let s = `\nSemaphore Array semid=${id}\nuid=${p.uid}\t gid=${p.gid}\t cuid=${p.cuid}\t cgid=${p.cgid}\n` +
    `mode=${oct(p.mode)}, access_perms=${oct(p.mode & 0o777)}\nnsems = ${ds.nsems}\notime = ${longTime(ds.otime)}\nctime = ${longTime(ds.ctime)}\n` +
    `${['semnum', 'value', 'ncount', 'zcount', 'pid'].map((h) => ljust(h, 10)).join(' ')}\n`;
  const elems = yield* semElems(id, ds.nsems);
  elems.forEach((e, i) => {
    s += `${[i, e.value, e.ncount, e.zcount, e.pid].map((x) => ljust(x, 10)).join(' ')}\n`;
  });
  return s + '\n';
}

export function* ipcs(argv: string[]): Sys<number> {
  const r = yield* getopt('ipcs', argv, 'i:qmsatpcluhVb', [...LONGOPTS]);
  if (r.error) return 1;
  let msg = false;
  let shm = false;
  let sem = false;
  let id: number | null = null;
  let format: Format = 'default';
  for (const o of r.options) {
    switch (o.opt) {
      case 'h': yield* fputs(HELP, stdout()); return 0;
      case 'V': yield* fputs('ipcs from util-linux 2.38.1\n', stdout()); return 0;
      case 'i':
        if (!/^[+-]?\d+$/.test(o.arg!.trim())) {
          yield* fputs(`ipcs: failed to parse id argument: '${o.arg}'\n`, stderr());
          return 1;
        }
        id = Number.parseInt(o.arg!, 10);
        break;
      case 'q': msg = true; break;
      case 'm': shm = true; break;
      case 's': sem = true; break;
      case 'a': msg = shm = sem = true; break;
      case 't': format = 'time'; break;
      case 'p': format = 'pid'; break;
      case 'c': format = 'creator'; break;
      case 'l': format = 'limits'; break;
      case 'u': format = 'summary'; break;
      default: break;
    }
  }
  if (id !== null) {
    const kinds = Number(msg) + Number(shm) + Number(sem);
    if (kinds !== 1) {
      yield* fputs('ipcs: when using an ID, a single resource must be specified\n', stderr());
      return 1;
    }
    const out = msg ? yield* printMsg(id) : shm ? yield* printShm(id) : yield* printSem(id);
    if (out === null) {
      yield* fputs(`ipcs: id ${id} not found\n`, stderr());
      return 1;
    }
    yield* fputs(out, stdout());
    return 0;
  }
  if (!msg && !shm && !sem) msg = shm = sem = true;
  let out = '\n';
  if (msg) out += (yield* doMsg(format)) + '\n';
  if (shm) out += (yield* doShm(format)) + '\n';
  if (sem) out += (yield* doSem(format)) + '\n';
  yield* fputs(out, stdout());
  return 0;
}
