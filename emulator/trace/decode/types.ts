// The syscall decoder's interface: how strace-style text is made from a call's registers and the
// tracee's memory. One decoder serves three readers — /usr/bin/strace inside the machine (which
// reads tracee memory through process_vm_readv and /proc, i.e. through syscalls), the kernel's
// machine-wide trace (which reads the task's memory directly) and the UI. So the decoder never
// touches memory itself: it is a generator that *asks* for what it needs (DecodeRequest) and is
// handed the answer. strace answers each request with syscalls; the kernel answers synchronously.

/** What the decoder may ask of whoever drives it. */
export type DecodeRequest =
  /** `len` bytes of tracee memory at `addr`; answered with the bytes, or null if unreadable. */
  | { kind: 'mem'; addr: number; len: number }
  /**
   * A NUL-terminated string at `addr`, at most `max` bytes; answered with its bytes (without the
   * NUL) and whether the NUL was found within `max`, or null if unreadable.
   */
  | { kind: 'str'; addr: number; max: number }
  /**
   * For -y/-yy: what /proc/<pid>/fd/<fd> links to ("/dev/null", "pipe:[8791]"), or null. fd -100
   * (AT_FDCWD) asks for the current directory (/proc/<pid>/cwd). With -yy the driver may answer
   * with more detail ("/dev/null<char 1:3>", "UNIX-STREAM:[18079->18080]"); it is printed as is.
   * `detail` says -yy asked for it (fdDetail formats a device's).
   */
  | { kind: 'fd'; fd: number; detail?: boolean };

export type DecodeAnswer = Uint8Array | { bytes: Uint8Array; terminated: boolean } | string | null;

/** A decoding step: yields requests, receives answers, returns the text. */
export type Decode<T = string> = Generator<DecodeRequest, T, DecodeAnswer>;

/** strace's display options that change decoding. */
export interface DecodeOptions {
  /** -s N: the longest string or buffer shown (default 32). */
  strsize: number;
  /** -v: structures and arrays in full (environments, every stat field). */
  verbose: boolean;
  /** -x (1): strings with non-printables in hex; -xx (2): every string in hex. */
  xflag: 0 | 1 | 2;
  /** -y (1): paths behind fds; -yy (2): also socket/device details. */
  decodeFds: 0 | 1 | 2;
}

export const DEFAULT_DECODE_OPTIONS: DecodeOptions = { strsize: 32, verbose: false, xflag: 0, decodeFds: 0 };

/** A system call as the tracer sees it: number, the six argument registers, the result once known. */
export interface SyscallCall {
  nr: number;
  args: readonly number[];
  /** rax after the call; undefined while it has not returned. */
  ret?: number;
  /** Values some arguments captured at entry (by position), for printing at exit. */
  saved?: Record<number, unknown>;
  /**
   * The user stack pointer at entry. Only rt_sigreturn needs it: the mask it restores lives in the
   * signal frame at the top of the stack, and strace prints it (`rt_sigreturn({mask=[]})`).
   */
  sp?: number;
  /**
   * For restart_syscall: the number of the call it resumes — the thread's last call that ended
   * with ERESTART_RESTARTBLOCK, which the tracer remembers. strace prints
   * `restart_syscall(<... resuming interrupted clock_nanosleep ...>)`.
   */
  resumes?: number;
}
