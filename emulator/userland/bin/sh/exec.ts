// Evaluation of the syntax tree (XCU 2.9): lists, and-or lists, pipelines, compound commands,
// function definitions and simple commands.
//
// `exit: true` tells a command that nothing follows it in this process (it runs in a fork child
// that exits afterwards): an external command then replaces the process with execve instead of
// forking once more — so `sleep 9 &` is one process, and `$!` is the sleep itself.

import type { AndOr, Case, Command, For, If, List, ListItem, Loop, Pipeline, SimpleCommand, Subshell } from './ast';
import type { Sys } from '../../libc/process';
import { writeAll } from '../../libc/unistd';
import { ExitShell, LoopControl, ReturnFromFunction } from './errors';
import { expandSegs, expandString, expandWords } from './expand';
import { matchPattern } from './pattern';
import { applyRedirs, RedirError, restoreFds, SavedFds } from './redirect';
import { execProgram, resolve } from './command';
import { runBuiltin } from './builtins';
import { checkInterrupt, startJob, waitForeground, type ChildBody } from './jobs';
import { sched_yield } from '../../libc/sched';
import { runPendingTraps } from './traps';
import { parse } from './parser';
import type { Shell } from './shell';

export interface EvalFlags {
  /** Nothing follows in this process: exec external commands without forking. */
  exit?: boolean;
  /** The source text of the pipeline (the job's name). */
  text?: string;
}

/** Parse and run a string in the current shell (eval, trap actions, -c). */
export function* evalString(sh: Shell, text: string): Sys<number> {
  return yield* evalList(sh, parse(text, sh.lineno || 1, sh.aliases));
}

export function* evalList(sh: Shell, list: List, flags: EvalFlags = {}): Sys<number> {
  let status = 0;
  for (let i = 0; i < list.length; i++) {
    const item = list[i]!;
    if (item.async) status = yield* runAsync(sh, item);
    else status = yield* evalAndOr(sh, item.andOr, i === list.length - 1 ? flags : {});
    sh.status = status;
    yield* runPendingTraps(sh);
  }
  return status;
}

function* evalAndOr(sh: Shell, ao: AndOr, flags: EvalFlags): Sys<number> {
  const n = ao.rest.length;
  // set -e ignores every pipeline of an and-or list but the last.
  let status = yield* evalPipeline(sh, ao.first, n > 0, n === 0 ? flags : {});
  for (let i = 0; i < n; i++) {
    const { op, pipeline } = ao.rest[i]!;
    if ((op === '&&') !== (status === 0)) continue;
    status = yield* evalPipeline(sh, pipeline, i < n - 1, i === n - 1 ? flags : {});
  }
  return status;
}

function* evalPipeline(sh: Shell, p: Pipeline, inCondition: boolean, flags: EvalFlags): Sys<number> {
  const quiet = p.bang || inCondition;
  if (quiet) sh.noErrexit++;
  let status: number;
  try {
    if (p.commands.length === 1) {
      status = yield* evalCommand(sh, p.commands[0]!, { ...(p.bang ? {} : flags), text: p.text });
    } else {
      const bodies: ChildBody[] = p.commands.map((cmd) => (child) => evalCommand(child, cmd, { exit: true }));
      status = yield* waitForeground(sh, yield* startJob(sh, bodies, p.text, false));
    }
  } finally {
    if (quiet) sh.noErrexit--;
  }
  if (p.bang) status = status === 0 ? 1 : 0;
  sh.status = status;
  if (!quiet && status !== 0 && sh.noErrexit === 0 && sh.has('errexit')) throw new ExitShell(status);
  return status;
}

/** `cmd &`: a job in the background; $! is its last process. */
function* runAsync(sh: Shell, item: ListItem): Sys<number> {
  const ao = item.andOr;
  const simple = ao.rest.length === 0 && !ao.first.bang;
  const bodies: ChildBody[] = simple
    ? ao.first.commands.map((cmd) => (child) => evalCommand(child, cmd, { exit: true }))
    : [(child) => evalAndOr(child, ao, { exit: true })];
  const job = yield* startJob(sh, bodies, item.text, true);
  const last = job.procs[job.procs.length - 1]!.pid;
  sh.lastBg = last;
  if (sh.has('interactive')) yield* writeAll(2, `[${job.id}] ${last}\n`);
  return 0;
}

function* evalCommand(sh: Shell, cmd: Command, flags: EvalFlags = {}): Sys<number> {
  sh.lineno = cmd.line;
  switch (cmd.type) {
    case 'simple':
      return yield* evalSimple(sh, cmd, flags);
    case 'funcdef':
      sh.functions.set(cmd.name, cmd.body);
      return 0;
    case 'subshell':
      return yield* evalSubshell(sh, cmd, flags);
    case 'group':
      return yield* withRedirs(sh, cmd.redirs, () => evalList(sh, cmd.body, flags));
    case 'if':
      return yield* withRedirs(sh, cmd.redirs, () => evalIf(sh, cmd, flags));
    case 'loop':
      return yield* withRedirs(sh, cmd.redirs, () => evalLoop(sh, cmd));
    case 'for':
      return yield* withRedirs(sh, cmd.redirs, () => evalFor(sh, cmd));
    case 'case':
      return yield* withRedirs(sh, cmd.redirs, () => evalCase(sh, cmd, flags));
  }
}

