// The x87 instructions (opcodes d8-df): loads and stores in every format, arithmetic, compares,
// constants and the control instructions. State lives in Cpu.fpu (fpu.ts); the arithmetic is
// exact and rounded once (fpu_float.ts), honouring the control word's rounding control and
// precision control — so musl's printf and strtod, which work in long double, print exactly what
// they print on hardware.
//
// The decoder sets Insn.op: for a memory form (opcode & 7) << 3 | ModRM.reg; for a register form
// 0x40 | (opcode & 7) << 3 | ModRM.reg, with the st(i) number in imm2.
//
// Exceptions: each sets its flag in the status word; a masked one (the default) gets its masked
// response (the indefinite NaN for invalid, ∞ for a division by zero …). An unmasked one sets ES
// and is raised as #MF (SIGFPE) at the next waiting x87 instruction or fwait, as on hardware.
//
// Simplified relative to hardware:
//   - the masked response is stored even when the exception is unmasked (hardware leaves the
//     destination alone);
//   - the last-instruction and last-operand pointers (FIP, FDP, FOP) are not recorded (read as 0);
//   - the transcendental instructions (fsin, fcos, fsincos, fptan, fpatan, f2xm1, fyl2x, fyl2xp1)
//     are computed in double precision, so their low bits differ from a real FPU's.

import { X86_TRAP_MF, X86_TRAP_UD } from '../../uapi/traps';
import type { Cpu } from './cpu';
import { AF, CF, OF, PF, SF, ZF, cond, patchFlags } from './flags';
import {
  DBL, EXT, FE_DENORMAL, FE_DIVZERO, FE_INEXACT, FE_INVALID, FP_FINITE, FP_INF, FP_NAN, FP_UNSUPPORTED, FP_ZERO, SGL,
  add, bitLength, compare, convert, div, fpStatus, fromInt, indefinite, inf, isSignaling, mul, packDouble, packExt,
  packSingle, quiet, round, sqrt, toInt, unpackDouble, unpackExt, unpackSingle, zero, type Format, type Fp,
} from './fpu_float';
import { SW_C0, SW_C1, SW_C2, SW_C3, SW_CC, SW_SF, type Fpu } from './fpu';
import type { Insn } from './insn';
import { CpuFault } from './mmu';

// ---- the register stack ----------------------------------------------------------------------

/** st(i) unpacked; an empty register is a stack underflow: invalid, and the indefinite NaN. */
function st(f: Fpu, i: number): Fp {
  const p = (f.top + i) & 7;
  if (f.empty & (1 << p)) {
    fpStatus.flags |= FE_INVALID;
    f.sw = (f.sw | SW_SF) & ~SW_C1;
    return indefinite();
  }
  return unpackExt(f.sign[p]!, f.exp[p]!, f.mant[p]!);
}

function setSt(f: Fpu, i: number, x: Fp): void {
  const p = (f.top + i) & 7;
  const r = packExt(x);
  f.sign[p] = r.sign;
  f.exp[p] = r.exp;
  f.mant[p] = r.mant;
  f.empty &= ~(1 << p);
}

/** Push: a full stack (st(7) in use) is a stack overflow, and the indefinite NaN is pushed. */
function push(f: Fpu, x: Fp): void {
  f.top = (f.top - 1) & 7;
  if (!(f.empty & (1 << f.top))) {
    fpStatus.flags |= FE_INVALID;
    f.sw |= SW_SF;
    overflowed = true;
    x = indefinite();
  }
  setSt(f, 0, x);
}

function pop(f: Fpu): void {
  f.empty |= 1 << f.top;
  f.top = (f.top + 1) & 7;
}

/** The format arithmetic rounds to: the extended exponent range with the precision control's width. */
const PC_FORMATS: Format[] = [
  { p: 24, emin: EXT.emin, emax: EXT.emax }, EXT, { p: 53, emin: EXT.emin, emax: EXT.emax }, EXT,
];
const precision = (f: Fpu): Format => PC_FORMATS[(f.cw >> 8) & 3]!;
const rounding = (f: Fpu): number => (f.cw >> 10) & 3;

/** Fold what the operation raised into the status word; C1 tells whether the result was rounded up. */
function finish(f: Fpu, c1 = fpStatus.roundedUp): void {
  f.sw = (f.sw & ~SW_C1) | (fpStatus.flags & 0x3f) | (c1 ? SW_C1 : 0);
}

/** A push found st(7) in use during this instruction (C1 = 1 says overflow rather than underflow). */
let overflowed = false;

function begin(): void {
  fpStatus.flags = 0;
  fpStatus.roundedUp = false;
  overflowed = false;
}

// ---- NaN rules and the arithmetic ------------------------------------------------------------

