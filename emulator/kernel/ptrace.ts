// Process tracing (kernel/ptrace.c, and the ptrace parts of kernel/signal.c).
//
// A tracer attaches to a task (PTRACE_ATTACH/SEIZE, or the task asks with PTRACE_TRACEME). From
// then on the tracee stops — TASK_TRACED — at the points the tracer asked for, and the tracer learns
// of each stop through wait4, as if the tracee were its stopped child:
//   syscall-enter/exit stops   (PTRACE_SYSCALL)            status SIGTRAP, or SIGTRAP|0x80 with TRACESYSGOOD
//   signal-delivery stops      (any signal but SIGKILL)    status = the signal; the tracer decides
//                                                          whether it is delivered (the data of CONT/SYSCALL)
//   event stops                (PTRACE_O_TRACE* options)   status SIGTRAP | PTRACE_EVENT_x << 8
//   group stops                (SIGSTOP and friends)       the stop signal (| PTRACE_EVENT_STOP << 8 if seized)
// While stopped the tracer may read and write the tracee's registers and memory, then resume it.
//
// A stop must end with the tracee continuing where it stopped. Our kernel code is not a coroutine,
// so each stop records *where* it happened (Task.ptraceStage); entry.ts resumes from that point.

import { EFAULT, EINVAL, EIO, EPERM, ESRCH } from '../uapi/errno';
import {
  PTRACE_ATTACH, PTRACE_CONT, PTRACE_DETACH, PTRACE_EVENT_EXEC, PTRACE_EVENT_EXIT, PTRACE_EVENT_STOP,
  PTRACE_GETEVENTMSG, PTRACE_GET_SYSCALL_INFO, PTRACE_GETFPREGS, PTRACE_GETREGS, PTRACE_GETSIGINFO, PTRACE_INTERRUPT, PTRACE_KILL, PTRACE_LISTEN,
  PTRACE_O_EXITKILL, PTRACE_O_MASK, PTRACE_O_TRACEEXIT, PTRACE_O_TRACESYSGOOD,
  PTRACE_PEEKDATA, PTRACE_PEEKTEXT, PTRACE_PEEKUSER, PTRACE_POKEDATA, PTRACE_POKETEXT, PTRACE_POKEUSER,
  PTRACE_SEIZE, PTRACE_SETFPREGS, PTRACE_SETOPTIONS, PTRACE_SETREGS, PTRACE_SETSIGINFO, PTRACE_SINGLESTEP, PTRACE_SYSCALL,
  PTRACE_SYSCALL_INFO_ENTRY, PTRACE_SYSCALL_INFO_EXIT, PTRACE_SYSCALL_INFO_NONE, PTRACE_TRACEME, SYSCALL_INFO,
  SYSCALL_INFO_SIZE, USER_REGS_FIELDS, USER_REGS_SIZE, USER_STRUCT_SIZE, userRegsFromBytes, userRegsToBytes,
} from '../uapi/ptrace';
import { SIGCHLD, SIGKILL, SIGSTOP, SIGTRAP, SIGINFO_SIZE, SI_KERNEL, CLD_TRAPPED, AUDIT_ARCH_X86_64 } from '../uapi/signal';
import { copy_from_user, copy_to_user, put_user_i64, StructReader, StructWriter } from './mm/uaccess';
import { makeSiginfo, type KernelSiginfo } from './signal_types';
import { send_signal } from './signal';
import { writeSiginfo } from './signal_deliver';
import { EXIT_DEAD, EXIT_ZOMBIE, TASK_STOPPED, TASK_TRACED, type Task } from './sched/task';
import type { SyscallGroup } from './syscalls/types';
import { PAGE_SIZE } from '../uapi/mman';

