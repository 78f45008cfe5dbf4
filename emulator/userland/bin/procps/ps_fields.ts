// The columns ps can print (procps's format table, ps/output.c): for each -o name, its header, its
// width and alignment, and how to compute the text from a process. The default formats (ps, -f,
// aux) are just lists of these names (see ps_formats.ts).

import { HZ, type Proc, type SystemInfo } from './readproc';

/** What the cells need besides the process itself. */
export interface PsContext {
  sys: SystemInfo;
  /** Now, seconds since the epoch. */
  now: number;
  users: Map<number, string>;
}

export interface Column {
  header: string;
  width: number;
  right: boolean;
  /** A command column: cut to its width unless it is the last one, which may run to the end of the line. */
  cmd: boolean;
  cell: (p: Proc, c: PsContext) => string;
}

const PAGE_KB = 4;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const two = (n: number) => String(n).padStart(2, '0');

/** Accumulated CPU time as TIME shows it: [DD-]HH:MM:SS. */
export function cputime(seconds: number): string {
  const days = Math.floor(seconds / 86400);
  const hms = `${two(Math.floor(seconds / 3600) % 24)}:${two(Math.floor(seconds / 60) % 60)}:${two(seconds % 60)}`;
  return days > 0 ? `${days}-${hms}` : hms;
}

/** BSD's TIME: minutes:seconds, the minutes growing as needed. */
export function bsdtime(seconds: number): string {
  return `${Math.floor(seconds / 60)}:${two(seconds % 60)}`;
}

/** ELAPSED: [[DD-]HH:]MM:SS. */
export function etime(seconds: number): string {
  const days = Math.floor(seconds / 86400);
  const hours = Math.floor(seconds / 3600) % 24;
  const ms = `${two(Math.floor(seconds / 60) % 60)}:${two(seconds % 60)}`;
  if (days > 0) return `${days}-${two(hours)}:${ms}`;
  return hours > 0 ? `${two(hours)}:${ms}` : ms;
}

/** A value in tenths of a percent as %CPU and %MEM show it: 0.3, 12.5, and 100 or more without the decimal. */
export function tenths(v: number): string {
  return v > 999 ? String(Math.floor(v / 10)) : `${Math.floor(v / 10)}.${v % 10}`;
}

/**
 * A start time as STIME and START show it: the hour today, the month and day this year, the year
 * before that. Simplified: times are UTC (there is no time zone database on the machine).
 */
export function startStamp(start: number, now: number): string {
  const s = new Date(start * 1000);
  const n = new Date(now * 1000);
  if (s.getUTCFullYear() !== n.getUTCFullYear()) return String(s.getUTCFullYear());
  if (s.getUTCMonth() !== n.getUTCMonth() || s.getUTCDate() !== n.getUTCDate())
    return `${MONTHS[s.getUTCMonth()]}${two(s.getUTCDate())}`;
  return `${two(s.getUTCHours())}:${two(s.getUTCMinutes())}`;
}

/** A user name that fits its 8 columns: longer ones are cut to 7 and marked with '+'; unknown uids as numbers. */
export function userCell(uid: number, users: Map<number, string>): string {
  const name = users.get(uid);
  if (name === undefined) return String(uid);
  return name.length > 8 ? name.slice(0, 7) + '+' : name;
}

/** Control characters in names and arguments print as '?', so they cannot disturb the terminal. */
function printable(s: string): string {
  return s.replace(/[\x00-\x1f\x7f]/g, '?');
}

/** STAT: the state letter, then < or N (priority), L (locked pages), s (session leader), l (threads), + (foreground). */
export function statFlags(p: Proc): string {
  let s = p.state;
  if (p.nice < 0) s += '<';
  else if (p.nice > 0) s += 'N';
  if (p.vmLckKb > 0) s += 'L';
  if (p.session === p.pid) s += 's';
  if (p.numThreads > 1) s += 'l';
  if (p.tpgid !== -1 && p.pgrp === p.tpgid) s += '+';
  return s;
}

const defunct = (p: Proc, s: string) => (p.state === 'Z' ? `${s} <defunct>` : s);

/** The command name alone. */
function commCell(p: Proc): string {
  return defunct(p, printable(p.comm));
}

/** The arguments; a process without any (a zombie, a kernel thread) shows its name in brackets. */
function argsCell(p: Proc): string {
  return p.args.length ? printable(p.args.join(' ')) : defunct(p, `[${printable(p.comm)}]`);
}

const cpuSeconds = (p: Proc) => Math.floor((p.utime + p.stime) / HZ);
/** Seconds the process has existed. */
const age = (p: Proc, c: PsContext) => Math.max(0, c.sys.uptime - p.startTime / HZ);
const startEpoch = (p: Proc, c: PsContext) => c.sys.btime + Math.floor(p.startTime / HZ);