/**
 * The x87 NaN rules for two operands: an unsupported encoding is invalid (indefinite); a signaling
 * NaN raises invalid; of two NaNs the quiet one wins, else the larger significand; the result is
 * quieted. Returns null when neither operand is a NaN.
 */
function nanResult(a: Fp, b: Fp): Fp | null {
  if (a.cls === FP_UNSUPPORTED || b.cls === FP_UNSUPPORTED) {
    fpStatus.flags |= FE_INVALID;
    return indefinite();
  }
  const an = a.cls === FP_NAN, bn = b.cls === FP_NAN;
  if (!an && !bn) return null;
  if (isSignaling(a) || isSignaling(b)) fpStatus.flags |= FE_INVALID;
  if (an && bn) {
    const qa = !isSignaling(a), qb = !isSignaling(b);
    if (qa !== qb) return quiet(qa ? a : b);
    const ma = a.m & ((1n << 62n) - 1n), mb = b.m & ((1n << 62n) - 1n);
    return quiet(ma > mb ? a : mb > ma ? b : a.sign === 0 ? a : b);
  }
  return quiet(an ? a : b);
}

function isDenormal(x: Fp, f: Format): boolean {
  return x.cls === FP_FINITE && x.e + bitLength(x.m) - 1 < f.emin;
}

/** The arithmetic ops by ModRM.reg: 0 add, 1 mul, 4 sub (a − b), 5 subr (b − a), 6 div, 7 divr. */
function arith(f: Fpu, op: number, a: Fp, b: Fp): Fp {
  const n = nanResult(a, b);
  if (n) return n;
  if (isDenormal(a, EXT) || isDenormal(b, EXT)) fpStatus.flags |= FE_DENORMAL;
  const fmt = precision(f), rc = rounding(f);
  let r: Fp | null;
  switch (op) {
    case 0: r = add(a, b, fmt, rc); break;
    case 1: r = mul(a, b, fmt, rc); break;
    case 4: r = add(a, { ...b, sign: b.sign ^ 1 }, fmt, rc); break;
    case 5: r = add(b, { ...a, sign: a.sign ^ 1 }, fmt, rc); break;
    case 6: r = div(a, b, fmt, rc); break;
    default: r = div(b, a, fmt, rc);
  }
  if (r === null) {
    fpStatus.flags |= FE_INVALID;
    return indefinite();
  }
  return r;
}

/**
 * fcom/fucom: C3 C2 C0 = 000 greater, 001 less, 100 equal, 111 unordered. fcom (ordered) raises
 * invalid for any NaN, fucom only for a signaling one.
 */
function compareCodes(f: Fpu, a: Fp, b: Fp, ordered: boolean): number {
  if (a.cls === FP_UNSUPPORTED || b.cls === FP_UNSUPPORTED || a.cls === FP_NAN || b.cls === FP_NAN) {
    if (ordered || a.cls === FP_UNSUPPORTED || b.cls === FP_UNSUPPORTED || isSignaling(a) || isSignaling(b)) fpStatus.flags |= FE_INVALID;
    return SW_C3 | SW_C2 | SW_C0;
  }
  if (isDenormal(a, EXT) || isDenormal(b, EXT)) fpStatus.flags |= FE_DENORMAL;
  const r = compare(a, b);
  return r > 0 ? 0 : r < 0 ? SW_C0 : SW_C3;
}

function setCodes(f: Fpu, codes: number): void {
  f.sw = (f.sw & ~SW_CC) | codes | (fpStatus.flags & 0x3f);
}

/** fcomi/fucomi: the same answer in ZF, PF, CF (OF, SF, AF cleared). */
function setEflagsFromCodes(c: Cpu, codes: number): void {
  const bits = (codes & SW_C3 ? ZF : 0) | (codes & SW_C2 ? PF : 0) | (codes & SW_C0 ? CF : 0);
  patchFlags(c, ZF | PF | CF | OF | SF | AF, bits);
}

// ---- memory operands -------------------------------------------------------------------------

/** A memory source of the arithmetic group: m32fp (d8), m32int (da), m64fp (dc), m16int (de). */
function loadArithOperand(c: Cpu, a: number, opcode: number): Fp {
  const m = c.mem;
  switch (opcode) {
    case 0: return loadReal(m.rd32(a), 0, 4);
    case 2: return fromInt(BigInt(m.rd32(a) | 0), EXT, 0);
    case 4: { const lo = m.rd64(a); return loadReal(lo, m.vh, 8); }
    default: return fromInt(BigInt((m.rd16(a) << 16) >> 16), EXT, 0);
  }
}

/** An m32fp (size 4: bits in lo) or m64fp value, exactly; denormal raises DE, a signaling NaN stays signaling. */
function loadReal(lo: number, hi: number, size: number): Fp {
  const x = size === 4 ? unpackSingle(lo) : unpackDouble(hi, lo);
  if (isDenormal(x, size === 4 ? SGL : DBL)) fpStatus.flags |= FE_DENORMAL;
  return x;
}