/** Apply redirections in the shell itself; on failure report it and give the status (2). */
function* tryRedirs(sh: Shell, redirs: SimpleCommand['redirs']): Sys<SavedFds | number> {
  const saved = new SavedFds();
  try {
    yield* applyRedirs(sh, redirs, saved);
    return saved;
  } catch (e) {
    yield* restoreFds(saved);
    if (!(e instanceof RedirError)) throw e;
    yield* sh.report(e);
    return 2;
  }
}

/** Run `body` with redirections applied in the shell itself, and undo them afterwards. */
function* withRedirs(sh: Shell, redirs: SimpleCommand['redirs'], body: () => Sys<number>): Sys<number> {
  if (redirs.length === 0) return yield* body();
  const saved = yield* tryRedirs(sh, redirs);
  if (typeof saved === 'number') return saved;
  try {
    return yield* body();
  } finally {
    yield* restoreFds(saved);
  }
}

/** A condition: set -e does not apply inside it. */
function* evalCondition(sh: Shell, list: List): Sys<number> {
  sh.noErrexit++;
  try {
    return yield* evalList(sh, list);
  } finally {
    sh.noErrexit--;
  }
}

function* evalIf(sh: Shell, cmd: If, flags: EvalFlags): Sys<number> {
  for (const { cond, body } of cmd.branches) {
    if ((yield* evalCondition(sh, cond)) === 0) return yield* evalList(sh, body, flags);
  }
  return cmd.orElse ? yield* evalList(sh, cmd.orElse, flags) : 0;
}

/** Loop passes between forced system calls (see preemptionPoint). */
const PASSES_PER_YIELD = 64;

/**
 * A TypeScript program runs until its next system call: `while :; do :; done`, made only of
 * builtins, would never give the CPU back — nor let a signal in. So every so many passes a loop
 * makes one (sched_yield), where ^C can arrive and the scheduler can run others.
 */
function* preemptionPoint(sh: Shell): Sys<void> {
  if (++sh.loopPasses % PASSES_PER_YIELD === 0) yield* sched_yield();
  checkInterrupt(sh);
}

/**
 * One pass of a loop body; returns 'break' or 'continue' when a break/continue aimed at this
 * loop arrives (one aimed further out goes on unwinding with one level less).
 */
function* loopBody(sh: Shell, body: List): Sys<'break' | 'continue' | number> {
  try {
    return yield* evalList(sh, body);
  } catch (e) {
    if (!(e instanceof LoopControl)) throw e;
    if (e.levels > 1) {
      e.levels--;
      throw e;
    }
    return e.kind;
  }
}

function* evalLoop(sh: Shell, cmd: Loop): Sys<number> {
  let status = 0;
  sh.loopDepth++;
  try {
    for (;;) {
      yield* preemptionPoint(sh);
      const c = yield* evalCondition(sh, cmd.cond);
      if ((c === 0) === cmd.until) break;
      const r = yield* loopBody(sh, cmd.body);
      if (r === 'break') break;
      if (typeof r === 'number') status = r;
    }
  } finally {
    sh.loopDepth--;
  }
  return status;
}

function* evalFor(sh: Shell, cmd: For): Sys<number> {
  const items = cmd.items ? yield* expandWords(sh, cmd.items) : [...sh.params];
  let status = 0;
  sh.loopDepth++;
  try {
    for (const item of items) {
      yield* preemptionPoint(sh);
      sh.assign(cmd.name, item);
      const r = yield* loopBody(sh, cmd.body);
      if (r === 'break') break;
      if (typeof r === 'number') status = r;
    }
  } finally {
    sh.loopDepth--;
  }
  return status;
}

function* evalCase(sh: Shell, cmd: Case, flags: EvalFlags): Sys<number> {
  const subject = yield* expandString(sh, cmd.subject);
  for (const item of cmd.items) {
    for (const pattern of item.patterns) {
      if (matchPattern(yield* expandSegs(sh, pattern), subject)) return yield* evalList(sh, item.body, flags);
    }
  }
  return 0;
}

function* evalSubshell(sh: Shell, cmd: Subshell, flags: EvalFlags): Sys<number> {
  if (flags.exit) {
    // Already a child that ends after this: no need for another fork.
    return yield* withRedirs(sh, cmd.redirs, () => evalList(sh, cmd.body, flags));
  }
  const body: ChildBody = (child) => withRedirs(child, cmd.redirs, () => evalList(child, cmd.body, { exit: true }));
  return yield* waitForeground(sh, yield* startJob(sh, [body], flags.text ?? '', false));
}

// ---- simple commands -----------------------------------------------------------------------------

