// Decoding of the SSE/SSE2 part of the 0f opcode map. The mandatory prefix selects the data type:
// none = packed single (or MMX, which we do not have), 66 = packed double / 128-bit integer,
// f3 = scalar single, f2 = scalar double. ModRM.reg is an XMM register; ModRM.rm an XMM register
// or memory (or a general register, for movd/movq and pmovmskb).

import type { Decoder } from './decode';
import type { Insn } from './insn';
import { SHIFT_ARITH, SHIFT_LEFT, SHIFT_RIGHT, movHalf, movHalfReg, mov128, movdq, moveMask, movqLoad, movqStore, movScalar, mxcsr, pinsrw, pbinary, pshift, pshuf, shufp } from './sse';
import { PD, PS, SD, SS, sseArith, sseCmp, sseComi, sseCvt } from './sse_float';
import { fxrstor, fxsave } from './fxsave';
import { nop } from './system';

/** Packed-integer ops that exist as 66 0f xx (xmm, xmm/m128) and are done by pbinary. */
const PACKED_INT = new Set([
  0x60, 0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69, 0x6a, 0x6b, 0x6c, 0x6d, 0x74, 0x75, 0x76,
  0xd4, 0xd5, 0xd8, 0xd9, 0xda, 0xdb, 0xdc, 0xdd, 0xde, 0xdf, 0xe0, 0xe3, 0xe4, 0xe5, 0xe8, 0xe9, 0xea,
  0xeb, 0xec, 0xed, 0xee, 0xef, 0xf4, 0xf5, 0xf6, 0xf8, 0xf9, 0xfa, 0xfb, 0xfc, 0xfd, 0xfe,
]);

/** Shifts by an xmm count: opcode → kind | lane size. */
const SHIFT_BY_XMM: Record<number, number> = {
  0xd1: SHIFT_RIGHT | 2, 0xd2: SHIFT_RIGHT | 4, 0xd3: SHIFT_RIGHT | 8,
  0xe1: SHIFT_ARITH | 2, 0xe2: SHIFT_ARITH | 4,
  0xf1: SHIFT_LEFT | 2, 0xf2: SHIFT_LEFT | 4, 0xf3: SHIFT_LEFT | 8,
};