/** fld m32/m64: a signaling NaN raises invalid and is loaded quiet. */
function fldReal(f: Fpu, x: Fp): void {
  if (x.cls === FP_NAN && isSignaling(x)) {
    fpStatus.flags |= FE_INVALID;
    x = quiet(x);
  }
  push(f, x);
}

/** fst/fstp m32/m64: round to the format (a NaN is quieted and its payload truncated). */
function storeReal(c: Cpu, f: Fpu, a: number, size: number): void {
  let x = st(f, 0);
  if (x.cls === FP_UNSUPPORTED) { fpStatus.flags |= FE_INVALID; x = indefinite(); }
  if (x.cls === FP_NAN) {
    if (isSignaling(x)) fpStatus.flags |= FE_INVALID;
    x = quiet(x);
  }
  const r = convert(x, size === 4 ? SGL : DBL, rounding(f));
  if (size === 4) c.mem.wr32(a, packSingle(r));
  else {
    const [hi, lo] = packDouble(r);
    c.mem.wr64(a, lo, hi);
  }
}

/** fist/fistp/fisttp: an integer of `size` bytes; NaN or out of range gives the integer indefinite. */
function storeInt(c: Cpu, f: Fpu, a: number, size: number, rc: number): void {
  const x = st(f, 0);
  const bits = size * 8;
  let v: bigint;
  if (x.cls === FP_ZERO || x.cls === FP_FINITE) {
    v = toInt(x, rc);
    if (v < -(1n << BigInt(bits - 1)) || v >= 1n << BigInt(bits - 1)) {
      fpStatus.flags = (fpStatus.flags & ~FE_INEXACT) | FE_INVALID;
      v = -(1n << BigInt(bits - 1));
    }
  } else {
    fpStatus.flags |= FE_INVALID;
    v = -(1n << BigInt(bits - 1));
  }
  if (fpStatus.flags & FE_INVALID) fpStatus.roundedUp = false;
  const u = BigInt.asUintN(bits, v);
  if (size === 2) c.mem.wr16(a, Number(u));
  else if (size === 4) c.mem.wr32(a, Number(u) | 0);
  else c.mem.wr64(a, Number(u & 0xffffffffn) | 0, Number(u >> 32n) | 0);
}

/**
 * fbld m80: packed BCD — 18 decimal digits, two per byte from the least significant (bytes 0-8),
 * the sign in bit 7 of byte 9. An exact integer (below 10^18 < 2^60). Invalid digits are not checked.
 */
function loadBcd(c: Cpu, a: number): Fp {
  let v = 0n;
  for (let k = 8; k >= 0; k--) {
    const b = c.mem.rd8(a + k);
    v = v * 100n + BigInt((b >> 4) * 10 + (b & 15));
  }
  const neg = (c.mem.rd8(a + 9) & 0x80) !== 0;
  return v === 0n ? zero(neg ? 1 : 0) : fromInt(neg ? -v : v, EXT, 0);
}

/** fbstp m80: st0 rounded to an integer (RC) as packed BCD; NaN, ∞ or |v| ≥ 10^18 stores the BCD indefinite. */
function storeBcd(c: Cpu, f: Fpu, a: number): void {
  const x = st(f, 0);
  let v = 0n;
  let ok = x.cls === FP_ZERO || x.cls === FP_FINITE;
  if (ok) {
    v = toInt(x, rounding(f));
    if (v <= -(10n ** 18n) || v >= 10n ** 18n) ok = false;
  }
  const out = new Uint8Array(10);
  if (!ok) {
    fpStatus.flags = (fpStatus.flags & ~FE_INEXACT) | FE_INVALID;
    fpStatus.roundedUp = false;
    out.set([0, 0, 0, 0, 0, 0, 0, 0xc0, 0xff, 0xff]);
  } else {
    let m = v < 0n ? -v : v;
    for (let k = 0; k < 9; k++) {
      const d = Number(m % 100n);
      m /= 100n;
      out[k] = ((Math.floor(d / 10)) << 4) | (d % 10);
    }
    out[9] = x.sign ? 0x80 : 0;
  }
  c.mem.writeBytes(a, out, 0, 10);
}

/** fld m80: the bits as they are. */
function loadExt(c: Cpu, a: number): { sign: number; exp: number; mant: bigint } {
  const lo = c.mem.rd64(a), hi = c.mem.vh;
  const se = c.mem.rd16(a + 8);
  return { sign: se >> 15, exp: se & 0x7fff, mant: (BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0) };
}

/** Write a physical register's 10 bytes at a (fstp m80, fnsave). */
function storeExtPhys(c: Cpu, f: Fpu, p: number, a: number): void {
  const m = f.mant[p]!;
  c.mem.wr64(a, Number(m & 0xffffffffn) | 0, Number(m >> 32n) | 0);
  c.mem.wr16(a + 8, (f.sign[p]! << 15) | f.exp[p]!);
}

