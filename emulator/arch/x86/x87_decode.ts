// Decoding of the x87 escape opcodes d8-df. Each has eight memory forms selected by ModRM.reg
// (the operand's format and the operation) and 64 register forms (ModRM c0-ff) where ModRM.rm is
// st(i) or, for d9 and db, picks one of the operand-less instructions (fchs, fldpi, fninit …).
// REX and the operand-size prefix do not change any x87 instruction user code runs.

import type { Decoder } from './decode';
import type { Insn } from './insn';
import { x87Mem, x87Reg } from './x87';

export function decodeX87(d: Decoder, i: Insn, b: number): void {
  const digit = d.modrm(i);
  if (i.rm >= 0) {
    i.op = 0x40 | ((b & 7) << 3) | digit;
    i.imm2 = i.rm & 7;
    i.fn = x87Reg;
  } else {
    i.op = ((b & 7) << 3) | digit;
    i.fn = x87Mem;
  }
}
