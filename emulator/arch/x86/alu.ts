// The integer ALU: add, or, adc, sbb, and, sub, xor, cmp (numbered as in the opcode map: the ALU
// op is bits 3-5 of opcodes 00-3f and the /digit of group 1), test, inc, dec, neg, not.
//
// 64-bit results are built from 32-bit halves with an explicit carry or borrow between them.

import { CC_ADD, CC_DEC, CC_INC, CC_LOGIC, CC_SUB, type Cpu } from './cpu';
import { getCF, setLogic } from './flags';
import type { Exec, Insn } from './insn';
import { getReg, readMem, readRM, setReg, trunc, writeMem } from './operands';

// Module-local copies of the lazy-flag kinds (see context.ts: V8 folds local constants).
const LCC_ADD = CC_ADD;
const LCC_DEC = CC_DEC;
const LCC_INC = CC_INC;
const LCC_LOGIC = CC_LOGIC;
const LCC_SUB = CC_SUB;

export const ADD = 0, OR = 1, ADC = 2, SBB = 3, AND = 4, SUB = 5, XOR = 6, CMP = 7, TEST = 8;

/** a op b for `size`-byte operands (high halves ah, bh when size is 8); sets the flags. Returns the low half, the high half in c.vh. */
export function alu(c: Cpu, op: number, size: number, a: number, ah: number, b: number, bh: number): number {
  let r: number, rh = 0;
  switch (op) {
    case ADD:
    case ADC: {
      const cin = op === ADC ? getCF(c) : 0;
      if (size === 8) {
        const s = (a >>> 0) + (b >>> 0) + cin;
        r = s | 0;
        rh = (ah + bh + (s > 0xffffffff ? 1 : 0)) | 0;
      } else r = trunc(a + b + cin, size);
      c.ccOp = LCC_ADD;
      c.ccCf = cin;
      break;
    }
    case SUB:
    case SBB:
    case CMP: {
      const cin = op === SBB ? getCF(c) : 0;
      if (size === 8) {
        const d = (a >>> 0) - (b >>> 0) - cin;
        r = d | 0;
        rh = (ah - bh - (d < 0 ? 1 : 0)) | 0;
      } else r = trunc(a - b - cin, size);
      c.ccOp = LCC_SUB;
      c.ccCf = cin;
      break;
    }
    case OR: r = a | b; rh = ah | bh; setLogic(c, size, r, rh); c.vh = rh; return r;
    case AND:
    case TEST: r = a & b; rh = ah & bh; setLogic(c, size, r, rh); c.vh = rh; return r;
    default: r = a ^ b; rh = ah ^ bh; setLogic(c, size, r, rh); c.vh = rh; return r;
  }
  c.ccSize = size;
  c.ccRes = r;
  c.ccResH = rh;
  c.ccA = a;
  c.ccAH = ah;
  c.ccB = b;
  c.ccBH = bh;
  c.vh = rh;
  return r;
}

/** Whether the op writes its result (cmp and test only set flags). */
const writes = (op: number) => op !== CMP && op !== TEST;

/** op r/m, reg (00, 01, 08 …, 84/85 test). */
export function aluRmReg(c: Cpu, i: Insn): void {
  const size = i.size;
  const b = getReg(c, i.reg, size), bh = c.vh;
  if (i.rm >= 0) {
    const a = getReg(c, i.rm, size);
    const r = alu(c, i.op, size, a, c.vh, b, bh);
    if (writes(i.op)) setReg(c, i.rm, size, r, c.vh);
  } else {
    const ea = i.ea(c, i);
    const a = readMem(c, ea, size);
    const r = alu(c, i.op, size, a, c.vh, b, bh);
    if (writes(i.op)) writeMem(c, ea, size, r, c.vh);
  }
}

/** op reg, r/m (02, 03, 0a …). */
export function aluRegRm(c: Cpu, i: Insn): void {
  const size = i.size;
  const b = readRM(c, i, size), bh = c.vh;
  const a = getReg(c, i.reg, size);
  const r = alu(c, i.op, size, a, c.vh, b, bh);
  if (writes(i.op)) setReg(c, i.reg, size, r, c.vh);
}

/** op r/m, imm (group 1: 80, 81, 83; and 04, 05 … with rm = rax; a8/a9 and f6/f7 /0 test). */
export function aluRmImm(c: Cpu, i: Insn): void {
  const size = i.size;
  if (i.rm >= 0) {
    const a = getReg(c, i.rm, size);
    const r = alu(c, i.op, size, a, c.vh, i.imm, i.immH);
    if (writes(i.op)) setReg(c, i.rm, size, r, c.vh);
  } else {
    const ea = i.ea(c, i);
    const a = readMem(c, ea, size);
    const r = alu(c, i.op, size, a, c.vh, i.imm, i.immH);
    if (writes(i.op)) writeMem(c, ea, size, r, c.vh);
  }
}

