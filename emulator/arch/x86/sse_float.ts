// SSE/SSE2 floating point: arithmetic, min/max, compares and conversions on single (ps/ss) and
// double (pd/sd) lanes of the XMM registers.
//
// A JavaScript number is an IEEE double and its arithmetic rounds to nearest-even, so a double
// lane op is the JavaScript op. A single lane op is done in double and rounded to single when
// stored in the Float32Array view: for + − × ÷ and √ that double rounding is harmless (53 ≥ 2×24+2
// bits), so the result is the correctly rounded single.
//
// What JavaScript does not give is the x86 NaN: when a result is a NaN it is worked out from the
// operands' bits (never through a number, which may lose a payload): a NaN operand propagates —
// the first source's if it is one, else the second's — quieted; an invalid operation (∞ − ∞, 0 × ∞,
// 0/0, √−1) gives the default NaN, negative and quiet (0xFFC00000, 0xFFF8000000000000).
// A float → integer conversion that is NaN or out of range gives the "integer indefinite"
// 0x80000000 / 0x8000000000000000.
//
// MXCSR: arithmetic and conversions honour its rounding control (bits 13-14; a directed mode
// takes the exact BigInt path of fpu_float.ts) and set its exception flags as the hardware does
// (float_cases.json checks them against the host); an unmasked exception the instruction raises is #XM
// (SIGFPE), with the destination left as it was. DAZ (denormal operands read as zero) and FZ
// (tiny results flushed to zero), which gcc's -ffast-math turns on, are honoured by the
// arithmetic and the compares. Simplified: rcpps/rsqrtps return the exact reciprocal (root),
// not the hardware's 12-bit estimate.

import { X86_TRAP_XF } from '../../uapi/traps';
import type { Cpu } from './cpu';
import { AF, CF, OF, PF, SF, ZF, patchFlags, readFlags, writeFlags } from './flags';
import {
  DBL, FE_DENORMAL, FE_DIVZERO, FE_INEXACT, FE_INVALID, FE_OVERFLOW, FE_UNDERFLOW, SGL, add, convert, div, fpStatus, fromInt, mul, packDouble, packSingle, sqrt,
  unpackDouble, unpackSingle, type Format, type Fp,
} from './fpu_float';
import type { Exec, Insn } from './insn';
import { CpuFault } from './mmu';
import { readMem, readRM, setReg } from './operands';
import { source } from './sse';

/** Lane kinds, from the mandatory prefix: none ps, 66 pd, f3 ss, f2 sd. */
export const PS = 0, PD = 1, SS = 2, SD = 3;

const rcOf = (c: Cpu): number => (c.mxcsr >> 13) & 3;
/** MXCSR's denormals-are-zero and flush-to-zero bits. */
const DAZ = 0x40, FTZ = 0x8000;
const MIN_NORMAL32 = 1.1754943508222875e-38, MIN_NORMAL64 = 2.2250738585072014e-308;
/** A denormal as a zero of its sign; anything else (NaN included) unchanged. */
const daz = (x: number, min: number): number => (x !== 0 && x < min && x > -min ? (x < 0 ? -0 : 0) : x);

/**
 * FTZ: n lanes from `at` that hold a denormal become a zero of their sign (other lanes are not
 * rewritten). Also min/max under DAZ, which return the operand as read: a denormal as zero.
 */
function flushTiny(F: Float32Array | Float64Array, at: number, n: number, min: number): boolean {
  let flushed = false;
  for (let k = at; k < at + n; k++) {
    const v = F[k]!;
    if (v !== 0 && v < min && v > -min) {
      F[k] = v < 0 ? -0 : 0;
      flushed = true;
    }
  }
  return flushed;
}

// ---- NaNs by their bits ----------------------------------------------------------------------

const isNaN32 = (b: number): boolean => (b & 0x7f800000) === 0x7f800000 && (b & 0x7fffff) !== 0;
const isSNaN32 = (b: number): boolean => isNaN32(b) && (b & 0x400000) === 0;
const isNaN64 = (hi: number, lo: number): boolean => (hi & 0x7ff00000) === 0x7ff00000 && ((hi & 0xfffff) | lo) !== 0;
const isSNaN64 = (hi: number, lo: number): boolean => isNaN64(hi, lo) && (hi & 0x80000) === 0;

