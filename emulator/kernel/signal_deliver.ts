// Signal delivery on the way back to user mode (kernel/signal.c get_signal, arch/x86/kernel/signal.c).
//
// Before a task returns to user space the kernel looks for an unblocked pending signal. The default
// action may end the process, stop it, or do nothing; a handler gets an rt_sigframe built on the
// user stack — the interrupted registers (ucontext), the siginfo, and a return address pointing at
// the restorer, which calls rt_sigreturn to put everything back. A syscall interrupted by the
// signal is either restarted (rip moved back onto the `syscall` instruction) or fails with EINTR.

import {
  EFAULT, EINTR, EINVAL, ENOMEM, EPERM, ERESTARTNOHAND, ERESTARTNOINTR, ERESTARTSYS, ERESTART_RESTARTBLOCK,
} from '../uapi/errno';
import {
  SA_NODEFER, SA_ONSTACK, SA_RESETHAND, SA_RESTART, SIGCHLD, SIGINFO, SIGINFO_SIZE, SIGKILL, SIG_DFL,
  SIG_IGN, defaultAction, sigmask, CLD_STOPPED, SS_DISABLE, SS_ONSTACK, STACK_T, STACK_T_SIZE, UCONTEXT, UCONTEXT_SIZE,
} from '../uapi/signal';
import { __NR } from '../uapi/unistd_64';
import { copy_from_user, copy_to_user, StructReader, StructWriter } from './mm/uaccess';
import type { KernelSiginfo, KSigaction } from './signal_types';
import { do_group_exit } from './exit';
import { do_notify_parent_cldstop, send_signal, set_current_blocked } from './signal';
import { ptrace_group_stop, ptrace_signal_stop, ptrace_trap_stop } from './ptrace';
import { formatSignalLine } from '../trace/decode';
import { TASK_STOPPED, type Task } from './sched/task';
import { copy_fpstate_to_sigframe, fpu__alloc_mathframe, fpu__restore_sig } from './fpu_signal';

/** struct sigcontext offsets (x86-64, 256 bytes). */
const SC = {
  r8: 0, r9: 8, r10: 16, r11: 24, r12: 32, r13: 40, r14: 48, r15: 56, rdi: 64, rsi: 72, rbp: 80,
  rbx: 88, rdx: 96, rax: 104, rcx: 112, rsp: 120, rip: 128, eflags: 136, cs: 144, err: 152,
  trapno: 160, oldmask: 168, cr2: 176, fpstate: 184,
} as const;
/** struct ucontext (uapi): flags, link, stack_t, sigcontext, sigmask. */
const UC = UCONTEXT;
/** struct rt_sigframe: the return address, the ucontext, the siginfo. */
const FRAME = { pretcode: 0, uc: 8, info: 8 + UCONTEXT_SIZE } as const;
const FRAME_SIZE = 8 + UCONTEXT_SIZE + SIGINFO_SIZE;
const REDZONE = 128;

/** Take the next deliverable signal: synchronous (thread) ones first, lowest number first. */
function dequeue_signal(t: Task): KernelSiginfo | null {
  for (const pending of [t.pending, t.group.sharedPending]) {
    const ready = pending.set & ~t.blocked;
    if (ready === 0n) continue;
    let sig = 1;
    while (((ready >> BigInt(sig - 1)) & 1n) === 0n) sig++;
    const idx = pending.queue.findIndex((i) => i.signo === sig);
    const info = idx >= 0 ? pending.queue.splice(idx, 1)[0]! : null;
    if (!pending.queue.some((i) => i.signo === sig)) pending.set &= ~sigmask(sig);
    return info ?? { signo: sig, errno: 0, code: 0, pid: 0, uid: 0, status: 0, addr: 0, utime: 0, stime: 0 };
  }
  return null;
}

