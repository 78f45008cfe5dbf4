// Single-bit instructions: bt/bts/btr/btc (test a bit into CF, then leave, set, clear or flip it),
// bsf/bsr (index of the lowest/highest set bit), tzcnt/lzcnt (count trailing/leading zeros, the
// f3-prefixed forms) and popcnt.
//
// With a register bit offset and a memory operand, bt* can reach any bit near the address: the
// offset is signed, and the operand accessed is the one offset/width operands away.

import type { Cpu } from './cpu';
import { ARITH, CF, ZF, patchFlags } from './flags';
import type { Insn } from './insn';
import { getReg, readMem, readRM, setReg, writeMem } from './operands';

/** bt* r/m, reg|imm8 (0f a3/ab/b3/bb, 0f ba /4-/7): `op` 0 bt, 1 bts, 2 btr, 3 btc; imm2 < 0: offset in reg. */
export function bitTest(c: Cpu, i: Insn): void {
  const size = i.size, bits = size * 8;
  // The bit number: an immediate (taken modulo the width), or a signed register offset that, for a
  // memory operand, also selects which operand-sized word near the address is accessed.
  const off = i.imm2 >= 0 ? i.imm2 : getReg(c, i.reg, size);
  const offHi = c.vh;
  const n = off & (bits - 1);
  let ea = 0;
  if (i.rm < 0) {
    ea = i.ea(c, i);
    if (i.imm2 < 0) {
      const signed = size === 8 ? offHi * 4294967296 + (off >>> 0) : size === 4 ? off : (off << 16) >> 16;
      ea += Math.floor(signed / bits) * size;
    }
  }
  let v = i.rm >= 0 ? getReg(c, i.rm, size) : readMem(c, ea, size);
  let vh = size === 8 ? c.vh : 0;
  const inHigh = n >= 32;
  const mask = 1 << (n & 31);
  const bit = ((inHigh ? vh : v) & mask) !== 0 ? 1 : 0;
  patchFlags(c, CF, bit);
  if (i.op === 0) return;
  const word = inHigh ? vh : v;
  const w = i.op === 1 ? word | mask : i.op === 2 ? word & ~mask : word ^ mask;
  if (inHigh) vh = w;
  else v = size === 1 ? w & 0xff : size === 2 ? w & 0xffff : w;
  if (i.rm >= 0) setReg(c, i.rm, size, v, vh);
  else writeMem(c, ea, size, v, vh);
}

/** Index of the lowest set bit of (lo, hi), which is not zero. */
function lowest(lo: number, hi: number): number {
  return lo !== 0 ? 31 - Math.clz32(lo & -lo) : 32 + 31 - Math.clz32(hi & -hi);
}

/** Index of the highest set bit of (lo, hi), which is not zero. */
function highest(lo: number, hi: number): number {
  return hi !== 0 ? 63 - Math.clz32(hi) : 31 - Math.clz32(lo);
}

/**
 * bsf, bsr, tzcnt, lzcnt (0f bc, 0f bd, f3 0f bc, f3 0f bd): `op` bit 0 selects bsr/lzcnt, bit 1
 * the counting forms. bsf/bsr of 0 set ZF and leave the destination alone (as AMD documents and
 * Intel CPUs do); tzcnt/lzcnt of 0 give the operand width and set CF.
 */
export function bitScan(c: Cpu, i: Insn): void {
  const size = i.size, bits = size * 8;
  const lo = readRM(c, i, size);
  const hi = size === 8 ? c.vh : 0;
  const zero = lo === 0 && hi === 0;
  const high = (i.op & 1) !== 0;
  if (i.op & 2) {
    const r = zero ? bits : high ? bits - 1 - highest(lo, hi) : lowest(lo, hi);
    setReg(c, i.reg, size, r, 0);
    patchFlags(c, CF | ZF, (zero ? CF : 0) | (r === 0 ? ZF : 0));
    return;
  }
  if (zero) {
    patchFlags(c, ZF, ZF);
    return;
  }
  setReg(c, i.reg, size, high ? highest(lo, hi) : lowest(lo, hi), 0);
  patchFlags(c, ZF, 0);
}

/** popcnt reg, r/m (f3 0f b8): ZF when the source is zero, other flags cleared. */
export function popcnt(c: Cpu, i: Insn): void {
  const size = i.size;
  const lo = readRM(c, i, size);
  const hi = size === 8 ? c.vh : 0;
  const count = (x: number) => {
    x = x - ((x >>> 1) & 0x55555555);
    x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
    return Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
  };
  setReg(c, i.reg, size, count(lo) + count(hi), 0);
  patchFlags(c, ARITH, lo === 0 && hi === 0 ? ZF : 0);
}