/** Dword index d gets the NaN result of a single-lane op whose operands are at dword a and b. */
function nan32(c: Cpu, d: number, a: number, b: number): void {
  const x = c.xmm, va = x[a]!, vb = x[b]!;
  if (isSNaN32(va) || isSNaN32(vb)) c.mxcsr |= FE_INVALID;
  if (isNaN32(va)) x[d] = va | 0x400000;
  else if (isNaN32(vb)) x[d] = vb | 0x400000;
  else {
    c.mxcsr |= FE_INVALID;
    x[d] = 0xffc00000 | 0;
  }
}

/** The same for a double lane: dword indices of the low halves. */
function nan64(c: Cpu, d: number, a: number, b: number): void {
  const x = c.xmm, la = x[a]!, ha = x[a + 1]!, lb = x[b]!, hb = x[b + 1]!;
  if (isSNaN64(ha, la) || isSNaN64(hb, lb)) c.mxcsr |= FE_INVALID;
  if (isNaN64(ha, la)) { x[d] = la; x[d + 1] = ha | 0x80000; }
  else if (isNaN64(hb, lb)) { x[d] = lb; x[d + 1] = hb | 0x80000; }
  else {
    c.mxcsr |= FE_INVALID;
    x[d] = 0;
    x[d + 1] = 0xfff80000 | 0;
  }
}

// ---- arithmetic: 0f 51 (sqrt), 52 (rsqrt), 53 (rcp), 58 add, 59 mul, 5c sub, 5d min, 5e div, 5f max ----

function lanes(kind: number): number {
  return kind === PS ? 4 : kind === PD ? 2 : 1;
}

/** dst = dst op src, lane by lane. `op` is the opcode byte, `imm` the lane kind. */
function sseArithRaw(c: Cpu, i: Insn): void {
  const kind = i.imm;
  const s = source(c, i, kind === SS ? 4 : kind === SD ? 8 : 16);
  const n = lanes(kind), op = i.op, rc = rcOf(c);
  if (kind === PS || kind === SS) {
    const F = c.xmmF32;
    for (let k = 0; k < n; k++) {
      const d = i.reg * 4 + k, t = s * 4 + k;
      let a = F[d]!, b = F[t]!;
      if (c.mxcsr & DAZ) { a = daz(a, MIN_NORMAL32); b = daz(b, MIN_NORMAL32); }
      let r: number;
      switch (op) {
        case 0x58: r = a + b; break;
        case 0x59: r = a * b; break;
        case 0x5c: r = a - b; break;
        case 0x5e: r = a / b; if (b === 0 && a === a && a !== 0 && Math.abs(a) !== Infinity) c.mxcsr |= FE_DIVZERO; break;
        case 0x5d: case 0x5f: // min/max: the second operand unless dst is strictly less/greater (NaNs, ±0 included)
          if (!(op === 0x5d ? a < b : a > b)) c.xmm[d] = c.xmm[t]!;
          if (a !== a || b !== b) c.mxcsr |= FE_INVALID; // even for a quiet NaN
          else if (isDen(a, MIN_NORMAL32) || isDen(b, MIN_NORMAL32)) c.mxcsr |= FE_DENORMAL; // a NaN takes precedence
          continue;
        default: // sqrt, rsqrt, rcp: one operand, the source. rsqrt and rcp are exact here, not the 12-bit estimates
          r = op === 0x51 ? Math.sqrt(b) : op === 0x52 ? 1 / Math.sqrt(b) : 1 / b;
          if (r !== r) { nan32(c, d, t, t); continue; }
          if (op === 0x51 && (c.mxcsr & FLAGS_TRACKED) !== FLAGS_TRACKED) arithFlags(c, op, b, b, r, SGL, MIN_NORMAL32, rc);
          if (op === 0x51 && rc !== 0) c.xmm[d] = packSingle(directed(op, unpackSingle(c.xmm[t]!), unpackSingle(c.xmm[t]!), SGL, rc));
          else F[d] = r;
          continue;
      }
      if (r === r && (c.mxcsr & FLAGS_TRACKED) !== FLAGS_TRACKED) arithFlags(c, op, a, b, r, SGL, MIN_NORMAL32, rc);
      if (r !== r) nan32(c, d, d, t);
      else if (rc !== 0) c.xmm[d] = packSingle(directed(op, unpackSingle(c.xmm[d]!), unpackSingle(c.xmm[t]!), SGL, rc));
      else F[d] = r;
    }
    if (c.mxcsr & (op === 0x5d || op === 0x5f ? DAZ : FTZ) && flushTiny(F, i.reg * 4, n, MIN_NORMAL32) && (op !== 0x5d && op !== 0x5f)) c.mxcsr |= FE_UNDERFLOW | FE_INEXACT;
    return;
  }
  const F = c.xmmF64;
  for (let k = 0; k < n; k++) {
    const d = i.reg * 2 + k, t = s * 2 + k;
    let a = F[d]!, b = F[t]!;
    if (c.mxcsr & DAZ) { a = daz(a, MIN_NORMAL64); b = daz(b, MIN_NORMAL64); }
    let r: number;
    switch (op) {
      case 0x58: r = a + b; break;
      case 0x59: r = a * b; break;
      case 0x5c: r = a - b; break;
      case 0x5e: r = a / b; if (b === 0 && a === a && a !== 0 && Math.abs(a) !== Infinity) c.mxcsr |= FE_DIVZERO; break;
      case 0x5d: case 0x5f:
        if (!(op === 0x5d ? a < b : a > b)) { c.xmm[2 * d] = c.xmm[2 * t]!; c.xmm[2 * d + 1] = c.xmm[2 * t + 1]!; }
        if (a !== a || b !== b) c.mxcsr |= FE_INVALID;
        else if (isDen(a, MIN_NORMAL64) || isDen(b, MIN_NORMAL64)) c.mxcsr |= FE_DENORMAL;
        continue;
      default: // sqrtpd/sd
        r = Math.sqrt(b);
        if (r === r && (c.mxcsr & FLAGS_TRACKED) !== FLAGS_TRACKED) arithFlags(c, op, b, b, r, DBL, MIN_NORMAL64, rc);
        if (r !== r) nan64(c, 2 * d, 2 * t, 2 * t);
        else if (rc !== 0) storeDouble(c, 2 * d, directed(op, unpackLane(c, 2 * t), unpackLane(c, 2 * t), DBL, rc));
        else F[d] = r;
        continue;
    }
    if (r === r && (c.mxcsr & FLAGS_TRACKED) !== FLAGS_TRACKED) arithFlags(c, op, a, b, r, DBL, MIN_NORMAL64, rc);
    if (r !== r) nan64(c, 2 * d, 2 * d, 2 * t);
    else if (rc !== 0) storeDouble(c, 2 * d, directed(op, unpackLane(c, 2 * d), unpackLane(c, 2 * t), DBL, rc));
    else F[d] = r;
  }
  if (c.mxcsr & (op === 0x5d || op === 0x5f ? DAZ : FTZ) && flushTiny(F, i.reg * 2, n, MIN_NORMAL64) && (op !== 0x5d && op !== 0x5f)) c.mxcsr |= FE_UNDERFLOW | FE_INEXACT;
}

