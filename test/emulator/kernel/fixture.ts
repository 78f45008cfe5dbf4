// A kernel without a filesystem, for testing the process core (fork, exit, wait, signals, time)
// with small TypeScript programs. Each program runs in a real task with its own address space and
// reaches the kernel through the syscall entry like any program; only exec is missing.

import { Kernel } from '../../../emulator/kernel/kernel';
import { Task, ThreadGroup } from '../../../emulator/kernel/sched/task';
import { MM } from '../../../emulator/kernel/mm/mm';
import { VM_GROWSDOWN } from '../../../emulator/kernel/mm/vma';
import { Cred } from '../../../emulator/kernel/security/cred';
import { SigHand } from '../../../emulator/kernel/signal_types';
import { FilesStruct } from '../../../emulator/kernel/fs/fdtable';
import { FsStruct } from '../../../emulator/kernel/fs/fs_struct';
import type { Path } from '../../../emulator/kernel/fs/path';
import { exitSyscalls } from '../../../emulator/kernel/exit';
import { forkSyscalls } from '../../../emulator/kernel/fork';
import { signalSyscalls } from '../../../emulator/kernel/signal';
import { sys_rt_sigreturn, sys_sigaltstack } from '../../../emulator/kernel/signal_deliver';
import { sysSyscalls } from '../../../emulator/kernel/sys';
import { timeSyscalls } from '../../../emulator/kernel/time';
import { itimerSyscalls } from '../../../emulator/kernel/itimer';
import { mmapSyscalls } from '../../../emulator/kernel/mm/mmap';
import { ptraceSyscalls } from '../../../emulator/kernel/ptrace';
import { defaultRlimits } from '../../../emulator/kernel/resource';
import { UserRegs } from '../../../emulator/uapi/ptrace';
import { PROT_READ, PROT_WRITE } from '../../../emulator/uapi/mman';
import { TsContext, type Sys } from '../../../emulator/userland/runtime/context';
import { Process, setCurrent } from '../../../emulator/userland/libc/process';
import { exit } from '../../../emulator/userland/libc/unistd';

const STACK_TOP = 0x7ffffffff000;

export function bareKernel(): Kernel {
  const k = new Kernel({ seed: 1, memoryBytes: 64 << 20, nrCpus: 2, bootRealtimeNs: 0, runtime: { createContext: () => null } });
  for (const g of [exitSyscalls, forkSyscalls, signalSyscalls, sysSyscalls, timeSyscalls, itimerSyscalls, mmapSyscalls, ptraceSyscalls]) k.syscalls.register(g);
  k.syscalls.register({ rt_sigreturn: sys_rt_sigreturn, sigaltstack: sys_sigaltstack });
  return k;
}

/** Start `main` as a new process (pid 1 for the first one). */
export function spawn(k: Kernel, main: () => Sys<number>, uid = 0): Task {
  const pid = k.allocPid();
  const g = new ThreadGroup(pid, pid, pid, defaultRlimits());
  const t = new Task(k, pid, g);
  g.threads.push(t);
  t.comm = `test${pid}`;
  t.cred = new Cred();
  t.cred.uid = t.cred.euid = t.cred.suid = t.cred.fsuid = uid;
  t.sighand = new SigHand();
  t.files = new FilesStruct();
  t.fs = new FsStruct({} as Path, {} as Path);
  t.mm = new MM(k.phys);
  t.mm.observer = k.faultObserver;
  t.mm.mapArea(STACK_TOP - 0x21000, STACK_TOP, PROT_READ | PROT_WRITE, VM_GROWSDOWN, '[stack]');
  t.mm.startStack = STACK_TOP;
  t.mm.startBrk = t.mm.brk = 0x600000;
  const regs = new UserRegs();
  regs.rsp = STACK_TOP - 0x100;
  t.uctx = new TsContext(t.mm, regs, function* (ctx): Sys<void> {
    const p = new Process(ctx);
    ctx.process = p;
    setCurrent(p);
    yield* exit(yield* main());
  });
  k.tasks.set(pid, t);
  k.sched.enqueue(t);
  return t;
}

/** Run until every task sleeps with no timer left (batch mode), or `limit` rounds. */
export function runToIdle(k: Kernel, limit = 10_000): void {
  for (let i = 0; i < limit; i++) {
    const s = k.run(64);
    if (s === 'halted') return;
    if (s === 'idle') {
      const next = k.clock.nextDeadline();
      if (next === null) return;
      k.clock.advanceTo(next);
    }
  }
  throw new Error('kernel did not go idle');
}
