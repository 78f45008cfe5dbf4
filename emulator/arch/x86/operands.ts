// Operands: registers of every width, memory operands and their effective addresses.
//
// Register widths follow the hardware: writing a 32-bit register zeroes the upper half of the
// 64-bit register; writing 8 or 16 bits leaves the rest alone. Without a REX prefix, byte
// registers 4-7 are AH, CH, DH, BH (bits 8-15 of rax, rcx, rdx, rbx); the decoder numbers those
// 16-19 so that SPL/BPL/SIL/DIL (4-7 with REX) stay distinct.
//
// Values travel as the low 32 bits in a JavaScript number (1- and 2-byte values zero-extended,
// 4-byte values as int32) plus, for 8-byte values, the high half in Cpu.vh.
//
// An effective address is base + index*scale + disp (+ the FS/GS base), computed as a JavaScript
// number from each register's signed 64-bit value. That is exact below 2^53, and user addresses
// are below 2^47; anything else faults in the MMU, as a non-canonical or kernel address does.

import type { Cpu } from './cpu';
import type { Insn } from './insn';

const TWO32 = 4294967296;

/** A register of `size` bytes; for size 8 the high half goes to c.vh. */
export function getReg(c: Cpu, r: number, size: number): number {
  switch (size) {
    case 1: return r < 16 ? c.lo[r]! & 0xff : (c.lo[r - 16]! >> 8) & 0xff;
    case 2: return c.lo[r]! & 0xffff;
    case 4: return c.lo[r]!;
    default:
      c.vh = c.hi[r]!;
      return c.lo[r]!;
  }
}

export function setReg(c: Cpu, r: number, size: number, v: number, vh: number): void {
  switch (size) {
    case 1:
      if (r < 16) c.lo[r] = (c.lo[r]! & ~0xff) | (v & 0xff);
      else c.lo[r - 16] = (c.lo[r - 16]! & ~0xff00) | ((v & 0xff) << 8);
      return;
    case 2: c.lo[r] = (c.lo[r]! & ~0xffff) | (v & 0xffff); return;
    case 4: c.lo[r] = v; c.hi[r] = 0; return;
    default: c.lo[r] = v; c.hi[r] = vh;
  }
}

export function readMem(c: Cpu, a: number, size: number): number {
  const m = c.mem;
  switch (size) {
    case 1: return m.rd8(a);
    case 2: return m.rd16(a);
    case 4: return m.rd32(a);
    default: {
      const lo = m.rd64(a);
      c.vh = m.vh;
      return lo;
    }
  }
}

export function writeMem(c: Cpu, a: number, size: number, v: number, vh: number): void {
  const m = c.mem;
  switch (size) {
    case 1: m.wr8(a, v); return;
    case 2: m.wr16(a, v); return;
    case 4: m.wr32(a, v); return;
    default: m.wr64(a, v, vh);
  }
}

/** The r/m operand (register or memory) of `size` bytes. */
export function readRM(c: Cpu, i: Insn, size: number): number {
  return i.rm >= 0 ? getReg(c, i.rm, size) : readMem(c, i.ea(c, i), size);
}

export function writeRM(c: Cpu, i: Insn, size: number, v: number, vh: number): void {
  if (i.rm >= 0) setReg(c, i.rm, size, v, vh);
  else writeMem(c, i.ea(c, i), size, v, vh);
}

// ---- effective addresses: the decoder picks the simplest function that fits the operand --------

/** [disp32] or [rip + disp32] (already absolute). */
export function eaAbs(_c: Cpu, i: Insn): number {
  return i.disp;
}

/** [base + disp]. */
export function eaBase(c: Cpu, i: Insn): number {
  const b = i.base;
  return c.hi[b]! * TWO32 + (c.lo[b]! >>> 0) + i.disp;
}

/** [base + index*scale + disp]. */
export function eaBaseIndex(c: Cpu, i: Insn): number {
  const b = i.base, x = i.index;
  return c.hi[b]! * TWO32 + (c.lo[b]! >>> 0) + (c.hi[x]! * TWO32 + (c.lo[x]! >>> 0)) * i.scale + i.disp;
}

/** Anything: optional base and index, 32-bit address size, an FS/GS segment base. */
export function eaGeneric(c: Cpu, i: Insn): number {
  let a = i.disp;
  if (i.base >= 0) a += c.hi[i.base]! * TWO32 + (c.lo[i.base]! >>> 0);
  if (i.index >= 0) a += (c.hi[i.index]! * TWO32 + (c.lo[i.index]! >>> 0)) * i.scale;
  if (i.addr32) a = ((a % TWO32) + TWO32) % TWO32;
  if (i.seg === 4) a += c.fsBase;
  else if (i.seg === 5) a += c.gsBase;
  return a;
}

/** Sign-extend the low `size` bytes of v to int32. */
export function sext(v: number, size: number): number {
  return size === 1 ? (v << 24) >> 24 : size === 2 ? (v << 16) >> 16 : v | 0;
}

/** Truncate to `size` bytes (1, 2 or 4; 4 gives an int32). */
export function trunc(v: number, size: number): number {
  return size === 1 ? v & 0xff : size === 2 ? v & 0xffff : v | 0;
}
