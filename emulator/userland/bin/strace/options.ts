// strace's command line: GNU getopt in order (`+`: options stop at the command, so `strace ls -l`
// leaves -l to ls), then strace 6.1's checks and messages. Pure: argv in, options or an error out.

import { getoptParse, type LongOption } from '../../libc/getopt';
import { DEFAULT_DECODE_OPTIONS, type DecodeOptions } from '../../../trace/decode/types';
import { applyQualifier, FAILED_ONLY, QualSet, SUCCESSFUL_ONLY, type Qualifiers } from './filter';

/** How -S sorts the -c table. */
export type SortBy = 'time' | 'calls' | 'name' | 'errors' | 'nothing';

export interface StraceOptions {
  /** -f: follow forks; -ff: and with -o, one file per process. */
  follow: boolean;
  separateFiles: boolean;
  /** -o FILE (null: stderr); -A appends. */
  outfile: string | null;
  append: boolean;
  /** -p PID…: attach instead of starting a command. */
  pids: number[];
  command: string[];
  /** -E VAR=VAL (set) or -E VAR (unset), for the command's environment. */
  env: string[];
  trace: QualSet;
  signals: QualSet;
  /** Indexes into filter.STATUSES. */
  status: QualSet;
  /** -e read=FD, -e write=FD: hex dumps of the data moved through these fds. */
  readFds: QualSet;
  writeFds: QualSet;
  decode: DecodeOptions;
  /** -t, -tt, -ttt: 0 none, 1 seconds, 2 microseconds, 3 since the epoch. */
  timestamps: 0 | 1 | 2 | 3;
  /** -r: time since the previous line. */
  relative: boolean;
  /** -T: the time spent in each call. */
  syscallTimes: boolean;
  /** -n: the syscall number before each call. */
  syscallNumbers: boolean;
  /** -i: the instruction pointer at each stop. */
  instructionPointer: boolean;
  /** -c: only the summary; -C: the trace and the summary. */
  summary: 'none' | 'only' | 'also';
  sortBy: SortBy;
  /** -w: the summary measures wall time between entry and exit instead of system time. */
  wallClock: boolean;
  /** -q: hide attach/detach notices; -qq: also exit lines (quiet= chooses finer). */
  quietAttach: boolean;
  quietExit: boolean;
  /** -a N: the column `=` is aligned to. */
  column: number;
}

/** The outcome of parsing: options, or an action that ends strace at once. */
export type ParseResult =
  | { kind: 'run'; options: StraceOptions; warnings: string[] }
  | { kind: 'help' }
  | { kind: 'version' }
  /** `message` is printed as `strace: message`; `usage` adds strace's "Try 'strace -h'" line. */
  | { kind: 'error'; message: string; usage: boolean; warnings: string[] };

const OPTSTRING = '+a:AcCe:E:fhiI:no:p:qrs:S:tTvVwxyzZ';

const LONG: LongOption[] = [
  { name: 'columns', hasArg: 1, val: 'a' },
  { name: 'append-output', hasArg: 0, val: 'A' },
  { name: 'summary-only', hasArg: 0, val: 'c' },
  { name: 'summary', hasArg: 0, val: 'C' },
  { name: 'env', hasArg: 1, val: 'E' },
  { name: 'follow-forks', hasArg: 0, val: 'f' },
  { name: 'output-separately', hasArg: 0, val: 'ff' },
  { name: 'help', hasArg: 0, val: 'h' },
  { name: 'instruction-pointer', hasArg: 0, val: 'i' },
  { name: 'interruptible', hasArg: 1, val: 'I' },
  { name: 'syscall-number', hasArg: 0, val: 'n' },
  { name: 'output', hasArg: 1, val: 'o' },
  { name: 'attach', hasArg: 1, val: 'p' },
  { name: 'relative-timestamps', hasArg: 0, val: 'r' },
  { name: 'string-limit', hasArg: 1, val: 's' },
  { name: 'summary-sort-by', hasArg: 1, val: 'S' },
  { name: 'absolute-timestamps', hasArg: 2, val: 'absolute-timestamps' },
  { name: 'timestamps', hasArg: 2, val: 'absolute-timestamps' },
  { name: 'syscall-times', hasArg: 2, val: 'T' },
  { name: 'no-abbrev', hasArg: 0, val: 'v' },
  { name: 'version', hasArg: 0, val: 'V' },
  { name: 'summary-wall-clock', hasArg: 0, val: 'w' },
  { name: 'strings-in-hex', hasArg: 2, val: 'strings-in-hex' },
  { name: 'decode-fds', hasArg: 2, val: 'decode-fds' },
  { name: 'successful-only', hasArg: 0, val: 'z' },
  { name: 'failed-only', hasArg: 0, val: 'Z' },
  { name: 'seccomp-bpf', hasArg: 0, val: 'seccomp-bpf' },
  { name: 'trace', hasArg: 1, val: 'e:trace' },
  { name: 'signal', hasArg: 1, val: 'e:signal' },
  { name: 'status', hasArg: 1, val: 'e:status' },
  { name: 'quiet', hasArg: 2, val: 'e:quiet' },
];

