// The architectural state of one x86-64 hardware thread in user mode (what an interrupt saves):
// sixteen 64-bit general registers, RIP, RFLAGS, the FS/GS segment bases, sixteen 128-bit XMM
// registers and MXCSR, and the x87 FPU's registers.
//
// JavaScript numbers cannot hold 64 bits exactly, so a 64-bit register is a pair of 32-bit halves
// in two Int32Arrays: lo[r] and hi[r]. Most code compilers emit works on 32-bit values (int) or on
// pointers (below 2^47), so the common case touches lo only, or both halves with cheap carries.
// Register numbers are the hardware encoding: 0 rax, 1 rcx, 2 rdx, 3 rbx, 4 rsp, 5 rbp, 6 rsi,
// 7 rdi, 8-15 r8-r15.
//
// RFLAGS is kept lazily (flags.ts): an arithmetic instruction records its operands and result,
// and a flag is computed only when something (a jcc, setcc, pushf) reads it.

import type { Trap } from '../../uapi/traps';
import { Fpu } from './fpu';
import type { Mmu } from './mmu';

export const RAX = 0, RCX = 1, RDX = 2, RBX = 3, RSP = 4, RBP = 5, RSI = 6, RDI = 7;

/** Lazy-flag kinds: which instruction last set the arithmetic flags (see flags.ts). */
export const CC_NONE = 0; // flags are materialized in `eflags`
export const CC_ADD = 1;
export const CC_SUB = 2;
export const CC_LOGIC = 3;
export const CC_INC = 4;
export const CC_DEC = 5;
/** CF and OF given explicitly (shifts, multiplies); ZF, SF, PF from the result. */
export const CC_EXPLICIT = 6;

export class Cpu {
  readonly lo = new Int32Array(16);
  readonly hi = new Int32Array(16);
  /** Address of the next instruction to run. */
  rip = 0;
  /** RFLAGS bits other than the lazy arithmetic ones (DF, IF, bit 1, AC, ID …); all bits when ccOp is CC_NONE. */
  eflags = 0x202;
  ccOp = CC_NONE;
  /** Operand size in bytes of the flag-setting operation. */
  ccSize = 4;
  /** Result and operands (a op b), each as low/high halves; values of 1/2-byte ops are zero-extended. */
  ccRes = 0;
  ccResH = 0;
  ccA = 0;
  ccAH = 0;
  ccB = 0;
  ccBH = 0;
  /** Carry-in of adc/sbb (0/1), or the CF that inc/dec preserve, or CC_EXPLICIT's CF. */
  ccCf = 0;
  /** CC_EXPLICIT's OF. */
  ccOf = 0;
  fsBase = 0;
  gsBase = 0;
  /**
   * XMM0-15: four little-endian 32-bit lanes each, xmm[4*n .. 4*n+3]. A 17th register is the
   * SSE executors' scratch space for a memory source operand (sse.ts).
   */
  readonly xmm = new Int32Array(68);
  /** The same bytes, for byte-lane instructions (pcmpeqb, pmovmskb, pshufb…). */
  readonly xmmB = new Uint8Array(this.xmm.buffer);
  /** The same bytes as single- and double-precision lanes (sse_float.ts; NaNs are moved as integers). */
  readonly xmmF32 = new Float32Array(this.xmm.buffer);
  readonly xmmF64 = new Float64Array(this.xmm.buffer);
  mxcsr = 0x1f80;
  /** The x87 FPU: register stack, control, status and tag words (fpu.ts). */
  readonly fpu = new Fpu();
  /** The high half of the last 64-bit value a helper returned (helpers return the low half). */
  vh = 0;
  /** The time-stamp counter rdtsc reads: instructions run on this machine (see runtime.ts). */
  tsc = 0;
  /** IA32_TSC_AUX, which rdtscp returns in ecx: Linux programs it with (node << 12) | cpu. */
  tscAux = 0;
  /** vDSO entries reached since run() began: name, then the TSC at the call (see vdso_mark.ts). */
  vdsoCalls: (string | number)[] = [];
  /** Set by an instruction that leaves user mode (syscall, int3, hlt…); run() returns it. */
  trap: Trap | null = null;

  constructor(readonly mem: Mmu) {}

  /** A 64-bit register as a JavaScript number (exact below 2^53, which covers user addresses). */
  get64(r: number): number {
    return this.hi[r]! * 4294967296 + (this.lo[r]! >>> 0);
  }

  /** Set a 64-bit register from a JavaScript integer (two's complement for negatives). */
  set64(r: number, v: number): void {
    this.lo[r] = v | 0;
    this.hi[r] = Math.floor(v / 4294967296) | 0;
  }

  /** Push a 64-bit value (lo, hi) on the stack. */
  push64(lo: number, hi: number): void {
    const sp = this.get64(RSP) - 8;
    this.mem.wr64(sp, lo, hi);
    this.set64(RSP, sp);
  }

  /** Pop a 64-bit value: returns the low half, the high half in vh. */
  pop64(): number {
    const sp = this.get64(RSP);
    const lo = this.mem.rd64(sp);
    const hi = this.mem.vh;
    this.set64(RSP, sp + 8);
    this.vh = hi;
    return lo;
  }
}
