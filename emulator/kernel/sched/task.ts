// A task (include/linux/sched.h's task_struct) and the thread group it belongs to (signal_struct).
// Behaviour lives elsewhere, one file per concern as in Linux: fork.ts, exit.ts, exec.ts, signal.ts.

import type { UserContext } from './user_context';
import type { Kernel } from '../kernel';
import type { MM } from '../mm/mm';
import type { Cred } from '../security/cred';
import type { FilesStruct } from '../fs/fdtable';
import type { FsStruct } from '../fs/fs_struct';
import type { Tty } from '../drivers/tty/tty';
import { WaitQueue } from './waitqueue';
import type { Timer } from './clock';
import { SigPending, SigHand, type KernelSiginfo } from '../signal_types';
import type { PtraceLink, PtraceStage } from '../ptrace';
import type { SyscallCall } from '../../trace/decode/types';

export const TASK_RUNNING = 0;
export const TASK_INTERRUPTIBLE = 1;
export const TASK_UNINTERRUPTIBLE = 2;
export const TASK_STOPPED = 4;
export const TASK_TRACED = 8;
export const EXIT_DEAD = 16;
export const EXIT_ZOMBIE = 32;

/** The letter `ps` and /proc/<pid>/stat show for a state. */
export function taskStateChar(t: Task): string {
  switch (t.state) {
    case TASK_RUNNING: return 'R';
    case TASK_INTERRUPTIBLE: return 'S';
    case TASK_UNINTERRUPTIBLE: return 'D';
    case TASK_STOPPED: return 'T';
    case TASK_TRACED: return 't';
    case EXIT_ZOMBIE: return 'Z';
    default: return 'X';
  }
}

/** Resource limits (RLIMIT_*): [soft, hard]; Infinity is RLIM_INFINITY. */
export type Rlimits = [number, number][];

/**
 * The process: what threads of one thread group share (signal_struct + the ids of the group).
 * A single-threaded process has one task in `threads`.
 */
export class ThreadGroup {
  readonly threads: Task[] = [];
  /** Process group and session (include/linux/pid.h: PIDTYPE_PGID, PIDTYPE_SID). */
  pgid: number;
  sid: number;
  /** The controlling terminal, if any. */
  tty: Tty | null = null;
  /** Signals sent to the process as a whole (shared_pending). */
  readonly sharedPending = new SigPending();
  /** Set once the group is exiting (SIGNAL_GROUP_EXIT); the exit code every thread reports. */
  groupExit = false;
  groupExitCode = 0;
  /** Group stop in progress and the signal that caused it. */
  stopped = false;
  stopSignal = 0;
  /** A stop/continue the parent has not collected with WUNTRACED/WCONTINUED yet. */
  notifyParent: 'stopped' | 'continued' | null = null;
  rlimits: Rlimits;
  /** Where wait4/waitid sleep until a child changes state (signal_struct.wait_chldexit). */
  readonly waitChldExit = new WaitQueue();
  /** Accumulated times of reaped children (cutime/cstime), in ns. */
  cutime = 0;
  cstime = 0;
  /** /proc/<pid>/oom_score_adj (-1000..1000): added to the OOM badness; inherited by fork. */
  oomScoreAdj = 0;

  constructor(readonly tgid: number, pgid: number, sid: number, rlimits: Rlimits) {
    this.pgid = pgid;
    this.sid = sid;
    this.rlimits = rlimits;
  }

  get leader(): Task {
    return this.threads[0]!;
  }
}

export class Task {
  comm = '';
  state = TASK_RUNNING;
  /** Parent process (real_parent): always a thread group leader. */
  parent: Task | null = null;
  /** Child processes (their leaders). */
  readonly children: Task[] = [];
  exitCode = 0;
  /** Signal sent to the parent on exit (SIGCHLD for fork, as clone's low byte says). */
  exitSignal = 0;

  mm: MM | null = null;
  files!: FilesStruct;
  fs!: FsStruct;
  cred!: Cred;
  uctx!: UserContext;