function* evalSimple(sh: Shell, cmd: SimpleCommand, flags: EvalFlags): Sys<number> {
  sh.substStatus = 0;
  const argv = yield* expandWords(sh, cmd.words);
  const assigns: [string, string][] = [];
  for (const a of cmd.assigns) assigns.push([a.name, yield* expandString(sh, a.value)]);
  if (sh.has('xtrace')) yield* trace(sh, assigns, argv);
  if (argv.length === 0) return yield* assignOnly(sh, cmd, assigns);

  const found = yield* resolve(sh, argv[0]!);
  switch (found.kind) {
    case 'special': {
      for (const [k, v] of assigns) sh.assign(k, v);
      // A special builtin's redirection error is fatal, like its other errors (exec's are permanent).
      const saved = argv[0] === 'exec' ? null : new SavedFds();
      try {
        yield* applyRedirs(sh, cmd.redirs, saved);
        return yield* runBuiltin(found.fn, sh, argv);
      } finally {
        if (saved) yield* restoreFds(saved);
      }
    }
    case 'builtin':
      return yield* withTempVars(sh, assigns, () => withRedirs(sh, cmd.redirs, () => runBuiltin(found.fn, sh, argv)));
    case 'function':
      return yield* withRedirs(sh, cmd.redirs, () => callFunction(sh, found.body, argv, assigns, flags.text));
    case 'external': {
      const path = found.path;
      if (path === null) {
        // The message goes where the command's redirections say (`nope 2>/dev/null` is quiet).
        const saved = yield* tryRedirs(sh, cmd.redirs);
        if (typeof saved === 'number') return saved;
        yield* sh.warn(`${argv[0]}: not found`);
        yield* restoreFds(saved);
        return 127;
      }
      const env = environFor(sh, assigns);
      const run: ChildBody = function* (child) {
        yield* applyRedirs(child, cmd.redirs, null);
        return yield* execProgram(child, path, argv, env);
      };
      if (flags.exit && !sh.hasTrapActions()) return yield* run(sh);
      return yield* waitForeground(sh, yield* startJob(sh, [run], flags.text ?? argv.join(' '), false));
    }
  }
}

/** Run a program in a child and wait for it (`command name`: redirections are already in place). */
export function* runProgram(sh: Shell, path: string, argv: string[], env: string[], text: string): Sys<number> {
  const run: ChildBody = (child) => execProgram(child, path, argv, env);
  return yield* waitForeground(sh, yield* startJob(sh, [run], text, false));
}

/** `x=1 y=2` alone: the assignments stay; redirections are done (files created) and undone. */
function* assignOnly(sh: Shell, cmd: SimpleCommand, assigns: [string, string][]): Sys<number> {
  for (const [k, v] of assigns) sh.assign(k, v);
  const saved = yield* tryRedirs(sh, cmd.redirs);
  if (typeof saved === 'number') return saved;
  yield* restoreFds(saved);
  return sh.substStatus;
}

/** The environment of a program: the exported variables, with the command's assignments. */
function environFor(sh: Shell, assigns: [string, string][]): string[] {
  if (assigns.length === 0) return sh.vars.environ();
  const names = new Set(assigns.map(([k]) => k));
  return [...sh.vars.environ().filter((e) => !names.has(e.slice(0, e.indexOf('=')))), ...assigns.map(([k, v]) => `${k}=${v}`)];
}

/** Assignments before a regular builtin hold only while it runs. */
function* withTempVars(sh: Shell, assigns: [string, string][], body: () => Sys<number>): Sys<number> {
  if (assigns.length === 0) return yield* body();
  sh.vars.pushFrame();
  try {
    for (const [k, v] of assigns) {
      sh.vars.makeLocal(k);
      sh.vars.set(k, v, true);
    }
    return yield* body();
  } finally {
    sh.vars.popFrame();
  }
}

/**
 * Call a function: new positional parameters and `local` scope; `return` ends it. `text` names
 * a job its body may start (`f() (…)` is a subshell).
 */
function* callFunction(sh: Shell, body: Command, argv: string[], assigns: [string, string][], text = argv.join(' ')): Sys<number> {
  const params = sh.params;
  const loops = sh.loopDepth;
  sh.params = argv.slice(1);
  sh.loopDepth = 0;
  sh.funcDepth++;
  sh.vars.pushFrame();
  try {
    for (const [k, v] of assigns) {
      sh.vars.makeLocal(k);
      sh.vars.set(k, v, true);
    }
    return yield* evalCommand(sh, body, { text });
  } catch (e) {
    if (e instanceof ReturnFromFunction) return e.status;
    throw e;
  } finally {
    sh.vars.popFrame();
    sh.funcDepth--;
    sh.loopDepth = loops;
    sh.params = params;
  }
}

/** set -x: "+ x=1 echo a b" on stderr. */
function* trace(sh: Shell, assigns: [string, string][], argv: string[]): Sys<void> {
  const words = [...assigns.map(([k, v]) => `${k}=${v}`), ...argv];
  yield* writeAll(2, `${sh.vars.get('PS4') ?? '+ '}${words.join(' ')}\n`);
}
