// Creating tasks: fork, vfork, clone, clone3 (kernel/fork.c).
//
// kernel_clone copies (or, with the CLONE_* flags, shares) each part of the parent: address space,
// files, filesystem context, signal handlers; makes a new pid; and asks the architecture for the
// child's user side (copy_thread), whose rax is 0 so that fork "returns twice".

import { EAGAIN, EFAULT, EINVAL } from '../uapi/errno';
import {
  CLONE_CHILD_CLEARTID, CLONE_CHILD_SETTID, CLONE_FILES, CLONE_FS, CLONE_PARENT, CLONE_PARENT_SETTID,
  CLONE_SETTLS, CLONE_SIGHAND, CLONE_THREAD, CLONE_VFORK, CLONE_VM, CSIGNAL,
} from '../uapi/sched';
import { SIGCHLD } from '../uapi/signal';
import { PTRACE_EVENT_CLONE, PTRACE_EVENT_FORK, PTRACE_EVENT_VFORK } from '../uapi/ptrace';
import { ptrace_event_wanted, ptrace_init_task } from './ptrace';
import { copy_from_user, put_user_i32, StructReader } from './mm/uaccess';
import { mmput } from './mm/mm';
import { fatal_signal_pending, sleepKillable, SLEEP } from './sched/wait';
import { Task, ThreadGroup } from './sched/task';
import { WaitQueue } from './sched/waitqueue';
import type { SyscallGroup } from './syscalls/types';
import { cgroup_fork } from './cgroup/css_set';
import { ftrace_graph_active, ftrace_graph_call } from './trace/ftrace';

export interface CloneArgs {
  flags: number;
  exitSignal: number;
  stack: number;
  parentTid: number;
  childTid: number;
  tls: number;
}

/** copy_process + wake_up_new_task. Returns the child or -errno. */
export function copy_process(t: Task, args: CloneArgs): Task | number {
  const f = args.flags;
  if ((f & CLONE_SIGHAND && !(f & CLONE_VM)) || (f & CLONE_THREAD && !(f & CLONE_SIGHAND))) return -EINVAL;
  if (!t.mm) return -EINVAL;
  const kernel = t.kernel;
  const tid = kernel.allocPid();
  if (tid < 0) return -EAGAIN;

  const group = f & CLONE_THREAD
    ? t.group
    : new ThreadGroup(tid, t.group.pgid, t.group.sid, t.group.rlimits.map(([s, h]) => [s, h] as [number, number]));
  if (!(f & CLONE_THREAD)) {
    group.tty = t.group.tty;
    group.oomScoreAdj = t.group.oomScoreAdj;
    cgroup_fork(kernel, t.group, group);
  }
  const child = new Task(kernel, tid, group);
  group.threads.push(child);
  child.comm = t.comm;
  child.exePath = t.exePath;
  child.timerSlackNs = t.timerSlackNs;
  child.loginuid = t.loginuid;
  child.sessionid = t.sessionid;
  child.cred = t.cred.clone();
  child.blocked = t.blocked;
  child.sighand = f & CLONE_SIGHAND ? t.sighand : t.sighand.clone();
  child.fs = f & CLONE_FS ? t.fs : t.fs.clone();
  if (f & CLONE_FS) t.fs.users++;
  child.files = f & CLONE_FILES ? t.files : t.files.dup();
  if (f & CLONE_FILES) t.files.users++;
  if (f & CLONE_VM) {
    child.mm = t.mm;
    t.mm.users++;
  } else {
    child.mm = t.mm.fork();
  }
  child.uctx = t.uctx.copyThread(child.mm, args.stack);
  child.uctx.regs.rax = 0;
  if (f & CLONE_SETTLS) child.uctx.regs.fs_base = args.tls;
  child.exitSignal = f & CLONE_THREAD ? -1 : args.exitSignal;
  child.parent = f & (CLONE_PARENT | CLONE_THREAD) ? t.leader.parent : t.leader;
  if (!(f & CLONE_THREAD) && child.parent) child.parent.children.push(child);
  child.startTime = kernel.clock.now();
  if (f & CLONE_CHILD_CLEARTID) child.clearChildTid = args.childTid;
  if (f & CLONE_PARENT_SETTID && put_user_i32(t, args.parentTid, tid) < 0) return abort_clone(t, child);
  // CLONE_CHILD_SETTID writes into the child's memory (for a private mm, its own copy of the page).
  if (f & CLONE_CHILD_SETTID && child.mm.writeFrom(args.childTid, new Uint8Array(new Int32Array([tid]).buffer)) !== 0) {
    return abort_clone(t, child);
  }
  kernel.tasks.set(tid, child);
  kernel.traceEvent(t, { kind: 'fork', child: tid, flags: f });
  ptrace_init_task(child, t, clone_event(args));
  child.notifyResume = true;
  kernel.sched.enqueue(child);
  return child;
}