/** -S's words and their synonyms (strace 6.1 accepts all of these). */
const SORT_NAMES: Record<string, SortBy> = {
  time: 'time',
  'time-percent': 'time',
  'time-total': 'time',
  'total-time': 'time',
  calls: 'calls',
  count: 'calls',
  name: 'name',
  syscall: 'name',
  'syscall-name': 'name',
  errors: 'errors',
  error: 'errors',
  nothing: 'nothing',
  none: 'nothing',
};

/** A non-negative C int, as strace's string_to_uint reads it. */
function uint(s: string): number | null {
  if (!/^\+?\d+$/.test(s)) return null;
  const n = Number(s);
  return n <= 0x7fffffff ? n : null;
}

export function parseOptions(argv: string[]): ParseResult {
  const warnings: string[] = [];
  const err = (message: string, usage = true): ParseResult => ({ kind: 'error', message, usage, warnings });
  const g = getoptParse('strace', argv, OPTSTRING, LONG);
  if (g.error) return err(g.message.replace(/^strace: /, '').replace(/\n$/, ''));

  let fcount = 0,
    tcount = 0,
    xcount = 0,
    ycount = 0,
    qcount = 0;
  let summaryOnly = false,
    summaryAlso = false,
    seccomp = false;
  let lastZ: 'z' | 'Z' | null = null,
    zGiven = 0;
  const q: Qualifiers = {};
  const o: StraceOptions = {
    follow: false,
    separateFiles: false,
    outfile: null,
    append: false,
    pids: [],
    command: [],
    env: [],
    trace: QualSet.ALL,
    signals: QualSet.ALL,
    status: QualSet.ALL,
    readFds: QualSet.NONE,
    writeFds: QualSet.NONE,
    decode: { ...DEFAULT_DECODE_OPTIONS },
    timestamps: 0,
    relative: false,
    syscallTimes: false,
    syscallNumbers: false,
    instructionPointer: false,
    summary: 'none',
    sortBy: 'time',
    wallClock: false,
    quietAttach: false,
    quietExit: false,
    column: 40,
  };
  let verbose = false;
  let decodeFds: 0 | 1 | 2 | undefined;
  for (const { opt, arg = '' } of g.options) {
    switch (opt) {
      case 'a': {
        const n = uint(arg);
        if (n === null) return err(`invalid -a argument: '${arg}'`);
        o.column = n;
        break;
      }
      case 'A':
        o.append = true;
        break;
      case 'c':
        summaryOnly = true;
        break;
      case 'C':
        summaryAlso = true;
        break;
      case 'e': {
        const m = applyQualifier(q, arg);
        if (m) return err(m, false);
        break;
      }
      case 'e:trace':
      case 'e:signal':
      case 'e:status':
      case 'e:quiet': {
        const m = applyQualifier(q, `${opt.slice(2)}=${opt === 'e:quiet' && !arg ? 'attach,personality' : arg}`);
        if (m) return err(m, false);
        break;
      }
      case 'E':
        o.env.push(arg);
        break;
      case 'f':
        fcount++;
        break;
      case 'ff':
        fcount += 2;
        break;
      case 'h':
        return { kind: 'help' };
      case 'I': {
        // Which signals strace itself blocks while tracing: accepted, as there is one behaviour here.
        const n = uint(arg);
        if (n === null || n < 1 || n > 4) return err(`invalid -I argument: '${arg}'`);
        break;
      }
      case 'n':
        o.syscallNumbers = true;
        break;
      case 'i':
        o.instructionPointer = true;
        break;
      case 'o':
        o.outfile = arg;
        break;
      case 'p':
        for (const word of arg.split(/[\s,]+/).filter(Boolean)) {
          const n = uint(word);
          if (n === null || n === 0) return err(`Invalid process id: '${word}'`, false);
          if (!o.pids.includes(n)) o.pids.push(n);
        }
        break;
      case 'q':
        qcount++;
        break;
      case 'r':
        o.relative = true;
        break;
      case 's': {
        const n = uint(arg);
        if (n === null) return err(`invalid -s argument: '${arg}'`);
        o.decode.strsize = n;
        break;
      }
      case 'S': {
        const s = SORT_NAMES[arg];
        if (!s) return err(`invalid sortby: '${arg}'`);
        o.sortBy = s;
        break;
      }
      case 't':
        tcount++;
        break;
      case 'absolute-timestamps':
        // format:unix and precision:us, as in --absolute-timestamps=format:unix,precision:us.
        tcount = arg.includes('unix') ? 3 : arg.includes('us') ? 2 : 1;
        break;
      case 'T':
        o.syscallTimes = true;
        break;
      case 'v':
        verbose = true;
        break;
      case 'V':
        return { kind: 'version' };
      case 'w':
        o.wallClock = true;
        break;
      case 'x':
        xcount++;
        break;
      case 'strings-in-hex':
        xcount = arg === 'all' ? 2 : arg === 'none' ? 0 : 1;
        break;
      case 'y':
        ycount++;
        break;
      case 'decode-fds':
        decodeFds = arg === 'none' ? 0 : arg === '' || arg === 'path' ? 1 : 2;
        break;
      case 'z':
      case 'Z':
        lastZ = opt;
        zGiven++;
        break;
      case 'seccomp-bpf':
        seccomp = true;
        break;
    }
  }

  if (summaryOnly && summaryAlso) return err('-c/--summary-only and -C/--summary are mutually exclusive');
  if ((summaryOnly || summaryAlso) && fcount > 1) {
    return err('(-c/--summary-only or -C/--summary) and -ff/--output-separately are mutually exclusive');
  }
  o.summary = summaryOnly ? 'only' : summaryAlso ? 'also' : 'none';
  if (o.wallClock && o.summary === 'none')
    return err('-w/--summary-wall-clock must be given with (-c/--summary-only or -C/--summary)');
  o.command = g.operands;
  if (o.command.length === 0 && o.pids.length === 0) return err('must have PROG [ARGS] or -p PID');

  o.follow = fcount > 0;
  o.separateFiles = fcount > 1 && o.outfile !== null;
  o.timestamps = Math.min(tcount, 3) as 0 | 1 | 2 | 3;
  o.decode.xflag = Math.min(xcount, 2) as 0 | 1 | 2;
  o.decode.decodeFds = decodeFds ?? q.decodeFds ?? (Math.min(ycount, 2) as 0 | 1 | 2);
  o.decode.verbose = q.verbose ?? verbose;
  o.trace = q.trace ?? QualSet.ALL;
  o.signals = q.signal ?? QualSet.ALL;
  o.readFds = q.read ?? QualSet.NONE;
  o.writeFds = q.write ?? QualSet.NONE;
  if (zGiven > 1) {
    warnings.push(
      'Only the last of -z/--successful-only/-Z/--failed-only options will take effect. See status qualifier for more complex filters.',
    );
  }
  o.status = lastZ === 'z' ? SUCCESSFUL_ONLY : lastZ === 'Z' ? FAILED_ONLY : (q.status ?? QualSet.ALL);
  o.quietAttach = qcount >= 1 || (q.quiet?.has(0) ?? false);
  o.quietExit = qcount >= 2 || (q.quiet?.has(1) ?? false);
  if (o.summary === 'only') {
    const noEffect = (given: unknown, what: string) => {
      if (given) warnings.push(`${what} has no effect with -c/--summary-only`);
    };
    noEffect(o.syscallNumbers, '-n/--syscall-number');
    noEffect(o.relative, '-r/--relative-timestamps');
    noEffect(o.timestamps, '-t/--absolute-timestamps');
    noEffect(o.syscallTimes, '-T/--syscall-times');
    noEffect(o.decode.decodeFds, '-y/--decode-fds');
  }
  if (o.append && o.outfile === null) warnings.push('-A/--output-append-mode has no effect without -o/--output');
  if (seccomp) {
    // Real strace installs a BPF program so that untraced calls run without stopping. The machine
    // has no seccomp filters yet, so strace says what strace 6.1 says on such a kernel and goes on
    // without (every call stops; strace filters them itself).
    if (!o.follow) warnings.push('--seccomp-bpf cannot be used without -f/--follow-forks, disabling');
    else if (o.trace.isAll) {
      warnings.push(
        'Seccomp filter is requested but there are no syscalls to filter.  See -e trace to filter syscalls.',
      );
    } else warnings.push('seccomp filter is requested but unavailable');
  }
  return { kind: 'run', options: o, warnings };
}
