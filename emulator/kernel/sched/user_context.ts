// The only thing the kernel knows about a task's user side (Linux's pt_regs plus "return to user
// mode"). Two implementations exist: the x86-64 CPU interpreter (arch/x86) and the TypeScript
// program runtime (userland/runtime). machine/ wires them in; the kernel imports neither.

import type { UserRegs } from '../../uapi/ptrace';
import type { Trap } from '../../uapi/traps';
import type { MM } from '../mm/mm';

export interface UserContext {
  /** The register file; the kernel reads syscall arguments from it and writes rax back. */
  readonly regs: UserRegs;
  /** Run user code until the next `syscall` or exception. */
  run(): Trap;
  /**
   * copy_thread: the user side of a child made by fork/clone, running in `mm` with a copy of these
   * registers (rax = 0 set by the caller). `stack` is clone's new stack pointer, or 0.
   */
  copyThread(mm: MM, stack: number): UserContext;
  /** "x86-64" or "ts": shown by the UI and used by ptrace to refuse single-step where it has no meaning. */
  readonly arch: string;
  /**
   * PTRACE_SINGLESTEP: trap (SIGTRAP) after one instruction (the x86 TF flag). Absent where the
   * context has no instructions to step, as with the TypeScript runtime.
   */
  singleStep?(on: boolean): void;
  /** Bytes of FP/SIMD state a signal frame holds for this context (x86: the 512-byte fxsave image); absent: none. */
  readonly fpStateSize?: number;
  /** The FP/SIMD registers as the signal frame stores them (kernel/fpu_signal.ts). */
  saveFpState?(): Uint8Array;
  /** Load state saved by saveFpState (user-edited: sanitized); null resets to the initial state, as execve leaves it. */
  restoreFpState?(state: Uint8Array | null): void;
}

/**
 * A binary format that can start a program (Linux's struct linux_binfmt). binfmt_elf finds an ELF
 * file's kind and asks the registered runtime to make a context for it.
 */
export interface ProgramRuntime {
  /** Make the user side of a freshly exec'd program: `entry` is the ELF entry, `note` the runtime note. */
  createContext(mm: MM, regs: UserRegs, note: string | null): UserContext | null;
}