/** Which ptrace event a clone is: a vfork, a fork (SIGCHLD on exit), or any other clone. */
function clone_event(args: CloneArgs): number {
  if (args.flags & CLONE_VFORK) return PTRACE_EVENT_VFORK;
  return args.exitSignal === SIGCHLD && !(args.flags & CLONE_THREAD) ? PTRACE_EVENT_FORK : PTRACE_EVENT_CLONE;
}

/**
 * The parent's ptrace event stop, if its tracer asked for this kind of child: reported at the end
 * of the syscall with the new pid as the event message. (Linux stops a vfork parent before it
 * waits for the child; we report it after the wait, which a tracer cannot tell apart.)
 */
function report_clone(t: Task, event: number, child: number): number {
  if (ptrace_event_wanted(t, event, child)) t.ptraceEvent = event;
  return child;
}

/** Undo a half-made child (the bad_fork_* labels of copy_process). */
function abort_clone(parent: Task, child: Task): number {
  if (child.mm) mmput(child.mm);
  child.mm = null;
  if (child.files !== parent.files) child.files.closeAll(child);
  else parent.files.users--;
  if (child.fs === parent.fs) parent.fs.users--;
  const g = child.group;
  g.threads.splice(g.threads.indexOf(child), 1);
  const siblings = child.parent?.children;
  if (siblings?.includes(child)) siblings.splice(siblings.indexOf(child), 1);
  return -EFAULT;
}

/** kernel_clone: copy_process, then for vfork wait until the child execs or exits. */
export function kernel_clone(t: Task, args: CloneArgs): number {
  if (t.restart && typeof t.restart.vforkChild === 'number') {
    // Woken while waiting for a vfork child: done once it released the mm, or when we are being
    // killed (wait_for_vfork_done sleeps TASK_KILLABLE; the pid is returned and SIGKILL follows).
    const child = t.kernel.tasks.get(t.restart.vforkChild);
    if (child?.vforkDone && !fatal_signal_pending(t)) return sleepKillable(t, child.vforkDone);
    return report_clone(t, PTRACE_EVENT_VFORK, t.restart.vforkChild);
  }
  // function_graph's probes (and the UI's call detail): one check while they are off.
  const child = ftrace_graph_active ? ftrace_graph_call(t, 'copy_process', () => copy_process(t, args)) : copy_process(t, args);
  if (typeof child === 'number') return child;
  if (args.flags & CLONE_VFORK) {
    child.vforkDone = new WaitQueue();
    t.restart = { vforkChild: child.tid };
    const r = sleepKillable(t, child.vforkDone);
    return r === SLEEP ? r : report_clone(t, PTRACE_EVENT_VFORK, child.tid);
  }
  return report_clone(t, clone_event(args), child.tid);
}

/** The vfork parent may run again: the child exec'd or exited (complete_vfork_done). */
export function complete_vfork_done(t: Task): void {
  const wq = t.vforkDone;
  if (!wq) return;
  t.vforkDone = null;
  wq.wakeAll();
}

export function sys_fork(t: Task): number {
  const args: CloneArgs = { flags: 0, exitSignal: SIGCHLD, stack: 0, parentTid: 0, childTid: 0, tls: 0 };
  return ftrace_graph_active ? ftrace_graph_call(t, 'kernel_clone', () => kernel_clone(t, args)) : kernel_clone(t, args);
}

export function sys_vfork(t: Task): number {
  return kernel_clone(t, { flags: CLONE_VFORK | CLONE_VM, exitSignal: SIGCHLD, stack: 0, parentTid: 0, childTid: 0, tls: 0 });
}

/** clone(2), x86-64 argument order: flags, stack, parent_tid, child_tid, tls. */
export function sys_clone(t: Task, flags: number, stack: number, parentTid: number, childTid: number, tls: number): number {
  const fl = flags >>> 0;
  const args: CloneArgs = { flags: fl & ~CSIGNAL, exitSignal: fl & CSIGNAL, stack, parentTid, childTid, tls };
  return ftrace_graph_active ? ftrace_graph_call(t, 'kernel_clone', () => kernel_clone(t, args)) : kernel_clone(t, args);
}

/** clone3(2): struct clone_args (flags, pidfd, child_tid, parent_tid, exit_signal, stack, stack_size, tls, …). */
export function sys_clone3(t: Task, uargs: number, size: number): number {
  if (size < 64 || size > 4096) return -EINVAL;
  const raw = copy_from_user(t, uargs, 64);
  if (typeof raw === 'number') return raw;
  const r = new StructReader(raw);
  const flags = Number(r.u64(0));
  const exitSignal = Number(r.u64(32));
  if (exitSignal > 64 || flags & CSIGNAL) return -EINVAL;
  const stack = Number(r.u64(40));
  const stackSize = Number(r.u64(48));
  return kernel_clone(t, {
    flags,
    exitSignal,
    stack: stack ? stack + stackSize : 0,
    parentTid: Number(r.u64(24)),
    childTid: Number(r.u64(16)),
    tls: Number(r.u64(56)),
  });
}

export const forkSyscalls: SyscallGroup = {
  fork: sys_fork,
  vfork: sys_vfork,
  clone: sys_clone,
  clone3: sys_clone3,
};