/** Where a ptrace-stopped task carries on when it runs again (see entry.ts run_task_once). */
export const PtraceStage = {
  None: 0,
  /** Stopped at syscall entry: run the (possibly changed) syscall next. */
  SyscallEntry: 1,
  /** Stopped at an event inside a syscall (fork, exec): finish the syscall with Task.ptraceRet. */
  SyscallEvent: 2,
  /** Stopped at syscall exit: go on to the return-to-user work. */
  SyscallExit: 3,
  /** Stopped before delivering a signal: deliver what the tracer said, then go on. */
  Signal: 4,
  /** A group stop, PTRACE_INTERRUPT or PTRACE_LISTEN: nothing left to do. */
  Trap: 5,
  /** Stopped in do_exit (PTRACE_EVENT_EXIT): finish exiting with Task.ptraceRet. */
  ExitEvent: 6,
} as const;
export type PtraceStage = (typeof PtraceStage)[keyof typeof PtraceStage];

/** A tracee's side of the link (task->ptrace, task->parent, last_siginfo, jobctl bits). */
export class PtraceLink {
  /** PTRACE_SYSCALL was the last resume: stop at the next syscall entry and exit (TIF_SYSCALL_TRACE). */
  syscall = false;
  /** The stop to report, as wait4's stop signal byte and above (exit_code); 0 = none to report. */
  stopCode = 0;
  /** The tracer has collected `stopCode` with wait. */
  reported = false;
  /** What the tracee stopped for (PTRACE_GETSIGINFO); null at a non-seized group stop (EINVAL). */
  siginfo: KernelSiginfo | null = null;
  /** PTRACE_GETEVENTMSG: the new pid after fork/clone, the exit status at the exit event. */
  eventMsg = 0;
  /** PTRACE_INTERRUPT or a seized new child: stop at the next chance (JOBCTL_TRAP_STOP). */
  trapStop = false;
  /** PTRACE_LISTEN: stopped, but a SIGCONT or SIGKILL will be reported again. */
  listening = false;

  constructor(
    public tracer: Task,
    readonly seized: boolean,
    public options: number,
  ) {}
}

// ---- stopping ------------------------------------------------------------------------------------

/**
 * ptrace_stop: stop `t` in TASK_TRACED with `code` to report, remembering where to resume, and let
 * the tracer know (SIGCHLD with CLD_TRAPPED, and a wake-up of its wait4).
 */
export function ptrace_stop(t: Task, code: number, stage: PtraceStage, info: KernelSiginfo | null): void {
  const link = t.ptrace!;
  link.stopCode = code;
  link.reported = false;
  link.siginfo = info;
  t.ptraceStage = stage;
  t.state = TASK_TRACED;
  notify_tracer(t, CLD_TRAPPED, code & 0x7f);
}

function notify_tracer(t: Task, why: number, status: number): void {
  const tracer = t.ptrace!.tracer;
  send_signal(makeSiginfo(SIGCHLD, why, { pid: t.tid, uid: t.cred.uid, status }), tracer, true);
  tracer.group.waitChldExit.wakeAll();
}

/** The stop code of a syscall stop: SIGTRAP, with 0x80 set if the tracer asked (TRACESYSGOOD). */
export function syscall_stop_code(t: Task): number {
  return t.ptrace!.options & PTRACE_O_TRACESYSGOOD ? SIGTRAP | 0x80 : SIGTRAP;
}

/** Siginfo for a trap the tracee reports (si_code = the stop code, as ptrace_report_syscall does). */
function trapInfo(code: number): KernelSiginfo {
  return makeSiginfo(SIGTRAP, code);
}

/**
 * ptrace_event: report `event` if the tracer asked for it (PTRACE_O_TRACE<event> is bit event of
 * the options). Returns true if the tracee must stop; the caller decides where it resumes.
 * Without TRACEEXEC, a successful exec of a non-seized tracee raises a plain SIGTRAP instead.
 */
