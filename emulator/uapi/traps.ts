// How user mode leaves to the kernel: the `syscall` instruction, or an exception vector (x86 IDT numbers).

export const TRAP_SYSCALL = -1;
export const X86_TRAP_DE = 0; // divide error  → SIGFPE
export const X86_TRAP_DB = 1; // debug (single-step trap) → SIGTRAP, TRAP_TRACE
export const X86_TRAP_BP = 3; // int3          → SIGTRAP
export const X86_TRAP_UD = 6; // invalid opcode → SIGILL
export const X86_TRAP_GP = 13; // general protection → SIGSEGV
export const X86_TRAP_PF = 14; // page fault   → SIGSEGV
export const X86_TRAP_MF = 16; // x87 floating-point error (an unmasked exception, at the next x87 instruction) → SIGFPE
export const X86_TRAP_XF = 19; // SIMD floating-point exception (unmasked in MXCSR) → SIGFPE
/** The local APIC timer interrupt (Linux's LOCAL_TIMER_VECTOR): the CPU's time is up; no signal. */
export const LOCAL_TIMER_VECTOR = 0xec;

/** Page-fault error code bits, as the CPU pushes them. */
export const PF_PROT = 1, PF_WRITE = 2, PF_USER = 4, PF_INSTR = 16;

/** What a user context's run() reports: a syscall, or an exception with its details. */
export interface Trap {
  vector: number;
  /** Faulting address for #PF. */
  addr?: number;
  /** #PF: the error code the CPU pushes. #MF and #XM: the unmasked exception flags (x87/MXCSR bits 0-5) that are set. */
  errorCode?: number;
  /** For the kernel log: what happened, in words. */
  message?: string;
  /** Virtual ns the user code ran before this trap, when the context measures it (the CPU counts instructions). */
  ns?: number;
  /** vDSO functions user code called during the run (no kernel entry): name, and ns into the run. */
  vdsoCalls?: { name: string; ns: number }[];
}
export const SYSCALL_TRAP: Trap = Object.freeze({ vector: TRAP_SYSCALL });
