// Signal generation and the signal syscalls (kernel/signal.c). Delivery — what happens when the
// task returns to user mode with a signal pending — is in signal_deliver.ts.

import { EFAULT, EINVAL, EPERM, ESRCH, ERESTARTNOHAND } from '../uapi/errno';
import {
  SA_NOCLDSTOP, SIGACTION, SIGACTION_SIZE, SIGCHLD, SIGCONT, SIGKILL, SIGSTOP, SIGTSTP, SIGTTIN, SIGTTOU,
  SIG_BLOCK, SIG_DFL, SIG_IGN, SIG_SETMASK, SIG_UNBLOCK, SI_TKILL, SI_USER, NSIG, UNBLOCKABLE,
  defaultAction, sigmask, CLD_CONTINUED, CLD_STOPPED,
} from '../uapi/signal';
import { copy_from_user, copy_to_user, StructReader, StructWriter } from './mm/uaccess';
import { makeSiginfo, type KernelSiginfo, type SigPending } from './signal_types';
import { signal_pending } from './signal_pending';
import { sleepOn } from './sched/wait';
import { EXIT_DEAD, EXIT_ZOMBIE, TASK_INTERRUPTIBLE, TASK_STOPPED, TASK_TRACED, type Task } from './sched/task';
import { ptrace_listen_wake } from './ptrace';
import type { SyscallGroup } from './syscalls/types';

const STOP_SIGNALS = sigmask(SIGSTOP) | sigmask(SIGTSTP) | sigmask(SIGTTIN) | sigmask(SIGTTOU);
export const SIG_KERNEL_STOP_MASK = STOP_SIGNALS;

export const validSignal = (sig: number) => Number.isInteger(sig) && sig >= 1 && sig <= NSIG;

/** Would this signal be thrown away at generation (SIG_IGN, or SIG_DFL whose default is ignore)? */
function sig_ignored(t: Task, sig: number): boolean {
  if ((t.blocked & sigmask(sig)) !== 0n) return false;
  // A tracer sees every signal, even one the tracee ignores (it is dropped at delivery instead).
  if (t.ptrace && sig !== SIGKILL) return false;
  const h = t.sighand.action[sig]!.handler;
  return h === SIG_IGN || (h === SIG_DFL && defaultAction(sig) === 'ign');
}

/**
 * prepare_signal: side effects of generating a stop or continue signal. SIGCONT resumes a stopped
 * group (and tells the parent); a stop signal cancels a pending SIGCONT. Returns false if the
 * signal is to be dropped.
 */
function prepare_signal(sig: number, p: Task): boolean {
  const g = p.group;
  if (p.state === EXIT_ZOMBIE || p.state === EXIT_DEAD || g.groupExit) return sig === SIGKILL;
  if ((sigmask(sig) & STOP_SIGNALS) !== 0n) {
    flush(g.sharedPending, sigmask(SIGCONT));
    for (const th of g.threads) flush(th.pending, sigmask(SIGCONT));
  } else if (sig === SIGCONT || sig === SIGKILL) {
    flush(g.sharedPending, STOP_SIGNALS);
    for (const th of g.threads) flush(th.pending, STOP_SIGNALS);
    if (g.stopped) {
      g.stopped = false;
      // A thread in a ptrace stop stays there (its tracer resumes it); one that listens hears of it.
      for (const th of g.threads) {
        if (th.state === TASK_STOPPED) p.kernel.sched.resumeStopped(th);
        else if (th.state === TASK_TRACED) ptrace_listen_wake(th);
      }
      if (sig === SIGCONT) {
        g.notifyParent = 'continued';
        do_notify_parent_cldstop(p.leader, CLD_CONTINUED, SIGCONT);
      }
    }
  }
  return !sig_ignored(p, sig);
}

function flush(pending: SigPending, mask: bigint): void {
  if ((pending.set & mask) === 0n) return;
  pending.set &= ~mask;
  for (let i = pending.queue.length - 1; i >= 0; i--) {
    if ((sigmask(pending.queue[i]!.signo) & mask) !== 0n) pending.queue.splice(i, 1);
  }
}

/**
 * send_signal: queue `info` on a thread (group=false) or its process (group=true) and wake a thread
 * that can take it. Standard signals do not queue twice; real-time ones do.
 */
