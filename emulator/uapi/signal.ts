// Signal numbers, sigaction flags and the layouts of the structures the signal calls use (x86-64).

export const SIGHUP = 1, SIGINT = 2, SIGQUIT = 3, SIGILL = 4, SIGTRAP = 5, SIGABRT = 6, SIGBUS = 7;
export const SIGFPE = 8, SIGKILL = 9, SIGUSR1 = 10, SIGSEGV = 11, SIGUSR2 = 12, SIGPIPE = 13;
export const SIGALRM = 14, SIGTERM = 15, SIGSTKFLT = 16, SIGCHLD = 17, SIGCONT = 18, SIGSTOP = 19;
export const SIGTSTP = 20, SIGTTIN = 21, SIGTTOU = 22, SIGURG = 23, SIGXCPU = 24, SIGXFSZ = 25;
export const SIGVTALRM = 26, SIGPROF = 27, SIGWINCH = 28, SIGIO = 29, SIGPWR = 30, SIGSYS = 31;
/** The kernel's SIGRTMIN; glibc reserves 32 and 33 and calls 34 SIGRTMIN. */
export const SIGRTMIN_KERNEL = 32;
export const SIGRTMAX = 64;
export const NSIG = 64;

/** Names without the SIG prefix, indexed by number (1..31). */
export const SIGNAL_NAMES: readonly string[] = [
  '', 'HUP', 'INT', 'QUIT', 'ILL', 'TRAP', 'ABRT', 'BUS', 'FPE', 'KILL', 'USR1', 'SEGV', 'USR2', 'PIPE',
  'ALRM', 'TERM', 'STKFLT', 'CHLD', 'CONT', 'STOP', 'TSTP', 'TTIN', 'TTOU', 'URG', 'XCPU', 'XFSZ',
  'VTALRM', 'PROF', 'WINCH', 'IO', 'PWR', 'SYS',
];

/** glibc strsignal() texts for 1..31. */
const SIGNAL_TEXTS: readonly string[] = [
  '', 'Hangup', 'Interrupt', 'Quit', 'Illegal instruction', 'Trace/breakpoint trap', 'Aborted',
  'Bus error', 'Floating point exception', 'Killed', 'User defined signal 1', 'Segmentation fault',
  'User defined signal 2', 'Broken pipe', 'Alarm clock', 'Terminated', 'Stack fault', 'Child exited',
  'Continued', 'Stopped (signal)', 'Stopped', 'Stopped (tty input)', 'Stopped (tty output)',
  'Urgent I/O condition', 'CPU time limit exceeded', 'File size limit exceeded', 'Virtual timer expired',
  'Profiling timer expired', 'Window changed', 'I/O possible', 'Power failure', 'Bad system call',
];

/** "SIGINT", or glibc's SIGRTMIN+n / SIGRTMAX-n spelling for real-time signals. */
export function signalName(sig: number): string {
  if (sig >= 1 && sig <= 31) return 'SIG' + SIGNAL_NAMES[sig];
  if (sig === 32) return 'SIGRTMIN';
  if (sig === 33) return 'SIGRT_1';
  if (sig >= 34 && sig <= 64) {
    const off = sig - 34;
    return off <= 15 ? (off === 0 ? 'SIGRTMIN' : `SIGRTMIN+${off}`) : sig === 64 ? 'SIGRTMAX' : `SIGRTMAX-${64 - sig}`;
  }
  return `${sig}`;
}

/** glibc strsignal(). */
export function strsignal(sig: number): string {
  if (sig >= 1 && sig <= 31) return SIGNAL_TEXTS[sig]!;
  if (sig >= 34 && sig <= 64) return `Real-time signal ${sig - 34}`;
  return `Unknown signal ${sig}`;
}

/** What the kernel does with a signal whose handler is SIG_DFL (signal(7)). */
export type DefaultAction = 'term' | 'core' | 'stop' | 'cont' | 'ign';
export function defaultAction(sig: number): DefaultAction {
  switch (sig) {
    case SIGQUIT: case SIGILL: case SIGTRAP: case SIGABRT: case SIGBUS: case SIGFPE: case SIGSEGV:
    case SIGXCPU: case SIGXFSZ: case SIGSYS:
      return 'core';
    case SIGCHLD: case SIGURG: case SIGWINCH:
      return 'ign';
    case SIGCONT:
      return 'cont';
    case SIGSTOP: case SIGTSTP: case SIGTTIN: case SIGTTOU:
      return 'stop';
    default:
      return 'term';
  }
}

export const SIG_DFL = 0;
export const SIG_IGN = 1;

export const SA_NOCLDSTOP = 0x1, SA_NOCLDWAIT = 0x2, SA_SIGINFO = 0x4, SA_RESTORER = 0x04000000;
export const SA_ONSTACK = 0x08000000, SA_RESTART = 0x10000000, SA_NODEFER = 0x40000000;
export const SA_RESETHAND = 0x80000000;

export const SIG_BLOCK = 0, SIG_UNBLOCK = 1, SIG_SETMASK = 2;

/** struct sigaction as the kernel sees it (x86-64 kernel_sigaction): handler, flags, restorer, mask. */
export const SIGACTION_SIZE = 32;
export const SIGACTION = { handler: 0, flags: 8, restorer: 16, mask: 24 } as const;