export function ptrace_event_wanted(t: Task, event: number, msg: number): boolean {
  const link = t.ptrace;
  if (!link) return false;
  if (link.options & (1 << event)) {
    link.eventMsg = msg;
    return true;
  }
  if (event === PTRACE_EVENT_EXEC && !link.seized) send_signal(makeSiginfo(SIGTRAP, 0), t, false);
  return false;
}

/** The stop code of an event stop. */
export function event_stop_code(event: number): number {
  return SIGTRAP | (event << 8);
}

/** Stop for an event that happened inside a syscall (fork, exec); the syscall's result waits. */
export function ptrace_syscall_event(t: Task, event: number, ret: number): void {
  t.ptraceRet = ret;
  const code = event_stop_code(event);
  ptrace_stop(t, code, PtraceStage.SyscallEvent, trapInfo(code));
}

/**
 * PTRACE_EVENT_EXIT: stop at the start of do_exit with the exit status as the event message.
 * Not for a SIGKILL death: a killed task does not wait for its tracer (as Linux since 5.x).
 */
export function ptrace_exit_event(t: Task, code: number): boolean {
  const link = t.ptrace;
  if (!link || !(link.options & PTRACE_O_TRACEEXIT) || (code & 0x7f) === SIGKILL) return false;
  link.eventMsg = code;
  t.ptraceRet = code;
  const stop = event_stop_code(PTRACE_EVENT_EXIT);
  ptrace_stop(t, stop, PtraceStage.ExitEvent, trapInfo(stop));
  return true;
}

/**
 * A signal is about to be delivered to a tracee (ptrace_signal): stop and let the tracer see it.
 * When it resumes, Task.ptraceInject holds what to deliver instead (set_resume_signal).
 */
export function ptrace_signal_stop(t: Task, info: KernelSiginfo): void {
  ptrace_stop(t, info.signo, PtraceStage.Signal, info);
}

/**
 * The tracer resumed a stop with signal `sig` (the data of CONT/SYSCALL/DETACH). At a
 * signal-delivery stop that is the signal delivered instead of the one that stopped us (0: none);
 * the tracer may have changed the siginfo (SETSIGINFO), and a different signal looks as if the
 * tracer had sent it. At any other stop a signal is simply sent, as ptrace_report_syscall does.
 */
function set_resume_signal(tracee: Task, link: PtraceLink, sig: number): void {
  if (tracee.ptraceStage !== PtraceStage.Signal) {
    if (sig) send_signal(makeSiginfo(sig, SI_KERNEL), tracee, false);
    return;
  }
  if (sig === 0) tracee.ptraceInject = null;
  else if (link.siginfo && link.siginfo.signo === sig) tracee.ptraceInject = link.siginfo;
  else tracee.ptraceInject = makeSiginfo(sig, 0 /* SI_USER */, { pid: link.tracer.tgid, uid: link.tracer.cred.uid });
}

/** A group stop of a tracee is reported to the tracer instead of just stopping (do_jobctl_trap). */
export function ptrace_group_stop(t: Task, sig: number): void {
  const link = t.ptrace!;
  if (link.seized) {
    const code = sig | (PTRACE_EVENT_STOP << 8);
    ptrace_stop(t, code, PtraceStage.Trap, makeSiginfo(sig, 0));
  } else {
    ptrace_stop(t, sig, PtraceStage.Trap, null);
  }
}

/** PTRACE_INTERRUPT or a seized child's first stop: PTRACE_EVENT_STOP with SIGTRAP. */
export function ptrace_trap_stop(t: Task): void {
  const link = t.ptrace!;
  link.trapStop = false;
  const code = SIGTRAP | (PTRACE_EVENT_STOP << 8);
  ptrace_stop(t, code, PtraceStage.Trap, trapInfo(code));
}

/** A SIGCONT or SIGKILL ends PTRACE_LISTEN: the tracer hears of it with a new event stop. */
export function ptrace_listen_wake(t: Task): void {
  const link = t.ptrace;
  if (!link?.listening) return;
  link.listening = false;
  link.stopCode = SIGTRAP | (PTRACE_EVENT_STOP << 8);
  link.reported = false;
  notify_tracer(t, CLD_TRAPPED, SIGTRAP);
}

