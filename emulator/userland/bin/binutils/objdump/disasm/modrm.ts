// The ModRM byte and what follows it: the r/m operand as a register, or as a memory address
// built from a SIB byte (base + index*scale) and an 8- or 32-bit displacement, or rip-relative.
//
//   ModRM = mod(2) reg(3) rm(3)    mod 3: rm is a register; else memory:
//     rm 100 → a SIB byte follows: scale(2) index(3) base(3)
//     mod 00, rm 101 → [rip + disp32];  mod 00, SIB base 101 → no base, disp32
//     mod 01 → disp8, mod 10 → disp32
// REX.B extends rm/base, REX.X the index, REX.R the reg field (read by the caller).

import type { MemSize, Operand } from './types';
import { REX_B, REX_X, type Prefixes } from './prefixes';
import { addrReg, mmx } from './registers';

export interface ByteReader {
  byte(): number;
  signed(n: 1 | 2 | 4 | 8): bigint;
}

export interface RmOperand {
  /** null when a register was found where the table allows only memory. */
  op: Operand | null;
  /** For rip-relative addressing: the displacement, resolved once the length is known. */
  ripDisp?: bigint;
}

/** Decode the r/m operand of `modrm`: a register named by `reg`, or memory of `size` bytes. */
export function rmOperand(r: ByteReader, pfx: Prefixes, modrm: number, size: number, reg: ((n: number) => string) | null): RmOperand {
  const mod = modrm >> 6;
  const rex = pfx.rex;
  if (mod === 3) {
    if (!reg) return { op: null };
    if (reg !== mmx) pfx.rexUsed |= rex & REX_B; // there are only 8 mm registers
    return { op: { kind: 'reg', name: reg((modrm & 7) | (rex & REX_B ? 8 : 0)) } };
  }
  const a32 = pfx.has(0x67); // 32-bit addressing
  if (a32) pfx.used.add(0x67);
  const op: Operand & { kind: 'mem' } = { kind: 'mem', size: size as MemSize, scale: 1, disp: 0n, hasDisp: false };
  const seg = pfx.segOverride();
  if (seg) op.seg = seg;
  const rm = modrm & 7;
  if (rm === 4) {
    const sib = r.byte();
    const scale = 1 << (sib >> 6);
    const idx = ((sib >> 3) & 7) | (rex & REX_X ? 8 : 0);
    pfx.rexUsed |= rex & (REX_X | REX_B);
    const base = sib & 7;
    const noBase = base === 5 && mod === 0;
    if (idx !== 4) {
      op.index = addrReg(idx, a32);
      op.scale = scale;
    } else if (noBase ? scale !== 1 : base !== 4 || scale !== 1) {
      // A SIB byte that names no index where none was needed: objdump shows the pseudo-register
      op.index = a32 ? 'eiz' : 'riz';
      op.scale = scale;
    }
    if (noBase) {
      op.disp = r.signed(4);
      op.hasDisp = true;
    } else {
      op.base = addrReg(base | (rex & REX_B ? 8 : 0), a32);
    }
  } else if (rm === 5 && mod === 0) {
    pfx.rexUsed |= rex & REX_B; // ignored, but objdump does not call it unused
    op.base = a32 ? 'eip' : 'rip';
    op.disp = r.signed(4);
    op.hasDisp = true;
    return { op, ripDisp: op.disp };
  } else {
    pfx.rexUsed |= rex & REX_B;
    op.base = addrReg(rm | (rex & REX_B ? 8 : 0), a32);
  }
  if (mod === 1) {
    op.disp = r.signed(1);
    op.hasDisp = true;
  } else if (mod === 2) {
    op.disp = r.signed(4);
    op.hasDisp = true;
  }
  return { op };
}