/** The flags arithFlags maintains: denormal, overflow, underflow, precision. */
const FLAGS_TRACKED = FE_DENORMAL | FE_OVERFLOW | FE_UNDERFLOW | FE_INEXACT;
const isDen = (x: number, min: number): boolean => x !== 0 && x < min && x > -min;
const MAX_SINGLE = 3.4028234663852886e38;
const flagScratch = new DataView(new ArrayBuffer(8));

/** A number (a double, or a single held exactly in a double) unpacked for fpu_float.ts. */
function fpOf(x: number): Fp {
  flagScratch.setFloat64(0, x, true);
  return unpackDouble(flagScratch.getInt32(4, true), flagScratch.getInt32(0, true));
}

/**
 * MXCSR's denormal, overflow, underflow and precision flags of an arithmetic lane whose result r
 * is not a NaN. They are sticky, so the exact (BigInt) recomputation that tells whether the
 * result was rounded runs only while precision is still clear, or for a result that may have
 * overflowed or underflowed: in most programs the first inexact operation sets PE for good and
 * this costs a few compares.
 */
function arithFlags(c: Cpu, op: number, a: number, b: number, r: number, f: Format, min: number, rc: number): void {
  let m = c.mxcsr;
  if (isDen(b, min) || (op !== 0x51 && isDen(a, min))) m |= FE_DENORMAL;
  // a zero product or quotient of nonzero operands underflowed; an exact cancellation did not
  const tiny = r !== 0 ? r < min && r > -min : (op === 0x59 || op === 0x5e) && a !== 0 && b !== 0;
  const huge = !(Math.abs(r) <= (f === SGL ? MAX_SINGLE : Number.MAX_VALUE)) && Math.abs(a) !== Infinity && Math.abs(b) !== Infinity;
  if (!(m & FE_INEXACT) || tiny || huge) {
    fpStatus.flags = 0;
    directed(op, fpOf(a), fpOf(b), f, rc);
    m |= fpStatus.flags & (FE_INEXACT | FE_UNDERFLOW | FE_OVERFLOW);
  }
  c.mxcsr = m;
}