// ---- linking and unlinking ---------------------------------------------------------------------

function ptrace_link(tracee: Task, tracer: Task, seized: boolean, options: number): PtraceLink {
  const link = new PtraceLink(tracer, seized, options);
  tracee.ptrace = link;
  tracer.ptraced.push(tracee);
  return link;
}

/** __ptrace_unlink: the tracee is on its own again. */
export function ptrace_unlink(tracee: Task): void {
  const link = tracee.ptrace;
  if (!link) return;
  const list = link.tracer.ptraced;
  const i = list.indexOf(tracee);
  if (i >= 0) list.splice(i, 1);
  tracee.ptrace = null;
}

/**
 * A new child of a tracee is traced too if the tracer asked for this kind of child
 * (TRACEFORK/TRACEVFORK/TRACECLONE, bit `event`). A seized child stops with PTRACE_EVENT_STOP
 * before it runs; a child of PTRACE_ATTACH/TRACEME starts with a SIGSTOP.
 */
export function ptrace_init_task(child: Task, parent: Task, event: number): void {
  const link = parent.ptrace;
  if (!link || !(link.options & (1 << event))) return;
  const l = ptrace_link(child, link.tracer, link.seized, link.options);
  if (l.seized) l.trapStop = true;
  else send_signal(makeSiginfo(SIGSTOP, SI_KERNEL), child, false);
}

/**
 * The tracee goes back to running without a tracer (__ptrace_detach / ptrace_detach): if it was
 * in a ptrace stop it resumes — or stays stopped if its process is group-stopped.
 */
function detach(tracee: Task, sig: number): void {
  const wasTraced = tracee.state === TASK_TRACED;
  const link = tracee.ptrace!;
  ptrace_unlink(tracee);
  tracee.uctx.singleStep?.(false);
  if (!wasTraced) return;
  set_resume_signal(tracee, link, sig);
  if (tracee.group.stopped && tracee.ptraceStage === PtraceStage.Trap) tracee.state = TASK_STOPPED;
  else tracee.kernel.sched.resumeStopped(tracee);
}

/**
 * exit_ptrace: a tracer is exiting; every tracee is detached (or killed with PTRACE_O_EXITKILL).
 * A tracee that already died and was waiting for us goes to its real parent.
 */
export function exit_ptrace(tracer: Task, releaseZombie: (t: Task) => void): void {
  for (const tracee of [...tracer.ptraced]) {
    if (tracee.ptrace!.options & PTRACE_O_EXITKILL) send_signal(makeSiginfo(SIGKILL, SI_KERNEL), tracee, true);
    if (tracee.state === EXIT_ZOMBIE) {
      ptrace_unlink(tracee);
      releaseZombie(tracee);
    } else {
      detach(tracee, 0);
    }
  }
}

// ---- permission ----------------------------------------------------------------------------------

/**
 * ptrace_may_access: may `t` look inside or take control of `target`? Its own thread group always;
 * otherwise the caller's ids must equal all of the target's uids and gids — the real ids for
 * attaching (PTRACE_MODE_REALCREDS), the filesystem ids for reading /proc (PTRACE_MODE_FSCREDS) —
 * or the caller is privileged (CAP_SYS_PTRACE; uid 0 until capabilities exist).
 * Simplified: no dumpable flag, no Yama/LSM policy.
 */
export function ptrace_may_access(t: Task, target: Task, creds: 'real' | 'fs' = 'real'): boolean {
  if (t.group === target.group) return true;
  const c = t.cred;
  const tc = target.cred;
  if (c.capable()) return true;
  const uid = creds === 'real' ? c.uid : c.fsuid;
  const gid = creds === 'real' ? c.gid : c.fsgid;
  return uid === tc.uid && uid === tc.euid && uid === tc.suid && gid === tc.gid && gid === tc.egid && gid === tc.sgid;
}

