// The state of one shell process: variables, positional parameters, options, functions, traps,
// jobs, and `$?`. A subshell (a fork child) works on its own copy: JavaScript objects are shared
// between parent and child after fork, so the child must never write to the parent's.

import type { Command } from './ast';
import type { Sys } from '../../libc/process';
import { proc } from '../../libc/process';
import { writeAll } from '../../libc/unistd';
import { ParseError, ShellError } from './errors';
import { Vars } from './vars';
import { JobTable } from './jobs_table';

/** `set -o` options with their letters, in dash's order. */
export const OPTIONS: readonly (readonly [name: string, letter: string])[] = [
  ['errexit', 'e'], ['noglob', 'f'], ['ignoreeof', ''], ['interactive', 'i'], ['monitor', 'm'], ['noexec', 'n'],
  ['stdin', 's'], ['xtrace', 'x'], ['verbose', 'v'], ['noclobber', 'C'], ['allexport', 'a'], ['notify', 'b'],
  ['nounset', 'u'],
];

export type OptionName =
  | 'errexit' | 'noglob' | 'ignoreeof' | 'interactive' | 'monitor' | 'noexec' | 'stdin' | 'xtrace' | 'verbose'
  | 'noclobber' | 'allexport' | 'notify' | 'nounset';

export class Shell {
  vars: Vars;
  /** $1 … $n */
  params: string[] = [];
  /** $0, also the name in error messages ("sh: 1: nope: not found"). */
  arg0 = 'sh';
  readonly opts = new Set<OptionName>();
  /** $? */
  status = 0;
  /** $! (0: no background job yet). */
  lastBg = 0;
  /** $$: the pid of the main shell, the same in subshells. */
  pid = 0;
  readonly functions = new Map<string, Command>();
  /** trap actions by signal number (0 = EXIT); '' means ignore. */
  traps = new Map<number, string>();
  /** Signals caught since their traps last ran. */
  pendingSignals = new Set<number>();
  jobs = new JobTable();
  aliases = new Map<string, string>();
  /** The line of the command being run ($LINENO, error messages). */
  lineno = 0;
  /** Enclosing loops (break/continue) and functions (return). */
  loopDepth = 0;
  funcDepth = 0;
  /** >0 while set -e must not act: in if/while conditions, left of && and ||, after `!`. */
  noErrexit = 0;
  /** The exit status of the last command substitution (for assignment-only commands). */
  substStatus = 0;
  /** True in a fork child that runs part of the script (a subshell, a pipeline member). */
  subshell = false;
  /** The controlling terminal (a private fd) for job control, and the shell's own process group. */
  ttyFd = -1;
  pgid = 0;
  /** For interactive mode: a SIGINT arrived (the current line is abandoned). */
  interrupted = false;
  /** A builtin's write to stdout failed (builtins/util.ts out). */
  outputFailed = false;
  /** Loop passes so far (a loop makes a system call every so often: exec.ts preemptionPoint). */
  loopPasses = 0;
  /** `exit` with stopped jobs warns first; this counts down the prompts the warning holds for. */
  jobWarning = 0;
  /** getopts' place: the OPTIND it last set, and the position inside a group like -abc. */
  getopts = { optind: '1', offset: 0 };

  constructor(vars: Vars) {
    this.vars = vars;
  }

  /** Assign a variable from a script (set -a exports it). Throws for a readonly one. */
  assign(name: string, value: string): void {
    this.vars.set(name, value, this.opts.has('allexport'));
  }

  /** Is any trap set to run commands? (Then the shell must not exec its last command away.) */
  hasTrapActions(): boolean {
    return [...this.traps.values()].some((action) => action !== '');
  }

  has(opt: OptionName): boolean {
    return this.opts.has(opt);
  }

  /** $- : the letters of the options that are on. */
  flags(): string {
    return OPTIONS.filter(([name, letter]) => letter && this.opts.has(name as OptionName)).map(([, l]) => l).join('');
  }

  /** The copy a fork child works on. Traps that run commands are reset (XCU 2.12); ignores stay. */
  subshellCopy(): Shell {
    const c = new Shell(this.vars.clone());
    c.params = [...this.params];
    c.arg0 = this.arg0;
    for (const o of this.opts) c.opts.add(o);
    c.opts.delete('interactive');
    c.opts.delete('monitor');
    c.status = this.status;
    c.lastBg = this.lastBg;
    c.pid = this.pid;
    for (const [k, v] of this.functions) c.functions.set(k, v);
    for (const [sig, action] of this.traps) if (action === '') c.traps.set(sig, '');
    for (const [k, v] of this.aliases) c.aliases.set(k, v);
    c.lineno = this.lineno;
    c.loopDepth = this.loopDepth;
    c.funcDepth = this.funcDepth;
    c.noErrexit = this.noErrexit;
    c.subshell = true;
    c.pgid = this.pgid;
    c.getopts = { ...this.getopts };
    return c;
  }

  // ---- messages --------------------------------------------------------------------------------

  /** "sh: 3: " — how every diagnostic starts (a login shell's "-sh" is just "sh" there). */
  prefix(line = this.lineno): string {
    return `${this.arg0.replace(/^-/, '')}: ${line}: `;
  }

  /** Print a diagnostic: "sh: 1: cd: can't cd to /x". */
  *warn(message: string): Sys<void> {
    yield* writeAll(2, this.prefix() + message + '\n');
  }

  /** Print what an exception means for the user (the parts of errors that have a message). */
  *report(e: unknown): Sys<void> {
    if (e instanceof ParseError) yield* writeAll(2, this.prefix(e.line) + e.message + '\n');
    else if (e instanceof ShellError) yield* this.warn(e.message);
  }
}

/** The shell running in this process (a subshell child has its own; signal handlers need it). */
export function currentShell(): Shell {
  return proc().slots.get('sh') as Shell;
}

export function setCurrentShell(sh: Shell): void {
  proc().slots.set('sh', sh);
}
