// Parsers for the /proc files procps reads, one function per file format (see proc(5)). They take
// the text a read(2) returned and know nothing about system calls, so they are tested directly.

/** The fields of /proc/<pid>/stat that ps and pstree use (numbers as in proc(5), 1-based). */
export interface ProcStat {
  pid: number;
  /** (2) The command name, at most 15 bytes; may itself contain spaces and parentheses. */
  comm: string;
  /** (3) One letter: R S D T t Z X I. */
  state: string;
  ppid: number;
  pgrp: number;
  session: number;
  /** (7) The controlling terminal's device number, 0 for none. */
  ttyNr: number;
  /** (8) The terminal's foreground process group, -1 for none. */
  tpgid: number;
  /** (14, 15) CPU time in clock ticks. */
  utime: number;
  stime: number;
  nice: number;
  numThreads: number;
  /** (22) When the process started, in clock ticks after boot. */
  startTime: number;
  /** (23) Virtual memory size in bytes. */
  vsize: number;
  /** (24) Resident set size in pages. */
  rss: number;
}

/**
 * Parse /proc/<pid>/stat. The command name sits between the first '(' and the LAST ')' — a
 * program may call itself "a) b (c" — so everything after it is split on spaces.
 */
export function parseStat(text: string): ProcStat | null {
  const open = text.indexOf('(');
  const close = text.lastIndexOf(')');
  if (open < 0 || close < open) return null;
  const rest = text
    .slice(close + 2)
    .trim()
    .split(' ');
  // rest[0] is field 3; field n is rest[n - 3].
  const f = (n: number) => Number(rest[n - 3] ?? 0);
  return {
    pid: parseInt(text, 10),
    comm: text.slice(open + 1, close),
    state: rest[0] ?? '?',
    ppid: f(4),
    pgrp: f(5),
    session: f(6),
    ttyNr: f(7),
    tpgid: f(8),
    utime: f(14),
    stime: f(15),
    nice: f(19),
    numThreads: f(20),
    startTime: f(22),
    vsize: f(23),
    rss: f(24),
  };
}

/** The lines of /proc/<pid>/status ("Name:\tvalue") as a map from label to value. */
export function parseStatus(text: string): Map<string, string> {
  const m = new Map<string, string>();
  for (const line of text.split('\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) m.set(line.slice(0, colon), line.slice(colon + 1).trim());
  }
  return m;
}

/** Real and effective user ids from status's "Uid:\treal\teffective\tsaved\tfs" line. */
export function statusUids(status: Map<string, string>): { ruid: number; euid: number } {
  const ids = (status.get('Uid') ?? '').split(/\s+/).map(Number);
  return { ruid: ids[0] ?? 0, euid: ids[1] ?? ids[0] ?? 0 };
}

/** A "VmLck:\t     0 kB" style value in kB (0 when absent, as for a zombie). */
export function statusKb(status: Map<string, string>, label: string): number {
  return parseInt(status.get(label) ?? '0', 10) || 0;
}

/** /proc/<pid>/cmdline: the arguments, each ended by a NUL. Empty for a zombie. */
export function parseCmdline(text: string): string[] {
  if (text === '') return [];
  const args = text.split('\0');
  if (args[args.length - 1] === '') args.pop();
  return args;
}

/** /proc/uptime: "346.00 622.91" — seconds since boot, then idle time summed over CPUs. */
export function parseUptime(text: string): number {
  return parseFloat(text) || 0;
}

/** A "MemTotal:       24684092 kB" line of /proc/meminfo, in kB (0 when missing). */
export function meminfoKb(text: string, label: string): number {
  const m = new RegExp(`^${label}:\\s+(\\d+)`, 'm').exec(text);
  return m ? parseInt(m[1]!, 10) : 0;
}

/** The "btime" line of /proc/stat: when the machine booted, in seconds since the epoch. */
export function statBtime(text: string): number {
  const m = /^btime (\d+)/m.exec(text);
  return m ? parseInt(m[1]!, 10) : 0;
}
