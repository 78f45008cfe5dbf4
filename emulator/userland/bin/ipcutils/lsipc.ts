// lsipc (util-linux 2.38): SysV IPC as libsmartcols tables.
//
//   lsipc [-g]                the system limits and their use (the default)
//   lsipc -q|-m|-s            one line per queue, segment or semaphore set
//   lsipc -q|-m|-s -i ID      one object, as "Name: value" lines
//   -b bytes instead of human sizes, -n no headings, -r raw (single spaces, no padding)
//
// Simplified: the column choice (-o), JSON, export and time-format options are not implemented.

import type { Sys } from '../../runtime/context';
import { getopt } from '../../libc/getopt';
import { readTextFile } from '../../libc/read_file';
import { fputs, stderr, stdout } from '../../libc/stdio';
import { IPC_STAT, SHM_DEST, SHM_LOCKED } from '../../libc/sys_ipc';
import { msgctlStat } from '../../libc/sys_msg';
import { semctlStat } from '../../libc/sys_sem';
import { shmctlStat } from '../../libc/sys_shm';
import { gmtime, strftime, time } from '../../libc/time';
import { formatTable, type Column } from '../util-linux/lib/table';
import {
  ctime, groupName, hexKey, ipcLimits, ljust, msgList, permString, semElems, semList, shmList, userName,
} from './lib/ipcutils';

const HELP = `
Usage:
 lsipc [options]

Show information on IPC facilities.

Resource options:
 -m, --shmems      shared memory segments
 -q, --queues      message queues
 -s, --semaphores  semaphores
 -g, --global      info about system-wide usage (may be used with -m, -q and -s)
 -i, --id <id>     print details on resource identified by <id>

Options:
     --noheadings         don't print headings
 -b, --bytes              print SIZE in bytes rather than in human readable format
 -r, --raw                display in raw mode

 -h, --help               display this help
 -V, --version            display version

For more details see lsipc(1).
`;

const LONGOPTS = [
  { name: 'shmems', hasArg: 0, val: 'm' }, { name: 'queues', hasArg: 0, val: 'q' }, { name: 'semaphores', hasArg: 0, val: 's' },
  { name: 'global', hasArg: 0, val: 'g' }, { name: 'id', hasArg: 1, val: 'i' }, { name: 'noheadings', hasArg: 0, val: 'n' },
  { name: 'bytes', hasArg: 0, val: 'b' }, { name: 'raw', hasArg: 0, val: 'r' }, { name: 'help', hasArg: 0, val: 'h' },
  { name: 'version', hasArg: 0, val: 'V' },
] as const;

/** size_to_human_string with one-letter suffixes: "100B", "4.9K", "16E". */
export function humanSize(bytes: bigint): string {
  let exp = 0;
  for (let shft = 10n; shft <= 60n; shft += 10n) {
    if (bytes < 1n << shft) break;
    exp = Number(shft);
  }
  const letters = 'BKMGTPE';
  const c = letters[exp / 10]!;
  if (!exp) return `${bytes}${c}`;
  let dec = bytes >> BigInt(exp);
  let frac = bytes & ((1n << BigInt(exp)) - 1n);
  if (frac) {
    frac = (frac / (1n << BigInt(exp - 10)) + 50n) / 100n;
    if (frac === 10n) {
      dec++;
      frac = 0n;
    }
  }
  return frac ? `${dec}.${frac}${c}` : `${dec}${c}`;
}

interface Opts {
  bytes: boolean;
  noHeadings: boolean;
  raw: boolean;
  now: number;
}

function table(cols: Column[], rows: string[][], o: Opts): string {
  if (o.raw) return (o.noHeadings ? rows : [cols.map((c) => c.name), ...rows]).map((r) => r.join(' ') + '\n').join('');
  return formatTable(cols, rows, o.noHeadings);
}

const size = (n: number | bigint, o: Opts): string => (o.bytes ? String(n) : humanSize(BigInt(n)));

/** make_time(TIME_SHORT): "HH:MM" today, "MonDD" this year, else "YYYY-MonDD"; "-" for never. */
function shortTime(t: number, now: number): string {
  if (!t) return '-';
  const tm = gmtime(t);
  const today = gmtime(now);
  if (tm.tm_year === today.tm_year && tm.tm_yday === today.tm_yday) return strftime('%H:%M', tm);
  if (tm.tm_year === today.tm_year) return strftime('%b%d', tm);
  return strftime('%Y-%b%d', tm);
}

function* command(pid: number): Sys<string> {
  if (!pid) return '';
  const s = yield* readTextFile(`/proc/${pid}/cmdline`);
  return s ? s.replace(/\0+$/, '').replace(/\0/g, ' ') : '';
}