export function send_signal(info: KernelSiginfo, p: Task, group: boolean): number {
  const sig = info.signo;
  // A legacy clone() may name any exit signal up to 255; one that does not exist is not sent.
  if (!validSignal(sig)) return -EINVAL;
  p.kernel.traceEvent(p, { kind: 'signal_generate', sig, code: info.code, target: p.tid });
  if (!prepare_signal(sig, p)) return 0;
  const pending = group ? p.group.sharedPending : p.pending;
  const bit = sigmask(sig);
  if (sig < 32 && (pending.set & bit) !== 0n) return 0;
  pending.set |= bit;
  pending.queue.push(info);
  complete_signal(sig, p, group);
  return 0;
}

/** Pick a thread to wake for a new signal; SIGKILL takes the whole group down at once. */
function complete_signal(sig: number, p: Task, group: boolean): void {
  const g = p.group;
  if (sig === SIGKILL && group) {
    g.groupExit = true;
    g.groupExitCode = SIGKILL;
    for (const th of g.threads) {
      th.pending.set |= sigmask(SIGKILL);
      signal_wake_up(th, true);
    }
    return;
  }
  const candidates = group ? g.threads : [p];
  const target = candidates.find((th) => (th.blocked & sigmask(sig)) === 0n) ?? null;
  if (target) signal_wake_up(target, sig === SIGKILL);
}

/** Wake a task sleeping interruptibly so it notices its signal; a fatal one also ends a stop. */
export function signal_wake_up(t: Task, fatal: boolean): void {
  if (t.state === TASK_INTERRUPTIBLE || (fatal && t.killable)) t.kernel.sched.wakeUp(t);
  else if (fatal && (t.state === TASK_STOPPED || t.state === TASK_TRACED)) t.kernel.sched.resumeStopped(t);
}

/** send_sig: a signal from the kernel itself (SIGPIPE, SIGXFSZ…) to one thread. */
export function send_sig(sig: number, t: Task, priv = true): number {
  return send_signal(makeSiginfo(sig, priv ? 0x80 /* SI_KERNEL */ : SI_USER), t, false);
}

/**
 * force_sig_info: a synchronous signal from an exception (SIGSEGV, SIGFPE…). If the task blocks or
 * ignores it, the handler is reset to SIG_DFL and the signal unblocked, so it cannot be lost.
 */
export function force_sig_info(info: KernelSiginfo, t: Task): void {
  const sig = info.signo;
  const act = t.sighand.action[sig]!;
  if (act.handler === SIG_IGN || (t.blocked & sigmask(sig)) !== 0n) {
    t.blocked &= ~sigmask(sig);
    if (act.handler === SIG_IGN) act.handler = SIG_DFL;
  }
  send_signal(info, t, false);
}

/** May `t` signal `target`? (kill_ok_by_cred: same real/effective uid, or privileged; SIGCONT within a session.) */
function kill_ok(t: Task, target: Task, sig: number): boolean {
  const c = t.cred;
  const tc = target.cred;
  if (c.capable()) return true;
  if (c.euid === tc.suid || c.euid === tc.uid || c.uid === tc.suid || c.uid === tc.uid) return true;
  return sig === SIGCONT && t.group.sid === target.group.sid;
}

/** Send to a process (by its leader), checking permission; sig 0 only checks. */
export function group_send_sig_info(t: Task, sig: number, info: KernelSiginfo, target: Task): number {
  if (!kill_ok(t, target, sig)) return -EPERM;
  if (sig === 0) return 0;
  return send_signal(info, target, true);
}

/** Every live process (thread group leader), in pid order. */
export function processes(t: Task): Task[] {
  const out: Task[] = [];
  for (const p of t.kernel.tasks.values()) if (p.isLeader && p.state !== EXIT_DEAD) out.push(p);
  return out;
}

/** kill_pgrp: every process of a process group. Returns -ESRCH if there is none. */
export function kill_pgrp(t: Task, pgid: number, sig: number, info: KernelSiginfo): number {
  let found = false;
  let err = -ESRCH;
  for (const p of processes(t)) {
    if (p.group.pgid !== pgid) continue;
    found = true;
    const r = group_send_sig_info(t, sig, info, p);
    if (r === 0 || err === -ESRCH) err = r;
  }
  return found ? (err === -ESRCH ? 0 : err) : -ESRCH;
}

function userInfo(t: Task, sig: number): KernelSiginfo {
  return makeSiginfo(sig, SI_USER, { pid: t.tgid, uid: t.cred.uid });
}

