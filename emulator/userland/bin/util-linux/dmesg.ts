// dmesg (util-linux 2.38): print or control the kernel ring buffer. Like the real one it reads
// /dev/kmsg — one record per read(2), "pri,seq,usec,flags;text" — after lseek(SEEK_DATA) skips
// what `dmesg -C` cleared, and falls back to syslog(2) (SYSLOG_ACTION_READ_ALL) when /dev/kmsg
// cannot be opened or read, or with -S. -w keeps reading, blocking in read(2) for new records.
//
//   dmesg            "[    0.000000] text"          -r   "<6>[    0.000000] text"
//   -x               "kern  :info  : [ … ] text"   -t   no timestamp     -T  ctime timestamps
//   -l LIST / -f LIST   only these levels / facilities     -k kernel only, -u user space only
//   -c / -C          print then clear / clear only   -n LEVEL  console_loglevel   -D / -E console off/on
//
// On a terminal it colors as util-linux's default scheme does: timestamps green, the subsystem
// prefix ("devtmpfs: ") brown, errors red, warnings bold (-L never / always to choose).
//
// Simplified: no pager, no JSON (-J), no --since/--until, no -F; -H is the same as the default;
// terminal-colors.d schemes are not read.

import type { Sys } from '../../runtime/context';
import { errno } from '../../libc/process';
import { getoptParse, type LongOption } from '../../libc/getopt';
import { strerror } from '../../libc/string';
import { fflush, fputs, fwrite, stderr, stdout } from '../../libc/stdio';
import { open } from '../../libc/fcntl';
import { close, isatty, lseek, readBytes } from '../../libc/unistd';
import { getenv } from '../../libc/stdlib';
import { klogctl, klogctlRead } from '../../libc/klog';
import { clock_gettime, CLOCK_BOOTTIME, CLOCK_REALTIME } from '../../libc/time';
import { O_NONBLOCK, O_RDONLY, SEEK_DATA, SEEK_END } from '../../../uapi/fcntl';
import { EPIPE } from '../../../uapi/errno';

const USAGE = `
Usage:
 dmesg [options]

Display or control the kernel ring buffer.

Options:
 -C, --clear                 clear the kernel ring buffer
 -c, --read-clear            read and clear all messages
 -D, --console-off           disable printing messages to console
 -E, --console-on            enable printing messages to console
 -F, --file <file>           use the file instead of the kernel log buffer
 -f, --facility <list>       restrict output to defined facilities
 -H, --human                 human readable output
 -J, --json                  use JSON output format
 -k, --kernel                display kernel messages
 -L, --color[=<when>]        colorize messages (auto, always or never)
                               colors are enabled by default
 -l, --level <list>          restrict output to defined levels
 -n, --console-level <level> set level of messages printed to console
 -P, --nopager               do not pipe output into a pager
 -p, --force-prefix          force timestamp output on each line of multi-line messages
 -r, --raw                   print the raw message buffer
     --noescape              don't escape unprintable character
 -S, --syslog                force to use syslog(2) rather than /dev/kmsg
 -s, --buffer-size <size>    buffer size to query the kernel ring buffer
 -u, --userspace             display userspace messages
 -w, --follow                wait for new messages
 -W, --follow-new            wait and print only new messages
 -x, --decode                decode facility and level to readable string
 -d, --show-delta            show time delta between printed messages
 -e, --reltime               show local time and time delta in readable format
 -T, --ctime                 show human-readable timestamp (may be inaccurate!)
 -t, --notime                don't show any timestamp with messages
     --time-format <format>  show timestamp using the given format:
                               [delta|reltime|ctime|notime|iso]
Suspending/resume will make ctime and iso timestamps inaccurate.
     --since <time>          display the lines since the specified time
     --until <time>          display the lines until the specified time

 -h, --help                  display this help
 -V, --version               display version

Supported log facilities:
    kern - kernel messages
    user - random user-level messages
    mail - mail system
  daemon - system daemons
    auth - security/authorization messages
  syslog - messages generated internally by syslogd
     lpr - line printer subsystem
    news - network news subsystem

Supported log levels (priorities):
   emerg - system is unusable
   alert - action must be taken immediately
    crit - critical conditions
     err - error conditions
    warn - warning conditions
  notice - normal but significant condition
    info - informational
   debug - debug-level messages

For more details see dmesg(1).
`;