export function decodeSse(d: Decoder, i: Insn, b: number): void {
  const p66 = d.prefix66, rep = d.rep;
  const none = !p66 && rep === 0;
  if (p66 && PACKED_INT.has(b)) { i.op = b; d.modrm(i); i.fn = pbinary; return; }
  if (p66 && SHIFT_BY_XMM[b] !== undefined) { i.op = SHIFT_BY_XMM[b]!; d.modrm(i); i.imm2 = -1; i.fn = pshift; return; }
  const kind = rep === 0xf3 ? SS : rep === 0xf2 ? SD : p66 ? PD : PS;
  switch (b) {
    case 0x51: case 0x58: case 0x59: case 0x5c: case 0x5d: case 0x5e: case 0x5f: // sqrt add mul sub min div max
      i.op = b;
      i.imm = kind;
      d.modrm(i);
      i.fn = sseArith;
      return;
    case 0x52: case 0x53: // rsqrtps/ss, rcpps/ss
      if (kind === PD || kind === SD) break;
      i.op = b;
      i.imm = kind;
      d.modrm(i);
      i.fn = sseArith;
      return;
    case 0x2e: case 0x2f: // ucomiss/ucomisd, comiss/comisd
      if (rep) break;
      i.op = b;
      i.imm = p66 ? SD : SS;
      d.modrm(i);
      i.fn = sseComi;
      return;
    case 0xc2: // cmpps/pd/ss/sd
      i.imm = kind;
      d.modrm(i);
      i.imm2 = d.u8();
      i.fn = sseCmp;
      return;
    case 0x2a: case 0x2c: case 0x2d: // cvtsi2ss/sd, cvttss2si/sd2si, cvtss2si/sd2si (the MMX forms are not here)
      if (kind !== SS && kind !== SD) break;
      i.op = (b << 4) | kind;
      i.size = d.rexW ? 8 : 4;
      d.modrm(i);
      i.fn = sseCvt;
      return;
    case 0x5a: case 0x5b:
      if (b === 0x5b && kind === SD) break;
      i.op = (b << 4) | kind;
      d.modrm(i);
      i.fn = sseCvt;
      return;
    case 0xe6:
      if (kind === PS) break;
      i.op = (b << 4) | kind;
      d.modrm(i);
      i.fn = sseCvt;
      return;
    case 0xc4: case 0xc5: // pinsrw xmm, r32/m16, ib; pextrw r32, xmm, ib
      if (!p66) break;
      i.op = b & 1;
      d.modrm(i);
      if (b === 0xc5 && i.rm < 0) break;
      i.imm2 = d.u8();
      i.fn = pinsrw;
      return;
    case 0x10: case 0x11:
      i.op = b & 1;
      d.modrm(i);
      if (rep) { i.size = rep === 0xf3 ? 4 : 8; i.fn = movScalar; } // movss, movsd
      else { i.imm = 0; i.fn = mov128; } // movups, movupd
      return;
    case 0x28: case 0x29: case 0x2b: // movaps/movapd, movntps/movntpd
      if (rep) break;
      i.op = b === 0x28 ? 0 : 1;
      d.modrm(i);
      i.imm = 1;
      i.fn = mov128;
      return;
    case 0x12: case 0x13: case 0x16: case 0x17:
      if (rep) break;
      i.op = (b & 1) | (b >= 0x16 ? 2 : 0);
      d.modrm(i);
      if (i.rm >= 0) {
        if (b & 1) break;
        i.fn = movHalfReg;
      } else i.fn = movHalf;
      return;
    case 0x14: case 0x15: // unpcklps/pd, unpckhps/pd
      if (rep) break;
      i.op = p66 ? (b === 0x14 ? 0x6c : 0x6d) : b;
      d.modrm(i);
      i.fn = pbinary;
      return;
    case 0x54: case 0x55: case 0x56: case 0x57: // andps, andnps, orps, xorps (and the pd forms)
      if (rep) break;
      i.op = b;
      d.modrm(i);
      i.fn = pbinary;
      return;
    case 0x50: // movmskps, movmskpd
      if (rep) break;
      i.op = p66 ? 8 : 4;
      i.size = 4;
      d.modrm(i);
      if (i.rm < 0) break;
      i.fn = moveMask;
      return;
    case 0xc6: // shufps, shufpd
      if (rep) break;
      i.op = p66 ? 8 : 4;
      d.modrm(i);
      i.imm2 = d.u8();
      i.fn = shufp;
      return;
    case 0x6e: case 0x7e:
      if (rep === 0xf3 && b === 0x7e) { d.modrm(i); i.fn = movqLoad; return; }
      if (!p66) break;
      i.size = d.rexW ? 8 : 4;
      i.op = b === 0x6e ? 0 : 1;
      d.modrm(i);
      i.fn = movdq;
      return;
    case 0x6f: case 0x7f: // movdqa (66), movdqu (f3)
      if (!p66 && rep !== 0xf3) break;
      i.op = b === 0x6f ? 0 : 1;
      d.modrm(i);
      i.imm = p66 ? 1 : 0;
      i.fn = mov128;
      return;
    case 0xe7: // movntdq
      if (!p66) break;
      i.op = 1;
      d.modrm(i);
      if (i.rm >= 0) break;
      i.imm = 1;
      i.fn = mov128;
      return;
    case 0xd6: // movq xmm/m64, xmm
      if (!p66) break;
      d.modrm(i);
      i.fn = movqStore;
      return;
    case 0xd7: // pmovmskb
      if (!p66) break;
      i.op = 1;
      i.size = 4;
      d.modrm(i);
      if (i.rm < 0) break;
      i.fn = moveMask;
      return;
    case 0x70:
      if (none) break;
      i.op = p66 ? 0x66 : rep;
      d.modrm(i);
      i.imm2 = d.u8();
      i.fn = pshuf;
      return;
    case 0x71: case 0x72: case 0x73: {
      if (!p66) break;
      const digit = d.modrm(i);
      if (i.rm < 0) break;
      const lane = b === 0x71 ? 2 : b === 0x72 ? 4 : 8;
      const kinds: Record<number, number> = { 2: SHIFT_RIGHT | lane, 4: SHIFT_ARITH | lane, 6: SHIFT_LEFT | lane };
      if (b === 0x73) { kinds[3] = SHIFT_RIGHT; kinds[7] = SHIFT_LEFT; delete kinds[4]; } // psrldq, pslldq
      if (b === 0x73 && digit === 4) break;
      if (kinds[digit] === undefined) break;
      i.op = kinds[digit]!;
      i.reg = i.rm; // the register shifted is the rm operand
      i.imm2 = d.u8();
      i.fn = pshift;
      return;
    }
    case 0xae: {
      const digit = d.modrm(i);
      if (i.rm >= 0) {
        if (digit >= 5) { i.fn = nop; return; } // lfence, mfence, sfence
        break;
      }
      if (digit === 2 || digit === 3) { i.op = digit; i.fn = mxcsr; return; }
      if (digit === 0 && !rep) { i.fn = fxsave; return; } // fxsave, fxsave64: the same image here
      if (digit === 1 && !rep) { i.fn = fxrstor; return; }
      if (digit === 7) { i.fn = nop; return; } // clflush
      break;
    }
  }
  d.undecodable();
}
