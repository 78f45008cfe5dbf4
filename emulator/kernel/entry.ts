// The way into the kernel and back out (arch/x86/entry/common.c): do_syscall_64 for `syscall`,
// exception handling for faults, and the work done on every return to user mode.

import { EFAULT, ENOSYS } from '../uapi/errno';
import { syscallSignature } from '../uapi/syscall_signatures';
import {
  SIGFPE, SIGILL, SIGKILL, SIGSEGV, SIGTRAP, SEGV_ACCERR, SEGV_MAPERR,
} from '../uapi/signal';
import {
  TRAP_SYSCALL, X86_TRAP_BP, X86_TRAP_DE, X86_TRAP_GP, X86_TRAP_PF, X86_TRAP_UD, PF_PROT, type Trap,
} from '../uapi/traps';
import { COST } from './sched/clock';
import { SLEEP } from './sched/waitqueue';
import { TASK_RUNNING, EXIT_ZOMBIE, EXIT_DEAD, type Task } from './sched/task';
import { makeSiginfo } from './signal_types';
import { force_sig_info } from './signal';
import { do_signal } from './signal_deliver';
import { do_group_exit } from './exit';
import { signal_pending } from './signal_pending';
import { getname } from './mm/uaccess';

/**
 * Run one syscall for `t` (or run again the one it slept in). The number is in rax (orig_rax once
 * entered), the arguments in rdi, rsi, rdx, r10, r8, r9; the result goes back to rax.
 */
export function do_syscall_64(t: Task): void {
  const kernel = t.kernel;
  let regs = t.uctx.regs;
  const resumed = t.inSyscall;
  const nr = resumed ? regs.orig_rax : regs.rax;
  if (!resumed) {
    regs.orig_rax = nr;
    if (kernel.trace.enabled) traceEnter(t, nr);
  }
  const handler = nr >= 0 && nr < kernel.syscalls.handlers.length ? kernel.syscalls.handlers[nr] : undefined;
  let ret: number;
  try {
    ret = handler ? handler(t, regs.rdi, regs.rsi, regs.rdx, regs.r10, regs.r8, regs.r9) : -ENOSYS;
  } catch (e) {
    ret = oops(t, nr, e);
  }
  kernel.clock.advance(COST.syscall);
  t.stime += COST.syscall;
  if (ret === SLEEP) {
    t.inSyscall = true;
    return;
  }
  t.inSyscall = false;
  t.restart = null;
  if (t.state === EXIT_ZOMBIE || t.state === EXIT_DEAD) return; // exit never returns
  regs = t.uctx.regs; // execve replaced the register file
  regs.rax = ret;
  if (kernel.trace.enabled) kernel.traceEvent(t, { kind: 'sys_exit', nr, ret });
}

/**
 * A bug in a syscall handler must not take the machine down. Like a Linux oops: log it with the
 * call that hit it, kill the task that made the call, keep going. Tests treat any "BUG:" line in
 * the log as a failure.
 */
function oops(t: Task, nr: number, e: unknown): number {
  const what = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  t.kernel.printk(0, `BUG: kernel exception in syscall ${nr} (${t.comm}[${t.tid}]): ${what}`);
  t.inSyscall = false;
  do_group_exit(t, SIGKILL);
  return -EFAULT;
}

function traceEnter(t: Task, nr: number): void {
  const regs = t.uctx.regs;
  const args: [number, number, number, number, number, number] = [regs.rdi, regs.rsi, regs.rdx, regs.r10, regs.r8, regs.r9];
  const sig = syscallSignature(nr);
  let strings: (string | null)[] | null = null;
  if (sig) {
    for (let i = 0; i < sig.args.length; i++) {
      const kind = sig.args[i]![1];
      if (kind === 'path' || kind === 'string') {
        strings ??= new Array(sig.args.length).fill(null);
        const s = getname(t, args[i]!);
        strings[i] = typeof s === 'string' ? s : null;
      }
    }
  }
  t.kernel.traceEvent(t, { kind: 'sys_enter', nr, args, strings });
}

/** An exception from user mode becomes a signal, as the x86 trap handlers do (arch/x86/kernel/traps.c). */
export function do_trap(t: Task, trap: Trap): void {
  const regs = t.uctx.regs;
  regs.orig_rax = -1;
  switch (trap.vector) {
    case X86_TRAP_PF: {
      const addr = trap.addr ?? 0;
      const code = (trap.errorCode ?? 0) & PF_PROT ? SEGV_ACCERR : SEGV_MAPERR;
      t.kernel.printk(6, `${t.comm}[${t.tgid}]: segfault at ${addr.toString(16)} ip ${regs.rip.toString(16).padStart(16, '0')} sp ${regs.rsp.toString(16).padStart(16, '0')} error ${trap.errorCode ?? 4}`);
      force_sig_info(makeSiginfo(SIGSEGV, code, { addr }), t);
      break;
    }
    case X86_TRAP_DE:
      force_sig_info(makeSiginfo(SIGFPE, 1 /* FPE_INTDIV */, { addr: regs.rip }), t);
      break;
    case X86_TRAP_UD:
      if (trap.message) t.kernel.printk(4, `${t.comm}[${t.tgid}]: ${trap.message}`);
      force_sig_info(makeSiginfo(SIGILL, 2 /* ILL_ILLOPN */, { addr: regs.rip }), t);
      break;
    case X86_TRAP_BP:
      force_sig_info(makeSiginfo(SIGTRAP, 0x80 /* SI_KERNEL */), t);
      break;
    case X86_TRAP_GP:
    default:
      if (trap.message) t.kernel.printk(4, `${t.comm}[${t.tgid}]: general protection: ${trap.message}`);
      force_sig_info(makeSiginfo(SIGSEGV, 0x80 /* SI_KERNEL */), t);
  }
}

/**
 * Run `t` in user mode up to the next trap and handle it, then do the exit-to-user work
 * (signals). A task resumed in the middle of a syscall re-runs its handler instead.
 */
export function run_task_once(t: Task): void {
  const kernel = t.kernel;
  if (t.inSyscall) {
    do_syscall_64(t);
  } else {
    const trap = t.uctx.run();
    kernel.clock.advance(COST.userSegment);
    t.utime += COST.userSegment;
    if (trap.vector === TRAP_SYSCALL) do_syscall_64(t);
    else do_trap(t, trap);
  }
  if (t.state !== TASK_RUNNING || t.inSyscall) return;
  const regs = t.uctx.regs;
  const restartCode = regs.orig_rax >= 0 && regs.rax <= -512 && regs.rax >= -516;
  if (restartCode || signal_pending(t) || t.savedSigmask !== null) do_signal(t);
}