/** CPU use over the process's life in tenths of a percent (what %CPU shows; C shows whole percents). */
function cpuTenths(p: Proc, c: PsContext): number {
  const secs = age(p, c);
  return secs > 0 ? Math.floor(((p.utime + p.stime) * 1000) / HZ / secs) : 0;
}

type Spec = [
  header: string,
  width: number | 'pid',
  align: 'left' | 'right',
  cell: (p: Proc, c: PsContext) => string,
  cmd?: 'cmd',
];

const pidCol = (header: string, get: (p: Proc) => number): Spec => [header, 'pid', 'right', (p) => String(get(p))];
const user = (header: string, get: (p: Proc) => number): Spec => [
  header,
  8,
  'left',
  (p, c) => userCell(get(p), c.users),
];
const uid = (header: string, get: (p: Proc) => number): Spec => [header, 5, 'right', (p) => String(get(p))];
const comm = (header: string): Spec => [header, 15, 'left', commCell, 'cmd'];
const args = (header: string): Spec => [header, 27, 'left', argsCell, 'cmd'];
const tty = (header: string): Spec => [header, 8, 'left', (p) => p.tty];
const vsz: Spec = ['VSZ', 6, 'right', (p) => String(Math.floor(p.vsize / 1024))];
const rss = (header: string): Spec => [header, 5, 'right', (p) => String(p.rss * PAGE_KB)];
const pcpu: Spec = ['%CPU', 4, 'right', (p, c) => tenths(cpuTenths(p, c))];
const pmem: Spec = [
  '%MEM',
  4,
  'right',
  (p, c) => tenths(c.sys.memTotalKb ? Math.floor((p.rss * PAGE_KB * 1000) / c.sys.memTotalKb) : 0),
];
const time: Spec = ['TIME', 8, 'right', (p) => cputime(cpuSeconds(p))];
const state: Spec = ['S', 1, 'left', (p) => p.state];
const nice = (header: string): Spec => [header, 3, 'right', (p) => String(p.nice)];
const nlwp = (header: string): Spec => [header, 4, 'right', (p) => String(p.numThreads)];
const stime = (header: string): Spec => [header, 5, 'right', (p, c) => startStamp(startEpoch(p, c), c.now)];

/** The -o names procps knows that we implement, with their aliases. */
const FIELDS: Record<string, Spec> = {
  pid: pidCol('PID', (p) => p.pid),
  ppid: pidCol('PPID', (p) => p.ppid),
  pgid: pidCol('PGID', (p) => p.pgrp),
  pgrp: pidCol('PGRP', (p) => p.pgrp),
  sid: pidCol('SID', (p) => p.session),
  sess: pidCol('SESS', (p) => p.session),
  tpgid: pidCol('TPGID', (p) => p.tpgid),
  user: user('USER', (p) => p.euid),
  euser: user('EUSER', (p) => p.euid),
  uname: user('USER', (p) => p.euid),
  ruser: user('RUSER', (p) => p.ruid),
  // -f's first column: the user's name under the header UID (procps's "uid_hack").
  uid_hack: user('UID', (p) => p.euid),
  uid: uid('UID', (p) => p.euid),
  euid: uid('EUID', (p) => p.euid),
  ruid: uid('RUID', (p) => p.ruid),
  comm: comm('COMMAND'),
  ucomm: comm('COMMAND'),
  ucmd: comm('CMD'),
  args: args('COMMAND'),
  command: args('COMMAND'),
  cmd: args('CMD'),
  tname: tty('TTY'),
  tty: tty('TT'),
  tt: tty('TT'),
  stat: ['STAT', 4, 'left', statFlags],
  s: state,
  state,
  time,
  cputime: time,
  bsdtime: ['TIME', 6, 'right', (p) => bsdtime(cpuSeconds(p))],
  etime: ['ELAPSED', 11, 'right', (p, c) => etime(Math.floor(age(p, c)))],
  stime: stime('STIME'),
  start_time: stime('START'),
  c: ['C', 2, 'right', (p, c) => String(Math.min(99, Math.floor(cpuTenths(p, c) / 10)))],
  '%cpu': pcpu,
  pcpu,
  '%mem': pmem,
  pmem,
  vsz,
  vsize: vsz,
  rss: rss('RSS'),
  rssize: rss('RSS'),
  rsz: rss('RSZ'),
  ni: nice('NI'),
  nice: nice('NI'),
  nlwp: nlwp('NLWP'),
  thcount: nlwp('THCNT'),
};

/** The column for an -o name (with an optional "=HEADER"), or null if there is no such field. */
export function column(name: string, pidWidth: number, header?: string): Column | null {
  const spec = Object.prototype.hasOwnProperty.call(FIELDS, name) ? FIELDS[name] : undefined;
  if (!spec) return null;
  const [defaultHeader, width, align, cell, cmd] = spec;
  return {
    header: header ?? defaultHeader,
    width: width === 'pid' ? pidWidth : width,
    right: align === 'right',
    cmd: cmd === 'cmd',
    cell,
  };
}
