// Getting tracees: starting the command, or attaching to running processes (-p).
//
// Like strace 6.1, we prefer PTRACE_SEIZE, which lets a tracee in a group stop stay stopped
// (PTRACE_LISTEN) — under PTRACE_ATTACH/TRACEME a tracer can only resume it. Whether SEIZE works
// is tested first on a throwaway child: it fails when we are traced ourselves with -f (our
// children are already someone's tracees). Then strace falls back to the classic scheme, where the
// child asks with PTRACE_TRACEME — which fails in that situation too, with the message that real
// `strace -f strace …` shows.
//
//   SEIZE:   child: kill(getpid(), SIGSTOP); execve      TRACEME: child: PTRACE_TRACEME;
//            parent: wait4(WSTOPPED); PTRACE_SEIZE;               kill(getpid(), SIGSTOP); execve
//            PTRACE_INTERRUPT; kill(SIGCONT)                      parent: the SIGSTOP stop, options

import { strerror } from '../../../uapi/errno';
import { SIGCONT, SIGKILL, SIGSTOP } from '../../../uapi/signal';
import { WIFSTOPPED, WUNTRACED } from '../../../uapi/sched';
import { __NR } from '../../../uapi/unistd_64';
import type { Sys } from '../../runtime/context';
import { errno, syscall } from '../../libc/process';
import { PTRACE_ATTACH, PTRACE_INTERRUPT, PTRACE_SEIZE, PTRACE_TRACEME, ptrace } from '../../libc/ptrace';
import { kill } from '../../libc/signal';
import { execve, fork, getpid, writeAll } from '../../libc/unistd';
import { waitpid } from '../../libc/wait';

export function* say(text: string): Sys<void> {
  yield* writeAll(2, `strace: ${text}\n`);
}

/** Can we PTRACE_SEIZE a child of ours? */
export function* seizeWorks(): Sys<boolean> {
  const pid = yield* fork(function* () {
    for (;;) yield* syscall(__NR.pause);
  });
  if (pid < 0) return false;
  const ok = (yield* ptrace(PTRACE_SEIZE, pid, 0, 0)) === 0;
  yield* kill(pid, SIGKILL);
  yield* waitpid(pid);
  return ok;
}

/**
 * Start the command as a tracee; returns its pid, or -1 after printing why not. With `seize`
 * the options are given to PTRACE_SEIZE; otherwise the tracer sets them at the child's SIGSTOP.
 */
export function* launch(path: string, argv: string[], env: string[], seize: boolean, options: number): Sys<number> {
  const pid = yield* fork(function* () {
    if (!seize && (yield* ptrace(PTRACE_TRACEME, 0)) < 0) {
      yield* say(`ptrace(PTRACE_TRACEME, ...): ${strerror(errno())}`);
      return 1;
    }
    yield* kill(yield* getpid(), SIGSTOP);
    yield* execve(path, argv, env);
    yield* say(`exec: ${strerror(errno())}`);
    return 1;
  });
  if (pid < 0) {
    yield* say(`fork: ${strerror(errno())}`);
    return -1;
  }
  if (!seize) return pid;
  // Wait for the child to stop itself, seize it, and let it continue into execve.
  const [, status] = yield* waitpid(pid, WUNTRACED);
  if (!WIFSTOPPED(status) || (yield* ptrace(PTRACE_SEIZE, pid, 0, options)) < 0) {
    yield* say(`attach: ptrace(PTRACE_SEIZE, ${pid}): ${strerror(errno())}`);
    yield* kill(pid, SIGKILL);
    return -1;
  }
  yield* ptrace(PTRACE_INTERRUPT, pid);
  yield* kill(pid, SIGCONT);
  return pid;
}

/** -p: attach to a running process; false (after the message) if we may not. */
export function* attach(pid: number, seize: boolean, options: number): Sys<boolean> {
  const request = seize ? PTRACE_SEIZE : PTRACE_ATTACH;
  if ((yield* ptrace(request, pid, 0, seize ? options : 0)) < 0) {
    yield* say(`attach: ptrace(${seize ? 'PTRACE_SEIZE' : 'PTRACE_ATTACH'}, ${pid}): ${strerror(errno())}`);
    return false;
  }
  // A seized process keeps running until told to stop; the stop tells us it is ours.
  if (seize) yield* ptrace(PTRACE_INTERRUPT, pid);
  return true;
}