// ---- fast paths for the commonest forms: 32-bit register operands ------------------------------
// One small function per op (no dispatch on the op inside), picked by the decoder: a = the rm
// register, b = the reg register or the immediate, result to rm.

function arith32(c: Cpu, kind: number, a: number, b: number, r: number): void {
  c.ccOp = kind;
  c.ccSize = 4;
  c.ccCf = 0;
  c.ccRes = r;
  c.ccA = a;
  c.ccB = b;
}

function logic32(c: Cpu, r: number): void {
  c.ccOp = LCC_LOGIC;
  c.ccSize = 4;
  c.ccRes = r;
}

const add32RR = (c: Cpu, i: Insn) => { const a = c.lo[i.rm]!, b = c.lo[i.reg]!, r = (a + b) | 0; c.lo[i.rm] = r; c.hi[i.rm] = 0; arith32(c, LCC_ADD, a, b, r); };
const sub32RR = (c: Cpu, i: Insn) => { const a = c.lo[i.rm]!, b = c.lo[i.reg]!, r = (a - b) | 0; c.lo[i.rm] = r; c.hi[i.rm] = 0; arith32(c, LCC_SUB, a, b, r); };
const cmp32RR = (c: Cpu, i: Insn) => { const a = c.lo[i.rm]!, b = c.lo[i.reg]!; arith32(c, LCC_SUB, a, b, (a - b) | 0); };
const and32RR = (c: Cpu, i: Insn) => { const r = c.lo[i.rm]! & c.lo[i.reg]!; c.lo[i.rm] = r; c.hi[i.rm] = 0; logic32(c, r); };
const or32RR = (c: Cpu, i: Insn) => { const r = c.lo[i.rm]! | c.lo[i.reg]!; c.lo[i.rm] = r; c.hi[i.rm] = 0; logic32(c, r); };
const xor32RR = (c: Cpu, i: Insn) => { const r = c.lo[i.rm]! ^ c.lo[i.reg]!; c.lo[i.rm] = r; c.hi[i.rm] = 0; logic32(c, r); };
const test32RR = (c: Cpu, i: Insn) => { logic32(c, c.lo[i.rm]! & c.lo[i.reg]!); };
const add32RI = (c: Cpu, i: Insn) => { const a = c.lo[i.rm]!, b = i.imm, r = (a + b) | 0; c.lo[i.rm] = r; c.hi[i.rm] = 0; arith32(c, LCC_ADD, a, b, r); };
const sub32RI = (c: Cpu, i: Insn) => { const a = c.lo[i.rm]!, b = i.imm, r = (a - b) | 0; c.lo[i.rm] = r; c.hi[i.rm] = 0; arith32(c, LCC_SUB, a, b, r); };
const cmp32RI = (c: Cpu, i: Insn) => { const a = c.lo[i.rm]!, b = i.imm; arith32(c, LCC_SUB, a, b, (a - b) | 0); };
const and32RI = (c: Cpu, i: Insn) => { const r = c.lo[i.rm]! & i.imm; c.lo[i.rm] = r; c.hi[i.rm] = 0; logic32(c, r); };
const or32RI = (c: Cpu, i: Insn) => { const r = c.lo[i.rm]! | i.imm; c.lo[i.rm] = r; c.hi[i.rm] = 0; logic32(c, r); };
const xor32RI = (c: Cpu, i: Insn) => { const r = c.lo[i.rm]! ^ i.imm; c.lo[i.rm] = r; c.hi[i.rm] = 0; logic32(c, r); };
const test32RI = (c: Cpu, i: Insn) => { logic32(c, c.lo[i.rm]! & i.imm); };

/** 32-bit register-register executors by ALU op (null: adc and sbb, which take the general path). */
export const ALU32_RR: (Exec | null)[] = [add32RR, or32RR, null, null, and32RR, sub32RR, xor32RR, cmp32RR, test32RR];
export const ALU32_RI: (Exec | null)[] = [add32RI, or32RI, null, null, and32RI, sub32RI, xor32RI, cmp32RI, test32RI];

/** add/sub/cmp/and/or/xor/test r64, r64. */
export function alu64RR(c: Cpu, i: Insn): void {
  const lo = c.lo, hi = c.hi;
  alu64(c, i, lo[i.reg]!, hi[i.reg]!);
}