function* globalTable(o: Opts, msg: boolean, shm: boolean, sem: boolean): Sys<string> {
  const l = yield* ipcLimits();
  const rows: string[][] = [];
  const pct = (used: number, lim: bigint) => `${((used / Number(lim)) * 100).toFixed(2)}%`;
  const sz = (n: bigint) => size(n, o);
  if (msg) {
    const q = yield* msgList();
    rows.push(['MSGMNI', 'Number of message queues', String(l.msgmni), String(q.length), pct(q.length, l.msgmni)]);
    rows.push(['MSGMAX', 'Max size of message (bytes)', sz(l.msgmax), '-', '-']);
    rows.push(['MSGMNB', 'Default max size of queue (bytes)', sz(l.msgmnb), '-', '-']);
  }
  if (shm) {
    const segs = yield* shmList();
    const pages = Math.floor(segs.reduce((a, s) => a + s.ds.segsz, 0) / 4096);
    rows.push(['SHMMNI', 'Shared memory segments', String(l.shmmni), String(segs.length), pct(segs.length, l.shmmni)]);
    rows.push(['SHMALL', 'Shared memory pages', String(l.shmall), String(pages), pct(pages, l.shmall)]);
    rows.push(['SHMMAX', 'Max size of shared memory segment (bytes)', sz(l.shmmax), '-', '-']);
    rows.push(['SHMMIN', 'Min size of shared memory segment (bytes)', sz(l.shmmin), '-', '-']);
  }
  if (sem) {
    const sets = yield* semList();
    const n = sets.reduce((a, s) => a + s.ds.nsems, 0);
    rows.push(['SEMMNI', 'Number of semaphore identifiers', String(l.semmni), String(sets.length), pct(sets.length, l.semmni)]);
    rows.push(['SEMMNS', 'Total number of semaphores', String(l.semmns), String(n), pct(n, l.semmns)]);
    rows.push(['SEMMSL', 'Max semaphores per semaphore set.', String(l.semmsl), '-', '-']);
    rows.push(['SEMOPM', 'Max number of operations per semop(2)', String(l.semopm), '-', '-']);
    rows.push(['SEMVMX', 'Semaphore max value', String(l.semvmx), '-', '-']);
  }
  const cols: Column[] = [{ name: 'RESOURCE' }, { name: 'DESCRIPTION' }, { name: 'LIMIT', right: true }, { name: 'USED', right: true }, { name: 'USE%', right: true }];
  return table(cols, rows, o);
}

/** The common "Name: value" lines of -i (lsipc's ipc_perm columns), each half 36 wide. */
function* permLines(key: number, id: number, p: { mode: number; cuid: number; cgid: number; uid: number; gid: number }, ctimeV: number): Sys<[string, string][]> {
  return [
    ['Key', hexKey(key)], ['ID', String(id)], ['Owner', yield* userName(p.uid)], ['Permissions', permString(p.mode)],
    ['Creator UID', String(p.cuid)], ['Creator user', yield* userName(p.cuid)], ['Creator GID', String(p.cgid)],
    ['Creator group', yield* groupName(p.cgid)], ['UID', String(p.uid)], ['User name', yield* userName(p.uid)],
    ['GID', String(p.gid)], ['Group name', yield* groupName(p.gid)], ['Last change', ctimeV ? ctime(ctimeV) : '-'],
  ];
}

const kv = (lines: [string, string][]): string => lines.map(([k, v]) => `${ljust(k + ':', 36)}${ljust(v, 36)}\n`).join('');

function* details(kind: 'msg' | 'shm' | 'sem', id: number, o: Opts): Sys<string | null> {
  if (kind === 'msg') {
    const r = yield* msgctlStat(id, IPC_STAT);
    if (!r) return null;
    const d = r.ds;
    const lines = yield* permLines(d.perm.key, id, d.perm, d.ctime);
    lines.push(['Bytes used', size(d.cbytes, o)], ['Messages', String(d.qnum)]);
    if (d.stime) lines.push(['Msg sent', ctime(d.stime)]);
    if (d.rtime) lines.push(['Msg received', ctime(d.rtime)]);
    lines.push(['Msg sender', String(d.lspid)], ['Msg receiver', String(d.lrpid)]);
    return kv(lines);
  }
  if (kind === 'shm') {
    const r = yield* shmctlStat(id, IPC_STAT);
    if (!r) return null;
    const d = r.ds;
    const lines = yield* permLines(d.perm.key, id, d.perm, d.ctime);
    const status = [d.perm.mode & SHM_DEST ? 'dest' : '', d.perm.mode & SHM_LOCKED ? 'locked' : ''].filter(Boolean).join(',');
    lines.push(['Segment size', size(d.segsz, o)], ['Attached processes', String(d.nattch)], ['Status', status]);
    if (d.atime) lines.push(['Attach time', ctime(d.atime)]);
    if (d.dtime) lines.push(['Detach time', ctime(d.dtime)]);
    lines.push(['Creator PID', String(d.cpid)], ['Last user PID', String(d.lpid)]);
    return kv(lines);
  }
  const r = yield* semctlStat(id, IPC_STAT);
  if (!r) return null;
  const d = r.ds;
  const lines = yield* permLines(d.perm.key, id, d.perm, d.ctime);
  lines.push(['Semaphores', String(d.nsems)]);
  if (d.otime) lines.push(['Last operation', ctime(d.otime)]);
  let s = kv(lines) + 'Elements:\n\n';
  const rows: string[][] = [];
  const elems = yield* semElems(id, d.nsems);
  for (let i = 0; i < elems.length; i++) {
    const e = elems[i]!;
    rows.push([String(i), String(e.value), String(e.ncount), String(e.zcount), String(e.pid), yield* command(e.pid)]);
  }
  // COMMAND is right-aligned like the numbers, but an empty last cell is not padded (libsmartcols).
  const cols: Column[] = [{ name: 'SEMNUM', right: true }, { name: 'VALUE', right: true }, { name: 'NCOUNT', right: true }, { name: 'ZCOUNT', right: true }, { name: 'PID', right: true }, { name: 'COMMAND', right: true }];
  const out = table(cols, rows, o).split('\n');
  const first = o.noHeadings ? 0 : 1;
  s += out.map((l, i) => (i >= first && rows[i - first]?.[5] === '' ? l.replace(/ +$/, ' ') : l)).join('\n');
  return s;
}

