// Process exit and reaping (kernel/exit.c): exit, exit_group, wait4, waitid.
//
// An exiting task drops its memory and files, gives its children to init, and becomes a zombie
// holding only its exit status until the parent collects it with wait4. A parent that ignores
// SIGCHLD (or set SA_NOCLDWAIT) never sees zombies: the child is reaped at once.

import { ECHILD, EINVAL, EFAULT } from '../uapi/errno';
import {
  SA_NOCLDWAIT, SIGCHLD, SIGCONT, SIGKILL, SIG_IGN, CLD_EXITED, CLD_KILLED, CLD_DUMPED,
  CLD_STOPPED, CLD_CONTINUED, CLD_TRAPPED, SIGINFO_SIZE,
} from '../uapi/signal';
import {
  WNOHANG, WUNTRACED, WSTOPPED, WCONTINUED, WEXITED, WNOWAIT, __WALL, __WCLONE, __WNOTHREAD, P_ALL, P_PID, P_PGID,
  W_STOPCODE, W_CONTINUED,
} from '../uapi/sched';
import { copy_to_user, put_user_i32, StructWriter } from './mm/uaccess';
import { mmput } from './mm/mm';
import { makeSiginfo } from './signal_types';
import { send_signal } from './signal';
import { disassociate_ctty } from './drivers/tty/tty_jobctrl';
import { writeSiginfo } from './signal_deliver';
import { complete_vfork_done } from './fork';
import { exit_ptrace, ptrace_exit_event, ptrace_unlink, ptrace_wait_status } from './ptrace';
import { sleepOn } from './sched/wait';
import { EXIT_DEAD, EXIT_ZOMBIE, TASK_STOPPED, TASK_TRACED, type Task } from './sched/task';
import type { SyscallGroup } from './syscalls/types';

/**
 * do_exit: the calling task ends with wait status `code` (already encoded: (status << 8) | signal).
 * A tracer that asked for PTRACE_EVENT_EXIT sees the task stop first, with everything still in
 * place; `resumed` is set when it carries on from that stop.
 */
export function do_exit(t: Task, code: number, resumed = false): void {
  if (t.state === EXIT_ZOMBIE || t.state === EXIT_DEAD) return;
  if (!resumed && ptrace_exit_event(t, code)) return;
  const kernel = t.kernel;
  t.exitCode = code;
  if (t.clearChildTid) {
    put_user_i32(t, t.clearChildTid, 0);
    kernel.futexWake?.(t, t.clearChildTid, 1);
  }
  if (t.mm) {
    mmput(t.mm);
    t.mm = null;
  }
  complete_vfork_done(t);
  // exit_files / exit_fs: the last task using a table closes it.
  if (--t.files.users === 0) t.files.closeAll(t);
  t.fs.users--;
  kernel.exitHooks.forEach((hook) => hook(t));
  if (t.timer) {
    kernel.clock.cancel(t.timer);
    t.timer = null;
  }
  for (const q of t.waitingOn) q.waiters.delete(t);
  t.waitingOn.length = 0;
  t.inSyscall = false;
  if (t.ptraced.length) exit_ptrace(t, release_traced_zombie);

  const g = t.group;
  const lastThread = g.threads.every((th) => th === t || th.state === EXIT_ZOMBIE || th.state === EXIT_DEAD);
  if (lastThread && t.isLeader) disassociate_ctty(t, true);
  if (t.tgid === 1 && lastThread) {
    kernel.panic(`Attempted to kill init! exitcode=0x${code.toString(16).padStart(8, '0')}`, code);
  }
  t.state = EXIT_ZOMBIE;
  kernel.traceEvent(t, { kind: 'exit', status: code });
  if (lastThread) forget_original_parent(t.leader);
  // A traced task's death goes to its tracer first; the tracer's wait4 passes it on. (A traced
  // thread, which would otherwise vanish at once, waits for its tracer too.)
  if (t.ptrace && (t.ptrace.tracer.group !== t.parent?.group || !t.isLeader)) {
    tracer_notify_exit(t);
    return;
  }
  if (lastThread) do_notify_parent(t.leader);
  if (!t.isLeader) release_task(t);
}

