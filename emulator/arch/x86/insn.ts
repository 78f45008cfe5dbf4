// A decoded instruction: everything the executor needs, worked out once by the decoder and kept in
// the decoded-instruction cache. Every instruction has the same shape (one class, all fields set),
// so the interpreter's calls stay monomorphic and fast.

import type { Cpu } from './cpu';

/** Executes one decoded instruction. */
export type Exec = (c: Cpu, i: Insn) => void;
/** Computes a memory operand's effective address (a JavaScript number; see operands.ts). */
export type EaFn = (c: Cpu, i: Insn) => number;

export class Insn {
  /** Address of the instruction and of the one after it. */
  addr = 0;
  next = 0;
  fn: Exec;
  /** The number of an executor the interpreter loop runs inline (hot.ts), or 0. */
  hot = 0;
  /** The operation within a family: the ALU op, the condition code, the group's /digit … */
  op = 0;
  /** Operand size in bytes: 1, 2, 4 or 8. */
  size = 4;
  /** ModRM.reg (with REX.R): a register number. Byte registers AH-BH are 16-19 (see operands.ts). */
  reg = 0;
  /** ModRM.rm (with REX.B) when it names a register; -1 for a memory operand. */
  rm = -1;
  /** Memory operand: base and index registers (-1 for none), scale (1, 2, 4, 8), displacement. */
  base = -1;
  index = -1;
  scale = 1;
  /** The displacement; for a RIP-relative operand, the absolute address (rip is known at decode). */
  disp = 0;
  /** The displacement is relative to the next instruction (the decoder makes it absolute). */
  ripRel = false;
  /** Segment override: 0 none, 4 fs, 5 gs (the sreg numbers). */
  seg = 0;
  /** Address-size override (0x67): the address is truncated to 32 bits. */
  addr32 = false;
  ea: EaFn;
  /** Immediate (low half, sign-extended to the operand size) and its high half for 64-bit operands. */
  imm = 0;
  immH = 0;
  /** A second immediate (the shift count of shld/shrd, the byte of pshufd…), or a branch target. */
  imm2 = 0;
  /** Repeat prefix: 0, 0xf3 (rep/repe) or 0xf2 (repne). */
  rep = 0;
  /** The instruction's bytes in hex, kept only for the ones that trap with a message (#UD, #GP). */
  bytes = '';

  constructor(fn: Exec, ea: EaFn) {
    this.fn = fn;
    this.ea = ea;
  }
}