function pushRaw(f: Fpu, r: { sign: number; exp: number; mant: bigint }): void {
  f.top = (f.top - 1) & 7;
  if (!(f.empty & (1 << f.top))) {
    fpStatus.flags |= FE_INVALID;
    f.sw |= SW_SF;
    overflowed = true;
    setSt(f, 0, indefinite());
    return;
  }
  f.sign[f.top] = r.sign;
  f.exp[f.top] = r.exp;
  f.mant[f.top] = r.mant;
  f.empty &= ~(1 << f.top);
}

// ---- environment: fnstenv/fldenv (28 bytes), fnsave/frstor (108 bytes) ------------------------

function storeEnv(c: Cpu, f: Fpu, a: number): void {
  const m = c.mem;
  m.wr32(a, f.cw | 0xffff0000);
  m.wr32(a + 4, f.statusWord() | 0xffff0000);
  m.wr32(a + 8, f.tagWord() | 0xffff0000);
  for (let k = 12; k < 28; k += 4) m.wr32(a + k, 0); // FIP, FCS/FOP, FDP, FDS: not recorded
}

function loadEnv(c: Cpu, f: Fpu, a: number): void {
  const m = c.mem;
  f.cw = m.rd32(a) & 0xffff;
  f.setStatusWord(m.rd32(a + 4) & 0xffff);
  f.setTagWord(m.rd32(a + 8) & 0xffff);
}

// ---- executors -------------------------------------------------------------------------------

function undefinedX87(i: Insn): never {
  throw new CpuFault({ vector: X86_TRAP_UD, message: `invalid opcode at ${i.addr.toString(16)}: ${i.bytes || 'x87'}` });
}

/**
 * An exception left unmasked by an earlier instruction (ES set) is raised as #MF before the
 * next "waiting" x87 instruction runs, at that instruction: the kernel sends SIGFPE. The
 * no-wait control instructions (fninit, fnclex, fnstsw, fnstcw, fnstenv, fnsave) do not check.
 */
function checkPending(f: Fpu): void {
  const err = f.sw & ~f.cw & 0x3f;
  if (err) throw new CpuFault({ vector: X86_TRAP_MF, errorCode: err, message: 'x87 floating-point error' });
}

/** fwait (9b): deliver a pending unmasked x87 exception. */
export function fwait(c: Cpu): void {
  checkPending(c.fpu);
}

/** The x87 instructions with a memory operand. */
export function x87Mem(c: Cpu, i: Insn): void {
  const f = c.fpu;
  const opcode = i.op >> 3, digit = i.op & 7;
  if (!((opcode === 1 || opcode === 5) && digit >= 6)) checkPending(f);
  const a = i.ea(c, i);
  begin();
  // d8, da, dc, de: arithmetic and compares with a memory source.
  if ((opcode & 1) === 0) {
    const b = loadArithOperand(c, a, opcode);
    if (digit === 2 || digit === 3) {
      setCodes(f, compareCodes(f, st(f, 0), b, true));
      if (digit === 3) pop(f);
      return;
    }
    const r = arith(f, digit, st(f, 0), b);
    setSt(f, 0, r);
    finish(f);
    return;
  }
  switch (opcode) {
    case 1: // d9
      switch (digit) {
        case 0: fldReal(f, loadReal(c.mem.rd32(a), 0, 4)); finish(f, overflowed); return;
        case 2: case 3: storeReal(c, f, a, 4); if (digit === 3) pop(f); finish(f); return;
        case 4: loadEnv(c, f, a); return;
        case 5: f.cw = c.mem.rd16(a); return;
        case 6: storeEnv(c, f, a); f.cw |= 0x3f; return;
        case 7: c.mem.wr16(a, f.cw); return;
      }
      break;
    case 3: // db
      switch (digit) {
        case 0: push(f, fromInt(BigInt(c.mem.rd32(a) | 0), EXT, 0)); finish(f, overflowed); return;
        case 1: storeInt(c, f, a, 4, 3); pop(f); finish(f); return;
        case 2: case 3: storeInt(c, f, a, 4, rounding(f)); if (digit === 3) pop(f); finish(f); return;
        case 5: pushRaw(f, loadExt(c, a)); finish(f, overflowed); return;
        case 7: // fstp m80: the bits as they are (an empty st0 stores the indefinite)
          if (f.empty & (1 << f.top)) setSt(f, 0, st(f, 0));
          storeExtPhys(c, f, f.top, a);
          pop(f);
          finish(f, overflowed);
          return;
      }
      break;
    case 5: // dd
      switch (digit) {
        case 0: { const lo = c.mem.rd64(a); fldReal(f, loadReal(lo, c.mem.vh, 8)); finish(f, overflowed); return; }
        case 1: storeInt(c, f, a, 8, 3); pop(f); finish(f); return;
        case 2: case 3: storeReal(c, f, a, 8); if (digit === 3) pop(f); finish(f); return;
        case 4: { // frstor
          loadEnv(c, f, a);
          for (let k = 0; k < 8; k++) {
            const r = loadExt(c, a + 28 + 10 * k), p = (f.top + k) & 7;
            f.sign[p] = r.sign; f.exp[p] = r.exp; f.mant[p] = r.mant;
          }
          return;
        }
        case 6: // fnsave: the environment and the registers in stack order, then finit
          storeEnv(c, f, a);
          for (let k = 0; k < 8; k++) storeExtPhys(c, f, (f.top + k) & 7, a + 28 + 10 * k);
          f.reset();
          return;
        case 7: c.mem.wr16(a, f.statusWord()); return;
      }
      break;
    case 7: // df
      switch (digit) {
        case 0: push(f, fromInt(BigInt((c.mem.rd16(a) << 16) >> 16), EXT, 0)); finish(f, overflowed); return;
        case 1: storeInt(c, f, a, 2, 3); pop(f); finish(f); return;
        case 2: case 3: storeInt(c, f, a, 2, rounding(f)); if (digit === 3) pop(f); finish(f); return;
        case 4: push(f, loadBcd(c, a)); finish(f, overflowed); return; // fbld
        case 5: {
          const lo = c.mem.rd64(a), hi = c.mem.vh;
          push(f, fromInt((BigInt(hi) << 32n) | BigInt(lo >>> 0), EXT, 0));
          finish(f, overflowed);
          return;
        }
        case 6: storeBcd(c, f, a); pop(f); finish(f); return; // fbstp
        case 7: storeInt(c, f, a, 8, rounding(f)); pop(f); finish(f); return;
      }
      break;
  }
  undefinedX87(i);
}