/** kill(2). */
export function sys_kill(t: Task, pidArg: number, sigArg: number): number {
  const pid = pidArg | 0;
  const sig = sigArg | 0;
  if (sig !== 0 && !validSignal(sig)) return -EINVAL;
  const info = userInfo(t, sig);
  if (pid > 0) {
    const p = t.kernel.tasks.get(pid);
    if (!p || !p.isLeader || p.state === EXIT_DEAD) return -ESRCH;
    return group_send_sig_info(t, sig, info, p);
  }
  if (pid === -1) {
    // Everyone we may signal except init and ourselves.
    let count = 0;
    let ret = 0;
    for (const p of processes(t)) {
      if (p.tgid === 1 || p.group === t.group) continue;
      const r = group_send_sig_info(t, sig, info, p);
      count++;
      if (r !== -EPERM) ret = r;
    }
    return count ? ret : -ESRCH;
  }
  if (pid === -2147483648) return -ESRCH;
  return kill_pgrp(t, pid === 0 ? t.group.pgid : -pid, sig, info);
}

/** tgkill(2) and tkill(2): a signal to one thread. */
function do_tkill(t: Task, tgid: number, tid: number, sig: number): number {
  if (tid <= 0 || (sig !== 0 && !validSignal(sig))) return -EINVAL;
  const p = t.kernel.tasks.get(tid);
  if (!p || p.state === EXIT_DEAD || (tgid > 0 && p.tgid !== tgid)) return -ESRCH;
  if (!kill_ok(t, p, sig)) return -EPERM;
  if (sig === 0) return 0;
  return send_signal(makeSiginfo(sig, SI_TKILL, { pid: t.tgid, uid: t.cred.uid }), p, false);
}

export function sys_tgkill(t: Task, tgid: number, tid: number, sig: number): number {
  if ((tgid | 0) <= 0) return -EINVAL;
  return do_tkill(t, tgid | 0, tid | 0, sig | 0);
}

export function sys_tkill(t: Task, tid: number, sig: number): number {
  return do_tkill(t, 0, tid | 0, sig | 0);
}

/**
 * rt_sigqueueinfo(2) (sigqueue's syscall): a signal with a caller-made siginfo. Only the kernel
 * may claim to be the kernel: to another process, si_code must be negative (SI_QUEUE…) and not
 * SI_TKILL, else EPERM.
 */
export function sys_rt_sigqueueinfo(t: Task, tgid: number, sigArg: number, uinfo: number): number {
  const sig = sigArg | 0;
  if (sig !== 0 && !validSignal(sig)) return -EINVAL;
  const raw = copy_from_user(t, uinfo, 128);
  if (typeof raw === 'number') return raw;
  const r = new StructReader(raw);
  const code = r.i32(8);
  const p = t.kernel.tasks.get(tgid | 0);
  if (!p || !p.isLeader || p.state === EXIT_DEAD) return -ESRCH;
  if ((code >= 0 || code === SI_TKILL) && p.group !== t.group) return -EPERM;
  // The sender's pid and uid are the kernel's to fill in, whatever the caller wrote.
  const info = makeSiginfo(sig, code, { pid: t.tgid, uid: t.cred.uid, status: r.i32(24) });
  return group_send_sig_info(t, sig, info, p);
}

/** rt_sigaction(2): the handler table entry for one signal. */
export function sys_rt_sigaction(t: Task, sigArg: number, act: number, oact: number, sigsetsize: number): number {
  const sig = sigArg | 0;
  if (sigsetsize !== 8) return -EINVAL;
  if (!validSignal(sig) || (act !== 0 && (sig === SIGKILL || sig === SIGSTOP))) return -EINVAL;
  let next = null;
  if (act !== 0) {
    const raw = copy_from_user(t, act, SIGACTION_SIZE);
    if (typeof raw === 'number') return raw;
    const r = new StructReader(raw);
    next = {
      handler: Number(r.u64(SIGACTION.handler)),
      flags: r.u32(SIGACTION.flags),
      restorer: Number(r.u64(SIGACTION.restorer)),
      mask: r.u64(SIGACTION.mask) & ~UNBLOCKABLE,
    };
  }
  const cur = t.sighand.action[sig]!;
  if (oact !== 0) {
    const w = new StructWriter(SIGACTION_SIZE)
      .u64(SIGACTION.handler, cur.handler)
      .u64(SIGACTION.flags, cur.flags)
      .u64(SIGACTION.restorer, cur.restorer)
      .u64(SIGACTION.mask, cur.mask);
    if (copy_to_user(t, oact, w.bytes) < 0) return -EFAULT;
  }
  if (next) {
    t.sighand.action[sig] = next;
    // POSIX: setting a signal to be ignored discards it if pending, in every thread.
    if (sig_ignored(t, sig)) {
      flush(t.group.sharedPending, sigmask(sig));
      for (const th of t.group.threads) flush(th.pending, sigmask(sig));
    }
  }
  return 0;
}