  /** Signal state: handlers (shared by CLONE_SIGHAND), the blocked mask, per-thread pending. */
  sighand!: SigHand;
  blocked = 0n;
  /** The mask to restore after a handler run by sigsuspend/pselect (TIF_RESTORE_SIGMASK). */
  savedSigmask: bigint | null = null;
  readonly pending = new SigPending();
  /** Alternate signal stack (sigaltstack). */
  altStack = { sp: 0, size: 0, flags: 2 /* SS_DISABLE */ };

  /** In the middle of a syscall that went to sleep; it runs again when the task wakes. */
  inSyscall = false;
  /** State a sleeping syscall keeps between its runs (e.g. a nanosleep deadline, bytes written so far). */
  restart: Record<string, unknown> | null = null;
  /** Wait queues this task sleeps on, and its timeout timer. */
  waitingOn: WaitQueue[] = [];
  timer: Timer | null = null;
  /** The current uninterruptible sleep may be ended by SIGKILL (TASK_KILLABLE). */
  killable = false;
  /** Set by the wake-up that ended a sleep on a timer (so the handler knows it timed out). */
  timedOut = false;

  /** vfork parent waits on this until the child execs or exits (vfork_done). */
  vforkDone: WaitQueue | null = null;
  /** CLONE_CHILD_CLEARTID address (set_tid_address). */
  clearChildTid = 0;

  /** Accounting: virtual ns spent in user and kernel mode, start time, context switches. */
  utime = 0;
  stime = 0;
  startTime = 0;
  nvcsw = 0;
  nivcsw = 0;
  /** The CPU it last ran on (smp_processor_id while running). */
  cpu = 0;
  /** On a run queue. */
  onRq = false;
  /** Has exec'd since fork (a parent may no longer setpgid it). */
  didExec = false;
  /** Our tracer, if we are traced (task->ptrace and the tracer side of task->parent). */
  ptrace: PtraceLink | null = null;
  /** The tasks we trace (task->ptraced). */
  readonly ptraced: Task[] = [];
  /** Where we carry on after a ptrace stop (0: not stopped by ptrace); see entry.ts. */
  ptraceStage: PtraceStage = 0;
  /** A result held across a ptrace stop: the syscall's return value, or the exit status in do_exit. */
  ptraceRet = 0;
  /** A ptrace event (PTRACE_EVENT_FORK, EXEC…) that happened in the current syscall, to report at its end. */
  ptraceEvent = 0;
  /** The signal the tracer wants delivered after a signal-delivery stop. */
  ptraceInject: KernelSiginfo | null = null;
  /** The call being decoded for the machine-wide trace, from its entry to its exit. */
  traceCall: SyscallCall | null = null;
  /** Check for signals (and ptrace traps) before running user code: a new task, or one just resumed. */
  notifyResume = false;
  /** The executable's path (/proc/<pid>/exe) and its argv for the UI. */
  exePath = '';
  /** Timer slack in ns (/proc/<pid>/timerslack_ns, PR_SET_TIMERSLACK); inherited by fork. */
  timerSlackNs = 50_000;
  /** The audit login uid and session (/proc/<pid>/loginuid, sessionid): unset (2^32-1) until a login sets them; inherited by fork. */
  loginuid = 0xffffffff;
  sessionid = 0xffffffff;
  /** I/O accounting (struct task_io_accounting): bytes and calls of read and write (/proc/<pid>/io). */
  readonly ioac = { rchar: 0, wchar: 0, syscr: 0, syscw: 0 };

  constructor(
    readonly kernel: Kernel,
    readonly tid: number,
    public group: ThreadGroup,
  ) {}

  get tgid(): number {
    return this.group.tgid;
  }

  /** The thread group leader. */
  get leader(): Task {
    return this.group.leader;
  }

  get isLeader(): boolean {
    return this.group.leader === this;
  }

  get isZombie(): boolean {
    return this.state === EXIT_ZOMBIE;
  }
}