/** Constants for fld1 … fldz: exact to 128 bits, rounded with the rounding control. */
const CONSTANTS: [bigint, number][] = [
  [1n, 0], // fld1
  [0xd49a784bcd1b8afe492bf6ff4dafdb4cn, -126], // fldl2t: log2(10)
  [0xb8aa3b295c17f0bbbe87fed0691d3e88n, -127], // fldl2e: log2(e)
  [0xc90fdaa22168c234c4c6628b80dc1cd1n, -126], // fldpi
  [0x9a209a84fbcff7988f8959ac0b7c9178n, -129], // fldlg2: log10(2)
  [0xb17217f7d1cf79abc9e3b39803f2f6afn, -128], // fldln2: ln(2)
];

/** The x87 instructions whose operands are all registers. */
export function x87Reg(c: Cpu, i: Insn): void {
  const f = c.fpu;
  const opcode = (i.op >> 3) & 7, digit = i.op & 7, k = i.imm2;
  if (!((opcode === 3 && digit === 4 && (k === 2 || k === 3)) || (opcode === 7 && digit === 4 && k === 0))) checkPending(f);
  begin();
  switch (opcode) {
    case 0: // d8: st0 = st0 op st(i)
      if (digit === 2 || digit === 3) {
        setCodes(f, compareCodes(f, st(f, 0), st(f, k), true));
        if (digit === 3) pop(f);
        return;
      }
      setSt(f, 0, arith(f, digit, st(f, 0), st(f, k)));
      finish(f);
      return;
    case 4: case 6: { // dc: st(i) = st(i) op st0; de: the same, then pop
      if (digit === 2 || digit === 3) { // fcom/fcomp aliases (dc d0, dc d8, de d0), and fcompp (de d9)
        setCodes(f, compareCodes(f, st(f, 0), st(f, k), true));
        if (digit === 3 || opcode === 6) pop(f);
        if (opcode === 6 && digit === 3) pop(f);
        return;
      }
      // The register forms name sub/subr and div/divr the other way round.
      const op = digit >= 4 ? digit ^ 1 : digit;
      setSt(f, k, arith(f, op, st(f, k), st(f, 0)));
      if (opcode === 6) pop(f);
      finish(f);
      return;
    }
    case 1: return d9Reg(c, f, i, digit, k);
    case 2: // da: fcmovb/e/be/u, fucompp
      if (digit < 4) {
        if (cond(c, [2, 4, 6, 10][digit]!)) copySt(f, k, 0);
        return;
      }
      if (digit === 5 && k === 1) {
        setCodes(f, compareCodes(f, st(f, 0), st(f, 1), false));
        pop(f);
        pop(f);
        return;
      }
      break;
    case 3: // db: fcmovnb/ne/nbe/nu, fnclex, fninit, fucomi, fcomi
      if (digit < 4) {
        if (cond(c, [3, 5, 7, 11][digit]!)) copySt(f, k, 0);
        return;
      }
      if (digit === 4) {
        if (k === 2) { f.sw &= 0x7f00; return; } // fnclex: clear the exception flags, SF, ES, B
        if (k === 3) { f.reset(); return; }
        if (k === 0 || k === 1 || k === 4) return; // feni, fdisi, fsetpm: no-ops since the 387
        break;
      }
      if (digit === 5 || digit === 6) {
        const codes = compareCodes(f, st(f, 0), st(f, k), digit === 6);
        f.sw = (f.sw & ~SW_C1) | (fpStatus.flags & 0x3f);
        setEflagsFromCodes(c, codes);
        return;
      }
      break;
    case 5: // dd: ffree, fst, fstp, fucom, fucomp
      switch (digit) {
        case 0: f.empty |= 1 << ((f.top + k) & 7); return;
        case 1: fxch(f, k); return;
        case 2: case 3: copySt(f, 0, k); if (digit === 3) pop(f); return;
        case 4: case 5:
          setCodes(f, compareCodes(f, st(f, 0), st(f, k), false));
          if (digit === 5) pop(f);
          return;
      }
      break;
    case 7: // df: ffreep, fnstsw ax, fucomip, fcomip
      switch (digit) {
        case 0: f.empty |= 1 << ((f.top + k) & 7); pop(f); return;
        case 1: fxch(f, k); return;
        case 2: case 3: copySt(f, 0, k); pop(f); return;
        case 4:
          if (k !== 0) break;
          c.lo[0] = (c.lo[0]! & ~0xffff) | f.statusWord();
          return;
        case 5: case 6: {
          const codes = compareCodes(f, st(f, 0), st(f, k), digit === 6);
          f.sw = (f.sw & ~SW_C1) | (fpStatus.flags & 0x3f);
          setEflagsFromCodes(c, codes);
          pop(f);
          return;
        }
      }
      break;
  }
  undefinedX87(i);
}