/** add/sub/cmp/and/or/xor/test r64, imm32 (sign-extended). */
export function alu64RI(c: Cpu, i: Insn): void {
  alu64(c, i, i.imm, i.immH);
}

/** The 64-bit register forms of add, sub, cmp and the logical ops: a = rm, b given, result to rm. */
function alu64(c: Cpu, i: Insn, b: number, bh: number): void {
  const lo = c.lo, hi = c.hi, rm = i.rm, op = i.op;
  const a = lo[rm]!, ah = hi[rm]!;
  let r: number, rh: number;
  if (op === ADD) {
    const s = (a >>> 0) + (b >>> 0);
    r = s | 0;
    rh = (ah + bh + (s > 0xffffffff ? 1 : 0)) | 0;
    c.ccOp = LCC_ADD;
  } else if (op === SUB || op === CMP) {
    const d = (a >>> 0) - (b >>> 0);
    r = d | 0;
    rh = (ah - bh - (d < 0 ? 1 : 0)) | 0;
    c.ccOp = LCC_SUB;
  } else {
    if (op === AND || op === TEST) { r = a & b; rh = ah & bh; }
    else if (op === OR) { r = a | b; rh = ah | bh; }
    else { r = a ^ b; rh = ah ^ bh; }
    setLogic(c, 8, r, rh);
    if (op !== TEST) { lo[rm] = r; hi[rm] = rh; }
    return;
  }
  c.ccSize = 8;
  c.ccCf = 0;
  c.ccRes = r;
  c.ccResH = rh;
  c.ccA = a;
  c.ccAH = ah;
  c.ccB = b;
  c.ccBH = bh;
  if (op !== CMP) { lo[rm] = r; hi[rm] = rh; }
}

/** inc/dec r32 (ff /0 /1 with a register, size 4). */
export function incDec32R(c: Cpu, i: Insn): void {
  const cf = getCF(c);
  const a = c.lo[i.rm]!;
  const dec = i.op === 1;
  const r = (dec ? a - 1 : a + 1) | 0;
  c.lo[i.rm] = r;
  c.hi[i.rm] = 0;
  c.ccOp = dec ? LCC_DEC : LCC_INC;
  c.ccSize = 4;
  c.ccRes = r;
  c.ccA = a;
  c.ccB = 1;
  c.ccCf = cf;
}

/** inc/dec r/m (fe, ff /0 /1): like add/sub 1 but CF is left alone. */
export function incDec(c: Cpu, i: Insn): void {
  const size = i.size;
  const dec = i.op === 1;
  const ea = i.rm >= 0 ? 0 : i.ea(c, i);
  const a = i.rm >= 0 ? getReg(c, i.rm, size) : readMem(c, ea, size);
  const ah = c.vh;
  const cf = getCF(c);
  let r: number, rh = 0;
  if (size === 8) {
    const s = (a >>> 0) + (dec ? -1 : 1);
    r = s | 0;
    rh = (ah + (s > 0xffffffff ? 1 : s < 0 ? -1 : 0)) | 0;
  } else r = trunc(a + (dec ? -1 : 1), size);
  c.ccOp = dec ? LCC_DEC : LCC_INC;
  c.ccSize = size;
  c.ccRes = r;
  c.ccResH = rh;
  c.ccA = a;
  c.ccAH = ah;
  c.ccB = 1;
  c.ccBH = 0;
  c.ccCf = cf;
  if (i.rm >= 0) setReg(c, i.rm, size, r, rh);
  else writeMem(c, ea, size, r, rh);
}

/** not r/m (f6/f7 /2): no flags. */
export function not(c: Cpu, i: Insn): void {
  const size = i.size;
  const ea = i.rm >= 0 ? 0 : i.ea(c, i);
  const a = i.rm >= 0 ? getReg(c, i.rm, size) : readMem(c, ea, size);
  const r = trunc(~a, size), rh = ~c.vh;
  if (i.rm >= 0) setReg(c, i.rm, size, r, rh);
  else writeMem(c, ea, size, r, rh);
}

/** neg r/m (f6/f7 /3): 0 - x, with the flags of that subtraction. */
export function neg(c: Cpu, i: Insn): void {
  const size = i.size;
  const ea = i.rm >= 0 ? 0 : i.ea(c, i);
  const a = i.rm >= 0 ? getReg(c, i.rm, size) : readMem(c, ea, size);
  const r = alu(c, SUB, size, 0, 0, a, c.vh);
  if (i.rm >= 0) setReg(c, i.rm, size, r, c.vh);
  else writeMem(c, ea, size, r, c.vh);
}
