// ps (procps-ng 4.0.2): report a snapshot of the processes, read from /proc like the real one.
//   ps            your processes on this terminal: PID TTY TIME CMD
//   ps -e / -A    every process;  -f the full format (UID PID PPID C STIME TTY TIME CMD)
//   ps aux        BSD: every process, user-oriented (USER PID %CPU %MEM VSZ RSS TTY STAT START TIME COMMAND)
//   ps -p 1,2     those processes (also -u/-U USER: by effective/real user, -C NAME: by command)
//   ps -o pid,ppid,comm   your own columns (name=HEADER renames one)
// On a terminal, lines are cut to its width (w: 132 columns, ww: unlimited); into a pipe they are not.

import type { Sys } from '../../runtime/context';
import { geteuid, isatty } from '../../libc/unistd';
import { getenv } from '../../libc/stdlib';
import { getpwnam } from '../../libc/pwd';
import { tcgetwinsize } from '../../libc/termios';
import { time } from '../../libc/time';
import { fputs, stderr, stdout } from '../../libc/stdio';
import { readAllProcs, readFile, readSystemInfo, userNames, type Proc } from './readproc';
import { parseStat } from './proc_parse';
import { column, type Column, type PsContext } from './ps_fields';
import { clip, layoutRow } from './ps_layout';
import { defaultFormat, parsePsArgs, PsUsageError, type PsOptions } from './ps_options';

const USAGE = `
Usage:
 ps [options]

 Try 'ps --help <simple|list|output|threads|misc|all>'
  or 'ps --help <s|l|o|t|m|a>'
 for additional help text.

For more details see ps(1).
`;

/** The columns of the -o lists (or the default format); throws on an unknown name. */
function columns(formats: string[], pidWidth: number): Column[] {
  const cols: Column[] = [];
  for (const item of formats.join(',').split(/[ ,]+/)) {
    if (item === '') continue;
    const eq = item.indexOf('=');
    const name = eq < 0 ? item : item.slice(0, eq);
    const col = column(name.toLowerCase(), pidWidth, eq < 0 ? undefined : item.slice(eq + 1));
    if (!col) throw new PsUsageError(`unknown user-defined format specifier "${name}"`);
    // A header longer than the column widens it ("THCNT" over 4-digit thread counts).
    cols.push({ ...col, width: Math.max(col.width, col.header.length) });
  }
  return cols;
}

/** The processes the -p, -u, -U and -C lists pick: each list adds its own. */
interface Picks {
  pids: number[];
  euids: number[];
  ruids: number[];
  commands: string[];
}

/** Which processes to show: the selection options, or by default yours on your terminal. */
function selected(o: PsOptions, picks: Picks, p: Proc, me: { euid: number; ttyNr: number }): boolean {
  if (o.all) return true;
  if (
    picks.pids.includes(p.pid) ||
    picks.euids.includes(p.euid) ||
    picks.ruids.includes(p.ruid) ||
    picks.commands.includes(p.comm)
  ) {
    return true;
  }
  if (o.bsdA) return p.ttyNr !== 0;
  if (o.bsdX) return p.euid === me.euid;
  if (picks.pids.length + picks.euids.length + picks.ruids.length + picks.commands.length > 0) return false;
  return p.euid === me.euid && p.ttyNr === me.ttyNr;
}

/** A user given by name or number; throws procps's error for an unknown name. */
function* userId(spec: string): Sys<number> {
  if (/^[0-9]+$/.test(spec)) return parseInt(spec, 10);
  const pw = yield* getpwnam(spec);
  if (!pw) throw new PsUsageError('user name does not exist');
  return pw.uid;
}

/** How wide a line may be: unlimited into a pipe, else the terminal's width (COLUMNS overrides). */
function* screenWidth(wide: number): Sys<number> {
  if (wide >= 2 || !(yield* isatty(1))) return Infinity;
  const env = parseInt(getenv('COLUMNS') ?? '', 10);
  const cols = env > 0 ? env : (yield* tcgetwinsize(1))?.cols || 80;
  return wide === 1 ? Math.max(cols, 132) : cols;
}

export function* ps(argv: string[]): Sys<number> {
  let o: PsOptions;
  let cols: Column[];
  let picks: Picks;
  const sys = yield* readSystemInfo();
  try {
    o = parsePsArgs(argv);
    cols = columns(o.formats.length ? o.formats : [defaultFormat(o)], sys.pidWidth);
    const euids: number[] = [];
    const ruids: number[] = [];
    for (const u of o.euids) euids.push(yield* userId(u));
    for (const u of o.ruids) ruids.push(yield* userId(u));
    picks = { pids: o.pids, euids, ruids, commands: o.commands };
  } catch (e) {
    if (!(e instanceof PsUsageError)) throw e;
    yield* fputs(`error: ${e.message}\n${USAGE}`, stderr());
    return 1;
  }
  if (o.help) {
    yield* fputs(USAGE, stdout());
    return 0;
  }
  if (o.version) {
    yield* fputs('ps from procps-ng 4.0.2\n', stdout());
    return 0;
  }
  const self = parseStat((yield* readFile('/proc/self/stat')) ?? '');
  const me = { euid: yield* geteuid(), ttyNr: self?.ttyNr ?? 0 };
  const ctx: PsContext = { sys, now: yield* time(), users: yield* userNames() };
  const width = yield* screenWidth(o.wide);
  const procs = (yield* readAllProcs()).filter((p) => selected(o, picks, p, me));
  if (!o.noHeaders && cols.some((c) => c.header !== '')) {
    yield* fputs(
      clip(
        layoutRow(
          cols,
          cols.map((c) => c.header),
        ),
        width,
      ) + '\n',
      stdout(),
    );
  }
  for (const p of procs)
    yield* fputs(
      clip(
        layoutRow(
          cols,
          cols.map((c) => c.cell(p, ctx)),
        ),
        width,
      ) + '\n',
      stdout(),
    );
  // Like procps: nothing selected is a failure.
  return procs.length > 0 ? 0 : 1;
}