/** Tell the tracer a tracee died (SIGCHLD with the status, and a wake-up of its wait4). */
function tracer_notify_exit(t: Task): void {
  const tracer = t.ptrace!.tracer;
  const { code, value } = childStatus(t.exitCode);
  send_signal(makeSiginfo(SIGCHLD, code, { pid: t.tid, uid: t.cred.uid, status: value }), tracer, true);
  tracer.group.waitChldExit.wakeAll();
}

/**
 * A dead tracee the tracer has finished with (collected by wait4, or left behind when the tracer
 * died): a thread is released, a process goes on to its real parent as an ordinary zombie.
 */
function release_traced_zombie(t: Task): void {
  const leader = t.leader;
  if (!t.isLeader) release_task(t);
  const allDead = leader.group.threads.every((th) => th.state === EXIT_ZOMBIE || th.state === EXIT_DEAD);
  if (allDead && leader.state === EXIT_ZOMBIE && !leader.ptrace) do_notify_parent(leader);
}

/** forget_original_parent: give the children to init (which reaps the zombies among them). */
function forget_original_parent(leader: Task): void {
  const init = leader.kernel.tasks.get(1);
  for (const child of [...leader.children]) {
    child.parent = init ?? null;
    // reparent_leader: whatever signal the child was to send its old parent, init hears SIGCHLD.
    if (child.exitSignal !== -1) child.exitSignal = SIGCHLD;
    if (init && init !== leader) {
      init.children.push(child);
      if (child.state === EXIT_ZOMBIE) init.group.waitChldExit.wakeAll();
    }
  }
  leader.children.length = 0;
}

/** do_notify_parent: tell our parent we died — or reap ourselves at once if it does not want to know. */
function do_notify_parent(leader: Task): void {
  const parent = leader.parent;
  if (!parent) {
    release_task(leader);
    return;
  }
  const act = parent.sighand.action[SIGCHLD]!;
  const autoreap = leader.exitSignal === SIGCHLD && (act.handler === SIG_IGN || (act.flags & SA_NOCLDWAIT) !== 0);
  if (leader.exitSignal > 0 && !autoreap) {
    const status = leader.group.groupExit ? leader.group.groupExitCode : leader.exitCode;
    const { code, value } = childStatus(status);
    send_signal(
      makeSiginfo(leader.exitSignal, code, {
        pid: leader.tgid,
        uid: leader.cred.uid,
        status: value,
        utime: Math.floor(leader.utime / 1e7),
        stime: Math.floor(leader.stime / 1e7),
      }),
      parent,
      true,
    );
  }
  parent.group.waitChldExit.wakeAll();
  if (autoreap) release_task(leader);
}

/** The si_code and si_status SIGCHLD and waitid report for a wait status. */
function childStatus(status: number): { code: number; value: number } {
  const sig = status & 0x7f;
  if (sig === 0) return { code: CLD_EXITED, value: (status >> 8) & 0xff };
  return { code: status & 0x80 ? CLD_DUMPED : CLD_KILLED, value: sig };
}

/** release_task: the last trace of a task disappears (its pid becomes free). */
export function release_task(t: Task): void {
  const kernel = t.kernel;
  t.state = EXIT_DEAD;
  ptrace_unlink(t);
  kernel.tasks.delete(t.tid);
  const g = t.group;
  const i = g.threads.indexOf(t);
  if (i > 0) g.threads.splice(i, 1);
  if (t.isLeader && t.parent) {
    const j = t.parent.children.indexOf(t);
    if (j >= 0) t.parent.children.splice(j, 1);
    t.parent.group.cutime += t.utime + g.cutime;
    t.parent.group.cstime += t.stime + g.cstime;
    kernel.traceEvent(t.parent, { kind: 'reap', child: t.tgid });
  }
}

/** do_group_exit: every thread of the process exits with `code`. */
export function do_group_exit(t: Task, code: number): void {
  const g = t.group;
  if (!g.groupExit) {
    g.groupExit = true;
    g.groupExitCode = code;
    for (const th of g.threads) {
      if (th === t) continue;
      th.pending.set |= 1n << BigInt(SIGKILL - 1);
      t.kernel.sched.wakeUp(th);
      t.kernel.sched.resumeStopped(th);
    }
  }
  do_exit(t, g.groupExitCode);
}

