// Shifts and rotates (group 2: c0, c1, d0-d3 /0-/7) and the double shifts shld/shrd.
//
// The count is masked to 5 bits (6 for 64-bit operands); a masked count of 0 changes nothing, not
// even the flags. Shifts set CF to the last bit shifted out and SF, ZF, PF from the result; OF
// (defined for a count of 1) is MSB(result) ^ CF for shl, the original MSB for shr, 0 for sar.
// Rotates change only CF and OF: rol CF = LSB(result), OF = MSB ^ CF; ror CF = MSB(result), OF =
// the two top bits XORed; rcl/rcr rotate through CF (a size+1-bit rotate).

import { RCX, type Cpu } from './cpu';
import { CF, OF, getCF, patchFlags, setExplicit } from './flags';
import type { Insn } from './insn';
import { getReg, readMem, sext, setReg, writeMem } from './operands';

// The /digit of group 2: rol, ror, rcl, rcr, shl, shr, sal (= shl), sar.
const ROL = 0, RCL = 2, RCR = 3, SHL = 4, SHR = 5, SAL = 6;

/** The top bit of a `size`-byte value (lo, hi). */
const msb = (size: number, lo: number, hi: number) => (size === 8 ? hi >>> 31 : (lo >>> (size * 8 - 1)) & 1);

export function shift(c: Cpu, i: Insn): void {
  const size = i.size;
  const raw = i.imm2 < 0 ? c.lo[RCX]! : i.imm2;
  const n = raw & (size === 8 ? 63 : 31);
  if (n === 0) return;
  const ea = i.rm >= 0 ? 0 : i.ea(c, i);
  const v = i.rm >= 0 ? getReg(c, i.rm, size) : readMem(c, ea, size);
  const vh = size === 8 ? c.vh : 0;
  let op = i.op;
  if (op === SAL) op = SHL;
  let r: number, rh = 0, cf: number;
  if (op >= SHL) {
    if (size === 8) [r, rh, cf] = shift64(op, v, vh, n);
    else {
      const bits = size * 8;
      if (op === SHL) {
        if (size === 4) {
          r = v << n;
          cf = (v >>> (32 - n)) & 1;
        } else {
          const wide = v * 2 ** n;
          r = wide % 2 ** bits;
          cf = Math.floor(wide / 2 ** bits) & 1;
        }
      } else if (op === SHR) {
        r = (v >>> 0) >>> n;
        cf = ((v >>> 0) >>> (n - 1)) & 1;
      } else {
        const sv = sext(v, size);
        r = sv >> n;
        cf = (sv >> (n - 1)) & 1;
        r = size === 4 ? r : r & ((1 << bits) - 1);
      }
    }
    if (size === 4) r |= 0;
    const of = op === SHL ? msb(size, r, rh) ^ cf : op === SHR ? msb(size, v, vh) : 0;
    setExplicit(c, size, r, rh, cf, of);
  } else {
    [r, rh, cf] = rotate(c, op, size, v, vh, n);
    const top = msb(size, r, rh);
    const of = op === ROL || op === RCL ? top ^ cf : top ^ msbMinus1(size, r, rh);
    patchFlags(c, CF | OF, cf | (of << 11));
  }
  if (i.rm >= 0) setReg(c, i.rm, size, r, rh);
  else writeMem(c, ea, size, r, rh);
}

const msbMinus1 = (size: number, lo: number, hi: number) => (size === 8 ? (hi >>> 30) & 1 : (lo >>> (size * 8 - 2)) & 1);

/** shl/shr/sar of a 64-bit value by 1..63: [lo, hi, CF]. */
function shift64(op: number, lo: number, hi: number, n: number): [number, number, number] {
  if (op === SHL) {
    if (n < 32) return [lo << n, (hi << n) | (lo >>> (32 - n)), (hi >>> (32 - n)) & 1];
    return [0, lo << (n - 32), n === 32 ? hi & 1 : (lo >>> (64 - n)) & 1];
  }
  const sar = op !== SHR;
  if (n < 32) return [(lo >>> n) | (hi << (32 - n)), sar ? hi >> n : hi >>> n, (lo >>> (n - 1)) & 1];
  const cf = n === 32 ? lo >>> 31 : (hi >>> (n - 33)) & 1;
  return [sar ? hi >> (n - 32) : hi >>> (n - 32), sar ? hi >> 31 : 0, cf];
}

