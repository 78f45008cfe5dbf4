// The machine-wide trace: one event per boundary crossing or lifecycle step, with a virtual
// timestamp and the pid/tid/cpu it happened on. This stays separate from ptrace: it is always on,
// costs little, and the UI and the exporters read it from outside the machine.

export type TraceEvent =
  | SysEnterEvent
  | SysExitEvent
  | ForkEvent
  | ExecEvent
  | ExitEvent
  | ReapEvent
  | SwitchEvent
  | FaultEvent
  | SignalEvent
  | VdsoEvent
  | NetEvent;

interface Base {
  /** Sequence number, increasing without gaps since boot (a gap in a read means the ring wrapped). */
  seq: number;
  /** Virtual ns since boot. */
  ts: number;
  pid: number;
  tid: number;
  cpu: number;
}

export interface SysEnterEvent extends Base {
  kind: 'sys_enter';
  nr: number;
  args: [number, number, number, number, number, number];
  /** Strings the syscall's signature marks as path/string arguments, read at entry (index → text). */
  strings: (string | null)[] | null;
  /**
   * With decoding on (TraceRing.decode): what strace prints at entry — `name(` and the arguments
   * known before the call runs, e.g. `openat(AT_FDCWD, "/etc/passwd", O_RDONLY`.
   */
  text?: string;
}

export interface SysExitEvent extends Base {
  kind: 'sys_exit';
  nr: number;
  ret: number;
  /** With decoding on: the arguments known only after the call (read's data…) and `)`. */
  text?: string;
  /** With decoding on: the result as strace prints it, `= 3` or `= -1 ENOENT (No such file or directory)`. */
  retText?: string;
}

export interface ForkEvent extends Base {
  kind: 'fork';
  child: number;
  flags: number;
}

export interface ExecEvent extends Base {
  kind: 'exec';
  path: string;
  argv: string[];
}

export interface ExitEvent extends Base {
  kind: 'exit';
  /** The wait status as wait4 reports it. */
  status: number;
}

export interface ReapEvent extends Base {
  kind: 'reap';
  child: number;
}

export interface SwitchEvent extends Base {
  kind: 'switch';
  /** pid/tid are the task switched to; prev is the task switched from (0: idle). */
  prev: number;
}

export interface FaultEvent extends Base {
  kind: 'fault';
  addr: number;
  write: boolean;
  /** 'minor' (page allocated), 'cow', or the failure: 'maperr', 'accerr', 'oom'. */
  result: string;
}

export interface SignalEvent extends Base {
  kind: 'signal_generate' | 'signal_deliver';
  sig: number;
  code: number;
  /** For generate: the target tid. For deliver: the handler address (0 = default action, 1 = ignored). */
  target: number;
  /** With decoding on, for deliver: strace's line, `--- SIGCHLD {si_signo=SIGCHLD, …} ---`. */
  text?: string;
}

/** Distributes the event type without the bookkeeping fields. */
type DistributiveOmit<T, K extends keyof T> = T extends unknown ? Omit<T, K> : never;
export type NewTraceEvent = DistributiveOmit<TraceEvent, 'seq'>;

/** A call into the vDSO: user code reading the clock without entering the kernel. */
export interface VdsoEvent extends Base {
  kind: 'vdso';
  /** The function: clock_gettime, gettimeofday, time, clock_getres or getcpu. */
  name: string;
}

/**
 * A packet crossing a network device (recorded as the IP layer hands it to the device; one event
 * per packet, while the trace is on), so the UI can animate the segments of a connection.
 */
export interface NetEvent extends Base {
  kind: 'net';
  /** The device: 'lo'. */
  dev: string;
  /** 'TCP', 'UDP', 'ICMP' or 'ICMPv6'. */
  proto: string;
  /** Source and destination as `127.0.0.1:5000` or `[::1]:5000` (no port for ICMP). */
  src: string;
  dst: string;
  /** The TCP flags set, as "SYN,ACK" ('' for other protocols). */
  flags: string;
  /** Payload bytes after the transport header. */
  len: number;
}
