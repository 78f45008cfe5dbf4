// Multiply and divide: mul/imul with one operand (the double-width product in rdx:rax), imul with
// two and three operands (truncated product), div/idiv (quotient and remainder from rdx:rax).
//
// CF and OF say whether the product did not fit the destination (for imul: was not the
// sign-extension of its low half). SF, ZF, PF and AF are undefined after these; we derive them
// from the low half of the result. Divide by zero, and a quotient too large for the destination,
// raise #DE (the kernel sends SIGFPE with FPE_INTDIV).
//
// 32-bit products need up to 64 bits, more than a double holds exactly, so they are built from
// 16-bit pieces; 64-bit operands use BigInt (rare in the compiled code that matters here) except
// when the values are small enough for doubles to be exact.

import { X86_TRAP_DE } from '../../uapi/traps';
import { RAX, RDX, type Cpu } from './cpu';
import { setExplicit } from './flags';
import type { Insn } from './insn';
import { CpuFault } from './mmu';
import { getReg, readRM, setReg, sext } from './operands';

const TWO32 = 4294967296;

/** Unsigned 32x32 → 64: returns the low half, the high half in c.vh. */
function umul32(c: Cpu, a: number, b: number): number {
  const al = a & 0xffff, ah = a >>> 16, bl = b & 0xffff, bh = b >>> 16;
  const ll = al * bl, lh = al * bh, hl = ah * bl, hh = ah * bh;
  const mid = (ll >>> 16) + (lh & 0xffff) + (hl & 0xffff);
  c.vh = (hh + (lh >>> 16) + (hl >>> 16) + (mid >>> 16)) | 0;
  return ((mid & 0xffff) << 16) | (ll & 0xffff);
}

/** Signed 32x32 → 64: the unsigned product corrected for negative operands (two's complement). */
function smul32(c: Cpu, a: number, b: number): number {
  const lo = umul32(c, a, b);
  c.vh = (c.vh - (a < 0 ? b : 0) - (b < 0 ? a : 0)) | 0;
  return lo;
}

const big = (lo: number, hi: number) => (BigInt(hi) << 32n) | BigInt(lo >>> 0);
const bigU = (lo: number, hi: number) => (BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0);
const loOf = (v: bigint) => Number(BigInt.asIntN(32, v));
const hiOf = (v: bigint) => Number(BigInt.asIntN(32, v >> 32n));

/**
 * Truncated signed product of two `size`-byte values (the imul 2/3-operand forms): returns the
 * low half, high half in c.vh, and sets CF = OF = "overflowed".
 */
function imulTrunc(c: Cpu, size: number, a: number, ah: number, b: number, bh: number): number {
  let r: number, rh = 0, ovf: number;
  if (size === 8) {
    if (ah === a >> 31 && bh === b >> 31 && Math.abs(a * b) < 2 ** 53) {
      const p = a * b;
      r = p | 0;
      rh = Math.floor(p / TWO32) | 0;
      ovf = 0;
    } else {
      const p = big(a, ah) * big(b, bh);
      r = loOf(p);
      rh = hiOf(p);
      ovf = BigInt.asIntN(64, p) === p ? 0 : 1;
    }
  } else if (size === 4) {
    r = smul32(c, a, b);
    ovf = c.vh === r >> 31 ? 0 : 1;
  } else {
    const p = sext(a, size) * sext(b, size);
    r = size === 1 ? p & 0xff : p & 0xffff;
    ovf = sext(r, size) === p ? 0 : 1;
  }
  setExplicit(c, size, r, rh, ovf, ovf);
  c.vh = rh;
  return r;
}

/** imul reg, r/m (0f af). */
export function imul2(c: Cpu, i: Insn): void {
  const size = i.size;
  const b = readRM(c, i, size), bh = c.vh;
  const a = getReg(c, i.reg, size);
  const r = imulTrunc(c, size, a, c.vh, b, bh);
  setReg(c, i.reg, size, r, c.vh);
}

/** imul reg, r/m, imm (69, 6b). */
export function imul3(c: Cpu, i: Insn): void {
  const size = i.size;
  const a = readRM(c, i, size);
  const r = imulTrunc(c, size, a, c.vh, i.imm, i.immH);
  setReg(c, i.reg, size, r, c.vh);
}

