// The x86-64 instruction format, assembled piece by piece:
//   [legacy prefixes] [REX] opcode [ModRM] [SIB] [displacement] [immediate]
// Operand size comes from 0x66 (16-bit) or REX.W (64-bit); the REX bits R, X and B extend the
// ModRM.reg, SIB.index and ModRM.rm/SIB.base/opcode register fields to 16 registers. Fields whose
// value is not known yet (labels, externs) are left as fixups the assembler resolves or turns into
// relocations.

import { AsmError } from './lexer';
import type { Value } from './expr';
import { BAD_EA, type MemOperand, type RegOperand } from './operands';
import { R12, R13, RBP, RSP, type Reg } from './registers';

export interface Fixup {
  /** Offset of the field in the instruction. */
  at: number;
  size: 1 | 2 | 4 | 8;
  value: Value;
  /** The field holds target minus the end of the instruction (branches, RIP-relative). */
  pcrel: boolean;
  /** A 32-bit field that the CPU sign-extends to 64 bits (R_X86_64_32S rather than _32). */
  signed: boolean;
  plt?: boolean;
}

export interface Encoded {
  bytes: number[];
  fixups: Fixup[];
}

/** What an encoder needs from the assembler. */
export interface EncodeContext {
  /** Evaluate an expression in the current pass. */
  value(e: import('./expr').Expr): Value;
  defaultRel: boolean;
  /** -O0 turns the size optimisations off. */
  optimize: boolean;
  /** Where this instruction starts, as a value relative to its section. */
  here: Value;
  /** The branch of this statement turned out not to fit in 8 bits in an earlier pass. */
  longBranch: boolean;
  /** Record that the short form does not fit; later passes use the long one. */
  needLongBranch(): void;
}

export const INVALID = 'invalid combination of opcode and operands';
export const invalid = (): never => {
  throw new AsmError(INVALID);
};

export const fitsS8 = (n: bigint) => n >= -128n && n <= 127n;
export const fitsS32 = (n: bigint) => n >= -0x80000000n && n <= 0x7fffffffn;
export const fitsU32 = (n: bigint) => n >= 0n && n <= 0xffffffffn;

/** A known plain number (not relocatable, not awaiting a forward reference). */
export const isConst = (v: Value) => !v.rel && !v.unknown;

export interface Imm {
  size: 1 | 2 | 4 | 8;
  value: Value;
  signed?: boolean;
  pcrel?: boolean;
  plt?: boolean;
}

export interface RMForm {
  /** Operand size: 2 adds 0x66, 8 adds REX.W (unless the instruction is 64-bit by default). */
  size: number;
  opcode: number[];
  /** ModRM.reg: a register number or an opcode extension /digit. */
  reg: number;
  /** The register in ModRM.reg, for the REX and ah/spl checks. */
  regOp?: Reg;
  rm: RegOperand | MemOperand;
  imm?: Imm;
  /** A mandatory prefix (f3, f2) that goes after 0x66 and before REX. */
  prefix?: number;
  /** push, pop, call, jmp: 64-bit operand size without REX.W. */
  default64?: boolean;
}

/** Encode an instruction with a ModRM byte. */
export function encodeRM(f: RMForm, cx: EncodeContext): Encoded {
  const prefixes: number[] = [];
  let rex = 0;
  let needRex = false;
  let noRex = false;
  const byteReg = (r: Reg | undefined) => {
    if (!r || r.size !== 1) return;
    if (r.needsRex) needRex = true;
    if (r.high8) noRex = true;
  };
  byteReg(f.regOp);
  if (f.reg & 8) rex |= 4;
  const tail: number[] = [];
  let dispFix: Omit<Fixup, 'at'> | null = null;
  let modrm: number;
  if (f.rm.k === 'reg') {
    byteReg(f.rm.reg);
    if (f.rm.reg.num & 8) rex |= 1;
    modrm = 0xc0 | ((f.reg & 7) << 3) | (f.rm.reg.num & 7);
  } else {
    const a = address(f.rm, cx);
    if (a.seg) prefixes.push(a.seg);
    if (a.addr32) prefixes.push(0x67);
    rex |= a.rex;
    modrm = (a.mod << 6) | ((f.reg & 7) << 3) | a.rm;
    if (a.sib !== null) tail.push(a.sib);
    if (a.dispSize) dispFix = { size: a.dispSize as 1 | 4, value: a.disp, pcrel: a.ripRel, signed: true };
  }
  if (f.size === 2) prefixes.push(0x66);
  if (f.prefix !== undefined) prefixes.push(f.prefix);
  if (f.size === 8 && !f.default64) rex |= 8;
  if (noRex && (rex || needRex)) throw new AsmError('cannot use high byte register in rex instruction');
  const bytes = [...prefixes];
  if (rex || needRex) bytes.push(0x40 | rex);
  bytes.push(...f.opcode, modrm, ...tail);
  const fixups: Fixup[] = [];
  if (dispFix) {
    fixups.push({ at: bytes.length, ...dispFix });
    bytes.push(...new Array<number>(dispFix.size).fill(0));
  }
  if (f.imm) appendImm(bytes, fixups, f.imm);
  return { bytes, fixups };
}

