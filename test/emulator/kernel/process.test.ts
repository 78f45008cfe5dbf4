// fork, exit, wait, signals and sleeping, exercised by small programs through the syscall entry.

import { describe, expect, it } from 'vitest';
import { bareKernel, runToIdle, spawn } from './fixture';
import type { Sys } from '../../../emulator/userland/runtime/context';
import { errno, raw_syscall, syscall, alloca, peekI32, poke } from '../../../emulator/userland/libc/process';
import { fork, getpid, getppid, sleepSeconds, vfork, _exit } from '../../../emulator/userland/libc/unistd';
import { waitpid, WEXITSTATUS, WIFEXITED, WIFSIGNALED, WTERMSIG, WNOHANG, WIFSTOPPED, WSTOPSIG, WUNTRACED } from '../../../emulator/userland/libc/wait';
import { kill, sigaction, SIGUSR1, SIGTERM, SIGCHLD, SIGSTOP, SIGCONT, SIG_IGN, SA_RESTART } from '../../../emulator/userland/libc/signal';
import { __NR } from '../../../emulator/uapi/unistd_64';
import { EINTR, ECHILD, EFAULT, EINVAL, ENOSYS, EPERM, ESRCH } from '../../../emulator/uapi/errno';

describe('processes', () => {
  it('fork returns twice and wait4 collects the exit status', () => {
    const k = bareKernel();
    const seen: number[] = [];
    spawn(k, function* () {
      const parent = yield* getpid();
      const pid = yield* fork(function* () {
        seen.push(yield* getppid());
        return 3;
      });
      const [got, status] = yield* waitpid(pid);
      seen.push(got === pid ? 1 : 0, WIFEXITED(status) ? WEXITSTATUS(status) : -1, parent);
      return 0;
    });
    runToIdle(k);
    expect(seen).toEqual([1, 1, 3, 1]);
  });

  it('wait4 without children is ECHILD, and WNOHANG returns 0 while a child runs', () => {
    const k = bareKernel();
    const seen: number[] = [];
    spawn(k, function* () {
      const [r] = yield* waitpid(-1);
      seen.push(r, errno());
      const pid = yield* fork(function* () {
        yield* sleepSeconds(1);
        return 0;
      });
      const [r2] = yield* waitpid(pid, WNOHANG);
      seen.push(r2);
      yield* waitpid(pid);
      return 0;
    });
    runToIdle(k);
    expect(seen).toEqual([-1, ECHILD, 0]);
  });

  it('kills with a signal, reported by wait as WTERMSIG', () => {
    const k = bareKernel();
    let status = -1;
    spawn(k, function* () {
      const pid = yield* fork(function* () {
        for (;;) yield* sleepSeconds(10);
      });
      yield* kill(pid, SIGTERM);
      [, status] = yield* waitpid(pid);
      return 0;
    });
    runToIdle(k);
    expect(WIFSIGNALED(status) && WTERMSIG(status)).toBe(SIGTERM);
  });

  it('runs a handler, interrupts a sleep with EINTR, and restarts under SA_RESTART', () => {
    const k = bareKernel();
    const log: string[] = [];
    spawn(k, function* () {
      yield* sigaction(SIGUSR1, function* (sig) {
        log.push(`handler ${sig}`);
      });
      const me = yield* getpid();
      yield* fork(function* () {
        yield* kill(me, SIGUSR1);
        return 0;
      });
      const r = yield* sleepSeconds(5);
      log.push(`sleep ${r} ${errno() === EINTR ? 'EINTR' : errno()}`);
      yield* waitpid(-1);
      // pause() is never restarted; with SA_RESTART a blocking wait4 is.
      yield* sigaction(SIGUSR1, function* () {
        log.push('handler again');
      }, { flags: SA_RESTART });
      const child = yield* fork(function* () {
        yield* kill(me, SIGUSR1);
        yield* sleepSeconds(1);
        return 7;
      });
      const [got, status] = yield* waitpid(child);
      log.push(`wait ${got === child} ${WEXITSTATUS(status)}`);
      return 0;
    });
    runToIdle(k);
    expect(log).toEqual(['handler 10', 'sleep -1 EINTR', 'handler again', 'wait true 7']);
  });

  it('sleeps in virtual time', () => {
    const k = bareKernel();
    spawn(k, function* () {
      yield* sleepSeconds(2.5);
      return 0;
    });
    runToIdle(k);
    expect(k.clock.now()).toBeGreaterThanOrEqual(2.5e9);
    expect(k.clock.now()).toBeLessThan(2.6e9);
  });

  it('stops and continues a child, visible to WUNTRACED', () => {
    const k = bareKernel();
    const seen: number[] = [];
    spawn(k, function* () {
      const pid = yield* fork(function* () {
        for (;;) yield* sleepSeconds(1);
      });
      yield* kill(pid, SIGSTOP);
      const [, st] = yield* waitpid(pid, WUNTRACED);
      seen.push(WIFSTOPPED(st) ? WSTOPSIG(st) : -1);
      yield* kill(pid, SIGCONT);
      yield* kill(pid, 9);
      const [, st2] = yield* waitpid(pid);
      seen.push(WTERMSIG(st2));
      return 0;
    });
    runToIdle(k);
    expect(seen).toEqual([SIGSTOP, 9]);
  });

  it('reparents orphans to init, which reaps them', () => {
    const k = bareKernel();
    const ppids: number[] = [];
    spawn(k, function* () {
      // pid 1 acts as init: it waits for everything.
      const mid = yield* fork(function* () {
        yield* fork(function* () {
          yield* sleepSeconds(1);
          ppids.push(yield* getppid());
          return 0;
        });
        return 0;
      });
      yield* waitpid(mid);
      for (;;) {
        const [r] = yield* waitpid(-1);
        if (r < 0) break;
      }
      return 0;
    });
    runToIdle(k);
    expect(ppids).toEqual([1]);
    expect(k.tasks.size).toBe(0);
  });

  it('does not leave zombies when SIGCHLD is ignored', () => {
    const k = bareKernel();
    const seen: number[] = [];
    spawn(k, function* () {
      yield* sigaction(SIGCHLD, SIG_IGN);
      yield* fork(function* () {
        return 0;
      });
      yield* sleepSeconds(1);
      const [r] = yield* waitpid(-1);
      seen.push(r, errno());
      return 0;
    });
    runToIdle(k);
    expect(seen).toEqual([-1, ECHILD]);
  });

  it('answers bad arguments with -errno, never an exception', () => {
    const k = bareKernel();
    const r: number[] = [];
    spawn(k, function* (): Sys<number> {
      r.push(yield* raw_syscall(__NR.wait4, -1, 0xdead0000, 0, 0));
      r.push(yield* raw_syscall(__NR.kill, 99999, 0));
      r.push(yield* raw_syscall(__NR.kill, 1, 65));
      r.push(yield* raw_syscall(__NR.rt_sigaction, 9, 0x1000, 0, 8));
      r.push(yield* raw_syscall(__NR.uname, 0));
      r.push(yield* raw_syscall(999));
      r.push(yield* raw_syscall(-5));
      r.push(yield* raw_syscall(__NR.nanosleep, 0x10, 0));
      const ts = alloca(16);
      r.push(yield* raw_syscall(__NR.clock_gettime, 4242, ts));
      r.push(yield* syscall(__NR.clock_gettime, 1, ts), peekI32(ts + 8) >= 0 ? 0 : 1);
      return 0;
    });
    runToIdle(k);
    expect(r).toEqual([-ECHILD, -ESRCH, -EINVAL, -EINVAL, -EFAULT, -ENOSYS, -ENOSYS, -EFAULT, -EINVAL, 0, 0]);
  });

  it('lets only privileged or same-uid callers signal a process', () => {
    const k = bareKernel();
    const seen: number[] = [];
    spawn(k, function* () {
      yield* sleepSeconds(1);
      return 0;
    });
    spawn(k, function* () {
      seen.push(yield* raw_syscall(__NR.kill, 1, SIGTERM));
      return 0;
    }, 1000);
    runToIdle(k);
    expect(seen).toEqual([-EPERM]);
  });

  it('a vfork parent waits for its child, but SIGKILL still ends the wait (TASK_KILLABLE)', () => {
    const k = bareKernel();
    let status = -1;
    spawn(k, function* () {
      const parent = yield* fork(function* () {
        yield* vfork(function* () {
          yield* kill(yield* getpid(), SIGSTOP);
          return 0;
        });
        return 0;
      });
      yield* sleepSeconds(1);
      yield* kill(parent, 9);
      [, status] = yield* waitpid(parent);
      yield* kill(-1, 9);
      while ((yield* waitpid(-1))[0] > 0);
      return 0;
    });
    runToIdle(k);
    expect(WTERMSIG(status)).toBe(9);
    expect(k.tasks.size).toBe(0);
  });

  it('rt_sigqueueinfo delivers a queued signal, but not one that pretends to come from the kernel', () => {
    const k = bareKernel();
    const seen: number[] = [];
    spawn(k, function* () {
      const child = yield* fork(function* () {
        for (;;) yield* sleepSeconds(1);
      });
      const info = alloca(128);
      const b = new Uint8Array(128);
      const v = new DataView(b.buffer);
      v.setInt32(0, SIGTERM, true);
      v.setInt32(8, 0 /* SI_USER */, true);
      poke(info, b);
      seen.push(yield* raw_syscall(__NR.rt_sigqueueinfo, child, SIGTERM, info));
      v.setInt32(8, -1 /* SI_QUEUE */, true);
      poke(info, b);
      seen.push(yield* raw_syscall(__NR.rt_sigqueueinfo, child, SIGTERM, info));
      const [, st] = yield* waitpid(child);
      seen.push(WTERMSIG(st));
      return 0;
    });
    runToIdle(k);
    expect(seen).toEqual([-EPERM, 0, SIGTERM]);
  });

  it('_exit ends the process at once', () => {
    const k = bareKernel();
    spawn(k, function* () {
      yield* _exit(4);
      return 0;
    });
    runToIdle(k);
    expect(k.tasks.size).toBe(0);
  });

  it('a sleep stopped and continued resumes through restart_syscall and finishes (even sleeping again)', () => {
    const k = bareKernel();
    let slept = -1;
    let status = -1;
    spawn(k, function* () {
      const pid = yield* fork(function* () {
        slept = yield* sleepSeconds(2);
        return 0;
      });
      yield* sleepSeconds(0.5);
      yield* kill(pid, SIGSTOP);
      yield* kill(pid, SIGCONT);
      [, status] = yield* waitpid(pid);
      return 0;
    });
    runToIdle(k);
    expect(slept).toBe(0);
    expect(WIFEXITED(status) && WEXITSTATUS(status)).toBe(0);
  });
});