function ptrace_traceme(t: Task): number {
  const parent = t.parent;
  if (t.ptrace || !parent || parent.state === EXIT_ZOMBIE || parent.state === EXIT_DEAD) return -EPERM;
  ptrace_link(t, parent, false, 0);
  return 0;
}

function ptrace_attach(t: Task, child: Task, request: number, addr: number, data: number): number {
  const seize = request === PTRACE_SEIZE;
  if (seize) {
    if (addr !== 0) return -EIO;
    if (data & ~PTRACE_O_MASK) return -EINVAL;
  }
  // Linux long refused init outright ("you may not mess with init"); stopping init would hang
  // this machine's console, so we keep that rule.
  if (child.tgid === 1) return -EPERM;
  if (child.group === t.group || child.state === EXIT_ZOMBIE || child.state === EXIT_DEAD) return -EPERM;
  if (child.ptrace) return -EPERM;
  if (!ptrace_may_access(t, child)) return -EPERM;
  const link = ptrace_link(child, t, seize, seize ? data : 0);
  if (child.state === TASK_STOPPED) {
    // Already group-stopped: it becomes a traced stop at once, so the tracer's wait sees it.
    if (seize) link.trapStop = true;
    ptrace_group_stop(child, child.group.stopSignal || SIGSTOP);
    return 0;
  }
  if (!seize) send_signal(makeSiginfo(SIGSTOP, SI_KERNEL), child, false);
  return 0;
}

// ---- the syscall -----------------------------------------------------------------------------------

/** The tracee `pid` of `t`, if it is one and it is in a ptrace stop (ptrace_check_attach). */
function stopped_tracee(t: Task, child: Task | undefined, mustBeStopped: boolean): Task | number {
  if (!child || child.ptrace?.tracer !== t) return -ESRCH;
  if (mustBeStopped && (child.state !== TASK_TRACED || child.ptrace.listening)) return -ESRCH;
  return child;
}

