// The introspection half of the protocol: what the UI may see of the machine's inside without
// running anything in it — a kernel debugger's view. The host builds these payloads by reading the
// kernel's data structures directly (emulator/host/snapshot.ts); nothing here is produced by a
// syscall, so looking never changes what the machine's own trace shows.

import type { TraceEvent } from '../trace/events';

/** One open descriptor, as /proc/<pid>/fd and fdinfo would describe it. */
export interface FdInfo {
  fd: number;
  /** What readlink(/proc/<pid>/fd/N) shows: a path, "pipe:[ino]", "socket:[ino]", "anon_inode:[…]". */
  target: string;
  /** How it is open: 'r', 'w' or 'rw' (the link's permission bits in /proc). */
  mode: 'r' | 'w' | 'rw' | '';
  cloexec: boolean;
  /** Open flags (f_flags) in hex, as fdinfo's "flags:" shows them in octal. */
  flags: number;
  /** The file position (fdinfo "pos:"). */
  pos: number;
}

/** One VMA, the fields of a /proc/<pid>/maps line. */
export interface MapInfo {
  start: number;
  end: number;
  /** "r-xp" */
  perms: string;
  offset: number;
  /** The file's path, "[heap]", "[stack]", "[vdso]", or "" for anonymous memory. */
  name: string;
}

/** A signal whose disposition is not the default. */
export interface HandlerInfo {
  sig: number;
  /** "SIGINT" */
  name: string;
  /** 'ignore', or the handler's address in hex. */
  action: string;
  /** sa_flags, hex. */
  flags: string;
}

/** A syscall the task sleeps in (from its saved registers, as /proc/<pid>/syscall shows). */
export interface BlockedSyscall {
  nr: number;
  name: string;
  /** rdi, rsi, rdx, r10, r8, r9 */
  args: number[];
}

/**
 * One task. A single-threaded process is one task with pid === tgid; further threads have their
 * own pid (tid) and share the tgid.
 */
export interface ProcessInfo {
  pid: number;
  tgid: number;
  /** The parent process's pid (0 for init). */
  ppid: number;
  pgid: number;
  sid: number;
  comm: string;
  /** ps's letter: R running, S sleeping, D disk sleep, T stopped, t traced, Z zombie, X dead. */
  state: string;
  /** The controlling terminal's name ("ttyS0", "pts/0") or null. */
  tty: string | null;
  uid: number;
  euid: number;
  gid: number;
  egid: number;
  groups: number[];
  /** argv from the process's memory (empty for a zombie or a kernel-made task). */
  cmdline: string[];
  exe: string;
  /** The working directory, or null once the task has exited. */
  cwd: string | null;
  fds: FdInfo[];
  maps: MapInfo[];
  /** Signal sets as 16 hex digits (like /proc/<pid>/status's SigBlk, SigPnd, ShdPnd). */
  sigBlocked: string;
  sigPending: string;
  sigSharedPending: string;
  handlers: HandlerInfo[];
  /** The call it sleeps in, if it sleeps in one. */
  syscall: BlockedSyscall | null;
  /** Virtual ns since boot when it was created. */
  startNs: number;
  /** Accumulated virtual CPU time, ns. */
  utimeNs: number;
  stimeNs: number;
}

/** Process table changes since the previous message (or the whole table when `full`). */
export interface ProcessesEvent {
  type: 'processes';
  protocol: number;
  /** The boot this describes (StatusEvent.boot). */
  boot: number;
  full: boolean;
  /** Tasks that are new or changed, whole. */
  upsert: ProcessInfo[];
  /** pids of tasks that are gone (reaped). */
  removed: number[];
}

/**
 * A range of the machine-wide trace, answering a trace-fetch. `first` > the requested `from` means
 * the events between were overwritten before anyone asked for them (the UI shows a gap).
 */
export interface TraceBatchEvent {
  type: 'trace-batch';
  protocol: number;
  /** The boot this describes (StatusEvent.boot). */
  boot: number;
  from: number;
  first: number;
  /** The seq to ask from next (past the last event sent, or the head if all were sent). */
  next: number;
  /** The seq the machine's next event will get: more are waiting when this is beyond `next`. */
  head: number;
  events: TraceEvent[];
}

/** Counters for the status bar, sent a few times a second while they move. */
export interface StatsEvent {
  type: 'stats';
  protocol: number;
  virtualNs: number;
  /** System calls entered since boot, and per wall-clock second over the last interval. */
  syscalls: number;
  syscallsPerSec: number;
  /** Context switches since boot (/proc/stat's ctxt). */
  contextSwitches: number;
  /** Page faults since boot (the trace's fault events). */
  faults: number;
  /** Timer expiries since boot: the emulated machine's only interrupt source. */
  timerInterrupts: number;
  tasks: number;
  /** The trace's head (seq of the next event). */
  traceHead: number;
  running: boolean;
}

/** A step-to-next-syscall completed: the machine is paused at this syscall's entry, before its handler runs. */
export interface SteppedEvent {
  type: 'stepped';
  protocol: number;
  seq: number;
  pid: number;
  tid: number;
  nr: number;
  /** The entry as strace prints it, `openat(AT_FDCWD, "/etc/hostname", O_RDONLY`. */
  text: string;
}

/** Largest trace batch a host sends for one request. */
export const MAX_TRACE_BATCH = 4096;

/** One user memory access of a call, as the detail pane shows it. */
export interface UserMemInfo {
  /** 'read': copied from user memory into the kernel; 'write': copied out to user memory. */
  dir: 'read' | 'write';
  /** copy_from_user, copy_to_user, strncpy_from_user, get_user, put_user, clear_user. */
  fn: string;
  addr: number;
  len: number;
  /** The first bytes moved (at most 256), one char per byte (latin1.ts). */
  bytes: string;
  /** False: the access faulted (EFAULT). */
  ok: boolean;
}

/** The recorded inside of one syscall: the kernel functions it went through, the user memory it touched. */
export interface SyscallDetailInfo {
  calls: { fn: string; depth: number }[];
  mem: UserMemInfo[];
  /** Entries past the per-call bounds, counted only. */
  droppedCalls: number;
  droppedMem: number;
}

/** The answer to trace-detail: the detail of the call whose sys_enter has `seq`, or why there is none. */
export interface TraceDetailEvent {
  type: 'trace-detail';
  protocol: number;
  boot: number;
  seq: number;
  detail: SyscallDetailInfo | null;
  /** When detail is null: 'not-recorded' (capture was off, or not a syscall) or 'expired' (too old). */
  reason?: string;
}
