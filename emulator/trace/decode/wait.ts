// wait4/waitid: the status word (`[{WIFEXITED(s) && WEXITSTATUS(s) == 3}]`), the options, and
// waitid's id type. A status is written as the C test that would be true of it.

import * as W from '../../uapi/sched';
import { PTRACE_EVENT_FORK, PTRACE_EVENT_VFORK, PTRACE_EVENT_CLONE, PTRACE_EVENT_EXEC } from '../../uapi/ptrace';
import { PTRACE_EVENT_VFORK_DONE, PTRACE_EVENT_EXIT, PTRACE_EVENT_SECCOMP, PTRACE_EVENT_STOP } from '../../uapi/ptrace';
import { outArg, pure, structArg } from './context';
import { enumMap, formatEnum, formatFlags, type FlagTable } from './flags';
import { hex, int32 } from './numbers';
import { formatSignal } from './signals';

const PTRACE_EVENTS = enumMap([
  [PTRACE_EVENT_FORK, 'PTRACE_EVENT_FORK'], [PTRACE_EVENT_VFORK, 'PTRACE_EVENT_VFORK'],
  [PTRACE_EVENT_CLONE, 'PTRACE_EVENT_CLONE'], [PTRACE_EVENT_EXEC, 'PTRACE_EVENT_EXEC'],
  [PTRACE_EVENT_VFORK_DONE, 'PTRACE_EVENT_VFORK_DONE'], [PTRACE_EVENT_EXIT, 'PTRACE_EVENT_EXIT'],
  [PTRACE_EVENT_SECCOMP, 'PTRACE_EVENT_SECCOMP'], [PTRACE_EVENT_STOP, 'PTRACE_EVENT_STOP'],
]);

/** A stop signal; a ptrace syscall-stop under PTRACE_O_TRACESYSGOOD has 0x80 added (`SIGTRAP | 0x80`). */
function stopSignal(sig: number): string {
  return sig & 0x80 ? `${formatSignal(sig & 0x7f)} | 0x80` : formatSignal(sig);
}

/** The status word, without the brackets of the pointer it was read through. */
export function formatWaitStatus(status: number): string {
  let test: string;
  if (W.WIFEXITED(status)) test = `WIFEXITED(s) && WEXITSTATUS(s) == ${W.WEXITSTATUS(status)}`;
  else if (W.WIFSTOPPED(status)) test = `WIFSTOPPED(s) && WSTOPSIG(s) == ${stopSignal(W.WSTOPSIG(status))}`;
  else if (W.WIFCONTINUED(status)) test = 'WIFCONTINUED(s)';
  else {
    const core = W.WCOREDUMP(status) ? ' && WCOREDUMP(s)' : '';
    test = `WIFSIGNALED(s) && WTERMSIG(s) == ${formatSignal(W.WTERMSIG(status))}${core}`;
  }
  // A ptrace event stop carries the event above the stop signal.
  const event = status >>> 16;
  const tail = event ? `|${PTRACE_EVENTS.get(event) ?? hex(event)}<<16` : '';
  return `{${test}}${tail}`;
}

/** wait4's status pointer; when nothing was reaped (WNOHANG, return 0) the word was not written. */
export const waitStatusSpec = outArg(function* (a) {
  return a.call.ret === 0 ? hex(a.value) : yield* structArg(4, (f) => `[${formatWaitStatus(f.s32(0))}]`)(a);
});

const WAIT_OPTIONS: FlagTable = [
  [W.WNOHANG, 'WNOHANG'], [W.WSTOPPED, 'WSTOPPED'], [W.WEXITED, 'WEXITED'], [W.WCONTINUED, 'WCONTINUED'],
  [W.WNOWAIT, 'WNOWAIT'], [W.__WNOTHREAD, '__WNOTHREAD'], [W.__WALL, '__WALL'], [W.__WCLONE, '__WCLONE'],
];
export const waitOptionsArg = pure((a) => formatFlags(a.value, WAIT_OPTIONS));

const IDTYPES = enumMap([[W.P_ALL, 'P_ALL'], [W.P_PID, 'P_PID'], [W.P_PGID, 'P_PGID'], [W.P_PIDFD, 'P_PIDFD']]);
export const idtypeArg = pure((a) => formatEnum(int32(a.value) >>> 0, IDTYPES, 'P_'));
