// ps's command line (procps-ng). Three syntaxes mix freely: UNIX options after a dash (-ef,
// -p 1,2, -o pid,comm), BSD options without one (aux, and bare pid lists), and GNU long options
// (--pid, --no-headers). Using any BSD option switches the default format to BSD's.

/** What to show and which processes: the parsed command line. */
export interface PsOptions {
  /** -e / -A, or BSD a together with x. */
  all: boolean;
  /** BSD a: every user's processes (that have a terminal, unless x too). */
  bsdA: boolean;
  /** BSD x: processes without a terminal too (yours, unless a too). */
  bsdX: boolean;
  pids: number[];
  /** -u: effective users, -U: real users (names or ids, resolved by ps.ts). */
  euids: string[];
  ruids: string[];
  /** -C: command names. */
  commands: string[];
  /** -f: the full format. */
  full: boolean;
  /** BSD u: the user-oriented format. */
  bsdUser: boolean;
  /** Some BSD option was given: the default format is BSD's. */
  bsd: boolean;
  /** -o lists, in order. */
  formats: string[];
  noHeaders: boolean;
  /** Each w widens the output (132 columns, then unlimited). */
  wide: number;
  version: boolean;
  help: boolean;
}

export class PsUsageError extends Error {}

/** A list argument ("a,b c") split into its items; throws if there is none. */
function items(list: string | undefined, what: string, flag: string): string[] {
  const out = (list ?? '').split(/[ ,]+/).filter((s) => s !== '');
  if (out.length === 0) throw new PsUsageError(`list of ${what} must follow ${flag}`);
  return out;
}

/** "1,2 3" → [1, 2, 3]; throws the error ps prints for anything else. */
function pidList(list: string | undefined, flag: string): number[] {
  const pids = items(list, 'process IDs', flag);
  if (!pids.every((s) => /^[0-9]+$/.test(s) && parseInt(s, 10) > 0))
    throw new PsUsageError('process ID list syntax error');
  return pids.map((s) => parseInt(s, 10));
}

export function parsePsArgs(argv: readonly string[]): PsOptions {
  const o: PsOptions = {
    all: false,
    bsdA: false,
    bsdX: false,
    pids: [],
    euids: [],
    ruids: [],
    commands: [],
    full: false,
    bsdUser: false,
    bsd: false,
    formats: [],
    noHeaders: false,
    wide: 0,
    version: false,
    help: false,
  };
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!;
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = eq < 0 ? a.slice(2) : a.slice(2, eq);
      const value = () => (eq < 0 ? argv[++i] : a.slice(eq + 1));
      if (name === 'pid') o.pids.push(...pidList(value(), '--pid'));
      else if (name === 'format') o.formats.push(value() ?? '');
      else if (name === 'no-headers' || name === 'no-heading') o.noHeaders = true;
      else if (name === 'version') o.version = true;
      else if (name === 'help') o.help = true;
      else throw new PsUsageError('unknown gnu long option');
    } else if (a.startsWith('-') && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const c = a[j]!;
        const rest = () => (j + 1 < a.length ? a.slice(j + 1) : argv[++i]);
        if (c === 'e' || c === 'A') o.all = true;
        else if (c === 'f') o.full = true;
        else if (c === 'w') o.wide++;
        else if (c === 'V') o.version = true;
        else if (c === 'p' || c === 'q') {
          o.pids.push(...pidList(rest(), `-${c}`));
          break;
        } else if (c === 'u' || c === 'U') {
          (c === 'u' ? o.euids : o.ruids).push(...items(rest(), 'users', `-${c}`));
          break;
        } else if (c === 'C') {
          o.commands.push(...items(rest(), 'command names', '-C'));
          break;
        } else if (c === 'o') {
          const f = rest();
          if (f === undefined) throw new PsUsageError('format specification must follow -o');
          o.formats.push(f);
          break;
        } else throw new PsUsageError('unsupported SysV option');
      }
    } else if (/^[0-9][0-9,]*$/.test(a)) {
      o.bsd = true;
      o.pids.push(...pidList(a, '-p'));
    } else {
      o.bsd = true;
      for (const c of a) {
        if (c === 'a') o.bsdA = true;
        else if (c === 'x') o.bsdX = true;
        else if (c === 'u') o.bsdUser = true;
        else if (c === 'w') o.wide++;
        else if (c === 'h') o.noHeaders = true;
        else throw new PsUsageError('unsupported option (BSD syntax)');
      }
    }
  }
  if (o.bsdA && o.bsdX) o.all = true;
  return o;
}

/** The format when no -o is given: ps's, -f's, BSD's or BSD u's. */
export function defaultFormat(o: PsOptions): string {
  if (o.bsdUser) return 'user,pid,%cpu,%mem,vsz,rss,tname,stat,start_time,bsdtime,args';
  if (o.bsd) return 'pid,tname,stat,bsdtime,args';
  if (o.full) return 'uid_hack,pid,ppid,c,stime,tname,time,cmd';
  return 'pid,tname,time,ucmd';
}