/** st(to) = st(from), bits as they are (fld st(i), fst st(i), fcmov). */
function copySt(f: Fpu, from: number, to: number): void {
  const s = (f.top + from) & 7;
  if (f.empty & (1 << s)) {
    setSt(f, to, st(f, from));
    f.sw |= fpStatus.flags & 0x3f;
    return;
  }
  const d = (f.top + to) & 7;
  f.sign[d] = f.sign[s]!;
  f.exp[d] = f.exp[s]!;
  f.mant[d] = f.mant[s]!;
  f.empty &= ~(1 << d);
}

function fxch(f: Fpu, k: number): void {
  const a = f.top, b = (f.top + k) & 7;
  const ea = f.empty & (1 << a), eb = f.empty & (1 << b);
  if (ea || eb) { // an empty operand is an underflow: both get the indefinite
    fpStatus.flags |= FE_INVALID;
    f.sw = (f.sw | SW_SF | FE_INVALID) & ~SW_C1;
    if (ea) setSt(f, 0, indefinite());
    if (eb) setSt(f, k, indefinite());
  }
  const s = f.sign[a]!, e = f.exp[a]!, m = f.mant[a]!;
  f.sign[a] = f.sign[b]!; f.exp[a] = f.exp[b]!; f.mant[a] = f.mant[b]!;
  f.sign[b] = s; f.exp[b] = e; f.mant[b] = m;
  f.sw &= ~SW_C1;
}

