// Test harness: a bare x86-64 context on a fresh address space, without a kernel. Code goes at
// CODE (r-x), data at DATA (rw-) and a stack below STACK_TOP; run() runs until the next trap.

import { MM } from '../../../../emulator/kernel/mm/mm';
import { PhysMem } from '../../../../emulator/kernel/mm/page';
import { X86Context, X86Machine } from '../../../../emulator/arch/x86/context';
import { UserRegs } from '../../../../emulator/uapi/ptrace';
import { PROT_EXEC, PROT_READ, PROT_WRITE } from '../../../../emulator/uapi/mman';

export const CODE = 0x400000;
export const DATA = 0x600000;
export const STACK_TOP = 0x7ffff000;

export interface Harness {
  mm: MM;
  ctx: X86Context;
  regs: UserRegs;
}

/** A context whose code is `bytes` at CODE (4 pages), with 16 pages of data and a 64 KiB stack. */
export function harness(bytes: ArrayLike<number>, codePages = 4): Harness {
  const mm = new MM(new PhysMem(4096));
  mm.mapArea(CODE, CODE + codePages * 4096, PROT_READ | PROT_WRITE, 0);
  mm.writeFrom(CODE, Uint8Array.from(bytes));
  mm.protectRange(CODE, CODE + codePages * 4096, PROT_READ | PROT_EXEC);
  mm.mapArea(DATA, DATA + 16 * 4096, PROT_READ | PROT_WRITE, 0);
  mm.mapArea(STACK_TOP - 0x10000, STACK_TOP, PROT_READ | PROT_WRITE, 0);
  const regs = new UserRegs();
  regs.rip = CODE;
  regs.rsp = STACK_TOP - 0x100;
  const ctx = new X86Context(mm, regs, new X86Machine());
  return { mm, ctx, regs };
}

/** Hex string ("48 01 d8 …") → bytes, for hand-assembled code. */
export function hex(s: string): number[] {
  return s.trim().split(/\s+/).filter(Boolean).map((b) => parseInt(b, 16));
}