export function sys_ptrace(t: Task, requestArg: number, pidArg: number, addr: number, data: number): number {
  const request = requestArg | 0;
  if (request === PTRACE_TRACEME) return ptrace_traceme(t);
  const child = t.kernel.tasks.get(pidArg | 0);
  if (request === PTRACE_ATTACH || request === PTRACE_SEIZE) {
    if (!child || child.state === EXIT_DEAD) return -ESRCH;
    return ptrace_attach(t, child, request, addr, data);
  }
  const mustBeStopped = request !== PTRACE_KILL && request !== PTRACE_INTERRUPT;
  const tracee = stopped_tracee(t, child, mustBeStopped);
  if (typeof tracee === 'number') return tracee;
  const link = tracee.ptrace!;
  switch (request) {
    case PTRACE_PEEKTEXT:
    case PTRACE_PEEKDATA: {
      const word = copy_from_user(tracee, addr, 8);
      if (typeof word === 'number') return -EIO;
      return copy_to_user(t, data, word) < 0 ? -EFAULT : 0;
    }
    case PTRACE_POKETEXT:
    case PTRACE_POKEDATA: {
      // Simplified: Linux writes with FOLL_FORCE, so a debugger can patch read-only text; we write
      // only where the tracee itself could.
      const w = new StructWriter(8).i64(0, data);
      return copy_to_user(tracee, addr, w.bytes) < 0 ? -EIO : 0;
    }
    case PTRACE_PEEKUSER: {
      const v = peek_user(tracee, addr);
      if (v === null) return -EIO;
      return put_user_i64(t, data, v) < 0 ? -EFAULT : 0;
    }
    case PTRACE_POKEUSER:
      return poke_user(tracee, addr, data) ? 0 : -EIO;
    case PTRACE_GETREGS:
      return copy_to_user(t, data, userRegsToBytes(tracee.uctx.regs)) < 0 ? -EFAULT : 0;
    case PTRACE_SETREGS: {
      const raw = copy_from_user(t, data, USER_REGS_SIZE);
      if (typeof raw === 'number') return raw;
      set_regs(tracee, userRegsFromBytes(raw));
      return 0;
    }
    case PTRACE_GETFPREGS: // xfpregs_get: the fxsave image (a context without FP state has none: EIO)
      if (!tracee.uctx.saveFpState) return -EIO;
      return copy_to_user(t, data, tracee.uctx.saveFpState()) < 0 ? -EFAULT : 0;
    case PTRACE_SETFPREGS: { // xfpregs_set: reserved MXCSR bits are dropped by the context
      const u = tracee.uctx;
      if (!u.restoreFpState || !u.fpStateSize) return -EIO;
      const raw = copy_from_user(t, data, u.fpStateSize);
      if (typeof raw === 'number') return raw;
      u.restoreFpState(raw);
      return 0;
    }
    case PTRACE_GETSIGINFO: {
      if (!link.siginfo) return -EINVAL;
      const f = new StructWriter(SIGINFO_SIZE);
      writeSiginfo(f, 0, link.siginfo);
      return copy_to_user(t, data, f.bytes) < 0 ? -EFAULT : 0;
    }
    case PTRACE_SETSIGINFO: {
      const raw = copy_from_user(t, data, SIGINFO_SIZE);
      if (typeof raw === 'number') return raw;
      if (!link.siginfo) return -EINVAL;
      link.siginfo = readSiginfo(raw);
      return 0;
    }
    case PTRACE_SETOPTIONS:
      if (data & ~PTRACE_O_MASK) return -EINVAL;
      link.options = data;
      return 0;
    case PTRACE_GETEVENTMSG:
      return put_user_i64(t, data, link.eventMsg) < 0 ? -EFAULT : 0;
    case PTRACE_GET_SYSCALL_INFO:
      return ptrace_get_syscall_info(t, tracee, addr, data);
    case PTRACE_SYSCALL:
    case PTRACE_CONT:
    case PTRACE_SINGLESTEP:
      return ptrace_resume(tracee, request, data);
    case PTRACE_LISTEN:
      // Only a seized tracee in a group stop may listen.
      if (!link.seized || link.stopCode >> 8 !== PTRACE_EVENT_STOP || !tracee.group.stopped) return -EIO;
      link.listening = true;
      return 0;
    case PTRACE_DETACH:
      if (data < 0 || data > 64) return -EIO;
      detach(tracee, data);
      return 0;
    case PTRACE_KILL:
      if (tracee.state !== EXIT_ZOMBIE) send_signal(makeSiginfo(SIGKILL, SI_KERNEL), tracee, true);
      return 0;
    case PTRACE_INTERRUPT:
      if (!link.seized) return -EIO;
      if (tracee.state !== TASK_TRACED) {
        link.trapStop = true;
        // Like signal_wake_up: an interruptible sleep ends, and the syscall restarts after the stop.
        tracee.kernel.sched.wakeUp(tracee);
      }
      return 0;
    default:
      return -EIO;
  }
}

/**
 * PTRACE_GET_SYSCALL_INFO: at a syscall-entry stop the number and arguments, at an exit stop the
 * result; at any other stop only the header (op NONE). Copies at most `size` bytes and returns
 * how many the kind has, as Linux does.
 */