/**
 * exit_to_user_mode's signal work (arch_do_signal_or_restart). Called after every syscall and
 * exception while the task is still running; orig_rax >= 0 says rax holds a syscall result.
 * A traced task stops before each signal it would act on and lets its tracer decide (ptrace.ts);
 * when it runs again, `injected` is the signal the tracer chose (null: the signal was suppressed).
 */
export function do_signal(t: Task, injected: KernelSiginfo | null = null): void {
  const regs = t.uctx.regs;
  const fromSyscall = regs.orig_rax >= 0;
  for (;;) {
    if (t.group.groupExit) {
      do_group_exit(t, t.group.groupExitCode);
      return;
    }
    let info: KernelSiginfo | null;
    if (injected) {
      info = injected;
      injected = null;
      // A signal the tracer injected that the task blocks waits in the queue (ptrace_signal).
      if ((t.blocked & sigmask(info.signo)) !== 0n) {
        send_signal(info, t, false);
        continue;
      }
    } else {
      if (t.ptrace?.trapStop) {
        ptrace_trap_stop(t);
        return;
      }
      info = dequeue_signal(t);
      if (!info) break;
      if (t.ptrace && info.signo !== SIGKILL) {
        ptrace_signal_stop(t, info);
        return;
      }
    }
    const sig = info.signo;
    const act = t.sighand.action[sig]!;
    trace_signal_deliver(t, info, act.handler);
    if (act.handler === SIG_IGN) continue;
    if (act.handler === SIG_DFL) {
      const what = sig === SIGKILL ? 'term' : defaultAction(sig);
      if (what === 'ign' || what === 'cont') continue;
      if (what === 'stop') {
        // Stops are discarded for a process group with no parent in the session to continue it
        // (orphaned); SIGSTOP itself always stops.
        if (sig !== 19 && isOrphanedPgrp(t)) continue;
        if (fromSyscall) restartIfInterrupted(t, null);
        do_signal_stop(t, sig);
        return;
      }
      // Term or core: Debian's default core limit is 0, so no core file and no 0x80 flag.
      do_group_exit(t, sig);
      return;
    }
    if (fromSyscall) restartIfInterrupted(t, act);
    handle_signal(t, info, act);
    return;
  }
  if (fromSyscall) restartIfInterrupted(t, null);
  if (t.savedSigmask !== null) {
    set_current_blocked(t, t.savedSigmask);
    t.savedSigmask = null;
  }
}

/**
 * A syscall that returned one of the internal restart codes: with no handler it runs again
 * (rip back onto `syscall`); with a handler it fails with EINTR unless SA_RESTART asks otherwise.
 */
function restartIfInterrupted(t: Task, act: KSigaction | null): void {
  const regs = t.uctx.regs;
  if (regs.orig_rax < 0) return;
  const ret = regs.rax;
  let restart: boolean;
  switch (-ret) {
    case ERESTART_RESTARTBLOCK:
    case ERESTARTNOHAND:
      restart = act === null;
      break;
    case ERESTARTSYS:
      restart = act === null || (act.flags & SA_RESTART) !== 0;
      break;
    case ERESTARTNOINTR:
      restart = true;
      break;
    default:
      regs.orig_rax = -1;
      return;
  }
  if (restart) {
    regs.rax = -ret === ERESTART_RESTARTBLOCK ? __NR.restart_syscall : regs.orig_rax;
    regs.rip -= 2;
  } else {
    regs.rax = -EINTR;
  }
  regs.orig_rax = -1;
}

/** Is this task's process group orphaned (no member has a parent in another group of the session)? */
function isOrphanedPgrp(t: Task): boolean {
  const pgid = t.group.pgid;
  for (const p of t.kernel.tasks.values()) {
    if (!p.isLeader || p.group.pgid !== pgid || !p.parent) continue;
    const pp = p.parent;
    if (pp.group.pgid !== pgid && pp.group.sid === p.group.sid) return false;
  }
  return true;
}

/**
 * The signal_deliver event: a signal leaves the queue to be acted on (handled, ignored or its
 * default action). With decoding on it carries strace's `--- SIG… {…} ---` line.
 */
