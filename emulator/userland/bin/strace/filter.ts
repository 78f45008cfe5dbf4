// strace's qualifying expressions, `-e [QUALIFIER=][!]VALUE[,VALUE]...`: which syscalls to show
// (trace=), which signals (signal=), which outcomes (status=), and a few display switches that
// also have short options (verbose=, abbrev=, decode-fds=, quiet=). With no qualifier the value
// is a trace= list, so `-e open` traces open. A second -e of the same qualifier replaces the first.
// read= and write= name fds whose data is dumped in hex after each call that moves it.

import { syscallName, syscallNumber } from '../../../uapi/unistd_64';
import { SIGNAL_NAMES } from '../../../uapi/signal';
import { syscallClass } from '../../../trace/decode/classes';

/**
 * A set that knows its complement: `!open` is every number except open's, including numbers the
 * syscall table has no name for (real strace also shows unknown calls under `trace=all`).
 */
export class QualSet {
  constructor(
    readonly members: ReadonlySet<number>,
    readonly negated: boolean,
  ) {}
  static readonly ALL = new QualSet(new Set(), true);
  static readonly NONE = new QualSet(new Set(), false);
  has(n: number): boolean {
    return this.members.has(n) !== this.negated;
  }
  /** Whether the set is empty (`none`, the default of read= and write=). */
  get isNone(): boolean {
    return !this.negated && this.members.size === 0;
  }
  /** Whether the set is everything (`all`, or nothing negated). */
  get isAll(): boolean {
    return this.negated && this.members.size === 0;
  }
}

/** The outcomes `status=` selects (and -z, -Z). */
export const STATUSES = ['successful', 'failed', 'unfinished', 'unavailable', 'detached'] as const;
export type Status = (typeof STATUSES)[number];

/** What the -e expressions decided; anything left undefined keeps its default or short option. */
export interface Qualifiers {
  trace?: QualSet;
  signal?: QualSet;
  /** Status numbers are indexes into STATUSES. */
  status?: QualSet;
  verbose?: boolean;
  decodeFds?: 0 | 1 | 2;
  /** quiet=: which notices to hide (attach, exit, …). */
  quiet?: QualSet;
  /** read=, write=: the fds whose data is dumped in hex after the call. */
  read?: QualSet;
  write?: QualSet;
}

const QUALIFIER_ALIASES: Record<string, string> = {
  trace: 'trace',
  t: 'trace',
  signal: 'signal',
  signals: 'signal',
  s: 'signal',
  status: 'status',
  verbose: 'verbose',
  v: 'verbose',
  abbrev: 'abbrev',
  a: 'abbrev',
  raw: 'raw',
  x: 'raw',
  read: 'read',
  reads: 'read',
  r: 'read',
  write: 'write',
  writes: 'write',
  w: 'write',
  fault: 'fault',
  inject: 'inject',
  kvm: 'kvm',
  quiet: 'quiet',
  silent: 'quiet',
  silence: 'quiet',
  q: 'quiet',
  'decode-fds': 'decode-fds',
  'decode-fd': 'decode-fds',
};

/** The notices quiet= knows, in strace's order; `attach` covers the attach and detach notices. */
export const QUIET_NAMES = ['attach', 'exit', 'path-resolution', 'personality', 'thread-execve', 'superseded'] as const;

/**
 * A comma list with an optional leading `!`, `all` and `none`, each other word turned into
 * numbers by `resolve` (a string return is the error message).
 */
function parseList(value: string, resolve: (word: string) => readonly number[] | string): QualSet | string {
  let negated = false;
  let list = value;
  while (list.startsWith('!')) {
    negated = !negated;
    list = list.slice(1);
  }
  const members = new Set<number>();
  for (const word of list.split(',')) {
    if (word === 'all') {
      // `all` anywhere makes the set everything; the negation then flips it to nothing.
      return new QualSet(new Set(), !negated);
    }
    if (word === 'none') continue;
    const r = resolve(word);
    if (typeof r === 'string') return r;
    for (const n of r) members.add(n);
  }
  return new QualSet(members, negated);
}