const SYSLOG_ACTION_READ_ALL = 3, SYSLOG_ACTION_READ_CLEAR = 4, SYSLOG_ACTION_CLEAR = 5;
const SYSLOG_ACTION_CONSOLE_OFF = 6, SYSLOG_ACTION_CONSOLE_ON = 7, SYSLOG_ACTION_CONSOLE_LEVEL = 8;
const SYSLOG_ACTION_SIZE_BUFFER = 10;

/** Level names (the "warn" spelling dmesg prints; "warning" and "error" are accepted). */
export const LEVEL_NAMES = ['emerg', 'alert', 'crit', 'err', 'warn', 'notice', 'info', 'debug'];
/** Facility names by number (syslog.h's facilitynames order). */
export const FACILITY_NAMES = [
  'kern', 'user', 'mail', 'daemon', 'auth', 'syslog', 'lpr', 'news', 'uucp', 'cron', 'authpriv', 'ftp',
  'res0', 'res1', 'res2', 'res3', 'local0', 'local1', 'local2', 'local3', 'local4', 'local5', 'local6', 'local7',
];

const LONGOPTS: LongOption[] = [
  { name: 'clear', hasArg: 0, val: 'C' }, { name: 'read-clear', hasArg: 0, val: 'c' },
  { name: 'console-off', hasArg: 0, val: 'D' }, { name: 'console-on', hasArg: 0, val: 'E' },
  { name: 'file', hasArg: 1, val: 'F' }, { name: 'facility', hasArg: 1, val: 'f' },
  { name: 'human', hasArg: 0, val: 'H' }, { name: 'json', hasArg: 0, val: 'J' },
  { name: 'kernel', hasArg: 0, val: 'k' }, { name: 'color', hasArg: 2, val: 'L' },
  { name: 'level', hasArg: 1, val: 'l' }, { name: 'console-level', hasArg: 1, val: 'n' },
  { name: 'nopager', hasArg: 0, val: 'P' }, { name: 'force-prefix', hasArg: 0, val: 'p' },
  { name: 'raw', hasArg: 0, val: 'r' }, { name: 'noescape', hasArg: 0, val: 'noescape' },
  { name: 'syslog', hasArg: 0, val: 'S' }, { name: 'buffer-size', hasArg: 1, val: 's' },
  { name: 'userspace', hasArg: 0, val: 'u' }, { name: 'follow', hasArg: 0, val: 'w' },
  { name: 'follow-new', hasArg: 0, val: 'W' }, { name: 'decode', hasArg: 0, val: 'x' },
  { name: 'show-delta', hasArg: 0, val: 'd' }, { name: 'reltime', hasArg: 0, val: 'e' },
  { name: 'ctime', hasArg: 0, val: 'T' }, { name: 'notime', hasArg: 0, val: 't' },
  { name: 'time-format', hasArg: 1, val: 'time-format' }, { name: 'help', hasArg: 0, val: 'h' },
  { name: 'version', hasArg: 0, val: 'V' },
];

interface Ctl {
  action: number;
  method: 'kmsg' | 'syslog';
  raw: boolean;
  decode: boolean;
  time: 'time' | 'notime' | 'ctime' | 'delta';
  follow: boolean;
  end: boolean;
  levels: Set<number> | null;
  facilities: Set<number> | null;
  bufsize: number;
  /** Colors (-L, or by default when stdout is a terminal). */
  color: boolean;
  /** Boot time in seconds since the epoch, for -T. */
  bootSec: number;
  lastUsec: number;
}

/** One record of the log. */
interface Rec {
  level: number;
  facility: number;
  usec: number;
  text: string;
}

function* fail(msg: string): Sys<number> {
  yield* fputs(`dmesg: ${msg}\n`, stderr());
  return 1;
}

/** "err,warn" or "+err" (err and worse) … → the set of numbers, or the bad name. */
function parseList(list: string, names: readonly string[], alias: Record<string, number>): Set<number> | string {
  const out = new Set<number>();
  for (const item of list.split(',')) {
    if (!item) continue;
    let word = item, below = false, above = false;
    if (word.startsWith('+')) { above = true; word = word.slice(1); }
    else if (word.endsWith('+')) { below = true; word = word.slice(0, -1); }
    const n = names.indexOf(word) >= 0 ? names.indexOf(word) : word in alias ? alias[word]! : -1;
    if (n < 0) return item;
    if (above) for (let i = 0; i <= n; i++) out.add(i);
    else if (below) for (let i = n; i < names.length; i++) out.add(i);
    else out.add(n);
  }
  return out;
}