/** Append an immediate field as a fixup (the assembler fills in its bytes). */
export function appendImm(bytes: number[], fixups: Fixup[], imm: Imm): void {
  fixups.push({ at: bytes.length, size: imm.size, value: imm.value, pcrel: !!imm.pcrel, signed: !!imm.signed, plt: imm.plt });
  for (let i = 0; i < imm.size; i++) bytes.push(0);
}

/** An opcode with the register in its low 3 bits (b8+r, 50+r, 90+r). */
export function encodeOpReg(size: number, opcode: number, reg: Reg, imm?: Imm, default64 = false): Encoded {
  const bytes: number[] = [];
  if (size === 2) bytes.push(0x66);
  const rex = (size === 8 && !default64 ? 8 : 0) | (reg.num & 8 ? 1 : 0);
  if (reg.high8 && rex) invalid();
  if (rex || reg.needsRex) bytes.push(0x40 | rex);
  bytes.push(opcode + (reg.num & 7));
  const fixups: Fixup[] = [];
  if (imm) appendImm(bytes, fixups, imm);
  return { bytes, fixups };
}

interface Address {
  mod: number;
  rm: number;
  sib: number | null;
  rex: number;
  disp: Value;
  dispSize: 0 | 1 | 4;
  ripRel: boolean;
  addr32: boolean;
  seg: number | null;
}

const SEG_PREFIX: Record<string, number> = { es: 0x26, cs: 0x2e, ss: 0x36, ds: 0x3e, fs: 0x64, gs: 0x65 };
const SCALE_BITS: Record<number, number> = { 1: 0, 2: 1, 4: 2, 8: 3 };

/**
 * ModRM/SIB/displacement for a memory operand, with NASM's choices: the shortest displacement that
 * holds a known value, `[rax*2]` split into `[rax+rax]`, `[rbp]` and `[r13]` as `[rbp+0]` (their
 * mod=00 encoding means something else), a SIB byte for rsp/r12 bases, RIP-relative for a plain
 * address under `default rel` (but not with fs/gs, where the address is absolute).
 */
function address(m: MemOperand, cx: EncodeContext): Address {
  let base = m.base;
  let index = m.index;
  let scale = m.scale;
  const disp = m.disp ? cx.value(m.disp) : { n: 0n, rel: null, unknown: false };
  const seg = m.seg ? SEG_PREFIX[m.seg]! : null;
  // [rax*3] = [rax+rax*2], [rax*2] = [rax+rax], [rax*5]/[rax*9] likewise.
  if (index && !base && [2, 3, 5, 9].includes(scale)) {
    base = index;
    scale = scale === 2 ? 1 : scale - 1;
  }
  if (index && scale === 1 && index.num === RSP && base && base.num !== RSP) [base, index] = [index, base];
  if (index && (!(scale in SCALE_BITS) || index.num === RSP)) throw new AsmError(BAD_EA);
  if (base?.rip) {
    if (index) throw new AsmError(BAD_EA);
    return { mod: 0, rm: 5, sib: null, rex: 0, disp, dispSize: 4, ripRel: !isConst(disp), addr32: false, seg };
  }
  const addr32 = (base ?? index)?.size === 4;
  if (!base && !index) {
    const rel = (m.mode === 'rel' || (m.mode === null && cx.defaultRel && seg !== 0x64 && seg !== 0x65)) && !isConst(disp);
    if (rel) return { mod: 0, rm: 5, sib: null, rex: 0, disp, dispSize: 4, ripRel: true, addr32: false, seg };
    return { mod: 0, rm: 4, sib: 0x25, rex: 0, disp, dispSize: 4, ripRel: false, addr32: false, seg };
  }
  let rex = 0;
  if (index && index.num & 8) rex |= 2;
  if (base && base.num & 8) rex |= 1;
  if (!base) {
    // index only: SIB with "no base", always a 32-bit displacement
    const sib = (SCALE_BITS[scale]! << 6) | ((index!.num & 7) << 3) | 5;
    return { mod: 0, rm: 4, sib, rex, disp, dispSize: 4, ripRel: false, addr32, seg };
  }
  let mod: number;
  let dispSize: 0 | 1 | 4;
  const zero = isConst(disp) && disp.n === 0n;
  if (zero && base.num !== RBP && base.num !== R13) [mod, dispSize] = [0, 0];
  else if ((isConst(disp) || disp.unknown) && fitsS8(disp.n)) [mod, dispSize] = [1, 1];
  else [mod, dispSize] = [2, 4];
  if (index || base.num === RSP || base.num === R12) {
    const idx = index ? index.num & 7 : 4;
    const sib = (SCALE_BITS[index ? scale : 1]! << 6) | (idx << 3) | (base.num & 7);
    return { mod, rm: 4, sib, rex, disp, dispSize, ripRel: false, addr32, seg };
  }
  return { mod, rm: base.num & 7, sib: null, rex, disp, dispSize, ripRel: false, addr32, seg };
}