/** siginfo_t is 128 bytes; the fields the kernel fills for the common cases. */
export const SIGINFO_SIZE = 128;
/**
 * The fields sit in a union from offset 16, laid out by the kind of signal: `value` is the sigval of
 * a queued signal (sigqueue), where a SIGCHLD has its `status` and then the child's CPU times in
 * clock ticks; a fault has the address; a POSIX timer its id and overrun; SIGIO the band and fd;
 * SIGSYS (seccomp) the calling address, syscall number and audit arch.
 */
export const SIGINFO = {
  signo: 0, errno: 4, code: 8, pid: 16, uid: 20, status: 24, value: 24, addr: 16, utime: 32, stime: 40,
  timerid: 16, overrun: 20, band: 16, fd: 24, call_addr: 16, syscall: 24, arch: 28,
} as const;

export const SI_USER = 0, SI_KERNEL = 0x80, SI_QUEUE = -1, SI_TIMER = -2, SI_MESGQ = -3, SI_ASYNCIO = -4;
export const SI_SIGIO = -5, SI_TKILL = -6, SI_DETHREAD = -7, SI_ASYNCNL = -60;
export const CLD_EXITED = 1, CLD_KILLED = 2, CLD_DUMPED = 3, CLD_TRAPPED = 4, CLD_STOPPED = 5, CLD_CONTINUED = 6;
export const SEGV_MAPERR = 1, SEGV_ACCERR = 2, SEGV_BNDERR = 3, SEGV_PKUERR = 4;

/** The si_code names of each signal's own codes (1, 2, …), by value: index 0 is unused. */
export const CLD_CODE_NAMES = ['', 'CLD_EXITED', 'CLD_KILLED', 'CLD_DUMPED', 'CLD_TRAPPED', 'CLD_STOPPED', 'CLD_CONTINUED'];
export const SEGV_CODE_NAMES = ['', 'SEGV_MAPERR', 'SEGV_ACCERR', 'SEGV_BNDERR', 'SEGV_PKUERR'];
export const BUS_CODE_NAMES = ['', 'BUS_ADRALN', 'BUS_ADRERR', 'BUS_OBJERR', 'BUS_MCEERR_AR', 'BUS_MCEERR_AO'];
export const ILL_CODE_NAMES = ['', 'ILL_ILLOPC', 'ILL_ILLOPN', 'ILL_ILLADR', 'ILL_ILLTRP', 'ILL_PRVOPC', 'ILL_PRVREG', 'ILL_COPROC', 'ILL_BADSTK'];
export const FPE_CODE_NAMES = ['', 'FPE_INTDIV', 'FPE_INTOVF', 'FPE_FLTDIV', 'FPE_FLTOVF', 'FPE_FLTUND', 'FPE_FLTRES', 'FPE_FLTINV', 'FPE_FLTSUB'];
export const TRAP_CODE_NAMES = ['', 'TRAP_BRKPT', 'TRAP_TRACE', 'TRAP_BRANCH', 'TRAP_HWBKPT'];
export const POLL_CODE_NAMES = ['', 'POLL_IN', 'POLL_OUT', 'POLL_MSG', 'POLL_ERR', 'POLL_PRI', 'POLL_HUP'];
export const SYS_CODE_NAMES = ['', 'SYS_SECCOMP'];
/** AUDIT_ARCH_X86_64: the arch a seccomp SIGSYS reports. */
export const AUDIT_ARCH_X86_64 = 0xc000003e;
/** clock_t ticks per second (USER_HZ), the unit of a SIGCHLD's si_utime/si_stime. */
export const USER_HZ = 100;

/** The bit of each signal, made once: signal code asks for them on every syscall. */
const SIGMASKS: readonly bigint[] = Array.from({ length: 65 }, (_, sig) => (sig === 0 ? 0n : 1n << BigInt(sig - 1)));
/** A bit in a 64-bit signal set, as a bigint-free pair of numbers would be clumsy: we use bigint. */
export function sigmask(sig: number): bigint {
  return SIGMASKS[sig] ?? 1n << BigInt(sig - 1);
}
/** Signals that can never be blocked or caught. */
export const UNBLOCKABLE = sigmask(SIGKILL) | sigmask(SIGSTOP);

/** An obsolete name strace still prints for bit 29 of sa_flags. */
export const SA_INTERRUPT = 0x20000000;

/** sigaltstack(2): stack_t { void *ss_sp; int ss_flags; size_t ss_size; } and its flags. */
export const STACK_T_SIZE = 24;
export const STACK_T = { sp: 0, flags: 8, size: 16 } as const;
export const SS_ONSTACK = 1, SS_DISABLE = 2, SS_AUTODISARM = 0x80000000;

/**
 * struct ucontext (x86-64) as setup_rt_frame writes it on the user stack: flags, link, the
 * alternate stack, the saved registers (struct sigcontext, 256 bytes) and the blocked mask. When
 * rt_sigreturn is entered, the restorer has popped the return address and rsp points at it.
 */
export const UCONTEXT = { flags: 0, link: 8, stack: 16, mcontext: 40, sigmask: 296 } as const;
export const UCONTEXT_SIZE = 304;