/**
 * A lane op under a directed rounding mode (MXCSR.RC ≠ nearest), where the JavaScript result
 * cannot be used: redone exactly and rounded with rc. Only reached for non-NaN results.
 */
function directed(op: number, a: Fp, b: Fp, f: Format, rc: number): Fp {
  let r: Fp | null;
  switch (op) {
    case 0x58: r = add(a, b, f, rc); break;
    case 0x59: r = mul(a, b, f, rc); break;
    case 0x5c: r = add(a, { ...b, sign: b.sign ^ 1 }, f, rc); break;
    case 0x5e: r = div(a, b, f, rc); break;
    default: r = sqrt(b, f, rc);
  }
  return r!;
}

const unpackLane = (c: Cpu, d: number): Fp => unpackDouble(c.xmm[d + 1]!, c.xmm[d]!);

function storeDouble(c: Cpu, d: number, x: Fp): void {
  const [hi, lo] = packDouble(x);
  c.xmm[d] = lo;
  c.xmm[d + 1] = hi;
}

// ---- compares --------------------------------------------------------------------------------

/**
 * comiss/comisd (0f 2f), ucomiss/ucomisd (0f 2e): ZF PF CF = 111 unordered, 100 equal, 001 less,
 * 000 greater; OF, SF and AF cleared. comi raises invalid for any NaN, ucomi only for a signaling one.
 */
function sseComiRaw(c: Cpu, i: Insn): void {
  const dbl = i.imm === SD;
  const s = source(c, i, dbl ? 8 : 4);
  let a: number, b: number, snan: boolean;
  if (dbl) {
    a = c.xmmF64[i.reg * 2]!; b = c.xmmF64[s * 2]!;
    snan = isSNaN64(c.xmm[i.reg * 4 + 1]!, c.xmm[i.reg * 4]!) || isSNaN64(c.xmm[s * 4 + 1]!, c.xmm[s * 4]!);
  } else {
    a = c.xmmF32[i.reg * 4]!; b = c.xmmF32[s * 4]!;
    snan = isSNaN32(c.xmm[i.reg * 4]!) || isSNaN32(c.xmm[s * 4]!);
  }
  if (c.mxcsr & DAZ) { a = daz(a, dbl ? MIN_NORMAL64 : MIN_NORMAL32); b = daz(b, dbl ? MIN_NORMAL64 : MIN_NORMAL32); }
  let bits: number;
  const min = dbl ? MIN_NORMAL64 : MIN_NORMAL32;
  if (a !== a || b !== b) {
    bits = ZF | PF | CF;
    if (snan || i.op === 0x2f) c.mxcsr |= FE_INVALID;
  } else {
    if (isDen(a, min) || isDen(b, min)) c.mxcsr |= FE_DENORMAL;
    bits = a < b ? CF : a === b ? ZF : 0;
  }
  patchFlags(c, ZF | PF | CF | OF | SF | AF, bits);
}