function trace_signal_deliver(t: Task, info: KernelSiginfo, handler: number): void {
  const kernel = t.kernel;
  if (!kernel.trace.enabled) return;
  const ev = { kind: 'signal_deliver' as const, sig: info.signo, code: info.code, target: handler };
  if (!kernel.trace.decode) return kernel.traceEvent(t, ev);
  const f = new StructWriter(SIGINFO_SIZE);
  writeSiginfo(f, 0, info);
  kernel.traceEvent(t, { ...ev, text: formatSignalLine(f.bytes) });
}

/**
 * do_signal_stop: the whole group stops; the parent hears CLD_STOPPED. A traced thread reports
 * its part of the stop to its tracer instead of simply stopping.
 */
function do_signal_stop(t: Task, sig: number): void {
  const g = t.group;
  if (!g.stopped) {
    g.stopped = true;
    g.stopSignal = sig;
    g.notifyParent = 'stopped';
    for (const th of g.threads) if (th !== t && !th.ptrace) th.state = TASK_STOPPED;
    do_notify_parent_cldstop(t.leader, CLD_STOPPED, sig);
  }
  if (t.ptrace) ptrace_group_stop(t, sig);
  else t.state = TASK_STOPPED;
}

/** Build the rt_sigframe and point the registers at the handler (setup_rt_frame). */
function handle_signal(t: Task, info: KernelSiginfo, act: KSigaction): void {
  const sig = info.signo;
  const regs = t.uctx.regs;
  let sp = regs.rsp - REDZONE;
  const onAlt = t.altStack.flags !== SS_DISABLE && sp > t.altStack.sp && sp <= t.altStack.sp + t.altStack.size;
  if (act.flags & SA_ONSTACK && t.altStack.flags !== SS_DISABLE && !onAlt) sp = t.altStack.sp + t.altStack.size;
  const math = fpu__alloc_mathframe(t, sp);
  const fpstate = math.size ? math.sp : 0;
  sp = math.sp - FRAME_SIZE;
  sp = sp - (sp % 16) - 8;
  const oldMask = t.savedSigmask ?? t.blocked;
  t.savedSigmask = null;

  const f = new StructWriter(FRAME_SIZE);
  f.u64(FRAME.pretcode, act.restorer);
  const uc = FRAME.uc;
  const ss = uc + UC.stack;
  f.u64(ss + STACK_T.sp, t.altStack.sp).i32(ss + STACK_T.flags, onAlt ? SS_ONSTACK : t.altStack.flags).u64(ss + STACK_T.size, t.altStack.size);
  const mc = uc + UC.mcontext;
  for (const [name, off] of Object.entries(SC)) {
    if (name in regs && name !== 'cs') f.i64(mc + off, (regs as unknown as Record<string, number>)[name]!);
  }
  f.u16(mc + SC.cs, regs.cs).u64(mc + SC.eflags, regs.eflags).u64(mc + SC.oldmask, oldMask).u64(mc + SC.fpstate, fpstate);
  f.u64(uc + UC.sigmask, oldMask);
  writeSiginfo(f, FRAME.info, info);
  if (copy_to_user(t, sp, f.bytes) < 0 || (fpstate !== 0 && !copy_fpstate_to_sigframe(t, fpstate))) {
    // A stack we cannot write to: the task dies with SIGSEGV, as Linux's signal_setup_done does.
    t.kernel.printk(4, `${t.comm}[${t.tgid}]: bad frame in signal handler setup, sp ${sp.toString(16)}`);
    do_group_exit(t, 11);
    return;
  }
  regs.rsp = sp;
  regs.rip = act.handler;
  regs.rdi = sig;
  regs.rsi = sp + FRAME.info;
  regs.rdx = sp + FRAME.uc;
  regs.rax = 0;
  regs.orig_rax = -1;
  let blocked = t.blocked | act.mask;
  if (!(act.flags & SA_NODEFER)) blocked |= sigmask(sig);
  set_current_blocked(t, blocked);
  if (act.flags & SA_RESETHAND) t.sighand.action[sig] = { handler: SIG_DFL, flags: 0, restorer: 0, mask: 0n };
}