function d9Reg(c: Cpu, f: Fpu, i: Insn, digit: number, k: number): void {
  const modrm = (digit << 3) | k;
  if (digit === 0) { // fld st(i)
    const s = (f.top + k) & 7;
    if (f.empty & (1 << s)) { push(f, st(f, k)); finish(f, overflowed); return; }
    pushRaw(f, { sign: f.sign[s]!, exp: f.exp[s]!, mant: f.mant[s]! });
    finish(f, overflowed);
    return;
  }
  if (digit === 1) return fxch(f, k);
  if (digit === 3) { copySt(f, 0, k); pop(f); return; } // fstp1 (d9 d8+i), an alias
  switch (modrm) {
    case 0x10: return; // fnop
    case 0x20: case 0x21: { // fchs, fabs: the sign bit only, even of a NaN
      const p = f.top;
      if (f.empty & (1 << p)) { setSt(f, 0, st(f, 0)); f.sw |= fpStatus.flags & 0x3f; return; }
      f.sign[p] = modrm === 0x20 ? f.sign[p]! ^ 1 : 0;
      f.sw &= ~SW_C1;
      return;
    }
    case 0x24: setCodes(f, compareCodes(f, st(f, 0), zero(0), true)); return; // ftst
    case 0x25: return fxam(f);
    case 0x28: case 0x29: case 0x2a: case 0x2b: case 0x2c: case 0x2d: {
      const [m, e] = CONSTANTS[modrm - 0x28]!;
      push(f, round(0, m, e, EXT, rounding(f)));
      fpStatus.flags &= ~FE_INEXACT; // the constants do not raise precision
      finish(f, overflowed);
      return;
    }
    case 0x2e: push(f, zero(0)); finish(f, overflowed); return; // fldz
    case 0x34: return fxtract(f);
    case 0x35: case 0x38: return fprem(f, modrm === 0x35);
    case 0x36: f.top = (f.top - 1) & 7; f.sw &= ~SW_C1; return; // fdecstp
    case 0x37: f.top = (f.top + 1) & 7; f.sw &= ~SW_C1; return; // fincstp
    case 0x3a: { // fsqrt
      const a = st(f, 0);
      let r: Fp | null = nanResult(a, a);
      if (!r) {
        if (isDenormal(a, EXT) && a.sign === 0) fpStatus.flags |= FE_DENORMAL;
        r = sqrt(a, precision(f), rounding(f));
        if (!r) { fpStatus.flags |= FE_INVALID; r = indefinite(); }
      }
      setSt(f, 0, r);
      finish(f);
      return;
    }
    case 0x3c: { // frndint
      const a = st(f, 0);
      let r: Fp | null = nanResult(a, a);
      if (!r) {
        if (isDenormal(a, EXT)) fpStatus.flags |= FE_DENORMAL;
        r = a.cls === FP_FINITE ? fromIntSigned(toInt(a, rounding(f)), a.sign) : a;
      }
      const up = fpStatus.roundedUp;
      setSt(f, 0, r);
      finish(f, up);
      return;
    }
    case 0x3d: return fscale(f);
    case 0x30: case 0x31: case 0x32: case 0x33: case 0x39: case 0x3b: case 0x3e: case 0x3f:
      return transcendental(f, modrm);
  }
  undefinedX87(i);
}

/** An integer result keeps the operand's sign when it is zero (frndint of −0.3 is −0). */
function fromIntSigned(v: bigint, sign: number): Fp {
  if (v === 0n) return zero(sign);
  const up = fpStatus.roundedUp;
  const r = fromInt(v, EXT, 0); // exact
  fpStatus.roundedUp = up;
  return r;
}

/** fxam: C3 C2 C0 classify st0 (C1 its sign): 000 unsupported, 001 NaN, 010 normal, 011 ∞, 100 zero, 101 empty, 110 denormal. */
function fxam(f: Fpu): void {
  const p = f.top;
  let codes: number;
  if (f.empty & (1 << p)) codes = SW_C3 | SW_C0;
  else {
    const x = unpackExt(f.sign[p]!, f.exp[p]!, f.mant[p]!);
    switch (x.cls) {
      case FP_UNSUPPORTED: codes = 0; break;
      case FP_NAN: codes = SW_C0; break;
      case FP_INF: codes = SW_C2 | SW_C0; break;
      case FP_ZERO: codes = SW_C3; break;
      default: codes = f.exp[p] === 0 ? SW_C3 | SW_C2 : SW_C2;
    }
  }
  f.sw = (f.sw & ~SW_CC) | codes | (f.sign[p] ? SW_C1 : 0);
}

/** fxtract: st0 = x → st1 = its unbiased exponent, st0 = its significand in [1, 2). */
function fxtract(f: Fpu): void {
  const a = st(f, 0);
  let exp: Fp, sig: Fp;
  const n = nanResult(a, a);
  if (n) exp = sig = n;
  else if (a.cls === FP_ZERO) {
    fpStatus.flags |= FE_DIVZERO;
    exp = inf(1);
    sig = a;
  } else if (a.cls === FP_INF) {
    exp = inf(0);
    sig = a;
  } else {
    if (isDenormal(a, EXT)) fpStatus.flags |= FE_DENORMAL;
    const L = bitLength(a.m);
    exp = fromInt(BigInt(a.e + L - 1), EXT, 0);
    sig = { cls: FP_FINITE, sign: a.sign, m: a.m, e: 1 - L };
  }
  setSt(f, 0, exp);
  push(f, sig);
  finish(f, overflowed);
}

/** fscale: st0 × 2^trunc(st1). */
function fscale(f: Fpu): void {
  const a = st(f, 0), b = st(f, 1);
  let r: Fp | null = nanResult(a, b);
  if (!r) {
    if (b.cls === FP_INF) {
      if (b.sign === 0) r = a.cls === FP_ZERO ? null : a.cls === FP_INF ? a : inf(a.sign);
      else r = a.cls === FP_INF ? null : zero(a.sign);
    } else if (a.cls !== FP_FINITE) r = a;
    else {
      if (isDenormal(a, EXT) || isDenormal(b, EXT)) fpStatus.flags |= FE_DENORMAL;
      let n = Number(toInt(b, 3));
      n = Math.max(-100000, Math.min(100000, n));
      fpStatus.flags &= ~FE_INEXACT;
      r = round(a.sign, a.m, a.e + n, precision(f), rounding(f));
    }
    if (!r) { fpStatus.flags |= FE_INVALID; r = indefinite(); }
  }
  setSt(f, 0, r);
  finish(f);
}