/** rol/ror/rcl/rcr by n (already masked, non-zero): [lo, hi, CF]. */
function rotate(c: Cpu, op: number, size: number, lo: number, hi: number, n: number): [number, number, number] {
  const bits = size * 8;
  const mask = size >= 4 ? -1 : (1 << bits) - 1;
  if (op === RCL || op === RCR) {
    // Through the carry, one bit at a time (at most 63 steps; these are rare).
    let cf = getCF(c);
    for (let k = 0; k < n; k++) {
      if (op === RCL) {
        const out = msb(size, lo, hi);
        if (size === 8) hi = (hi << 1) | (lo >>> 31);
        lo = ((lo << 1) | cf) & mask;
        cf = out;
      } else {
        const out = lo & 1;
        if (size === 8) {
          lo = (lo >>> 1) | (hi << 31);
          hi = (hi >>> 1) | (cf << 31);
        } else lo = ((lo >>> 1) | (cf << (bits - 1))) & mask;
        cf = out;
      }
    }
    return [size === 4 ? lo | 0 : lo, hi, cf];
  }
  if (size === 8) {
    let k = op === ROL ? n : 64 - n; // ror by n is rol by 64 - n
    if (k >= 32) {
      [lo, hi] = [hi, lo];
      k -= 32;
    }
    if (k) [lo, hi] = [(lo << k) | (hi >>> (32 - k)), (hi << k) | (lo >>> (32 - k))];
    return [lo, hi, op === ROL ? lo & 1 : hi >>> 31];
  }
  const k = n % bits;
  const u = lo >>> 0;
  const r = (op === ROL ? (u << k) | (u >>> (bits - k)) : (u >>> k) | (u << (bits - k))) & mask;
  return [r, 0, op === ROL ? r & 1 : (r >>> (bits - 1)) & 1];
}

/**
 * shld / shrd r/m, reg, imm8|cl (0f a4/a5/ac/ad): shift r/m, filling from reg. `op`: 0 shld,
 * 1 shrd. Done in BigInt: these appear in multi-word arithmetic, not in hot loops.
 */
export function shiftDouble(c: Cpu, i: Insn): void {
  const size = i.size;
  const bits = BigInt(size * 8);
  const n = (i.imm2 < 0 ? c.lo[RCX]! : i.imm2) & (size === 8 ? 63 : 31);
  if (n === 0) return;
  const ea = i.rm >= 0 ? 0 : i.ea(c, i);
  const d = i.rm >= 0 ? getReg(c, i.rm, size) : readMem(c, ea, size);
  const dh = size === 8 ? c.vh : 0;
  const s = getReg(c, i.reg, size), sh = size === 8 ? c.vh : 0;
  const mask = (1n << bits) - 1n;
  const dest = ((BigInt(dh >>> 0) << 32n) | BigInt(d >>> 0)) & mask;
  const src = ((BigInt(sh >>> 0) << 32n) | BigInt(s >>> 0)) & mask;
  const bn = BigInt(n);
  let res: bigint, cf: number;
  if (i.op === 0) {
    const wide = (dest << bits) | src;
    res = (wide >> (bits - bn)) & mask;
    cf = Number((dest >> (bits - bn)) & 1n);
  } else {
    const wide = (src << bits) | dest;
    res = (wide >> bn) & mask;
    cf = Number((dest >> (bn - 1n)) & 1n);
  }
  const r = Number(BigInt.asIntN(32, res)), rh = Number(BigInt.asIntN(32, res >> 32n));
  const rl = size === 4 ? r : size === 8 ? r : r & Number(mask);
  const of = msb(size, rl, rh) ^ msb(size, d, dh);
  setExplicit(c, size, rl, size === 8 ? rh : 0, cf, of);
  if (i.rm >= 0) setReg(c, i.rm, size, rl, rh);
  else writeMem(c, ea, size, rl, rh);
}