/** cmpps/cmppd/cmpss/cmpsd (0f c2 ib): each lane becomes all ones when the predicate holds. */
function sseCmpRaw(c: Cpu, i: Insn): void {
  const kind = i.imm, pred = i.imm2 & 7;
  const s = source(c, i, kind === SS ? 4 : kind === SD ? 8 : 16);
  const n = lanes(kind), dbl = kind === PD || kind === SD, x = c.xmm;
  for (let k = 0; k < n; k++) {
    let a: number, b: number;
    if (dbl) { a = c.xmmF64[i.reg * 2 + k]!; b = c.xmmF64[s * 2 + k]!; }
    else { a = c.xmmF32[i.reg * 4 + k]!; b = c.xmmF32[s * 4 + k]!; }
    if (c.mxcsr & DAZ) { a = daz(a, dbl ? MIN_NORMAL64 : MIN_NORMAL32); b = daz(b, dbl ? MIN_NORMAL64 : MIN_NORMAL32); }
    const unord = a !== a || b !== b;
    if (unord) {
      const sn = dbl
        ? isSNaN64(x[i.reg * 4 + 2 * k + 1]!, x[i.reg * 4 + 2 * k]!) || isSNaN64(x[s * 4 + 2 * k + 1]!, x[s * 4 + 2 * k]!)
        : isSNaN32(x[i.reg * 4 + k]!) || isSNaN32(x[s * 4 + k]!);
      // lt, le, nlt, nle signal on any NaN; the others only on a signaling one
      if (sn || pred === 1 || pred === 2 || pred === 5 || pred === 6) c.mxcsr |= FE_INVALID;
    } else if (isDen(a, dbl ? MIN_NORMAL64 : MIN_NORMAL32) || isDen(b, dbl ? MIN_NORMAL64 : MIN_NORMAL32)) c.mxcsr |= FE_DENORMAL;
    let r: boolean;
    switch (pred) {
      case 0: r = a === b; break;
      case 1: r = a < b; break;
      case 2: r = a <= b; break;
      case 3: r = unord; break;
      case 4: r = !(a === b); break;
      case 5: r = !(a < b); break;
      case 6: r = !(a <= b); break;
      default: r = !unord;
    }
    const m = r ? -1 : 0;
    if (dbl) { x[i.reg * 4 + 2 * k] = m; x[i.reg * 4 + 2 * k + 1] = m; }
    else x[i.reg * 4 + k] = m;
  }
}

// ---- conversions -----------------------------------------------------------------------------

/** Round a double to an integer with rounding control rc (0 nearest-even, 1 down, 2 up, 3 toward zero). */
function roundInt(x: number, rc: number): number {
  switch (rc) {
    case 0: {
      const r = Math.round(x);
      return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
    }
    case 1: return Math.floor(x);
    case 2: return Math.ceil(x);
    default: return Math.trunc(x);
  }
}

const TWO31 = 2147483648, TWO63 = 9223372036854775808;

/** A double to a 32-bit integer: NaN or out of range is the integer indefinite 0x80000000. */
function toInt32(c: Cpu, x: number, rc: number): number {
  const r = roundInt(x, rc);
  if (!(r >= -TWO31 && r < TWO31)) {
    c.mxcsr |= FE_INVALID;
    return -TWO31;
  }
  if (r !== x) c.mxcsr |= FE_INEXACT;
  return r;
}

/** A double to a 64-bit integer in a general register (low half, high half in c.vh). */
function toInt64(c: Cpu, x: number, rc: number): number {
  const r = roundInt(x, rc);
  if (!(r >= -TWO63 && r < TWO63)) {
    c.mxcsr |= FE_INVALID;
    c.vh = -TWO31;
    return 0;
  }
  if (r !== x) c.mxcsr |= FE_INEXACT;
  const hi = Math.floor(r / 4294967296);
  c.vh = hi | 0;
  return (r - hi * 4294967296) | 0;
}

/** A signed integer (lo, hi halves; or a number below 2^53) to a double/single with rc. */
function intToFloat(c: Cpu, lo: number, hi: number, single: boolean, dst: number): void {
  const rc = rcOf(c);
  const v = hi * 4294967296 + (lo >>> 0);
  const a = Math.abs(v);
  // v is exact below 2^53 (a larger v may already be rounded); storing it rounds to nearest
  // (to single, in the Float32Array), which is right for RC = nearest or when it is exact.
  if (a < 9007199254740992 && (rc === 0 || !single || a <= 16777216)) {
    if (single) {
      c.xmmF32[dst] = v;
      if (c.xmmF32[dst] !== v) c.mxcsr |= FE_INEXACT;
    } else c.xmmF64[dst / 2] = v;
    return;
  }
  fpStatus.flags = 0;
  const x = fromInt((BigInt(hi) << 32n) | BigInt(lo >>> 0), single ? SGL : DBL, rc);
  c.mxcsr |= fpStatus.flags & FE_INEXACT;
  if (single) c.xmm[dst] = packSingle(x);
  else {
    const [h, l] = packDouble(x);
    c.xmm[dst] = l;
    c.xmm[dst + 1] = h;
  }
}