function ptrace_get_syscall_info(t: Task, tracee: Task, size: number, data: number): number {
  const regs = tracee.uctx.regs;
  const stage = tracee.ptraceStage;
  const op = stage === PtraceStage.SyscallEntry ? PTRACE_SYSCALL_INFO_ENTRY : stage === PtraceStage.SyscallExit ? PTRACE_SYSCALL_INFO_EXIT : PTRACE_SYSCALL_INFO_NONE;
  const w = new StructWriter(SYSCALL_INFO_SIZE.all);
  w.u8(SYSCALL_INFO.op, op).u32(SYSCALL_INFO.arch, AUDIT_ARCH_X86_64);
  w.i64(SYSCALL_INFO.instruction_pointer, regs.rip).i64(SYSCALL_INFO.stack_pointer, regs.rsp);
  let len: number = SYSCALL_INFO_SIZE.none;
  if (op === PTRACE_SYSCALL_INFO_ENTRY) {
    w.i64(SYSCALL_INFO.nr, regs.orig_rax);
    [regs.rdi, regs.rsi, regs.rdx, regs.r10, regs.r8, regs.r9].forEach((v, i) => w.i64(SYSCALL_INFO.args + i * 8, v));
    len = SYSCALL_INFO_SIZE.entry;
  } else if (op === PTRACE_SYSCALL_INFO_EXIT) {
    w.i64(SYSCALL_INFO.rval, regs.rax).u8(SYSCALL_INFO.is_error, regs.rax < 0 && regs.rax >= -4095 ? 1 : 0);
    len = SYSCALL_INFO_SIZE.exit;
  }
  const n = Math.min(Math.max(size, 0), len);
  if (n && copy_to_user(t, data, w.bytes.subarray(0, n)) < 0) return -EFAULT;
  return len;
}

/** PTRACE_CONT / SYSCALL / SINGLESTEP: `data` is the signal to deliver (0 for none). */
function ptrace_resume(tracee: Task, request: number, data: number): number {
  if (data < 0 || data > 64) return -EIO;
  // Single-stepping needs a CPU that can stop after one instruction; the TypeScript runtime traps
  // only at syscalls, so it refuses (as Linux does for an architecture without user_enable_single_step).
  if (request === PTRACE_SINGLESTEP && !tracee.uctx.singleStep) return -EIO;
  const link = tracee.ptrace!;
  link.syscall = request === PTRACE_SYSCALL;
  tracee.uctx.singleStep?.(request === PTRACE_SINGLESTEP);
  set_resume_signal(tracee, link, data);
  link.stopCode = 0;
  link.listening = false;
  tracee.kernel.sched.resumeStopped(tracee);
  return 0;
}

/** PTRACE_SETREGS: everything but the segment selectors, which Linux only lets take valid values. */
function set_regs(tracee: Task, r: ReturnType<typeof userRegsFromBytes>): void {
  const regs = tracee.uctx.regs;
  for (const f of USER_REGS_FIELDS) {
    if (f === 'cs' || f === 'ss' || f === 'ds' || f === 'es' || f === 'fs' || f === 'gs') continue;
    regs[f] = r[f];
  }
}

// struct user: the registers come first; the rest (fp state, debug registers…) reads as 0 here.

function peek_user(tracee: Task, off: number): number | null {
  if (off < 0 || off % 8 || off >= USER_STRUCT_SIZE) return null;
  const i = off / 8;
  return i < USER_REGS_FIELDS.length ? tracee.uctx.regs[USER_REGS_FIELDS[i]!] : 0;
}

function poke_user(tracee: Task, off: number, value: number): boolean {
  if (off < 0 || off % 8 || off >= USER_STRUCT_SIZE) return false;
  const i = off / 8;
  if (i < USER_REGS_FIELDS.length) {
    const f = USER_REGS_FIELDS[i]!;
    if (f !== 'cs' && f !== 'ss' && f !== 'ds' && f !== 'es' && f !== 'fs' && f !== 'gs') tracee.uctx.regs[f] = value;
  }
  return true;
}

function readSiginfo(raw: Uint8Array): KernelSiginfo {
  const r = new StructReader(raw);
  const signo = r.i32(0);
  return makeSiginfo(signo, r.i32(8), { pid: r.i32(16), uid: r.u32(20), status: r.i32(24), addr: Number(r.u64(16)) });
}

