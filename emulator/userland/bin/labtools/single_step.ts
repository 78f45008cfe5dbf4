// single-step: run a program one machine instruction at a time and print the registers before
// each, the way a debugger's `stepi` loop would — built on ptrace like any debugger:
//
//   fork; the child asks to be traced (PTRACE_TRACEME), stops itself, and execs the program;
//   the parent waits for the exec event, then repeats PTRACE_GETREGS + PTRACE_SINGLESTEP + wait4
//   until the program exits, printing one line per instruction.
//
// Usage: single-step [-n MAX] PROGRAM [ARG]...   (at most MAX instructions, default 100000)
//
// A line shows the instruction's address and the registers a syscall reads, so the line after a
// `syscall` instruction shows its result in rax:
//   0000000000401014  rax=0x2 rdi=0x402000 rsi=0x0 rdx=0x0 r10=0x0 r8=0x0 r9=0x0 rsp=0x7fffffffef10

import { EIO } from '../../../uapi/errno';
import { WEXITSTATUS, WIFEXITED, WIFSTOPPED, WSTOPSIG, WTERMSIG } from '../../../uapi/sched';
import { SIGSTOP, SIGTRAP, signalName } from '../../../uapi/signal';
import type { UserRegs } from '../../../uapi/ptrace';
import type { Sys } from '../../runtime/context';
import { errno } from '../../libc/process';
import { execvp, fork, _exit } from '../../libc/unistd';
import { waitpid } from '../../libc/wait';
import { raise, kill, SIGKILL } from '../../libc/signal';
import { printf, stderr, fputs } from '../../libc/stdio';
import {
  ptrace, ptrace_getregs, PTRACE_CONT, PTRACE_EVENT_EXEC, PTRACE_O_EXITKILL, PTRACE_O_TRACEEXEC, PTRACE_SETOPTIONS,
  PTRACE_SINGLESTEP, PTRACE_TRACEME,
} from '../../libc/ptrace';

const hex = (v: number) => `0x${(v < 0 ? BigInt.asUintN(64, BigInt(v)) : BigInt(v)).toString(16)}`;

function line(r: UserRegs): string {
  const ip = BigInt.asUintN(64, BigInt(r.rip)).toString(16).padStart(16, '0');
  const regs = (['rax', 'rdi', 'rsi', 'rdx', 'r10', 'r8', 'r9', 'rsp'] as const).map((n) => `${n}=${hex(r[n])}`);
  return `${ip}  ${regs.join(' ')}\n`;
}

function* usage(msg: string): Sys<number> {
  yield* fputs(`single-step: ${msg}\nUsage: single-step [-n MAX] PROGRAM [ARG]...\n`, stderr());
  return 2;
}

export function* single_step(argv: string[]): Sys<number> {
  let args = argv.slice(1);
  let max = 100_000;
  if (args[0] === '-n') {
    max = Number(args[1]);
    if (!Number.isInteger(max) || max < 0) return yield* usage(`invalid -n argument: '${args[1] ?? ''}'`);
    args = args.slice(2);
  }
  if (args.length === 0) return yield* usage('missing PROGRAM');

  const child = yield* fork(function* () {
    yield* ptrace(PTRACE_TRACEME, 0);
    yield* raise(SIGSTOP);
    yield* execvp(args[0]!, args);
    yield* fputs(`single-step: cannot run '${args[0]}'\n`, stderr());
    return yield* _exit(127);
  });
  if (child < 0) return 1;
  // The child's own SIGSTOP, then the stop at the end of its execve: the first instruction is next.
  yield* waitpid(child);
  yield* ptrace(PTRACE_SETOPTIONS, child, 0, PTRACE_O_TRACEEXEC | PTRACE_O_EXITKILL);
  yield* ptrace(PTRACE_CONT, child, 0, 0);
  let [, st] = yield* waitpid(child);
  if (!WIFSTOPPED(st) || st >> 16 !== PTRACE_EVENT_EXEC) return yield* report(st);

  let signal = 0;
  for (let steps = 0; steps < max; steps++) {
    const regs = yield* ptrace_getregs(child);
    if (!regs) return 1;
    if ((yield* ptrace(PTRACE_SINGLESTEP, child, 0, signal)) < 0) {
      if (errno() !== EIO) return 1;
      yield* fputs(`single-step: ${args[0]}: no instructions to step (a TypeScript program traps only at syscalls)\n`, stderr());
      yield* kill(child, SIGKILL);
      yield* waitpid(child);
      return 1;
    }
    yield* printf('%s', line(regs)); // the registers before the instruction just stepped
    [, st] = yield* waitpid(child);
    if (!WIFSTOPPED(st)) return yield* report(st);
    // SIGTRAP is the step itself; any other signal is the program's, passed on with the next step.
    signal = WSTOPSIG(st) === SIGTRAP ? 0 : WSTOPSIG(st);
    if (signal) yield* printf('--- %s ---\n', signalName(signal));
  }
  yield* printf('single-step: stopped after %d instructions\n', max);
  yield* kill(child, SIGKILL);
  yield* waitpid(child);
  return 0;
}

/** The program ended: `+++ exited with N +++` or `+++ killed by SIG… +++`, and its status as ours. */
function* report(st: number): Sys<number> {
  if (WIFEXITED(st)) {
    yield* printf('+++ exited with %d +++\n', WEXITSTATUS(st));
    return WEXITSTATUS(st);
  }
  yield* printf('+++ killed by %s +++\n', signalName(WTERMSIG(st)));
  return 128 + WTERMSIG(st);
}
