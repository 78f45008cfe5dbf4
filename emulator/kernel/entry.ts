// The way into the kernel and back out (arch/x86/entry/common.c): do_syscall_64 for `syscall`,
// exception handling for faults, and the work done on every return to user mode.

import { EFAULT, ENOSYS } from '../uapi/errno';
import {
  SIGFPE, SIGILL, SIGKILL, SIGSEGV, SIGTRAP, SEGV_ACCERR, SEGV_MAPERR, sigmask,
} from '../uapi/signal';
import {
  TRAP_SYSCALL, X86_TRAP_BP, X86_TRAP_DB, X86_TRAP_DE, X86_TRAP_GP, X86_TRAP_MF, X86_TRAP_PF, X86_TRAP_UD, X86_TRAP_XF, LOCAL_TIMER_VECTOR, PF_PROT, type Trap,
} from '../uapi/traps';
import { COST } from './sched/clock';
import { SLEEP } from './sched/waitqueue';
import { TASK_RUNNING, EXIT_ZOMBIE, EXIT_DEAD, type Task } from './sched/task';
import { makeSiginfo } from './signal_types';
import { force_sig_info } from './signal';
import { do_signal } from './signal_deliver';
import { fpu__exception_code } from './fpu_signal';
import { do_exit, do_group_exit } from './exit';
import { PtraceStage, ptrace_stop, ptrace_syscall_event, syscall_stop_code } from './ptrace';
import { signal_pending } from './signal_pending';
import { trace_sys_enter, trace_sys_exit } from './trace/trace_syscalls';

/**
 * Enter a syscall for `t`: the number is in rax (kept in orig_rax from now on), the arguments in
 * rdi, rsi, rdx, r10, r8, r9; the result goes back to rax. A tracer that asked for syscall stops
 * sees the task stop here first, with rax = -ENOSYS, and may change the number or the arguments.
 */
export function do_syscall_64(t: Task): void {
  const regs = t.uctx.regs;
  const nr = regs.rax;
  regs.orig_rax = nr;
  regs.rax = -ENOSYS; // what a call without a handler returns (and a tracer sees at entry)
  if (t.kernel.trace.enabled) trace_sys_enter(t, nr);
  if (t.ptrace?.syscall) {
    ptrace_stop(t, syscall_stop_code(t), PtraceStage.SyscallEntry, null);
    return;
  }
  const brk = t.kernel.syscall_entry_break;
  if (brk !== null && brk(t)) {
    // Stopped at entry for the host's single-step: the call is entered (and traced) but not run.
    // The slice ends here; the task stays runnable and, when next scheduled, runs the handler the
    // way a call that slept runs it again (run_task_once → invoke_syscall).
    t.inSyscall = true;
    t.kernel.yieldRequested = true;
    return;
  }
  invoke_syscall(t);
}

/**
 * Run the handler of the syscall in orig_rax — for the first time, or again after the task slept
 * in it (the SLEEP protocol of waitqueue.ts). A number without a handler — such as the -1 a
 * tracer writes to orig_rax to skip a call — leaves rax as it is: -ENOSYS, or what the tracer put there.
 */