// ---- reading another process's memory ---------------------------------------------------------------

const IOV_MAX = 1024;

/** process_vm_readv / process_vm_writev (mm/process_vm_access.c). */
function process_vm_rw(
  t: Task, pid: number, lvec: number, liovcnt: number, rvec: number, riovcnt: number, flags: number, write: boolean,
): number {
  if (flags !== 0) return -EINVAL;
  if (liovcnt < 0 || riovcnt < 0 || liovcnt > IOV_MAX || riovcnt > IOV_MAX) return -EINVAL;
  const local = read_iovecs(t, lvec, liovcnt);
  const remote = read_iovecs(t, rvec, riovcnt);
  if (typeof local === 'number') return local;
  if (typeof remote === 'number') return remote;
  const target = t.kernel.tasks.get(pid | 0);
  if (!target || !target.mm || target.state === EXIT_ZOMBIE || target.state === EXIT_DEAD) return -ESRCH;
  if (!ptrace_may_access(t, target)) return -EPERM;
  // Move bytes remote iovec by remote iovec, filling the local ones in order; stop at the first
  // fault in the remote process and report what was moved (partial transfers are normal).
  let moved = 0;
  let li = 0;
  let loff = 0;
  for (const [raddr, rlen] of remote) {
    let done = 0;
    while (done < rlen && li < local.length) {
      const [laddr, llen] = local[li]!;
      // A remote page at a time, as Linux pins them: a fault ends the transfer at a page boundary.
      const remoteAt = raddr + done;
      const n = Math.min(rlen - done, llen - loff, PAGE_SIZE - (remoteAt % PAGE_SIZE));
      if (n > 0) {
        const from = write ? t : target;
        const to = write ? target : t;
        const src = copy_from_user(from, write ? laddr + loff : remoteAt, n);
        if (typeof src === 'number') return moved || -EFAULT;
        if (copy_to_user(to, write ? remoteAt : laddr + loff, src) < 0) return moved || -EFAULT;
        done += n;
        loff += n;
        moved += n;
      }
      if (loff === llen) {
        li++;
        loff = 0;
      }
    }
  }
  return moved;
}

function read_iovecs(t: Task, addr: number, count: number): [number, number][] | number {
  if (count === 0) return [];
  const raw = copy_from_user(t, addr, count * 16);
  if (typeof raw === 'number') return raw;
  const r = new StructReader(raw);
  const out: [number, number][] = [];
  for (let i = 0; i < count; i++) {
    const len = Number(r.u64(i * 16 + 8));
    if (len > 0x7ffff000) return -EINVAL;
    out.push([Number(r.u64(i * 16)), len]);
  }
  return out;
}

export function sys_process_vm_readv(t: Task, pid: number, lvec: number, liovcnt: number, rvec: number, riovcnt: number, flags: number): number {
  return process_vm_rw(t, pid, lvec, liovcnt, rvec, riovcnt, flags, false);
}

export function sys_process_vm_writev(t: Task, pid: number, lvec: number, liovcnt: number, rvec: number, riovcnt: number, flags: number): number {
  return process_vm_rw(t, pid, lvec, liovcnt, rvec, riovcnt, flags, true);
}

/** The pid /proc/<pid>/status shows as TracerPid. */
export function tracer_pid(t: Task): number {
  return t.ptrace ? t.ptrace.tracer.tgid : 0;
}

/** Signals that a tracer's wait sees as a tracee stop (for do_wait). */
export function ptrace_wait_status(tracee: Task): number {
  const link = tracee.ptrace;
  if (!link || tracee.state !== TASK_TRACED || link.stopCode === 0 || link.reported) return 0;
  return (link.stopCode << 8) | 0x7f;
}

export const ptraceSyscalls: SyscallGroup = {
  ptrace: sys_ptrace,
  process_vm_readv: sys_process_vm_readv,
  process_vm_writev: sys_process_vm_writev,
};