/** A trace= word: a syscall name, a class (`%file`), a regular expression (`/^open`), `?name`. */
function resolveSyscall(word: string): readonly number[] | string {
  const optional = word.startsWith('?');
  // `name@64` names the call of the x86-64 personality, the only one this machine has.
  const w = (optional ? word.slice(1) : word).replace(/@64$/, '');
  if (w.startsWith('/')) {
    let re: RegExp;
    try {
      re = new RegExp(w.slice(1));
    } catch {
      return `regcomp: ${w.slice(1)}: Invalid regular expression`;
    }
    const found = [...syscallName].filter(([, name]) => re.test(name)).map(([nr]) => nr);
    return found.length || optional ? found : `invalid system call '${word}'`;
  }
  const cls = syscallClass(w);
  if (cls) return [...cls];
  const nr = syscallNumber.get(w);
  if (nr !== undefined) return [nr];
  return optional ? [] : `invalid system call '${word}'`;
}

/** A signal= word: `SIGUSR1`, `usr1`, `10`. */
function resolveSignal(word: string): readonly number[] | string {
  if (/^\d+$/.test(word)) {
    const n = Number(word);
    return n >= 1 && n <= 64 ? [n] : `invalid signal '${word}'`;
  }
  const bare = word.toUpperCase().replace(/^SIG/, '');
  const n = SIGNAL_NAMES.indexOf(bare);
  return n > 0 ? [n] : `invalid signal '${word}'`;
}

function resolveIn(names: readonly string[], what: string) {
  return (word: string): readonly number[] | string => {
    const i = names.indexOf(word);
    return i >= 0 ? [i] : `invalid ${what} '${word}'`;
  };
}

/** Apply one -e expression to `q`; returns an error message (without `strace: `) or null. */
export function applyQualifier(q: Qualifiers, expr: string): string | null {
  const eq = expr.indexOf('=');
  const qualifier = eq < 0 ? undefined : QUALIFIER_ALIASES[expr.slice(0, eq)];
  // An unknown `name=` is not a qualifier: the whole text is read as a syscall list and fails there.
  const kind = qualifier ?? 'trace';
  const value = qualifier ? expr.slice(eq + 1) : expr;
  const set = (resolve: (w: string) => readonly number[] | string) => parseList(value, resolve);
  switch (kind) {
    case 'trace': {
      const r = set(resolveSyscall);
      if (typeof r === 'string') return r;
      q.trace = r;
      return null;
    }
    case 'signal': {
      const r = set(resolveSignal);
      if (typeof r === 'string') return r;
      q.signal = r;
      return null;
    }
    case 'status': {
      const r = set(resolveIn(STATUSES, 'status'));
      if (typeof r === 'string') return r;
      q.status = r;
      return null;
    }
    case 'quiet': {
      const r = set(resolveIn(QUIET_NAMES, 'quiet'));
      if (typeof r === 'string') return r;
      q.quiet = r;
      return null;
    }
    case 'verbose':
    case 'abbrev': {
      // We decode all or nothing: verbose=all (or abbrev=none) is -v; anything else is the default.
      const r = set((w) => (syscallNumber.has(w) || syscallClass(w) ? [0] : `invalid system call '${w}'`));
      if (typeof r === 'string') return r;
      const all = r.negated && r.members.size === 0;
      const none = !r.negated && r.members.size === 0;
      q.verbose = kind === 'verbose' ? all : none;
      return null;
    }
    case 'decode-fds': {
      const levels = ['none', 'path', 'socket', 'dev', 'pidfd', 'all'];
      const words = value.split(',');
      const bad = words.find((w) => !levels.includes(w));
      if (bad !== undefined) return `invalid decode-fds '${bad}'`;
      q.decodeFds = words.some((w) => w !== 'none' && w !== 'path') ? 2 : words.includes('path') ? 1 : 0;
      return null;
    }
    case 'read':
    case 'write': {
      const r = set((w) => (/^\d+$/.test(w) && Number(w) <= 0x7fffffff ? [Number(w)] : `invalid descriptor '${w}'`));
      if (typeof r === 'string') return r;
      q[kind] = r;
      return null;
    }
    default:
      return `-e ${kind}= is not supported by this strace`;
  }
}

/** `-z`/`-Z`: the status sets they stand for. */
export const SUCCESSFUL_ONLY = new QualSet(new Set([STATUSES.indexOf('successful')]), false);
export const FAILED_ONLY = new QualSet(new Set([STATUSES.indexOf('failed')]), false);
