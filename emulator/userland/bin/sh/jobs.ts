// Starting and waiting for child processes, and job control.
//
// Every pipeline the shell forks becomes a job. With job control (set -m, on in an interactive
// shell) each job gets its own process group — the first child's pid — that both parent and
// child set with setpgid, so neither has to wait for the other. A foreground job gets the
// terminal (tcsetpgrp): ^C and ^Z from the keyboard then go to it, not to the shell. The shell
// waits with WUNTRACED, so it also learns when the job stops, and then takes the terminal back.

import type { Sys } from '../../libc/process';
import { errno } from '../../libc/process';
import { close, dup2, fork, getpid, pipe, setpgid, writeAll } from '../../libc/unistd';
import { open } from '../../libc/fcntl';
import { waitpid } from '../../libc/wait';
import { kill, SIGCONT, SIGINT, SIGPIPE, SIG_IGN, SIGQUIT, sigaction } from '../../libc/signal';
import { strsignal } from '../../libc/string';
import { tcsetpgrp } from '../../libc/termios';
import { EINTR } from '../../../uapi/errno';
import { O_CLOEXEC, O_RDONLY } from '../../../uapi/fcntl';
import { WCOREDUMP, WIFSIGNALED, WNOHANG, WTERMSIG, WUNTRACED } from '../../../uapi/sched';
import { Interrupted, ShellError } from './errors';
import { JobTable, type Job } from './jobs_table';
import { setCurrentShell, type Shell } from './shell';
import { installSignal, signalsToReset } from './traps';
import { runToExit } from './toplevel';

/** What a fork child runs, on its own copy of the shell; returns the exit status. */
export type ChildBody = (child: Shell) => Sys<number>;

interface JobPlacement {
  /** The job's process group; 0 makes the child the leader of a new one. */
  pgid: number;
  foreground: boolean;
}

/**
 * fork, with the child running `body` as a subshell. With `job` (and job control on), the child
 * joins the job's process group and, in the foreground, takes the terminal.
 */
export function* forkChild(sh: Shell, job: JobPlacement | null, body: ChildBody): Sys<number> {
  // Everything the child needs is computed now: the parent changes its own state as it goes on.
  const child = sh.subshellCopy();
  const reset = signalsToReset(sh);
  const jc = job && sh.has('monitor') ? { ...job, tty: sh.ttyFd } : null;
  const pid = yield* fork(function* () {
    setCurrentShell(child);
    if (jc) {
      const pgid = jc.pgid || (yield* getpid());
      yield* setpgid(0, pgid);
      if (jc.foreground && jc.tty >= 0) yield* tcsetpgrp(jc.tty, pgid);
    }
    for (const sig of reset) yield* installSignal(child, sig);
    return yield* runToExit(child, () => body(child));
  });
  if (pid < 0) throw new ShellError('Cannot fork');
  if (jc) yield* setpgid(pid, jc.pgid || pid);
  return pid;
}

/**
 * Start a pipeline as a job: one child per body, each one's stdout piped into the next one's
 * stdin. A background job without job control ignores ^C and reads /dev/null (XCU 2.9.3).
 */
export function* startJob(sh: Shell, bodies: ChildBody[], text: string, background: boolean): Sys<Job> {
  const pids: number[] = [];
  let pgid = 0;
  let prevRead = -1;
  const quiet = background && !sh.has('monitor');
  for (let i = 0; i < bodies.length; i++) {
    const fds = i < bodies.length - 1 ? yield* pipe(O_CLOEXEC) : null;
    if (i < bodies.length - 1 && !fds) throw new ShellError('Pipe call failed');
    const input = prevRead;
    const body = bodies[i]!;
    const first = i === 0;
    const pid = yield* forkChild(sh, { pgid, foreground: !background }, function* (child) {
      if (input >= 0) {
        yield* dup2(input, 0);
        yield* close(input);
      } else if (quiet && first) {
        const fd = yield* open('/dev/null', O_RDONLY | O_CLOEXEC);
        if (fd >= 0) {
          yield* dup2(fd, 0);
          yield* close(fd);
        }
      }
      if (fds) {
        yield* close(fds[0]);
        yield* dup2(fds[1], 1);
        yield* close(fds[1]);
      }
      if (quiet) {
        yield* sigaction(SIGINT, SIG_IGN);
        yield* sigaction(SIGQUIT, SIG_IGN);
      }
      return yield* body(child);
    });
    if (pgid === 0 && sh.has('monitor')) pgid = pid;
    if (prevRead >= 0) yield* close(prevRead);
    if (fds) {
      yield* close(fds[1]);
      prevRead = fds[0];
    }
    pids.push(pid);
  }
  return sh.jobs.add(pids, pgid, text);
}