function invoke_syscall(t: Task): void {
  const kernel = t.kernel;
  const regs = t.uctx.regs;
  const nr = regs.orig_rax;
  const handler = nr >= 0 && nr < kernel.syscalls.handlers.length ? kernel.syscalls.handlers[nr] : undefined;
  let ret: number;
  try {
    ret = handler ? handler(t, regs.rdi, regs.rsi, regs.rdx, regs.r10, regs.r8, regs.r9) : regs.rax;
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
  if (t.ptraceStage === PtraceStage.ExitEvent) return; // stopped inside do_exit
  if (t.ptraceEvent) {
    const event = t.ptraceEvent;
    t.ptraceEvent = 0;
    ptrace_syscall_event(t, event, ret);
    return;
  }
  syscall_exit_work(t, nr, ret);
}

/** The result goes to rax; the trace and a syscall-tracing tracer see the exit. */
function syscall_exit_work(t: Task, nr: number, ret: number): void {
  t.uctx.regs.rax = ret;
  if (t.kernel.trace.enabled) trace_sys_exit(t, nr, ret);
  if (t.ptrace?.syscall) ptrace_stop(t, syscall_stop_code(t), PtraceStage.SyscallExit, null);
}

/**
 * Carry on after a ptrace stop, from where the task stopped. A task woken by SIGKILL instead of its
 * tracer does not run the syscall it stopped in front of; it goes straight to dying.
 */
function ptrace_resume_point(t: Task): void {
  const stage = t.ptraceStage;
  t.ptraceStage = PtraceStage.None;
  const killed = t.group.groupExit || (t.pending.set & sigmask(SIGKILL)) !== 0n;
  switch (stage) {
    case PtraceStage.SyscallEntry:
      if (killed) t.uctx.regs.orig_rax = -1;
      else invoke_syscall(t);
      break;
    case PtraceStage.SyscallEvent:
      syscall_exit_work(t, t.uctx.regs.orig_rax, t.ptraceRet);
      break;
    case PtraceStage.Signal: {
      const inject = t.ptraceInject;
      t.ptraceInject = null;
      do_signal(t, inject);
      break;
    }
    case PtraceStage.ExitEvent:
      do_exit(t, t.ptraceRet, true);
      break;
    default: // SyscallExit and Trap: only the return-to-user work is left
  }
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
    case X86_TRAP_MF:
    case X86_TRAP_XF: { // math_error
      const code = fpu__exception_code(trap.errorCode ?? 0);
      if (code) force_sig_info(makeSiginfo(SIGFPE, code, { addr: regs.rip }), t);
      break;
    }
    case X86_TRAP_UD:
      if (trap.message) t.kernel.printk(4, `${t.comm}[${t.tgid}]: ${trap.message}`);
      force_sig_info(makeSiginfo(SIGILL, 2 /* ILL_ILLOPN */, { addr: regs.rip }), t);
      break;
    case X86_TRAP_BP:
      force_sig_info(makeSiginfo(SIGTRAP, 0x80 /* SI_KERNEL */), t);
      break;
    case X86_TRAP_DB:
      force_sig_info(makeSiginfo(SIGTRAP, 2 /* TRAP_TRACE */, { addr: regs.rip }), t);
      break;
    case LOCAL_TIMER_VECTOR:
      break; // an interrupt, not an exception: the return-to-user work below may reschedule or deliver signals
    case X86_TRAP_GP:
    default:
      if (trap.message) t.kernel.printk(4, `${t.comm}[${t.tgid}]: general protection: ${trap.message}`);
      force_sig_info(makeSiginfo(SIGSEGV, 0x80 /* SI_KERNEL */), t);
  }
}

/**
 * Run `t` in user mode up to the next trap and handle it, then do the exit-to-user work
 * (signals). A task resumed in the middle of a syscall re-runs its handler instead; a task
 * resumed from a ptrace stop carries on from where it stopped.
 */
export function run_task_once(t: Task): void {
  const kernel = t.kernel;
  if (t.ptraceStage !== PtraceStage.None) {
    ptrace_resume_point(t);
  } else if (t.inSyscall) {
    invoke_syscall(t);
  } else if (t.notifyResume) {
    // A new or just-resumed task checks for signals before it runs any user code, as the
    // return-to-user path of ret_from_fork does.
    t.notifyResume = false;
    if (signal_pending(t)) do_signal(t);
    if (t.state !== TASK_RUNNING) return;
    return run_task_once(t);
  } else {
    // The vDSO's data page must match the clock before x86 code can read it (vdso.ts).
    if (kernel.vdso !== null && t.uctx.arch === 'x86-64') kernel.vdso.enter_user(t.cpu);
    const start = kernel.clock.now();
    const trap = t.uctx.run();
    if (trap.vdsoCalls) for (const v of trap.vdsoCalls) kernel.traceEvent(t, { kind: 'vdso', name: v.name }, start + v.ns);
    const ns = trap.ns ?? COST.userSegment;
    kernel.clock.advance(ns);
    t.utime += ns;
    if (trap.vector === TRAP_SYSCALL) do_syscall_64(t);
    else do_trap(t, trap);
  }
  if (t.state !== TASK_RUNNING || t.inSyscall) return;
  const regs = t.uctx.regs;
  const restartCode = regs.orig_rax >= 0 && regs.rax <= -512 && regs.rax >= -516;
  if (restartCode || signal_pending(t) || t.savedSigmask !== null) do_signal(t);
}