/** mul / imul r/m (f6, f7 /4 /5): rdx:rax = rax * r/m (ax = al * r/m8). */
export function mul1(c: Cpu, i: Insn): void {
  const size = i.size;
  const signed = i.op === 5;
  const b = readRM(c, i, size), bh = c.vh;
  const a = getReg(c, RAX, size), ah = c.vh;
  if (size === 1 || size === 2) {
    const p = signed ? sext(a, size) * sext(b, size) : a * b;
    const bits = size * 8;
    const lo = p & ((1 << bits) - 1), hi = (p >> bits) & ((1 << bits) - 1);
    const ovf = signed ? (sext(lo, size) === p ? 0 : 1) : hi ? 1 : 0;
    if (size === 1) setReg(c, RAX, 2, p & 0xffff, 0);
    else {
      setReg(c, RAX, 2, lo, 0);
      setReg(c, RDX, 2, hi, 0);
    }
    setExplicit(c, size, lo, 0, ovf, ovf);
    return;
  }
  let lo: number, hi: number, hiH = 0, loH = 0;
  if (size === 4) {
    lo = signed ? smul32(c, a, b) : umul32(c, a, b);
    hi = c.vh;
  } else {
    const p = signed ? big(a, ah) * big(b, bh) : bigU(a, ah) * bigU(b, bh);
    lo = loOf(p);
    loH = hiOf(p);
    hi = loOf(p >> 64n);
    hiH = hiOf(p >> 64n);
  }
  const ovf = signed
    ? size === 4 ? (hi === lo >> 31 ? 0 : 1) : (hi === loH >> 31 && hiH === loH >> 31 ? 0 : 1)
    : hi !== 0 || hiH !== 0 ? 1 : 0;
  setReg(c, RAX, size, lo, loH);
  setReg(c, RDX, size, hi, hiH);
  setExplicit(c, size, lo, loH, ovf, ovf);
}

function divideError(): never {
  throw new CpuFault({ vector: X86_TRAP_DE });
}

/** div / idiv r/m (f6, f7 /6 /7): rax = rdx:rax / r/m, rdx = remainder (ah/al for bytes). */
export function divide(c: Cpu, i: Insn): void {
  const size = i.size;
  const signed = i.op === 7;
  const d = readRM(c, i, size), dh = c.vh;
  if (d === 0 && (size !== 8 || dh === 0)) divideError();
  if (size <= 2) {
    const bits = size * 8;
    const n = size === 1 ? c.lo[RAX]! & 0xffff : ((c.lo[RDX]! & 0xffff) << 16) | (c.lo[RAX]! & 0xffff);
    const nn = signed ? (size === 1 ? (n << 16) >> 16 : n | 0) : n >>> 0;
    const dd = signed ? sext(d, size) : d;
    const q = Math.trunc(nn / dd), r = nn - q * dd;
    if (signed ? q !== sext(q & ((1 << bits) - 1), size) : q >= 1 << bits) divideError();
    if (size === 1) setReg(c, RAX, 2, (q & 0xff) | ((r & 0xff) << 8), 0);
    else {
      setReg(c, RAX, 2, q & 0xffff, 0);
      setReg(c, RDX, 2, r & 0xffff, 0);
    }
    return;
  }
  if (size === 4) {
    const lo = c.lo[RAX]!, hi = c.lo[RDX]!;
    let q: number, r: number;
    if (signed && hi === lo >> 31) {
      q = Math.trunc(lo / d);
      r = lo - q * d;
    } else if (!signed && hi === 0) {
      q = Math.floor((lo >>> 0) / (d >>> 0));
      r = (lo >>> 0) - q * (d >>> 0);
    } else {
      const n = signed ? big(lo, hi) : bigU(lo, hi);
      const dd = signed ? BigInt(d) : BigInt(d >>> 0);
      const bq = n / dd;
      q = Number(bq);
      r = Number(n % dd);
    }
    if (signed ? q > 0x7fffffff || q < -0x80000000 : q > 0xffffffff) divideError();
    setReg(c, RAX, 4, q | 0, 0);
    setReg(c, RDX, 4, r | 0, 0);
    return;
  }
  const n = (bigU(c.lo[RDX]!, c.hi[RDX]!) << 64n) | bigU(c.lo[RAX]!, c.hi[RAX]!);
  const nv = signed ? BigInt.asIntN(128, n) : n;
  const dd = signed ? big(d, dh) : bigU(d, dh);
  const q = nv / dd;
  const r = nv % dd;
  if (signed ? BigInt.asIntN(64, q) !== q : BigInt.asUintN(64, q) !== q) divideError();
  setReg(c, RAX, 8, loOf(q), hiOf(q));
  setReg(c, RDX, 8, loOf(r), hiOf(r));
}
