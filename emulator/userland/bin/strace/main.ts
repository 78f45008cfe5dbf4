// strace(1): trace the system calls and signals of a command (or of running processes, -p).
// main parses the options, opens the outputs, starts or attaches to the tracees and hands them
// to the tracing loop (tracer.ts); at the end it prints the -c table and exits as the command did.

import { O_APPEND, O_CLOEXEC, O_CREAT, O_TRUNC, O_WRONLY } from '../../../uapi/fcntl';
import { S_ISREG } from '../../../uapi/stat';
import { SIG_DFL, SIGHUP, SIGINT, SIGPIPE, SIGQUIT, SIGTERM } from '../../../uapi/signal';
import { WEXITSTATUS, WIFSIGNALED, WTERMSIG } from '../../../uapi/sched';
import { ENOENT, strerror } from '../../../uapi/errno';
import type { Sys } from '../../runtime/context';
import { open } from '../../libc/fcntl';
import { errno, proc, setErrno } from '../../libc/process';
import { kill, sigaction } from '../../libc/signal';
import { fputs, stderr, stdout } from '../../libc/stdio';
import { getrlimit, RLIMIT_CORE, setrlimit } from '../../libc/sys_resource';
import { stat } from '../../libc/sys_stat';
import { environStrings, exit, getpid } from '../../libc/unistd';
import { parseOptions, type StraceOptions } from './options';
import type { Sink } from './output';
import { attach, launch, say, seizeWorks } from './launch';
import { Tracer, type Outputs } from './tracer';
import { USAGE } from './usage';

/** The command's file, as strace finds it before forking: a path is stat'ed, a name searched in $PATH. */
function* findCommand(name: string): Sys<string | null> {
  if (name.includes('/')) return (yield* stat(name)) ? name : null;
  const path = proc().environ.find(([k]) => k === 'PATH')?.[1] ?? '/usr/local/bin:/usr/bin:/bin';
  for (const dir of path.split(':')) {
    const full = `${dir || '.'}/${name}`;
    const st = yield* stat(full);
    if (st && S_ISREG(st.mode) && st.mode & 0o111) return full;
  }
  setErrno(ENOENT);
  return null;
}

/** The command's environment: ours, with -E VAR=VAL set and -E VAR removed. */
function commandEnv(changes: string[]): string[] {
  let env = environStrings();
  for (const c of changes) {
    const name = c.includes('=') ? c.slice(0, c.indexOf('=')) : c;
    env = env.filter((e) => !e.startsWith(`${name}=`));
    if (c.includes('=')) env.push(c);
  }
  return env;
}

function* openOutput(name: string, append: boolean): Sys<number> {
  return yield* open(name, O_WRONLY | O_CREAT | O_CLOEXEC | (append ? O_APPEND : O_TRUNC), 0o666);
}

/** Exit as the traced command did: with its status, or killed by the same signal. */
function* exitLike(status: number): Sys<number> {
  if (!WIFSIGNALED(status)) return WEXITSTATUS(status);
  const sig = WTERMSIG(status);
  // The tracee may have dumped core; strace's own death by the same signal should not.
  const core = yield* getrlimit(RLIMIT_CORE);
  if (core) yield* setrlimit(RLIMIT_CORE, { cur: 0n, max: core.max });
  yield* sigaction(sig, SIG_DFL);
  yield* kill(yield* getpid(), sig);
  return 128 + sig;
}

/**
 * A fatal signal (SIGINT, SIGTERM…) interrupts strace: the handler notes it in the process's libc
 * state and the tracer's wait4 fails with EINTR, so strace can let its tracees go before dying.
 */
const INTERRUPTED = 'strace:interrupted';
function* onFatalSignal(sig: number): Sys<void> {
  proc().slots.set(INTERRUPTED, sig);
}
const interruptedBy = (): number => (proc().slots.get(INTERRUPTED) as number | undefined) ?? 0;

export function* strace(argv: string[]): Sys<number> {
  const parsed = parseOptions(argv);
  if (parsed.kind === 'help') {
    yield* fputs(USAGE, stdout());
    return 0;
  }
  if (parsed.kind === 'version') {
    yield* fputs('strace -- version 6.1\n', stdout());
    return 0;
  }
  for (const w of parsed.warnings) yield* say(w);
  if (parsed.kind === 'error') {
    yield* say(parsed.message);
    if (parsed.usage) yield* fputs("Try 'strace -h' for more information.\n", stderr());
    return 1;
  }
  const o = parsed.options;

  let path: string | null = null;
  if (o.command.length) {
    path = yield* findCommand(o.command[0]!);
    if (!path) {
      yield* say(`Can't stat '${o.command[0]}': ${strerror(errno())}`);
      return 1;
    }
  }
  const outputs = yield* setUpOutputs(o);
  if (!outputs) return 1;

  for (const sig of [SIGHUP, SIGINT, SIGQUIT, SIGPIPE, SIGTERM]) yield* sigaction(sig, onFatalSignal);

  if (o.pids.includes(yield* getpid())) {
    yield* say("I'm sorry, I can't let you do that, Dave.");
    return 1;
  }
  const seize = yield* seizeWorks();
  const tracer = new Tracer(o, outputs, seize);
  for (const pid of o.pids) {
    if (yield* attach(pid, seize, tracer.ptraceOptions)) yield* tracer.add(pid, 'attached');
  }
  if (path) {
    const pid = yield* launch(path, o.command, commandEnv(o.env), seize, tracer.ptraceOptions);
    if (pid < 0) return 1;
    tracer.launched = pid;
    yield* tracer.add(pid, 'launched');
  }
  if (tracer.count === 0) return 1;

  if (!(yield* tracer.run(() => interruptedBy() !== 0))) {
    yield* tracer.detachAll();
    yield* tracer.printSummary();
    // Die of the signal that interrupted us: a wait status of just the signal number says so.
    return yield* exitLike(interruptedBy());
  }
  yield* tracer.printSummary();
  return tracer.launchedStatus === null ? 0 : yield* exitLike(tracer.launchedStatus);
}

/** stderr, or the -o file, or (-ff) one file per process named FILE.PID. */
function* setUpOutputs(o: StraceOptions): Sys<Outputs | null> {
  const stderrSink: Sink = { fd: 2, open: null };
  const quietNotices = o.quietAttach || (o.outfile !== null && o.command.length > 0);
  if (o.outfile === null) return { main: stderrSink, separate: null, toFile: false, quietNotices };
  if (o.separateFiles) {
    const outfile = o.outfile;
    const separate = function* (pid: number): Sys<Sink> {
      const fd = yield* openOutput(`${outfile}.${pid}`, o.append);
      if (fd < 0) {
        yield* say(`Can't fopen '${outfile}.${pid}': ${strerror(errno())}`);
        return yield* exit(1);
      }
      return { fd, open: null };
    };
    return { main: stderrSink, separate, toFile: true, quietNotices };
  }
  const fd = yield* openOutput(o.outfile, o.append);
  if (fd < 0) {
    yield* say(`Can't fopen '${o.outfile}': ${strerror(errno())}`);
    return null;
  }
  return { main: { fd, open: null }, separate: null, toFile: true, quietNotices };
}