export function sys_exit(t: Task, code: number): number {
  do_exit(t, (code & 0xff) << 8);
  return 0;
}

export function sys_exit_group(t: Task, code: number): number {
  do_group_exit(t, (code & 0xff) << 8);
  return 0;
}

// ---- waiting for children ---------------------------------------------------------------------

interface WaitOpts {
  /** Which children: P_ALL, P_PID or P_PGID, and the id. */
  type: number;
  id: number;
  options: number;
}

interface WaitResult {
  pid: number;
  uid: number;
  /** The wait4 status word. */
  status: number;
  /** The waitid si_code and si_status. */
  code: number;
  value: number;
  utime: number;
  stime: number;
}

function eligible(child: Task, w: WaitOpts): boolean {
  if (w.type === P_PID && child.tgid !== w.id) return false;
  if (w.type === P_PGID && child.group.pgid !== w.id) return false;
  // A "clone" child is one that reports with something other than SIGCHLD.
  if (w.options & __WALL) return true;
  return ((w.options & __WCLONE) !== 0) === (child.exitSignal !== SIGCHLD);
}

/**
 * One pass of do_wait: a child to report, 0 if there are candidates but none ready, -ECHILD if
 * there are none at all.
 */
function wait_consider(t: Task, w: WaitOpts): WaitResult | number {
  const parents = w.options & __WNOTHREAD ? [t] : [t.leader];
  let any = false;
  for (const tracer of w.options & __WNOTHREAD ? [t] : t.group.threads) {
    for (const tracee of tracer.ptraced) {
      if (w.type === P_PID && tracee.tid !== w.id) continue;
      if (w.type === P_PGID && tracee.group.pgid !== w.id) continue;
      any = true;
      const r = wait_traced(tracee, w);
      if (r) return r;
    }
  }
  for (const parent of parents) {
    for (const child of parent.children) {
      if (!eligible(child, w)) continue;
      // A child traced by someone else is theirs to report until they let it go.
      if (child.ptrace && child.ptrace.tracer.group !== t.group && child.state === EXIT_ZOMBIE) {
        any = true;
        continue;
      }
      any = true;
      const g = child.group;
      const times = { utime: child.utime, stime: child.stime };
      if (child.state === EXIT_ZOMBIE && w.options & WEXITED) {
        const status = g.groupExit ? g.groupExitCode : child.exitCode;
        const { code, value } = childStatus(status);
        const r = { pid: child.tgid, uid: child.cred.uid, status, code, value, ...times };
        if (!(w.options & WNOWAIT)) release_task(child);
        return r;
      }
      if (g.notifyParent === 'stopped' && g.stopped && w.options & WUNTRACED && (child.state === TASK_STOPPED || child.state === TASK_TRACED)) {
        if (!(w.options & WNOWAIT)) g.notifyParent = null;
        return { pid: child.tgid, uid: child.cred.uid, status: W_STOPCODE(g.stopSignal), code: CLD_STOPPED, value: g.stopSignal, ...times };
      }
      if (g.notifyParent === 'continued' && w.options & WCONTINUED) {
        if (!(w.options & WNOWAIT)) g.notifyParent = null;
        return { pid: child.tgid, uid: child.cred.uid, status: W_CONTINUED, code: CLD_CONTINUED, value: SIGCONT, ...times };
      }
    }
  }
  return any ? 0 : -ECHILD;
}

/**
 * What a tracer's wait sees of one tracee: a ptrace stop (whatever WUNTRACED says), or its death.
 * Collecting a death lets the tracee go: a child of ours is reaped, anyone else's goes on to its parent.
 */