/** Undo /dev/kmsg's "\xNN" escapes. */
function unescape(s: string): string {
  return s.replace(/\\x([0-9a-fA-F]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
}

/** "6,339,5140900,-;text\n KEY=v" → a record (dictionary lines are not printed by dmesg). */
function parseKmsg(s: string): Rec | null {
  const semi = s.indexOf(';');
  if (semi < 0) return null;
  const fields = s.slice(0, semi).split(',');
  const pri = Number(fields[0]);
  const usec = Number(fields[2]);
  if (!Number.isFinite(pri) || !Number.isFinite(usec)) return null;
  let text = s.slice(semi + 1);
  const nl = text.indexOf('\n');
  if (nl >= 0) text = text.slice(0, nl);
  return { level: pri & 7, facility: pri >> 3, usec, text: unescape(text) };
}

/** "<6>[    1.234567] text" lines from syslog(2). */
function parseSyslogLine(line: string): Rec {
  let level = 6, facility = 0, usec = 0, text = line;
  const m = /^<(\d+)>/.exec(text);
  if (m) {
    const pri = Number(m[1]);
    level = pri & 7;
    facility = pri >> 3;
    text = text.slice(m[0].length);
  }
  const t = /^\[\s*(\d+)\.(\d{6})\] ?/.exec(text);
  if (t) {
    usec = Number(t[1]) * 1e6 + Number(t[2]);
    text = text.slice(t[0].length);
  }
  return { level, facility, usec, text };
}

function pad(n: number, w: number, c = ' '): string {
  return String(n).padStart(w, c);
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** ctime(3) without the newline, in UTC (the machine has no time zone). */
function ctime(sec: number): string {
  const d = new Date(sec * 1000);
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${pad(d.getUTCDate(), 2)} ${pad(d.getUTCHours(), 2, '0')}:${pad(d.getUTCMinutes(), 2, '0')}:${pad(d.getUTCSeconds(), 2, '0')} ${d.getUTCFullYear()}`;
}

/** print_record: one record as the options say, or nothing if filtered out. */
function formatRecord(ctl: Ctl, r: Rec): string {
  if (ctl.levels && !ctl.levels.has(r.level)) return '';
  if (ctl.facilities && !ctl.facilities.has(r.facility)) return '';
  let out = '';
  if (ctl.raw) out += `<${(r.facility << 3) | r.level}>`;
  else if (ctl.decode) out += `${(FACILITY_NAMES[r.facility] ?? String(r.facility)).padEnd(6)}:${LEVEL_NAMES[r.level]!.padEnd(6)}: `;
  const sec = Math.floor(r.usec / 1e6), us = r.usec % 1e6;
  let stamp = '';
  switch (ctl.time) {
    case 'time':
      stamp = `[${pad(sec, 5)}.${pad(us, 6, '0')}]`;
      break;
    case 'ctime':
      if (!ctl.raw) stamp = `[${ctime(ctl.bootSec + sec)}]`;
      else stamp = `[${pad(sec, 5)}.${pad(us, 6, '0')}]`;
      break;
    case 'delta': {
      const d = ctl.lastUsec < 0 ? 0 : r.usec - ctl.lastUsec;
      stamp = `[${pad(sec, 5)}.${pad(us, 6, '0')} <${pad(Math.floor(d / 1e6), 5)}.${pad(d % 1e6, 6, '0')}>]`;
      ctl.lastUsec = r.usec;
      break;
    }
    case 'notime':
      break;
  }
  const color = ctl.color && !ctl.raw;
  if (stamp) out += `${color ? COLOR_TIME + stamp + COLOR_RESET : stamp} `;
  if (!color) return `${out}${r.text}\n`;
  // The subsystem prefix ("devtmpfs: ") in brown, then the text in its level's color.
  let text = r.text;
  const sub = subsys_end(text);
  if (sub > 0) {
    out += COLOR_SUBSYS + text.slice(0, sub) + COLOR_RESET;
    text = text.slice(sub);
  }
  const lc = text.includes('segfault at') ? COLOR_SEGFAULT : LEVEL_COLORS[r.level];
  return `${out}${lc ? lc + text + COLOR_RESET : text}\n`;
}

/** get_subsys_delimiter: the end of the first "word:" followed by a blank, or 0. */
function subsys_end(text: string): number {
  for (let i = text.indexOf(':'); i >= 0; i = text.indexOf(':', i + 1)) {
    if (i + 1 < text.length && (text[i + 1] === ' ' || text[i + 1] === '\t')) return i + 2;
  }
  return 0;
}

/** The default color scheme (dmesg.c's colors[]; terminal-colors.d may change it on Linux). */
const COLOR_RESET = '\x1b[0m';
const COLOR_TIME = '\x1b[32m';
const COLOR_SUBSYS = '\x1b[33m';
const COLOR_SEGFAULT = '\x1b[2m\x1b[31m';
const LEVEL_COLORS: (string | undefined)[] = [undefined, '\x1b[7m\x1b[31m', '\x1b[1m\x1b[31m', '\x1b[31m', '\x1b[1m'];

/** A byte string (one char per byte) out unchanged. */
function* emit(s: string): Sys<void> {
  if (!s) return;
  const b = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) b[i] = s.charCodeAt(i) & 0xff;
  yield* fwrite(stdout(), b);
}

function latin1(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length; i += 8192) s += String.fromCharCode(...b.subarray(i, i + 8192));
  return s;
}

/** read_kmsg_one: one record, skipping EPIPE (records lost while we were behind). */
function* readKmsgOne(fd: number): Sys<Uint8Array | null> {
  for (;;) {
    const b = yield* readBytes(fd, 8192 - 1);
    if (b === null && errno() === EPIPE) continue;
    return b;
  }
}

/** The /dev/kmsg method; null if it cannot be used (then syslog(2) is tried). */
function* readKmsg(ctl: Ctl): Sys<number | null> {
  const fd = yield* open('/dev/kmsg', O_RDONLY | (ctl.follow ? 0 : O_NONBLOCK));
  if (fd < 0) return null;
  yield* lseek(fd, 0, ctl.end ? SEEK_END : SEEK_DATA);
  let rec = yield* readKmsgOne(fd);
  // Like util-linux: a first read that fails (old kernels, or nothing to read) means "use syslog".
  if (rec === null) {
    yield* close(fd);
    return null;
  }
  while (rec !== null) {
    const r = parseKmsg(latin1(rec));
    if (r) yield* emit(formatRecord(ctl, r));
    if (ctl.follow) yield* fflush(stdout());
    rec = yield* readKmsgOne(fd);
  }
  yield* close(fd);
  if (ctl.action === SYSLOG_ACTION_READ_CLEAR && (yield* klogctl(SYSLOG_ACTION_CLEAR)) < 0) return -1;
  return 0;
}

/** The syslog(2) method: the whole buffer at once (READ_ALL, or READ_CLEAR for -c). */
function* readSyslog(ctl: Ctl): Sys<number> {
  let size = ctl.bufsize;
  if (!size) {
    size = yield* klogctl(SYSLOG_ACTION_SIZE_BUFFER);
    if (size < 0) size = 16 * 1024;
  }
  const buf = yield* klogctlRead(ctl.action, size);
  if (buf === null) return -1;
  const text = latin1(buf);
  if (ctl.raw && ctl.time === 'time' && !ctl.levels && !ctl.facilities) {
    yield* emit(text);
    return 0;
  }
  for (const line of text.split('\n')) {
    if (line) yield* emit(formatRecord(ctl, parseSyslogLine(line)));
  }
  return 0;
}

export function* dmesg(argv: string[]): Sys<number> {
  const parsed = getoptParse('dmesg', argv, 'CcDdEeF:f:HhJkL::l:n:iPprSs:TtuVWwx', LONGOPTS);
  if (parsed.error) {
    yield* fputs(parsed.message, stderr());
    yield* fputs("Try 'dmesg --help' for more information.\n", stderr());
    return 1;
  }
  const ctl: Ctl = {
    action: SYSLOG_ACTION_READ_ALL, method: 'kmsg', raw: false, decode: false, time: 'time', follow: false,
    end: false, levels: null, facilities: null, bufsize: 0, bootSec: 0, lastUsec: -1, color: false,
  };
  let consoleLevel = -1;
  let colorMode = 'auto';
  for (const { opt, arg } of parsed.options) {
    switch (opt) {
      case 'C': ctl.action = SYSLOG_ACTION_CLEAR; break;
      case 'c': ctl.action = SYSLOG_ACTION_READ_CLEAR; break;
      case 'D': ctl.action = SYSLOG_ACTION_CONSOLE_OFF; break;
      case 'E': ctl.action = SYSLOG_ACTION_CONSOLE_ON; break;
      case 'f': {
        const s = parseList(arg!, FACILITY_NAMES, {});
        if (typeof s === 'string') return yield* fail(`unknown facility '${s}'`);
        ctl.facilities = s;
        break;
      }
      case 'l': {
        const s = parseList(arg!, LEVEL_NAMES, { warning: 4, error: 3, panic: 0 });
        if (typeof s === 'string') return yield* fail(`unknown level '${s}'`);
        ctl.levels = s;
        break;
      }
      case 'n': {
        const s = parseList(arg!, LEVEL_NAMES, { warning: 4, error: 3, panic: 0 });
        // A number is a level too (1..8 as the kernel counts them: "-n 1" keeps only panics).
        const num = /^\d+$/.test(arg!) ? Number(arg) : -1;
        if (num >= 0 && num <= 8) consoleLevel = num;
        else if (typeof s !== 'string' && s.size === 1) consoleLevel = [...s][0]! + 1;
        else return yield* fail(`unknown level '${arg}'`);
        ctl.action = SYSLOG_ACTION_CONSOLE_LEVEL;
        break;
      }
      case 'k': ctl.facilities = new Set([0]); break;
      case 'u': ctl.facilities = new Set(FACILITY_NAMES.map((_n, i) => i).filter((i) => i !== 0)); break;
      case 'r': ctl.raw = true; break;
      case 'S': ctl.method = 'syslog'; break;
      case 's': {
        const n = Number(arg);
        if (!Number.isInteger(n) || n < 0) return yield* fail(`invalid buffer size argument: '${arg}'`);
        ctl.bufsize = n;
        break;
      }
      case 'x': ctl.decode = true; break;
      case 't': ctl.time = 'notime'; break;
      case 'T': ctl.time = 'ctime'; break;
      case 'd': ctl.time = 'delta'; break;
      case 'w': ctl.follow = true; break;
      case 'W': ctl.follow = true; ctl.end = true; break;
      case 'time-format':
        if (arg === 'notime' || arg === 'ctime' || arg === 'delta') ctl.time = arg;
        else if (arg !== 'reltime' && arg !== 'iso') return yield* fail(`unknown time format: ${arg}`);
        break;
      case 'h': yield* fputs(USAGE, stdout()); return 0;
      case 'V': yield* fputs('dmesg from util-linux 2.38.1\n', stdout()); return 0;
      case 'F': case 'J': return yield* fail(`option -${opt.length === 1 ? opt : opt} is not supported here`);
      case 'L':
        colorMode = arg ?? 'always';
        if (colorMode !== 'auto' && colorMode !== 'always' && colorMode !== 'never') return yield* fail(`unsupported color mode: '${arg}'`);
        break;
      default: break; // -H -P -p -e -i --noescape: accepted; they change only the presentation
    }
  }
  if (parsed.operands.length) {
    yield* fputs(`dmesg: bad usage\nTry 'dmesg --help' for more information.\n`, stderr());
    return 1;
  }
  if (ctl.raw && ctl.time === 'ctime') ctl.time = 'time';
  // colors_init(UL_COLORMODE_AUTO): on a terminal that is not "dumb".
  ctl.color = colorMode === 'always' || (colorMode === 'auto' && (yield* isatty(1)) && getenv('TERM') !== 'dumb');
  if (ctl.time === 'ctime') {
    // The boot time: now minus the time since boot, as dmesg -T computes it.
    const now = yield* clock_gettime(CLOCK_REALTIME);
    const up = yield* clock_gettime(CLOCK_BOOTTIME);
    if (now && up) ctl.bootSec = now.sec - up.sec - (now.nsec < up.nsec ? 1 : 0);
  }
  switch (ctl.action) {
    case SYSLOG_ACTION_READ_ALL:
    case SYSLOG_ACTION_READ_CLEAR: {
      let r: number | null = null;
      if (ctl.method === 'kmsg') r = yield* readKmsg(ctl);
      if (r === null) r = yield* readSyslog(ctl);
      if (r < 0) return yield* fail(`read kernel buffer failed: ${strerror(errno())}`);
      return 0;
    }
    case SYSLOG_ACTION_CLEAR:
    case SYSLOG_ACTION_CONSOLE_OFF:
    case SYSLOG_ACTION_CONSOLE_ON:
      if ((yield* klogctl(ctl.action)) < 0) return yield* fail(`klogctl failed: ${strerror(errno())}`);
      return 0;
    case SYSLOG_ACTION_CONSOLE_LEVEL:
      if ((yield* klogctl(ctl.action, consoleLevel)) < 0) return yield* fail(`klogctl failed: ${strerror(errno())}`);
      return 0;
  }
  return 0;
}