/** A double lane (at dword index s) to a single lane (dword index d), honouring rc; NaNs by bits. */
function doubleToSingle(c: Cpu, d: number, s: number): void {
  const x = c.xmm, lo = x[s]!, hi = x[s + 1]!;
  if (isNaN64(hi, lo)) {
    if (isSNaN64(hi, lo)) c.mxcsr |= FE_INVALID;
    x[d] = (hi & 0x80000000) | 0x7fc00000 | ((hi & 0x7ffff) << 3) | (lo >>> 29);
    return;
  }
  const v = c.xmmF64[s / 2]!;
  const rc = rcOf(c);
  if (isDen(v, MIN_NORMAL64)) c.mxcsr |= FE_DENORMAL;
  if (rc === 0) {
    const r = Math.fround(v);
    if (r !== v) {
      c.mxcsr |= FE_INEXACT;
      if (r === 0 || (r < MIN_NORMAL32 && r > -MIN_NORMAL32)) c.mxcsr |= FE_UNDERFLOW;
      else if (r === Infinity || r === -Infinity) c.mxcsr |= FE_OVERFLOW;
    }
    c.xmmF32[d] = r;
    return;
  }
  fpStatus.flags = 0;
  x[d] = packSingle(convert(unpackDouble(hi, lo), SGL, rc));
  c.mxcsr |= fpStatus.flags & (FE_INEXACT | FE_UNDERFLOW | FE_OVERFLOW);
}

/** A single lane to a double lane (exact; a NaN is quieted and keeps its payload). */
function singleToDouble(c: Cpu, d: number, s: number): void {
  const x = c.xmm, b = x[s]!;
  if (isNaN32(b)) {
    if (isSNaN32(b)) c.mxcsr |= FE_INVALID;
    x[d] = (b & 0x7) << 29;
    x[d + 1] = (b & 0x80000000) | 0x7ff80000 | ((b & 0x3ffff8) >>> 3);
    return;
  }
  const v = c.xmmF32[s]!;
  if (isDen(v, MIN_NORMAL32)) c.mxcsr |= FE_DENORMAL;
  c.xmmF64[d / 2] = v;
}

/**
 * The conversions. `op` is the opcode byte << 4 | the prefix kind (PS PD SS SD), see sse_decode.ts:
 *   2a cvtsi2ss/sd   2c cvttss2si/cvttsd2si   2d cvtss2si/cvtsd2si
 *   5a cvtps2pd / cvtpd2ps / cvtss2sd / cvtsd2ss   5b cvtdq2ps / cvtps2dq / cvttps2dq
 *   e6 cvttpd2dq (66) / cvtdq2pd (f3) / cvtpd2dq (f2)
 */
