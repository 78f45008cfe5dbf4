// RFLAGS, computed lazily (as QEMU and Bochs do).
//
// Nearly every integer instruction sets CF, PF, AF, ZF, SF and OF, and nearly every flag value is
// dead: overwritten by the next arithmetic instruction before a jcc reads it. So an instruction
// only records what it did (Cpu.ccOp: an add, a subtract, a logical op … with its size, operands
// and result) and the flags are derived when read. The definitions, from the Intel SDM vol. 1
// §3.4.3 and the instruction pages:
//   CF  add: the unsigned sum wrapped (result < a, or <= a with a carry-in); sub: a < b unsigned
//       (a <= b with a borrow-in); logical ops clear it; inc/dec leave it alone.
//   PF  the low byte of the result has an even number of 1 bits.
//   AF  carry out of bit 3: bit 4 of a ^ b ^ result (add and sub alike).
//   ZF  result is zero.        SF  the result's sign bit.
//   OF  add: both operands have the same sign and the result's differs; sub: the operands' signs
//       differ and the result's sign differs from a's; logical ops clear it.

import { CC_ADD, CC_EXPLICIT, CC_INC, CC_LOGIC, CC_NONE, CC_SUB, type Cpu } from './cpu';

// Module-local copies of the lazy-flag kinds (see context.ts: V8 folds local constants).
const LCC_ADD = CC_ADD;
const LCC_EXPLICIT = CC_EXPLICIT;
const LCC_INC = CC_INC;
const LCC_LOGIC = CC_LOGIC;
const LCC_NONE = CC_NONE;
const LCC_SUB = CC_SUB;

export const CF = 0x1, PF = 0x4, AF = 0x10, ZF = 0x40, SF = 0x80, TF = 0x100, DF = 0x400, OF = 0x800;
export const ARITH = CF | PF | AF | ZF | SF | OF;
/** The RFLAGS bits user code may change with popf: the arithmetic flags, TF, DF, AC and ID. */
const USER_WRITABLE = ARITH | TF | DF | 0x40000 | 0x200000;

/** PARITY[b] is 1 when byte b has an even number of set bits. */
const PARITY = new Uint8Array(256);
for (let b = 0; b < 256; b++) {
  let n = 0;
  for (let x = b; x; x >>= 1) n += x & 1;
  PARITY[b] = n & 1 ? 0 : 1;
}

/** The sign bit (0/1) of a value of `size` bytes held in the low half (1, 2 or 4 bytes). */
function sign(v: number, size: number): number {
  return (v >>> (size * 8 - 1)) & 1;
}

/** x < y, unsigned, for the recorded operand size. */
function below(c: Cpu, x: number, xh: number, y: number, yh: number): boolean {
  if (c.ccSize === 8 && xh !== yh) return xh >>> 0 < yh >>> 0;
  return x >>> 0 < y >>> 0;
}

export function getCF(c: Cpu): number {
  switch (c.ccOp) {
    case LCC_NONE: return c.eflags & CF;
    case LCC_ADD:
      if (below(c, c.ccRes, c.ccResH, c.ccA, c.ccAH)) return 1;
      return c.ccCf && c.ccRes === c.ccA && c.ccResH === c.ccAH ? 1 : 0;
    case LCC_SUB:
      if (below(c, c.ccA, c.ccAH, c.ccB, c.ccBH)) return 1;
      return c.ccCf && c.ccA === c.ccB && c.ccAH === c.ccBH ? 1 : 0;
    case LCC_LOGIC: return 0;
    default: return c.ccCf; // inc/dec (preserved), explicit
  }
}

export function getZF(c: Cpu): number {
  if (c.ccOp === LCC_NONE) return (c.eflags >> 6) & 1;
  return c.ccRes === 0 && (c.ccSize !== 8 || c.ccResH === 0) ? 1 : 0;
}

export function getSF(c: Cpu): number {
  if (c.ccOp === LCC_NONE) return (c.eflags >> 7) & 1;
  return c.ccSize === 8 ? c.ccResH >>> 31 : sign(c.ccRes, c.ccSize);
}