export function writeSiginfo(f: StructWriter, off: number, info: KernelSiginfo): void {
  f.i32(off + SIGINFO.signo, info.signo).i32(off + SIGINFO.errno, info.errno).i32(off + SIGINFO.code, info.code);
  if (info.signo === 11 || info.signo === 7 || info.signo === 4 || info.signo === 8 || info.signo === 5) {
    if (info.code > 0) {
      f.u64(off + SIGINFO.addr, info.addr);
      return;
    }
  }
  f.i32(off + SIGINFO.pid, info.pid).u32(off + SIGINFO.uid, info.uid);
  if (info.signo === SIGCHLD) f.i32(off + SIGINFO.status, info.status).i64(off + 32, info.utime).i64(off + 40, info.stime);
}

/** rt_sigreturn(2): restore what setup_rt_frame saved; the frame is at rsp - 8 (the restorer popped pretcode). */
export function sys_rt_sigreturn(t: Task): number {
  const regs = t.uctx.regs;
  const frame = regs.rsp - 8;
  const raw = copy_from_user(t, frame, FRAME_SIZE);
  if (typeof raw === 'number') {
    t.kernel.printk(4, `${t.comm}[${t.tgid}]: bad frame in rt_sigreturn`);
    do_group_exit(t, 11);
    return -EFAULT;
  }
  const r = new StructReader(raw);
  const mc = FRAME.uc + UC.mcontext;
  const rr = regs as unknown as Record<string, number>;
  for (const [name, off] of Object.entries(SC)) {
    if (name in regs && name !== 'cs' && name !== 'eflags') rr[name] = r.i64(mc + off);
  }
  // Only the user-changeable arithmetic/direction flags come back (FIX_EFLAGS).
  regs.eflags = (regs.eflags & ~0x50dd5) | (Number(r.u64(mc + SC.eflags)) & 0x50dd5);
  set_current_blocked(t, r.u64(FRAME.uc + UC.sigmask));
  if (!fpu__restore_sig(t, Number(r.u64(mc + SC.fpstate)))) {
    t.kernel.printk(4, `${t.comm}[${t.tgid}]: bad frame in rt_sigreturn`);
    do_group_exit(t, 11);
    return -EFAULT;
  }
  regs.orig_rax = -1;
  return regs.rax;
}

/** sigaltstack(2). */
export function sys_sigaltstack(t: Task, uss: number, uoss: number): number {
  const cur = t.altStack;
  const onStack = cur.flags !== SS_DISABLE && t.uctx.regs.rsp > cur.sp && t.uctx.regs.rsp <= cur.sp + cur.size;
  if (uoss !== 0) {
    const w = new StructWriter(STACK_T_SIZE).u64(STACK_T.sp, cur.sp).i32(STACK_T.flags, onStack ? SS_ONSTACK : cur.flags).u64(STACK_T.size, cur.size);
    if (copy_to_user(t, uoss, w.bytes) < 0) return -EFAULT;
  }
  if (uss !== 0) {
    const raw = copy_from_user(t, uss, STACK_T_SIZE);
    if (typeof raw === 'number') return raw;
    const r = new StructReader(raw);
    const flags = r.i32(STACK_T.flags);
    if (onStack) return -EPERM;
    if (flags !== 0 && flags !== SS_DISABLE && flags !== SS_ONSTACK) return -EINVAL;
    const size = Number(r.u64(STACK_T.size));
    if (flags !== SS_DISABLE && size < 2048) return -ENOMEM; // below MINSIGSTKSZ
    t.altStack = flags === SS_DISABLE ? { sp: 0, size: 0, flags: SS_DISABLE } : { sp: Number(r.u64(STACK_T.sp)), size, flags: 0 };
  }
  return 0;
}

