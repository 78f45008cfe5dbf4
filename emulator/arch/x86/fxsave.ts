// fxsave/fxrstor (0f ae /0 /1): the 512-byte image of the x87 and SSE state (Intel SDM vol. 1
// §10.5.1). Linux uses the same image for a signal handler's saved FP state (the `fpstate` of
// struct sigcontext) on a CPU without XSAVE, as the one cpuid describes here.
//
//   0 FCW   2 FSW   4 abridged FTW (bit k: physical register k in use)   6 FOP
//   8 FIP (64-bit)   16 FDP (64-bit)   24 MXCSR   28 MXCSR_MASK
//   32 + 16k  st(k): 10 bytes, in stack order (st(0) first), 6 bytes reserved
//   160 + 16k xmm(k)     416-511 reserved (464-511 free for software; fxsave leaves them)
//
// FOP, FIP and FDP are not recorded by this CPU (x87.ts) and are saved as zero.

import { X86_TRAP_GP } from '../../uapi/traps';
import type { Cpu } from './cpu';
import type { Insn } from './insn';
import { CpuFault } from './mmu';
import { checkAligned } from './sse';

export const FXSAVE_SIZE = 512;
/** The MXCSR bits that may be set: all 16, DAZ (bit 6) included (gcc's -ffast-math sets it unasked). */
export const MXCSR_MASK = 0xffff;

/** The state as an fxsave image. */
export function fxsaveImage(c: Cpu): Uint8Array {
  const img = new Uint8Array(FXSAVE_SIZE);
  const v = new DataView(img.buffer);
  const f = c.fpu;
  v.setUint16(0, f.cw, true);
  v.setUint16(2, f.statusWord(), true);
  v.setUint8(4, f.abridgedTag());
  v.setUint32(24, c.mxcsr, true);
  v.setUint32(28, MXCSR_MASK, true);
  for (let k = 0; k < 8; k++) {
    const p = (f.top + k) & 7, o = 32 + 16 * k;
    v.setBigUint64(o, f.mant[p]!, true);
    v.setUint16(o + 8, (f.sign[p]! << 15) | f.exp[p]!, true);
  }
  img.set(c.xmmB.subarray(0, 256), 160);
  return img;
}

/** Load an fxsave image. False (and nothing changed) when MXCSR has a reserved bit set. */
export function fxrstorImage(c: Cpu, img: Uint8Array): boolean {
  const v = new DataView(img.buffer, img.byteOffset, FXSAVE_SIZE);
  const mxcsr = v.getUint32(24, true);
  if (mxcsr & ~MXCSR_MASK) return false;
  const f = c.fpu;
  f.cw = v.getUint16(0, true);
  f.setStatusWord(v.getUint16(2, true));
  const tag = v.getUint8(4);
  for (let k = 0; k < 8; k++) {
    const p = (f.top + k) & 7, o = 32 + 16 * k;
    f.mant[p] = v.getBigUint64(o, true);
    const se = v.getUint16(o + 8, true);
    f.sign[p] = se >> 15;
    f.exp[p] = se & 0x7fff;
  }
  f.empty = ~tag & 0xff;
  c.mxcsr = mxcsr;
  c.xmmB.set(img.subarray(160, 160 + 256), 0);
  return true;
}

/** fxsave m512 (16-byte aligned, else #GP). */
export function fxsave(c: Cpu, i: Insn): void {
  const a = i.ea(c, i);
  checkAligned(a, i);
  const img = fxsaveImage(c);
  // Bytes 464-511 are left as they are in memory.
  c.mem.writeBytes(a, img, 0, 464);
}

/** fxrstor m512 (16-byte aligned; a reserved MXCSR bit is #GP). */
export function fxrstor(c: Cpu, i: Insn): void {
  const a = i.ea(c, i);
  checkAligned(a, i);
  const img = new Uint8Array(FXSAVE_SIZE);
  for (let k = 0; k < FXSAVE_SIZE; k += 4) new DataView(img.buffer).setInt32(k, c.mem.rd32(a + k), true);
  if (!fxrstorImage(c, img)) throw new CpuFault({ vector: X86_TRAP_GP, message: `fxrstor with reserved MXCSR bits at ${i.addr.toString(16)}` });
}
