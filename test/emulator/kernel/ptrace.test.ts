// ptrace(2): the stops a tracer sees through wait4, their status encodings, what it may read and
// change while the tracee is stopped, and the ways a trace ends. Tracer and tracee are small
// programs that reach the kernel only through syscalls.

import { describe, expect, it } from 'vitest';
import { bareKernel, runToIdle, spawn } from './fixture';
import type { Sys } from '../../../emulator/userland/runtime/context';
import { alloca, errno, peek, poke, raw_syscall, syscall } from '../../../emulator/userland/libc/process';
import { fork, getpid, sleepSeconds } from '../../../emulator/userland/libc/unistd';
import { waitpid, WEXITSTATUS, WIFEXITED, WIFSIGNALED, WIFSTOPPED, WSTOPSIG, WTERMSIG, __WALL } from '../../../emulator/userland/libc/wait';
import { kill, raise, sigaction, SIGCONT, SIGKILL, SIGSTOP, SIGTRAP, SIGUSR1, SIGUSR2 } from '../../../emulator/userland/libc/signal';
import {
  ptrace, ptrace_getregs, ptrace_geteventmsg, ptrace_getsiginfo, ptrace_get_syscall_info, process_vm_readv,
  PTRACE_ATTACH, PTRACE_CONT, PTRACE_DETACH, PTRACE_EVENT_EXIT, PTRACE_EVENT_FORK, PTRACE_EVENT_STOP,
  PTRACE_INTERRUPT, PTRACE_LISTEN, PTRACE_O_TRACEEXIT, PTRACE_O_TRACEFORK, PTRACE_O_TRACESYSGOOD, PTRACE_PEEKDATA,
  PTRACE_POKEDATA, PTRACE_SEIZE, PTRACE_SETOPTIONS, PTRACE_SETREGS, PTRACE_SINGLESTEP, PTRACE_SYSCALL,
  PTRACE_TRACEME, USER_REGS_SIZE, userRegsToBytes,
} from '../../../emulator/userland/libc/ptrace';
import { __NR } from '../../../emulator/uapi/unistd_64';
import { EIO, EPERM, ESRCH } from '../../../emulator/uapi/errno';
import type { Kernel } from '../../../emulator/kernel/kernel';

/** A child that asks to be traced and stops itself, as strace's child does before execve. */
function* tracedChild(body: () => Sys<number>): Sys<number> {
  return yield* fork(function* () {
    yield* ptrace(PTRACE_TRACEME, 0);
    yield* raise(SIGSTOP);
    return yield* body();
  });
}

/** Run the machine with `main` as its first process (pid 1) and return what it recorded. */
function run(main: () => Sys<number>): Kernel {
  const k = bareKernel();
  spawn(k, main);
  runToIdle(k);
  return k;
}

