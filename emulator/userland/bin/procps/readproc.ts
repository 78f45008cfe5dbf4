// Reading processes the way procps's library does: list the numeric entries of /proc with
// getdents64, then open and read each process's stat, status and cmdline files. A process may
// exit between the listing and the reads; it is then skipped, as ps skips it.

import type { Sys } from '../../runtime/context';
import { readlink } from '../../libc/unistd';
import { readdir } from '../../libc/dirent';
import { stat } from '../../libc/sys_stat';
import { getpwent } from '../../libc/pwd';
import {
  meminfoKb,
  parseCmdline,
  parseStat,
  parseStatus,
  parseUptime,
  statBtime,
  statusKb,
  statusUids,
  type ProcStat,
} from './proc_parse';
import { ttyName } from './tty_name';
import { readTextFile } from '../../libc/read_file';

/** A process as ps and pstree see it. */
export interface Proc extends ProcStat {
  ruid: number;
  euid: number;
  /** Locked memory (status VmLck), in kB. */
  vmLckKb: number;
  /** The arguments from cmdline; empty for a zombie. */
  args: string[];
  /** The controlling terminal's name ("tty1", "pts/0"), or "?" for none. */
  tty: string;
}

/** Facts about the whole machine that some columns need. */
export interface SystemInfo {
  /** Seconds since boot (/proc/uptime). */
  uptime: number;
  /** Boot time, seconds since the epoch (/proc/stat btime). */
  btime: number;
  memTotalKb: number;
  /** Digits of the largest pid (/proc/sys/kernel/pid_max), which sizes the pid columns. */
  pidWidth: number;
}

/** Clock ticks per second in /proc times (USER_HZ, sysconf(_SC_CLK_TCK)). */
export const HZ = 100;

/** A whole (small) file as text, or null if it cannot be opened or read. */
export const readFile = readTextFile;

/** The pids listed in a /proc-style directory (/proc itself, or /proc/<pid>/task), in readdir order. */
export function* listPids(dir = '/proc'): Sys<number[]> {
  const entries = (yield* readdir(dir)) ?? [];
  return entries.filter((e) => /^[0-9]+$/.test(e.name)).map((e) => parseInt(e.name, 10));
}

/**
 * A terminal no driver table names: look at where the process's stderr, stdout or stdin lead,
 * and accept a /dev path whose device number is the terminal's (as procps does too).
 */
function* ttyFromFds(pid: number, dev: number): Sys<string | null> {
  for (const fd of [2, 1, 0]) {
    const target = yield* readlink(`/proc/${pid}/fd/${fd}`);
    if (!target?.startsWith('/dev/')) continue;
    const st = yield* stat(target);
    if (st && st.rdev === dev) return target.slice(5);
  }
  return null;
}

/** Read one process; null if it has gone (or its files cannot be read). */
export function* readProc(pid: number): Sys<Proc | null> {
  const statText = yield* readFile(`/proc/${pid}/stat`);
  const st = statText === null ? null : parseStat(statText);
  if (!st) return null;
  const status = parseStatus((yield* readFile(`/proc/${pid}/status`)) ?? '');
  const { ruid, euid } = statusUids(status);
  const args = parseCmdline((yield* readFile(`/proc/${pid}/cmdline`)) ?? '');
  let tty = '?';
  if (st.ttyNr !== 0) tty = ttyName(st.ttyNr) ?? (yield* ttyFromFds(pid, st.ttyNr)) ?? '?';
  return { ...st, ruid, euid, vmLckKb: statusKb(status, 'VmLck'), args, tty };
}

/** Every process, in /proc's order (ascending pids). */
export function* readAllProcs(): Sys<Proc[]> {
  const procs: Proc[] = [];
  for (const pid of yield* listPids()) {
    const p = yield* readProc(pid);
    if (p) procs.push(p);
  }
  return procs;
}

/** Uptime, boot time, memory size and pid width; what is missing reads as 0 (width 5). */
export function* readSystemInfo(): Sys<SystemInfo> {
  const pidMax = ((yield* readFile('/proc/sys/kernel/pid_max')) ?? '').trim();
  return {
    uptime: parseUptime((yield* readFile('/proc/uptime')) ?? ''),
    btime: statBtime((yield* readFile('/proc/stat')) ?? ''),
    memTotalKb: meminfoKb((yield* readFile('/proc/meminfo')) ?? '', 'MemTotal'),
    // procps sizes pid columns by the number of digits in pid_max, 5 when it cannot tell.
    pidWidth: /^[0-9]+$/.test(pidMax) ? pidMax.length : 5,
  };
}

/** User names by uid, from the password database. */
export function* userNames(): Sys<Map<number, string>> {
  const m = new Map<number, string>();
  for (const pw of yield* getpwent()) if (!m.has(pw.uid)) m.set(pw.uid, pw.name);
  return m;
}