function sseCvtRaw(c: Cpu, i: Insn): void {
  const x = c.xmm, d = i.reg * 4, rc = rcOf(c);
  switch (i.op) {
    case 0x2a2: case 0x2a3: { // cvtsi2ss/sd xmm, r/m32 or r/m64 (i.size)
      const lo = readRM(c, i, i.size);
      const hi = i.size === 8 ? c.vh : lo >> 31;
      intToFloat(c, lo, hi, i.op === 0x2a2, d);
      return;
    }
    case 0x2c2: case 0x2c3: case 0x2d2: case 0x2d3: { // cvt(t)ss2si, cvt(t)sd2si r32/r64, xmm/m
      const dbl = (i.op & 15) === SD;
      let v: number;
      let nan: boolean;
      if (i.rm >= 0) {
        v = dbl ? c.xmmF64[i.rm * 2]! : c.xmmF32[i.rm * 4]!;
        nan = dbl ? isNaN64(x[i.rm * 4 + 1]!, x[i.rm * 4]!) : isNaN32(x[i.rm * 4]!);
      } else {
        const a = i.ea(c, i);
        if (dbl) {
          const lo = readMem(c, a, 8), hi = c.vh;
          c.xmm[64] = lo; c.xmm[65] = hi;
          v = c.xmmF64[32]!;
          nan = isNaN64(hi, lo);
        } else {
          c.xmm[64] = readMem(c, a, 4);
          v = c.xmmF32[64]!;
          nan = isNaN32(c.xmm[64]!);
        }
      }
      if (nan) v = NaN;
      const mode = i.op >> 4 === 0x2c ? 3 : rc;
      if (i.size === 8) {
        const lo = toInt64(c, v, mode);
        setReg(c, i.reg, 8, lo, c.vh);
      } else setReg(c, i.reg, 4, toInt32(c, v, mode) | 0, 0);
      return;
    }
    case 0x5a0: { // cvtps2pd: the low two singles
      const s = source(c, i, 8);
      const t0 = x[s * 4]!, t1 = x[s * 4 + 1]!;
      x[64] = t0; x[65] = t1;
      singleToDouble(c, d, 64);
      singleToDouble(c, d + 2, 65);
      return;
    }
    case 0x5a1: { // cvtpd2ps: two doubles to the low singles, the upper half zeroed
      const s = source(c, i);
      for (let k = 0; k < 4; k++) x[64 + k] = x[s * 4 + k]!;
      doubleToSingle(c, d, 64);
      doubleToSingle(c, d + 1, 66);
      x[d + 2] = 0; x[d + 3] = 0;
      return;
    }
    case 0x5a2: { const s = source(c, i, 4); x[64] = x[s * 4]!; singleToDouble(c, d, 64); return; } // cvtss2sd
    case 0x5a3: { const s = source(c, i, 8); doubleToSingle(c, d, s * 4); return; } // cvtsd2ss
    case 0x5b0: { // cvtdq2ps
      const s = source(c, i);
      for (let k = 0; k < 4; k++) x[64 + k] = x[s * 4 + k]!;
      for (let k = 0; k < 4; k++) intToFloat(c, x[64 + k]!, x[64 + k]! >> 31, true, d + k);
      return;
    }
    case 0x5b1: case 0x5b2: { // cvtps2dq, cvttps2dq
      const s = source(c, i), mode = i.op === 0x5b2 ? 3 : rc;
      for (let k = 0; k < 4; k++) {
        const v = isNaN32(x[s * 4 + k]!) ? NaN : c.xmmF32[s * 4 + k]!;
        x[d + k] = toInt32(c, v, mode);
      }
      return;
    }
    case 0xe61: case 0xe63: { // cvttpd2dq, cvtpd2dq: the upper half zeroed
      const s = source(c, i), mode = i.op === 0xe61 ? 3 : rc;
      const r0 = toInt32(c, isNaN64(x[s * 4 + 1]!, x[s * 4]!) ? NaN : c.xmmF64[s * 2]!, mode);
      const r1 = toInt32(c, isNaN64(x[s * 4 + 3]!, x[s * 4 + 2]!) ? NaN : c.xmmF64[s * 2 + 1]!, mode);
      x[d] = r0; x[d + 1] = r1; x[d + 2] = 0; x[d + 3] = 0;
      return;
    }
    case 0xe62: { // cvtdq2pd: the low two dwords, exactly
      const s = source(c, i, 8);
      const a = x[s * 4]!, b = x[s * 4 + 1]!;
      c.xmmF64[i.reg * 2] = a;
      c.xmmF64[i.reg * 2 + 1] = b;
      return;
    }
  }
}

/**
 * MXCSR's exception masks (bits 7-12): an exception the instruction raises whose mask is clear
 * is #XM, the SIMD floating-point exception — the flag is set, the destination (register or
 * flags) keeps its old value, and the kernel sends SIGFPE. With every exception masked (the
 * default) the executor runs directly.
 */
function simdExceptions(fn: Exec): Exec {
  return (c: Cpu, i: Insn): void => {
    const unmasked = ~(c.mxcsr >> 7) & 0x3f;
    if (unmasked === 0) return fn(c, i);
    const sticky = c.mxcsr & 0x3f, x = c.xmm, r = i.reg * 4;
    const s0 = x[r]!, s1 = x[r + 1]!, s2 = x[r + 2]!, s3 = x[r + 3]!, glo = c.lo[i.reg]!, ghi = c.hi[i.reg]!, fl = readFlags(c);
    c.mxcsr &= ~0x3f;
    fn(c, i);
    const raised = c.mxcsr & 0x3f;
    c.mxcsr |= sticky;
    if (raised & unmasked) {
      x[r] = s0; x[r + 1] = s1; x[r + 2] = s2; x[r + 3] = s3;
      c.lo[i.reg] = glo; c.hi[i.reg] = ghi;
      writeFlags(c, fl);
      throw new CpuFault({ vector: X86_TRAP_XF, errorCode: c.mxcsr & unmasked, message: 'SIMD floating-point exception' });
    }
  };
}

export const sseArith = simdExceptions(sseArithRaw);
export const sseComi = simdExceptions(sseComiRaw);
export const sseCmp = simdExceptions(sseCmpRaw);
export const sseCvt = simdExceptions(sseCvtRaw);