/**
 * fprem (truncating quotient) and fprem1 (IEEE remainder, nearest quotient): st0 = st0 − q × st1.
 * When the exponents differ by 64 or more only a partial remainder is computed (C2 = 1, run it
 * again); otherwise C2 = 0 and C0, C3, C1 hold quotient bits 2, 1, 0.
 */
function fprem(f: Fpu, ieee: boolean): void {
  const a = st(f, 0), b = st(f, 1);
  let r: Fp | null = nanResult(a, b);
  let codes = 0;
  if (!r) {
    if (a.cls === FP_INF || b.cls === FP_ZERO) r = null;
    else if (a.cls === FP_ZERO || b.cls === FP_INF) r = a;
    else {
      if (isDenormal(a, EXT) || isDenormal(b, EXT)) fpStatus.flags |= FE_DENORMAL;
      const Ea = a.e + bitLength(a.m) - 1, Eb = b.e + bitLength(b.m) - 1;
      const e0 = Math.min(a.e, b.e);
      const A = a.m << BigInt(a.e - e0);
      let B = b.m << BigInt(b.e - e0);
      let partial = false;
      if (Ea - Eb >= 64) {
        // Reduce by a multiple of st1 × 2^(D − N), N = 32 + (D mod 32), as the hardware (and
        // Bochs and QEMU after it) chooses N: the exponent difference drops by at least 32.
        const D = Ea - Eb;
        B <<= BigInt(D - (32 + (D & 31)));
        partial = true;
      }
      let q = A / B;
      if (ieee && !partial) {
        const rem2 = (A - q * B) * 2n;
        if (rem2 > B || (rem2 === B && (q & 1n) === 1n)) q += 1n;
      }
      const R = A - q * B;
      r = R === 0n ? zero(a.sign) : round(R < 0n ? a.sign ^ 1 : a.sign, R < 0n ? -R : R, e0, EXT, 0);
      if (partial) codes = SW_C2;
      else codes = (q & 4n ? SW_C0 : 0) | (q & 2n ? SW_C3 : 0) | (q & 1n ? SW_C1 : 0);
    }
    if (!r) { fpStatus.flags |= FE_INVALID; r = indefinite(); }
  }
  setSt(f, 0, r);
  f.sw = (f.sw & ~SW_CC) | codes | (fpStatus.flags & 0x3f & ~FE_INEXACT);
}

// ---- transcendentals, in double precision -----------------------------------------------------

const scratch = new DataView(new ArrayBuffer(8));

function toNumber(x: Fp): number {
  const [hi, lo] = packDouble(convert(x, DBL, 0));
  scratch.setInt32(0, lo, true);
  scratch.setInt32(4, hi, true);
  return scratch.getFloat64(0, true);
}

function fromNumber(v: number): Fp {
  scratch.setFloat64(0, v, true);
  const x = unpackDouble(scratch.getInt32(4, true), scratch.getInt32(0, true));
  return Number.isNaN(v) ? indefinite() : x;
}

function transcendental(f: Fpu, modrm: number): void {
  const a = st(f, 0);
  const x = toNumber(a);
  const setResult = (k: number, v: number) => setSt(f, k, Number.isNaN(v) && !Number.isNaN(x) ? (fpStatus.flags |= FE_INVALID, indefinite()) : fromNumber(v));
  switch (modrm) {
    case 0x30: setResult(0, Math.expm1(x * Math.LN2)); break; // f2xm1
    case 0x31: { const y = toNumber(st(f, 1)); pop(f); setResult(0, y * Math.log2(x)); break; } // fyl2x
    case 0x39: { const y = toNumber(st(f, 1)); pop(f); setResult(0, (y * Math.log1p(x)) / Math.LN2); break; } // fyl2xp1
    case 0x33: { const y = toNumber(st(f, 1)); pop(f); setResult(0, Math.atan2(y, x)); break; } // fpatan: atan(st1/st0)
    case 0x32: // fptan: st0 = tan, then push 1
      setResult(0, Math.tan(x));
      push(f, fromInt(1n, EXT, 0));
      break;
    case 0x3b: // fsincos: st0 = sin, then push cos
      setResult(0, Math.sin(x));
      push(f, fromNumber(Math.cos(x)));
      break;
    case 0x3e: setResult(0, Math.sin(x)); break;
    default: setResult(0, Math.cos(x));
  }
  f.sw = (f.sw & ~(SW_C1 | SW_C2)) | (fpStatus.flags & 0x3f) | FE_INEXACT;
}

