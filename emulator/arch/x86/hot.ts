// The hottest instructions, inlined into the interpreter loop.
//
// Calling an executor through `i.fn` is an indirect call V8 cannot inline (every instruction has
// a different target), and for a one-line add it costs more than the add. So the decoder also
// tags the commonest forms with a small number (Insn.hot) and the loop in context.ts runs those
// in a switch, inline; everything else, and single-stepping, goes through `i.fn`. The cases do
// exactly what the tagged executors do (alu.ts, mov.ts, branch.ts).

import { incDec32R, ALU32_RI, ALU32_RR } from './alu';
import { jcc, jmpRel, jnz, jz } from './branch';
import type { Exec } from './insn';
import { mov32Load, mov32RR, mov32Store, mov64Load, mov64RR, mov64Store } from './mov';

export const H_ADD32RR = 1, H_SUB32RR = 2, H_CMP32RR = 3, H_XOR32RR = 4, H_AND32RR = 5, H_OR32RR = 6, H_TEST32RR = 7;
export const H_ADD32RI = 8, H_SUB32RI = 9, H_CMP32RI = 10, H_AND32RI = 11;
export const H_MOV64RR = 12, H_MOV32RR = 13, H_MOV64LOAD = 14, H_MOV64STORE = 15, H_MOV32LOAD = 16, H_MOV32STORE = 17;
export const H_JZ = 18, H_JNZ = 19, H_JCC = 20, H_INCDEC32R = 21, H_JMP = 22;

/** Executor → its inline number (0: not inlined). */
export const HOT = new Map<Exec, number>([
  [ALU32_RR[0]!, H_ADD32RR], [ALU32_RR[5]!, H_SUB32RR], [ALU32_RR[7]!, H_CMP32RR], [ALU32_RR[6]!, H_XOR32RR],
  [ALU32_RR[4]!, H_AND32RR], [ALU32_RR[1]!, H_OR32RR], [ALU32_RR[8]!, H_TEST32RR],
  [ALU32_RI[0]!, H_ADD32RI], [ALU32_RI[5]!, H_SUB32RI], [ALU32_RI[7]!, H_CMP32RI], [ALU32_RI[4]!, H_AND32RI],
  [mov64RR, H_MOV64RR], [mov32RR, H_MOV32RR], [mov64Load, H_MOV64LOAD], [mov64Store, H_MOV64STORE],
  [mov32Load, H_MOV32LOAD], [mov32Store, H_MOV32STORE],
  [jz, H_JZ], [jnz, H_JNZ], [jcc, H_JCC], [incDec32R, H_INCDEC32R], [jmpRel, H_JMP],
]);