/**
 * Record one child's status change; false when there is nothing (more) to wait for. Stops are
 * reported only with job control: without it a stopped child is simply not done yet.
 */
export function* reapOne(sh: Shell, block: boolean): Sys<boolean> {
  const [pid, status] = yield* waitpid(-1, (sh.has('monitor') ? WUNTRACED : 0) | (block ? 0 : WNOHANG));
  if (pid < 0) return errno() === EINTR;
  if (pid === 0) return false;
  sh.jobs.update(pid, status);
  return true;
}

/** After ^C in an interactive shell, the command line being run is abandoned. */
export function checkInterrupt(sh: Shell): void {
  if (!sh.interrupted || !sh.has('interactive')) return;
  sh.interrupted = false;
  throw new Interrupted();
}

/** Wait until a foreground job ends or stops; its exit status. */
export function* waitForeground(sh: Shell, job: Job): Sys<number> {
  while (JobTable.state(job) === 'running') {
    if (!(yield* reapOne(sh, true))) break; // no children left (ECHILD): nothing to wait for
  }
  if (sh.has('monitor') && sh.ttyFd >= 0) yield* tcsetpgrp(sh.ttyFd, sh.pgid);
  const status = JobTable.status(job);
  if (JobTable.state(job) === 'stopped') {
    yield* writeAll(2, `\n${sh.jobs.describe(job)}\n`);
    job.changed = false;
    return status;
  }
  yield* reportDeath(job);
  sh.jobs.remove(job);
  // A job ended by ^C takes the rest of the command line with it (the shell acts as if it got it).
  if (sh.has('interactive') && job.procs.some((p) => WIFSIGNALED(p.status) && WTERMSIG(p.status) === SIGINT)) {
    sh.interrupted = true;
  }
  checkInterrupt(sh);
  return status;
}

/** "Killed", "Segmentation fault (core dumped)" … for a job a signal ended (not ^C or SIGPIPE). */
export function* reportDeath(job: Job): Sys<void> {
  const killed = [...job.procs].reverse().find((p) => WIFSIGNALED(p.status));
  if (!killed) return;
  const sig = WTERMSIG(killed.status);
  if (sig === SIGINT || sig === SIGPIPE) return;
  yield* writeAll(2, `${strsignal(sig)}${WCOREDUMP(killed.status) ? ' (core dumped)' : ''}\n`);
}

/** Before a prompt: collect finished children and tell the user about jobs that changed. */
export function* notifyJobs(sh: Shell): Sys<void> {
  while (yield* reapOne(sh, false));
  for (const job of [...sh.jobs.jobs]) {
    if (!job.changed) continue;
    const state = JobTable.state(job);
    if (state === 'running') continue;
    yield* writeAll(2, sh.jobs.describe(job) + '\n');
    job.changed = false;
    if (state === 'done') sh.jobs.remove(job);
  }
}

/** fg and bg: send SIGCONT to a stopped job, in the foreground (wait for it) or the background. */
export function* continueJob(sh: Shell, job: Job, foreground: boolean): Sys<number> {
  sh.jobs.touch(job);
  if (foreground) {
    yield* writeAll(1, job.text + '\n');
    if (sh.has('monitor') && sh.ttyFd >= 0 && job.pgid) yield* tcsetpgrp(sh.ttyFd, job.pgid);
  } else {
    yield* writeAll(1, `[${job.id}]${sh.jobs.mark(job)} ${job.text} &\n`);
  }
  if (job.pgid) yield* kill(-job.pgid, SIGCONT);
  else for (const p of job.procs) if (p.state === 'stopped') yield* kill(p.pid, SIGCONT);
  for (const p of job.procs) if (p.state === 'stopped') p.state = 'running';
  job.changed = false;
  return foreground ? yield* waitForeground(sh, job) : 0;
}