/** Apply a new blocked mask; SIGKILL and SIGSTOP can never be blocked. */
export function set_current_blocked(t: Task, mask: bigint): void {
  t.blocked = mask & ~UNBLOCKABLE & ((1n << 64n) - 1n);
}

export function sys_rt_sigprocmask(t: Task, how: number, set: number, oset: number, sigsetsize: number): number {
  if (sigsetsize !== 8) return -EINVAL;
  const old = t.blocked;
  if (set !== 0) {
    const raw = copy_from_user(t, set, 8);
    if (typeof raw === 'number') return raw;
    const m = new StructReader(raw).u64(0);
    switch (how | 0) {
      case SIG_BLOCK: set_current_blocked(t, old | m); break;
      case SIG_UNBLOCK: set_current_blocked(t, old & ~m); break;
      case SIG_SETMASK: set_current_blocked(t, m); break;
      default: return -EINVAL;
    }
  }
  if (oset !== 0 && copy_to_user(t, oset, new StructWriter(8).u64(0, old).bytes) < 0) return -EFAULT;
  return 0;
}

export function sys_rt_sigpending(t: Task, set: number, sigsetsize: number): number {
  if (sigsetsize > 8) return -EINVAL;
  const m = (t.pending.set | t.group.sharedPending.set) & t.blocked;
  return copy_to_user(t, set, new StructWriter(8).u64(0, m).bytes.subarray(0, sigsetsize)) < 0 ? -EFAULT : 0;
}

/** pause(2): sleep until a signal is delivered; always "fails" with EINTR after the handler. */
export function sys_pause(t: Task): number {
  if (signal_pending(t)) return -ERESTARTNOHAND;
  const r = sleepOn(t);
  return r < 0 && r !== -512 ? r : -ERESTARTNOHAND;
}

/** rt_sigsuspend(2): swap in a mask and pause; the old mask comes back after the handler runs. */
export function sys_rt_sigsuspend(t: Task, unewset: number, sigsetsize: number): number {
  if (sigsetsize !== 8) return -EINVAL;
  if (!t.restart) {
    const raw = copy_from_user(t, unewset, 8);
    if (typeof raw === 'number') return raw;
    t.savedSigmask = t.blocked;
    set_current_blocked(t, new StructReader(raw).u64(0));
    t.restart = { suspended: true };
  }
  if (signal_pending(t)) return -ERESTARTNOHAND;
  const r = sleepOn(t);
  return r < 0 && r !== -512 ? r : -ERESTARTNOHAND;
}

/**
 * do_notify_parent_cldstop: tell the parent a child stopped or continued (SIGCHLD with CLD_STOPPED
 * or CLD_CONTINUED) unless it asked not to hear about stops (SA_NOCLDSTOP), and wake its wait.
 */
export function do_notify_parent_cldstop(child: Task, why: number, sig: number): void {
  const parent = child.parent;
  if (!parent) return;
  const act = parent.sighand.action[SIGCHLD]!;
  if (!(act.handler === SIG_IGN || act.flags & SA_NOCLDSTOP)) {
    send_signal(makeSiginfo(SIGCHLD, why, { pid: child.tgid, uid: child.cred.uid, status: sig }), parent, true);
  }
  parent.group.waitChldExit.wakeAll();
}

export const signalSyscalls: SyscallGroup = {
  kill: sys_kill,
  tkill: sys_tkill,
  tgkill: sys_tgkill,
  rt_sigqueueinfo: sys_rt_sigqueueinfo,
  rt_sigaction: sys_rt_sigaction,
  rt_sigprocmask: sys_rt_sigprocmask,
  rt_sigpending: sys_rt_sigpending,
  rt_sigsuspend: sys_rt_sigsuspend,
  pause: sys_pause,
};

export { CLD_STOPPED };
