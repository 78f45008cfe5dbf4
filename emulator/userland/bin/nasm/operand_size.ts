// Operand-size rules shared by the instruction encoders: the size an instruction works on comes
// from its registers or a size keyword, and immediates are checked and narrowed for that size.

import { AsmError } from './lexer';
import type { Value } from './expr';
import { fitsS8, INVALID, isConst } from './encode';
import type { ImmOperand, MemOperand, Operand, RegOperand } from './operands';

export type RM = RegOperand | MemOperand;

export const isRM = (o: Operand | undefined): o is RM => o?.k === 'reg' || o?.k === 'mem';

/** The size of a register or sized memory operand (0 for memory without a keyword). */
export const sizeOf = (o: Operand): number => (o.k === 'reg' ? o.reg.size : o.size);

/**
 * The operation size of `ops`: all the sized ones must agree. Without any, an immediate's keyword
 * decides (`push dword 1`), and otherwise NASM asks for one.
 */
export function operationSize(ops: Operand[], fallback = 0): number {
  let size = 0;
  for (const o of ops) {
    if (o.k === 'imm') continue;
    const s = sizeOf(o);
    if (!s) continue;
    if (size && s !== size) throw new AsmError(INVALID);
    size = s;
  }
  if (!size) size = fallback;
  if (!size) throw new AsmError('operation size not specified');
  return size;
}

/** The accumulator (al, ax, eax, rax) as a register operand. */
export const isAcc = (o: Operand) => o.k === 'reg' && o.reg.num === 0 && !o.reg.high8;

/**
 * Whether an immediate may use the sign-extended 8-bit form for an operation of `size` bytes: the
 * value, truncated to the operation size, reads back the same from one byte. A value not known
 * yet is assumed to fit; the passes grow the instruction if it does not.
 */
export function fitsImm8(v: Value, size: number, op: ImmOperand): boolean {
  if (op.size === 1) return true; // `add eax, byte 5`
  if (op.strict && op.size > 1) return false;
  if (v.unknown) return true;
  if (!isConst(v)) return false;
  const n = size < 8 ? BigInt.asIntN(size * 8, v.n) : v.n;
  return fitsS8(n);
}