export function getOF(c: Cpu): number {
  const op = c.ccOp;
  if (op === LCC_NONE) return (c.eflags >> 11) & 1;
  if (op === LCC_LOGIC) return 0;
  if (op === LCC_EXPLICIT) return c.ccOf;
  const w = c.ccSize === 8;
  const a = w ? c.ccAH : c.ccA, b = w ? c.ccBH : c.ccB, r = w ? c.ccResH : c.ccRes;
  const x = op === LCC_ADD || op === LCC_INC ? (a ^ r) & (b ^ r) : (a ^ b) & (a ^ r);
  return w ? x >>> 31 : sign(x, c.ccSize);
}

export function getPF(c: Cpu): number {
  if (c.ccOp === LCC_NONE) return (c.eflags >> 2) & 1;
  return PARITY[c.ccRes & 0xff]!;
}

export function getAF(c: Cpu): number {
  const op = c.ccOp;
  if (op === LCC_NONE) return (c.eflags >> 4) & 1;
  if (op === LCC_LOGIC || op === LCC_EXPLICIT) return 0;
  return ((c.ccA ^ c.ccB ^ c.ccRes) >> 4) & 1;
}

/** RFLAGS as pushf and PTRACE_GETREGS see it. */
export function readFlags(c: Cpu): number {
  if (c.ccOp === LCC_NONE) return c.eflags;
  return (c.eflags & ~ARITH) | getCF(c) | (getPF(c) << 2) | (getAF(c) << 4) | (getZF(c) << 6) | (getSF(c) << 7) | (getOF(c) << 11);
}

/** Set RFLAGS (popf, sahf, ptrace): only the bits user mode can change; bit 1 is always set. */
export function writeFlags(c: Cpu, value: number): void {
  const old = readFlags(c);
  c.eflags = (old & ~USER_WRITABLE) | (value & USER_WRITABLE) | 2;
  c.ccOp = LCC_NONE;
}

/** Change some arithmetic flags, keeping the others (bt sets CF only; cmc, clc, stc …). */
export function patchFlags(c: Cpu, mask: number, bits: number): void {
  const f = readFlags(c);
  c.eflags = (f & ~mask) | (bits & mask);
  c.ccOp = LCC_NONE;
}

/** Record the flags of a logical operation (and, or, xor, test). */
export function setLogic(c: Cpu, size: number, r: number, rh: number): void {
  c.ccOp = LCC_LOGIC;
  c.ccSize = size;
  c.ccRes = r;
  c.ccResH = rh;
}

/** Record flags where CF and OF are known (shifts, multiplies); ZF, SF, PF follow the result. */
export function setExplicit(c: Cpu, size: number, r: number, rh: number, cf: number, of: number): void {
  c.ccOp = LCC_EXPLICIT;
  c.ccSize = size;
  c.ccRes = r;
  c.ccResH = rh;
  c.ccCf = cf;
  c.ccOf = of;
}

/**
 * Evaluate condition code `cc` (the low nibble of jcc/setcc/cmovcc): O, NO, B, AE, E, NE, BE, A,
 * S, NS, P, NP, L, GE, LE, G. A compare of 32-bit values (the common case) is answered from the
 * operands directly.
 */
export function cond(c: Cpu, cc: number): boolean {
  if (c.ccOp === LCC_SUB && c.ccSize === 4 && c.ccCf === 0) {
    const a = c.ccA, b = c.ccB;
    switch (cc) {
      case 2: return a >>> 0 < b >>> 0;
      case 3: return a >>> 0 >= b >>> 0;
      case 4: return a === b;
      case 5: return a !== b;
      case 6: return a >>> 0 <= b >>> 0;
      case 7: return a >>> 0 > b >>> 0;
      case 12: return a < b;
      case 13: return a >= b;
      case 14: return a <= b;
      case 15: return a > b;
    }
  }
  // E/NE after anything but a materialized state: ZF is "the result is zero".
  if ((cc === 4 || cc === 5) && c.ccOp !== LCC_NONE) {
    const z = c.ccRes === 0 && (c.ccSize !== 8 || c.ccResH === 0);
    return cc === 4 ? z : !z;
  }
  let r: boolean;
  switch (cc >> 1) {
    case 0: r = getOF(c) === 1; break;
    case 1: r = getCF(c) === 1; break;
    case 2: r = getZF(c) === 1; break;
    case 3: r = (getCF(c) | getZF(c)) === 1; break;
    case 4: r = getSF(c) === 1; break;
    case 5: r = getPF(c) === 1; break;
    case 6: r = getSF(c) !== getOF(c); break;
    default: r = getZF(c) === 1 || getSF(c) !== getOF(c);
  }
  return cc & 1 ? !r : r;
}