function wait_traced(tracee: Task, w: WaitOpts): WaitResult | null {
  const times = { utime: tracee.utime, stime: tracee.stime };
  const status = ptrace_wait_status(tracee);
  if (status) {
    if (!(w.options & WNOWAIT)) tracee.ptrace!.reported = true;
    return { pid: tracee.tid, uid: tracee.cred.uid, status, code: CLD_TRAPPED, value: (status >> 8) & 0x7f, ...times };
  }
  if (tracee.state !== EXIT_ZOMBIE || !(w.options & WEXITED)) return null;
  const g = tracee.group;
  const exitStatus = tracee.isLeader && g.groupExit ? g.groupExitCode : tracee.exitCode;
  const { code, value } = childStatus(exitStatus);
  if (!(w.options & WNOWAIT)) {
    const tracerIsParent = tracee.ptrace!.tracer.group === tracee.parent?.group;
    ptrace_unlink(tracee);
    if (tracerIsParent && tracee.isLeader) release_task(tracee);
    else release_traced_zombie(tracee);
  }
  return { pid: tracee.tid, uid: tracee.cred.uid, status: exitStatus, code, value, ...times };
}

function do_wait(t: Task, w: WaitOpts): WaitResult | number {
  const r = wait_consider(t, w);
  if (typeof r !== 'number' || r < 0) return r;
  if (w.options & WNOHANG) return 0;
  return sleepOn(t, t.group.waitChldExit);
}

/** struct rusage: 144 bytes; we fill user and system time. */
function rusageBytes(utimeNs: number, stimeNs: number): Uint8Array {
  const w = new StructWriter(144);
  w.i64(0, Math.floor(utimeNs / 1e9)).i64(8, Math.floor((utimeNs % 1e9) / 1e3));
  w.i64(16, Math.floor(stimeNs / 1e9)).i64(24, Math.floor((stimeNs % 1e9) / 1e3));
  return w.bytes;
}

export function sys_wait4(t: Task, upidArg: number, statAddr: number, optionsArg: number, ru: number): number {
  const options = optionsArg >>> 0;
  const upid = upidArg | 0;
  if (options & ~(WNOHANG | WUNTRACED | WCONTINUED | __WNOTHREAD | __WCLONE | __WALL)) return -EINVAL;
  if (upid === -2147483648) return -ECHILD;
  const w: WaitOpts =
    upid > 0 ? { type: P_PID, id: upid, options: options | WEXITED }
    : upid === -1 ? { type: P_ALL, id: 0, options: options | WEXITED }
    : { type: P_PGID, id: upid === 0 ? t.group.pgid : -upid, options: options | WEXITED };
  const r = do_wait(t, w);
  if (typeof r === 'number') return r;
  if (statAddr !== 0 && put_user_i32(t, statAddr, r.status) < 0) return -EFAULT;
  if (ru !== 0 && copy_to_user(t, ru, rusageBytes(r.utime, r.stime)) < 0) return -EFAULT;
  return r.pid;
}

export function sys_waitid(t: Task, which: number, upid: number, infop: number, optionsArg: number, ru: number): number {
  const options = optionsArg >>> 0;
  if (options & ~(WNOHANG | WNOWAIT | WEXITED | WSTOPPED | WCONTINUED | __WNOTHREAD | __WCLONE | __WALL)) return -EINVAL;
  if (!(options & (WEXITED | WSTOPPED | WCONTINUED))) return -EINVAL;
  const pid = upid | 0;
  let w: WaitOpts;
  switch (which | 0) {
    case P_ALL: w = { type: P_ALL, id: 0, options }; break;
    case P_PID: if (pid <= 0) return -EINVAL; w = { type: P_PID, id: pid, options }; break;
    case P_PGID: if (pid < 0) return -EINVAL; w = { type: P_PGID, id: pid === 0 ? t.group.pgid : pid, options }; break;
    default: return -EINVAL;
  }
  const r = do_wait(t, w);
  if (typeof r === 'number' && r !== 0) return r;
  if (infop !== 0) {
    const f = new StructWriter(SIGINFO_SIZE);
    if (typeof r !== 'number') {
      writeSiginfo(f, 0, makeSiginfo(SIGCHLD, r.code, { pid: r.pid, uid: r.uid, status: r.value }));
    }
    if (copy_to_user(t, infop, f.bytes) < 0) return -EFAULT;
  }
  if (ru !== 0 && typeof r !== 'number' && copy_to_user(t, ru, rusageBytes(r.utime, r.stime)) < 0) return -EFAULT;
  return 0;
}

export const exitSyscalls: SyscallGroup = {
  exit: sys_exit,
  exit_group: sys_exit_group,
  wait4: sys_wait4,
  waitid: sys_waitid,
};