describe('ptrace', () => {
  it('reports syscall-enter and -exit stops with TRACESYSGOOD, the number in orig_rax and the result in rax', () => {
    const stops: string[] = [];
    let exitStatus = -1;
    run(function* () {
      const pid = yield* tracedChild(function* () {
        yield* getpid();
        return 5;
      });
      let [, st] = yield* waitpid(pid);
      stops.push(`stopped ${WSTOPSIG(st)}`);
      yield* ptrace(PTRACE_SETOPTIONS, pid, 0, PTRACE_O_TRACESYSGOOD);
      for (;;) {
        yield* ptrace(PTRACE_SYSCALL, pid, 0, 0);
        [, st] = yield* waitpid(pid);
        if (!WIFSTOPPED(st)) break;
        const regs = (yield* ptrace_getregs(pid))!;
        stops.push(`${(st >> 8).toString(16)} ${regs.orig_rax} ${regs.rax}`);
      }
      exitStatus = st;
      return 0;
    });
    // The SIGSTOP stop is on the way out of tgkill, past its exit; then getpid (39) and
    // exit_group (231), which never returns. Entry stops show rax = -ENOSYS.
    expect(stops).toEqual(['stopped 19', '85 39 -38', '85 39 2', '85 231 -38']);
    expect(WIFEXITED(exitStatus) && WEXITSTATUS(exitStatus)).toBe(5);
  });

  it('lets the tracer skip a syscall (orig_rax = -1) and choose its result', () => {
    let got = 0;
    run(function* () {
      const pid = yield* tracedChild(function* () {
        got = yield* raw_syscall(__NR.getppid);
        return 0;
      });
      yield* waitpid(pid);
      yield* ptrace(PTRACE_SYSCALL, pid, 0, 0); // to the exit of tgkill
      yield* waitpid(pid);
      yield* ptrace(PTRACE_SYSCALL, pid, 0, 0); // to the entry of getppid
      yield* waitpid(pid);
      const regs = (yield* ptrace_getregs(pid))!;
      regs.orig_rax = -1;
      regs.rax = 4242;
      const buf = alloca(USER_REGS_SIZE);
      poke(buf, userRegsToBytes(regs));
      yield* ptrace(PTRACE_SETREGS, pid, 0, buf);
      yield* ptrace(PTRACE_CONT, pid, 0, 0);
      yield* waitpid(pid);
      return 0;
    });
    expect(got).toBe(4242);
  });

  it('stops before each signal: the tracer can suppress it or deliver another', () => {
    const log: string[] = [];
    run(function* () {
      const pid = yield* tracedChild(function* () {
        yield* sigaction(SIGUSR1, function* () {
          log.push('USR1 handler');
        });
        yield* sigaction(SIGUSR2, function* () {
          log.push('USR2 handler');
        });
        yield* raise(SIGUSR1);
        yield* raise(SIGUSR1);
        return 0;
      });
      yield* waitpid(pid);
      yield* ptrace(PTRACE_CONT, pid, 0, 0);
      let [, st] = yield* waitpid(pid);
      const info = (yield* ptrace_getsiginfo(pid))!;
      const v = new DataView(info.buffer);
      log.push(`stop ${WSTOPSIG(st)} signo ${v.getInt32(0, true)} code ${v.getInt32(8, true)}`);
      yield* ptrace(PTRACE_CONT, pid, 0, 0); // suppressed
      [, st] = yield* waitpid(pid);
      log.push(`stop ${WSTOPSIG(st)}`);
      yield* ptrace(PTRACE_CONT, pid, 0, SIGUSR2); // replaced
      [, st] = yield* waitpid(pid);
      log.push(WIFEXITED(st) ? 'exited' : 'other');
      return 0;
    });
    expect(log).toEqual([`stop ${SIGUSR1} signo ${SIGUSR1} code -6`, `stop ${SIGUSR1}`, 'USR2 handler', 'exited']);
  });

  // Register values are JS numbers (exact below 2^53), so the words moved here keep their top bytes zero.
  it('reads and writes tracee memory with PEEKDATA, POKEDATA and process_vm_readv', () => {
    const seen: (string | number)[] = [];
    const ADDR = 0x7ffffffde000;
    run(function* () {
      // The child's stack starts as a copy of ours; the tracer then writes into the child's.
      poke(ADDR, new TextEncoder().encode('mom\0\0\0\0\0'));
      const pid = yield* tracedChild(function* () {
        seen.push(new TextDecoder().decode(peek(ADDR, 3)));
        return 0;
      });
      yield* waitpid(pid);
      const word = yield* ptrace(PTRACE_PEEKDATA, pid, ADDR, 0);
      seen.push(word === Number(new DataView(new TextEncoder().encode('mom\0\0\0\0\0').buffer).getBigInt64(0, true)) ? 'peek ok' : word);
      const data = new DataView(new TextEncoder().encode('kid\0\0\0\0\0').buffer).getBigInt64(0, true);
      seen.push(yield* ptrace(PTRACE_POKEDATA, pid, ADDR, Number(data)));
      const bytes = (yield* process_vm_readv(pid, ADDR, 8))!;
      seen.push(new TextDecoder().decode(bytes.subarray(0, 3)));
      seen.push(yield* ptrace(PTRACE_PEEKDATA, pid, 16, 0), errno());
      yield* ptrace(PTRACE_CONT, pid, 0, 0);
      yield* waitpid(pid);
      return 0;
    });
    expect(seen).toEqual(['peek ok', 0, 'kid', -1, EIO, 'kid']);
  });

  it('attaches to a task blocked in a sleep, and detaching lets it finish', () => {
    const log: string[] = [];
    run(function* () {
      const pid = yield* fork(function* () {
        yield* sleepSeconds(5);
        log.push('child woke');
        return 7;
      });
      yield* sleepSeconds(1);
      log.push(`attach ${yield* ptrace(PTRACE_ATTACH, pid, 0, 0)}`);
      let [, st] = yield* waitpid(pid, __WALL);
      log.push(`stopped ${WSTOPSIG(st)}`);
      log.push(`again ${yield* ptrace(PTRACE_ATTACH, pid, 0, 0)} ${errno() === EPERM}`);
      yield* ptrace(PTRACE_DETACH, pid, 0, 0);
      [, st] = yield* waitpid(pid);
      log.push(`exit ${WEXITSTATUS(st)}`);
      return 0;
    });
    expect(log).toEqual(['attach 0', `stopped ${SIGSTOP}`, 'again -1 true', 'child woke', 'exit 7']);
  });

  it('refuses init, itself, and requests on tasks it does not trace', () => {
    const r: number[] = [];
    run(function* () {
      r.push(yield* ptrace(PTRACE_ATTACH, 1, 0, 0), errno());
      const pid = yield* fork(function* () {
        yield* sleepSeconds(1);
        return 0;
      });
      r.push(yield* ptrace(PTRACE_CONT, pid, 0, 0), errno());
      r.push(yield* ptrace(PTRACE_ATTACH, 999, 0, 0), errno());
      yield* waitpid(pid);
      return 0;
    });
    expect(r).toEqual([-1, EPERM, -1, ESRCH, -1, ESRCH]);
  });

  it('refuses PTRACE_TRACEME when already traced, and SINGLESTEP on a context that cannot step', () => {
    const r: number[] = [];
    run(function* () {
      const pid = yield* tracedChild(function* () {
        r.push(yield* ptrace(PTRACE_TRACEME, 0), errno());
        return 0;
      });
      yield* waitpid(pid);
      r.push(yield* ptrace(PTRACE_SINGLESTEP, pid, 0, 0), errno());
      yield* ptrace(PTRACE_CONT, pid, 0, 0);
      yield* waitpid(pid);
      return 0;
    });
    expect(r).toEqual([-1, EIO, -1, EPERM]);
  });

  it('a tracee killed with SIGKILL while stopped at a syscall is reported as killed', () => {
    let st = 0;
    run(function* () {
      const pid = yield* tracedChild(function* () {
        for (;;) yield* sleepSeconds(100);
      });
      yield* waitpid(pid);
      yield* ptrace(PTRACE_SYSCALL, pid, 0, 0);
      yield* waitpid(pid);
      yield* ptrace(PTRACE_SYSCALL, pid, 0, 0);
      yield* waitpid(pid); // entry of nanosleep
      yield* kill(pid, SIGKILL);
      [, st] = yield* waitpid(pid);
      return 0;
    });
    expect(WIFSIGNALED(st) && WTERMSIG(st)).toBe(SIGKILL);
  });

  it('a tracer that exits first detaches its tracees, which run on', () => {
    const log: string[] = [];
    run(function* () {
      const tracee = yield* fork(function* () {
        yield* sleepSeconds(2);
        log.push('tracee ran on');
        return 3;
      });
      const tracer = yield* fork(function* () {
        yield* ptrace(PTRACE_ATTACH, tracee, 0, 0);
        yield* waitpid(tracee, __WALL);
        log.push('tracer exits with the tracee stopped');
        return 0;
      });
      yield* waitpid(tracer);
      const [, st] = yield* waitpid(tracee);
      log.push(`tracee exit ${WEXITSTATUS(st)}`);
      return 0;
    });
    expect(log).toEqual(['tracer exits with the tracee stopped', 'tracee ran on', 'tracee exit 3']);
  });

  it('follows fork with TRACEFORK: an event stop with the new pid, and the child starts traced', () => {
    const log: string[] = [];
    run(function* () {
      const pid = yield* tracedChild(function* () {
        const c = yield* fork(function* () {
          return 4;
        });
        yield* waitpid(c);
        return 0;
      });
      yield* waitpid(pid);
      yield* ptrace(PTRACE_SETOPTIONS, pid, 0, PTRACE_O_TRACEFORK);
      yield* ptrace(PTRACE_CONT, pid, 0, 0);
      const seen = new Set<string>();
      for (let i = 0; i < 8; i++) {
        const [who, st] = yield* waitpid(-1, __WALL);
        if (who < 0) break;
        if (WIFSTOPPED(st) && st >> 16 === PTRACE_EVENT_FORK) {
          const child = yield* ptrace_geteventmsg(who);
          seen.add(`fork event, new pid ${child === pid + 1 ? 'ok' : child}`);
        } else if (WIFSTOPPED(st)) {
          seen.add(`${who === pid ? 'parent' : 'child'} stopped ${WSTOPSIG(st)}`);
        } else if (WIFEXITED(st)) {
          seen.add(`${who === pid ? 'parent' : 'child'} exited ${WEXITSTATUS(st)}`);
          continue;
        }
        yield* ptrace(PTRACE_CONT, who, 0, 0);
      }
      log.push(...[...seen].sort());
      return 0;
    });
    // The parent's SIGCHLD is ignored by default, but a tracer still sees it (signal-delivery stop).
    expect(log).toEqual(['child exited 4', 'child stopped 19', 'fork event, new pid ok', 'parent exited 0', 'parent stopped 17']);
  });

  it('SEIZE does not stop; INTERRUPT stops with PTRACE_EVENT_STOP; the exit event carries the status', () => {
    const log: string[] = [];
    run(function* () {
      const pid = yield* fork(function* () {
        yield* sleepSeconds(3);
        return 9;
      });
      yield* ptrace(PTRACE_SEIZE, pid, 0, PTRACE_O_TRACEEXIT);
      yield* ptrace(PTRACE_INTERRUPT, pid, 0, 0);
      let [, st] = yield* waitpid(pid, __WALL);
      log.push(`event ${st >> 16 === PTRACE_EVENT_STOP} sig ${WSTOPSIG(st) === SIGTRAP}`);
      yield* ptrace(PTRACE_CONT, pid, 0, 0);
      [, st] = yield* waitpid(pid, __WALL);
      log.push(`exit event ${st >> 16 === PTRACE_EVENT_EXIT} msg ${(yield* ptrace_geteventmsg(pid)) >> 8}`);
      yield* ptrace(PTRACE_CONT, pid, 0, 0);
      [, st] = yield* waitpid(pid, __WALL);
      log.push(`exited ${WEXITSTATUS(st)}`);
      return 0;
    });
    expect(log).toEqual(['event true sig true', 'exit event true msg 9', 'exited 9']);
  });

  it('process_vm_readv refuses another user\'s process and bad flags', () => {
    const r: number[] = [];
    const k = bareKernel();
    const victim = spawn(k, function* () {
      yield* sleepSeconds(5);
      return 0;
    }, 1000);
    spawn(k, function* () {
      const buf = alloca(16);
      const iov = alloca(32);
      const v = new DataView(new ArrayBuffer(32));
      v.setBigUint64(0, BigInt(buf), true);
      v.setBigUint64(8, 8n, true);
      v.setBigUint64(16, 0x7ffffffde000n, true);
      v.setBigUint64(24, 8n, true);
      poke(iov, new Uint8Array(v.buffer));
      r.push(yield* syscall(__NR.process_vm_readv, victim.tid, iov, 1, iov + 16, 1, 1), errno());
      r.push(yield* syscall(__NR.process_vm_readv, victim.tid, iov, 1, iov + 16, 1, 0), errno());
      return 0;
    }, 1001);
    runToIdle(k);
    expect(r).toEqual([-1, 22 /* EINVAL */, -1, EPERM]);
  });

  it('a seized tracee reports its group stop as PTRACE_EVENT_STOP, and LISTEN hears the SIGCONT', () => {
    const log: string[] = [];
    run(function* () {
      const pid = yield* fork(function* () {
        yield* sleepSeconds(1);
        log.push('tracee continued');
        return 0;
      });
      yield* ptrace(PTRACE_SEIZE, pid, 0, 0);
      yield* kill(pid, SIGSTOP);
      let [, st] = yield* waitpid(pid, __WALL);
      log.push(`signal-delivery stop ${WSTOPSIG(st) === SIGSTOP && st >> 16 === 0}`);
      yield* ptrace(PTRACE_CONT, pid, 0, SIGSTOP);
      [, st] = yield* waitpid(pid, __WALL);
      log.push(`group stop ${WSTOPSIG(st) === SIGSTOP && st >> 16 === PTRACE_EVENT_STOP}`);
      log.push(`listen ${yield* ptrace(PTRACE_LISTEN, pid, 0, 0)}`);
      yield* kill(pid, SIGCONT);
      [, st] = yield* waitpid(pid, __WALL);
      log.push(`after SIGCONT ${WSTOPSIG(st) === SIGTRAP && st >> 16 === PTRACE_EVENT_STOP}`);
      yield* ptrace(PTRACE_CONT, pid, 0, 0);
      for (;;) {
        [, st] = yield* waitpid(pid, __WALL);
        if (!WIFSTOPPED(st)) break;
        yield* ptrace(PTRACE_CONT, pid, 0, 0); // the SIGCONT's own delivery stop
      }
      log.push(`exited ${WEXITSTATUS(st)}`);
      return 0;
    });
    expect(log).toEqual(['signal-delivery stop true', 'group stop true', 'listen 0', 'after SIGCONT true', 'tracee continued', 'exited 0']);
  });

  it('PTRACE_GET_SYSCALL_INFO: number and arguments at entry, the result and error flag at exit, nothing at other stops', () => {
    const seen: string[] = [];
    run(function* () {
      const pid = yield* tracedChild(function* () {
        yield* raw_syscall(__NR.kill, 12345, 0);
        return 0;
      });
      yield* waitpid(pid);
      const none = yield* ptrace_get_syscall_info(pid);
      seen.push(`op ${none!.op}`);
      yield* ptrace(PTRACE_SYSCALL, pid, 0, 0);
      yield* waitpid(pid);
      const entry = (yield* ptrace_get_syscall_info(pid))!;
      seen.push(`op ${entry.op} nr ${entry.nr} arg0 ${entry.args[0]}`);
      yield* ptrace(PTRACE_SYSCALL, pid, 0, 0);
      yield* waitpid(pid);
      const exit = (yield* ptrace_get_syscall_info(pid))!;
      seen.push(`op ${exit.op} rval ${exit.rval} error ${exit.isError}`);
      yield* ptrace(PTRACE_CONT, pid, 0, 0);
      yield* waitpid(pid);
      return 0;
    });
    expect(seen).toEqual(['op 0', `op 1 nr ${__NR.kill} arg0 12345`, `op 2 rval ${-ESRCH} error true`]);
  });

  it('process_vm_readv stops at the first unmapped remote page and reports what it moved', () => {
    let got = -2;
    run(function* () {
      const pid = yield* tracedChild(function* () {
        return 0;
      });
      yield* waitpid(pid);
      // The last page of the stack, then the gap above it.
      const top = 0x7ffffffff000;
      got = (yield* process_vm_readv(pid, top - 4096, 8192))?.length ?? -1;
      yield* ptrace(PTRACE_CONT, pid, 0, 0);
      yield* waitpid(pid);
      return 0;
    });
    expect(got).toBe(4096);
  });
});