export function* lsipc(argv: string[]): Sys<number> {
  const r = yield* getopt('lsipc', argv, 'mqsgi:nbrhV', [...LONGOPTS]);
  if (r.error) return 1;
  let msg = false;
  let shm = false;
  let sem = false;
  let global = false;
  let id: number | null = null;
  const o: Opts = { bytes: false, noHeadings: false, raw: false, now: yield* time() };
  for (const x of r.options) {
    switch (x.opt) {
      case 'h': yield* fputs(HELP, stdout()); return 0;
      case 'V': yield* fputs('lsipc from util-linux 2.38.1\n', stdout()); return 0;
      case 'm': shm = true; break;
      case 'q': msg = true; break;
      case 's': sem = true; break;
      case 'g': global = true; break;
      case 'i': id = Number.parseInt(x.arg!, 10); break;
      case 'n': o.noHeadings = true; break;
      case 'b': o.bytes = true; break;
      case 'r': o.raw = true; break;
      default: break;
    }
  }
  const kinds = Number(msg) + Number(shm) + Number(sem);
  if (kinds > 1) {
    yield* fputs('lsipc: mutually exclusive arguments: --shmems --queues --semaphores\n', stderr());
    return 1;
  }
  if (id !== null) {
    if (kinds !== 1 || Number.isNaN(id)) {
      yield* fputs("lsipc: --id requires --shmems, --queues or --semaphores\nTry 'lsipc --help' for more information.\n", stderr());
      return 1;
    }
    const s = yield* details(msg ? 'msg' : shm ? 'shm' : 'sem', id, o);
    if (s === null) {
      yield* fputs(`lsipc: id ${id} not found\n`, stderr());
      return 1;
    }
    yield* fputs(s, stdout());
    return 0;
  }
  if (global || kinds === 0) {
    yield* fputs(yield* globalTable(o, msg || kinds === 0, shm || kinds === 0, sem || kinds === 0), stdout());
    return 0;
  }
  let out: string;
  if (msg) {
    const rows: string[][] = [];
    for (const { id: qid, ds } of yield* msgList()) {
      rows.push([hexKey(ds.perm.key), String(qid), permString(ds.perm.mode), yield* userName(ds.perm.uid), size(ds.cbytes, o), String(ds.qnum), String(ds.lspid), String(ds.lrpid)]);
    }
    out = table([{ name: 'KEY' }, { name: 'ID' }, { name: 'PERMS', right: true }, { name: 'OWNER', right: true }, { name: 'USEDBYTES', right: true }, { name: 'MSGS' }, { name: 'LSPID', right: true }, { name: 'LRPID', right: true }], rows, o);
  } else if (shm) {
    const rows: string[][] = [];
    for (const { id: sid, ds } of yield* shmList()) {
      const status = [ds.perm.mode & SHM_DEST ? 'dest' : '', ds.perm.mode & SHM_LOCKED ? 'locked' : ''].filter(Boolean).join(',');
      rows.push([hexKey(ds.perm.key), String(sid), permString(ds.perm.mode), yield* userName(ds.perm.uid), size(ds.segsz, o), String(ds.nattch), status,
        shortTime(ds.ctime, o.now), String(ds.cpid), String(ds.lpid), yield* command(ds.cpid)]);
    }
    out = table([{ name: 'KEY' }, { name: 'ID' }, { name: 'PERMS', right: true }, { name: 'OWNER', right: true }, { name: 'SIZE', right: true }, { name: 'NATTCH', right: true },
      { name: 'STATUS' }, { name: 'CTIME', right: true }, { name: 'CPID', right: true }, { name: 'LPID', right: true }, { name: 'COMMAND' }], rows, o);
  } else {
    const rows: string[][] = [];
    for (const { id: sid, ds } of yield* semList()) rows.push([hexKey(ds.perm.key), String(sid), permString(ds.perm.mode), yield* userName(ds.perm.uid), String(ds.nsems)]);
    out = table([{ name: 'KEY' }, { name: 'ID' }, { name: 'PERMS', right: true }, { name: 'OWNER', right: true }, { name: 'NSEMS', right: true }], rows, o);
  }
  yield* fputs(out, stdout());
  return 0;
}


