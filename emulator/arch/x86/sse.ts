// SSE/SSE2 on the XMM registers: the moves and the packed-integer operations that libc string and
// memory routines use (strlen is pcmpeqb + pmovmskb + bsf; memcpy is movdqu loads and stores;
// memset is movd + punpcklbw + pshufd), plus the bitwise "ps/pd" forms and movss/movsd moves.
// The floating-point arithmetic, compares and conversions are in sse_float.ts.
//
// Each XMM register is 16 bytes of Cpu.xmm, viewed as bytes, words, dwords as a lane op needs.
// A memory operand is read into a scratch register first, so every op reads "src" the same way;
// 16-byte memory operands of the legacy-SSE forms must be aligned (else #GP), except the
// explicitly unaligned loads and stores (movdqu, movups, movupd).

import { X86_TRAP_GP } from '../../uapi/traps';
import type { Cpu } from './cpu';
import type { Insn } from './insn';
import { CpuFault } from './mmu';
import { MXCSR_MASK } from './fxsave';
import { readRM, setReg, writeRM } from './operands';

/** Register 16 is the scratch register that holds a memory source. */
const SCRATCH = 16;

/** Per-CPU views of the register file, made once per Cpu. */
interface Views {
  b: Uint8Array;
  sb: Int8Array;
  w: Uint16Array;
  sw: Int16Array;
  d: Int32Array;
}
const viewCache = new WeakMap<Cpu, Views>();

function views(c: Cpu): Views {
  let v = viewCache.get(c);
  if (!v) {
    const buf = c.xmm.buffer;
    v = { b: new Uint8Array(buf), sb: new Int8Array(buf), w: new Uint16Array(buf), sw: new Int16Array(buf), d: new Int32Array(buf) };
    viewCache.set(c, v);
  }
  return v;
}

export function checkAligned(a: number, i: Insn): void {
  if (a % 16 !== 0) throw new CpuFault({ vector: X86_TRAP_GP, message: `unaligned 16-byte access at ${a.toString(16)} by the instruction at ${i.addr.toString(16)}` });
}

/** Load `n` bytes (4, 8 or 16) at `a` into xmm register `r`, from the low lane up. */
function loadMem(c: Cpu, r: number, a: number, n: number): void {
  const d = c.xmm;
  const m = c.mem;
  for (let k = 0; k < n / 4; k++) d[r * 4 + k] = m.rd32(a + 4 * k);
}

/** Store the low `n` bytes of xmm register `r` at `a`; all pages are checked first. */
function storeMem(c: Cpu, r: number, a: number, n: number): void {
  c.mem.writeBytes(a, c.xmmB, r * 16, n);
}

/** The source operand's register number: rm, or the scratch register loaded from memory. */
export function source(c: Cpu, i: Insn, n = 16, aligned = true): number {
  if (i.rm >= 0) return i.rm;
  const a = i.ea(c, i);
  if (aligned && n === 16) checkAligned(a, i);
  loadMem(c, SCRATCH, a, n);
  return SCRATCH;
}

// ---- moves ------------------------------------------------------------------------------------

/**
 * Full 16-byte moves: movdqa/movdqu/movaps/movups/movapd/movupd, loads (op 0) and stores (op 1);
 * `imm` = 1 when the memory operand must be aligned.
 */
export function mov128(c: Cpu, i: Insn): void {
  const x = c.xmm;
  if (i.op === 0) {
    const s = source(c, i, 16, i.imm === 1);
    x.copyWithin(i.reg * 4, s * 4, s * 4 + 4);
  } else if (i.rm >= 0) x.copyWithin(i.rm * 4, i.reg * 4, i.reg * 4 + 4);
  else {
    const a = i.ea(c, i);
    if (i.imm === 1) checkAligned(a, i);
    storeMem(c, i.reg, a, 16);
  }
}

/**
 * movd/movq between a general register or memory and xmm (66 0f 6e: to xmm, zeroing the rest;
 * 66 0f 7e: from xmm). `op` 0 to xmm, 1 from xmm; i.size is 4 or 8.
 */
export function movdq(c: Cpu, i: Insn): void {
  const x = c.xmm, r = i.reg * 4;
  if (i.op === 0) {
    const lo = readRM(c, i, i.size);
    x[r] = lo;
    x[r + 1] = i.size === 8 ? c.vh : 0;
    x[r + 2] = 0;
    x[r + 3] = 0;
  } else writeRM(c, i, i.size, x[r]!, x[r + 1]!);
}

/** movq xmm, xmm/m64 (f3 0f 7e): the low quadword, upper zeroed. */
export function movqLoad(c: Cpu, i: Insn): void {
  const s = source(c, i, 8);
  const x = c.xmm, r = i.reg * 4;
  x[r] = x[s * 4]!;
  x[r + 1] = x[s * 4 + 1]!;
  x[r + 2] = 0;
  x[r + 3] = 0;
}

/** movq xmm/m64, xmm (66 0f d6). */
export function movqStore(c: Cpu, i: Insn): void {
  const x = c.xmm;
  if (i.rm >= 0) {
    x[i.rm * 4] = x[i.reg * 4]!;
    x[i.rm * 4 + 1] = x[i.reg * 4 + 1]!;
    x[i.rm * 4 + 2] = 0;
    x[i.rm * 4 + 3] = 0;
  } else storeMem(c, i.reg, i.ea(c, i), 8);
}

/**
 * movss/movsd (f3/f2 0f 10, 11): `size` 4 or 8 bytes, `op` 0 load, 1 store. A load from memory
 * zeroes the rest of the register; a register-to-register move keeps it.
 */
export function movScalar(c: Cpu, i: Insn): void {
  const x = c.xmm, n = i.size / 4;
  if (i.op === 1 && i.rm < 0) {
    storeMem(c, i.reg, i.ea(c, i), i.size);
    return;
  }
  const [dst, src] = i.op === 0 ? [i.reg, i.rm] : [i.rm, i.reg];
  if (src < 0) {
    x.fill(0, dst * 4, dst * 4 + 4);
    loadMem(c, dst, i.ea(c, i), i.size);
    return;
  }
  for (let k = 0; k < n; k++) x[dst * 4 + k] = x[src * 4 + k]!;
}

/** movlps/movlpd/movhps/movhpd (0f 12/13/16/17 with memory): `op` bit 0 store, bit 1 high half. */
export function movHalf(c: Cpu, i: Insn): void {
  const half = i.op & 2 ? 2 : 0;
  const a = i.ea(c, i);
  if (i.op & 1) c.mem.writeBytes(a, c.xmmB, i.reg * 16 + half * 4, 8);
  else {
    c.xmm[i.reg * 4 + half] = c.mem.rd32(a);
    c.xmm[i.reg * 4 + half + 1] = c.mem.rd32(a + 4);
  }
}

/** movhlps/movlhps (0f 12/16 with a register): `op` 0 movhlps (dst.lo = src.hi), 2 movlhps. */
export function movHalfReg(c: Cpu, i: Insn): void {
  const x = c.xmm, d = i.reg * 4, s = i.rm * 4;
  if (i.op === 0) {
    x[d] = x[s + 2]!;
    x[d + 1] = x[s + 3]!;
  } else {
    x[d + 2] = x[s]!;
    x[d + 3] = x[s + 1]!;
  }
}

/** pmovmskb reg, xmm (66 0f d7): the top bit of each byte. movmskps/pd (0f 50): of each dword/qword. */
export function moveMask(c: Cpu, i: Insn): void {
  const v = views(c);
  const s = i.rm;
  let m = 0;
  if (i.op === 1) for (let k = 0; k < 16; k++) m |= (v.b[s * 16 + k]! >> 7) << k;
  else if (i.op === 4) for (let k = 0; k < 4; k++) m |= (v.d[s * 4 + k]! >>> 31) << k;
  else for (let k = 0; k < 2; k++) m |= (v.d[s * 4 + 2 * k + 1]! >>> 31) << k;
  setReg(c, i.reg, i.size, m, 0);
}

/** pshufd / pshuflw / pshufhw (66/f2/f3 0f 70): `op` 0x66, 0xf2, 0xf3; imm2 is the order byte. */
export function pshuf(c: Cpu, i: Insn): void {
  const s = source(c, i);
  const v = views(c);
  const o = i.imm2;
  if (i.op === 0x66) {
    const t = [0, 1, 2, 3].map((k) => v.d[s * 4 + ((o >> (2 * k)) & 3)]!);
    for (let k = 0; k < 4; k++) v.d[i.reg * 4 + k] = t[k]!;
    return;
  }
  const base = i.op === 0xf2 ? 0 : 4; // which four words are shuffled
  const t = [0, 1, 2, 3].map((k) => v.w[s * 8 + base + ((o >> (2 * k)) & 3)]!);
  const keep = [0, 1, 2, 3].map((k) => v.w[s * 8 + (4 - base) + k]!);
  for (let k = 0; k < 4; k++) {
    v.w[i.reg * 8 + base + k] = t[k]!;
    v.w[i.reg * 8 + (4 - base) + k] = keep[k]!;
  }
}

/** shufps (0f c6) and shufpd (66 0f c6): `op` 4 or 8 (lane size); imm2 the selector. */
export function shufp(c: Cpu, i: Insn): void {
  const s = source(c, i);
  const x = c.xmm, d = i.reg * 4, o = i.imm2;
  if (i.op === 4) {
    const t = [x[d + (o & 3)]!, x[d + ((o >> 2) & 3)]!, x[s * 4 + ((o >> 4) & 3)]!, x[s * 4 + ((o >> 6) & 3)]!];
    for (let k = 0; k < 4; k++) x[d + k] = t[k]!;
  } else {
    const lo = (o & 1) * 2, hi = ((o >> 1) & 1) * 2;
    const t = [x[d + lo]!, x[d + lo + 1]!, x[s * 4 + hi]!, x[s * 4 + hi + 1]!];
    for (let k = 0; k < 4; k++) x[d + k] = t[k]!;
  }
}

/**
 * Shifts by an immediate (66 0f 71/72/73 /2 /4 /6, /3 /7) and by an xmm count (66 0f d1-d3,
 * e1-e2, f1-f3). `op`: the kind ('l' left, 'r' logical right, 'a' arithmetic right) with the lane
 * size: see SHIFT_* below; imm2 is the count (or -1: the low quadword of the source).
 */
export function pshift(c: Cpu, i: Insn): void {
  const v = views(c);
  const d = i.reg;
  let n: number;
  if (i.imm2 >= 0) n = i.imm2;
  else {
    const s = source(c, i);
    n = v.d[s * 4 + 1] !== 0 || v.d[s * 4]! < 0 ? 255 : v.d[s * 4]!;
  }
  const kind = i.op & 0xf0, lane = i.op & 0x0f;
  if (lane === 0) {
    // psrldq / pslldq: whole-register byte shifts
    const src = v.b.slice(d * 16, d * 16 + 16);
    for (let k = 0; k < 16; k++) {
      const from = kind === SHIFT_LEFT ? k - n : k + n;
      v.b[d * 16 + k] = from >= 0 && from < 16 ? src[from]! : 0;
    }
    return;
  }
  const bits = lane * 8;
  if (lane === 8) {
    for (let q = 0; q < 2; q++) {
      const o = d * 4 + q * 2;
      let lo = v.d[o]!, hi = v.d[o + 1]!;
      if (n >= 64) lo = hi = 0;
      else if (kind === SHIFT_LEFT) {
        if (n >= 32) [lo, hi] = [0, lo << (n - 32)];
        else if (n) [lo, hi] = [lo << n, (hi << n) | (lo >>> (32 - n))];
      } else if (n >= 32) [lo, hi] = [hi >>> (n - 32), 0];
      else if (n) [lo, hi] = [(lo >>> n) | (hi << (32 - n)), hi >>> n];
      v.d[o] = lo;
      v.d[o + 1] = hi;
    }
    return;
  }
  const count = lane === 4 ? 4 : 8;
  for (let k = 0; k < count; k++) {
    if (lane === 4) {
      const x = v.d[d * 4 + k]!;
      v.d[d * 4 + k] = kind === SHIFT_ARITH ? x >> Math.min(n, 31) : n >= bits ? 0 : kind === SHIFT_LEFT ? x << n : x >>> n;
    } else {
      const x = v.sw[d * 8 + k]!;
      v.w[d * 8 + k] = kind === SHIFT_ARITH ? x >> Math.min(n, 15) : n >= bits ? 0 : kind === SHIFT_LEFT ? x << n : (x & 0xffff) >>> n;
    }
  }
}
export const SHIFT_LEFT = 0x10, SHIFT_RIGHT = 0x20, SHIFT_ARITH = 0x30;

/** saturate to a range */
const sat = (x: number, lo: number, hi: number) => (x < lo ? lo : x > hi ? hi : x);

/**
 * The two-operand packed-integer and bitwise ops (66 0f 60-6d, 74-76, d4-ff, and the ps/pd
 * logic 0f 54-57, unpck 0f 14/15): dst = dst op src. `op` is the second opcode byte.
 */
export function pbinary(c: Cpu, i: Insn): void {
  const s = source(c, i);
  const v = views(c);
  const d = i.reg;
  const B = v.b, SB = v.sb, W = v.w, SW = v.sw, D = v.d;
  const db = d * 16, sbo = s * 16, dw = d * 8, sw = s * 8, dd = d * 4, sd = s * 4;
  switch (i.op) {
    case 0x54: case 0xdb: for (let k = 0; k < 4; k++) D[dd + k] = D[dd + k]! & D[sd + k]!; return; // andps, pand
    case 0x55: case 0xdf: for (let k = 0; k < 4; k++) D[dd + k] = ~D[dd + k]! & D[sd + k]!; return; // andnps, pandn
    case 0x56: case 0xeb: for (let k = 0; k < 4; k++) D[dd + k] = D[dd + k]! | D[sd + k]!; return; // orps, por
    case 0x57: case 0xef: for (let k = 0; k < 4; k++) D[dd + k] = D[dd + k]! ^ D[sd + k]!; return; // xorps, pxor
    case 0x60: interleave(B, db, sbo, 1, 0); return; // punpcklbw
    case 0x61: interleave(B, db, sbo, 2, 0); return; // punpcklwd
    case 0x62: case 0x14: interleave(B, db, sbo, 4, 0); return; // punpckldq, unpcklps
    case 0x6c: interleave(B, db, sbo, 8, 0); return; // punpcklqdq, unpcklpd
    case 0x68: interleave(B, db, sbo, 1, 8); return; // punpckhbw
    case 0x69: interleave(B, db, sbo, 2, 8); return; // punpckhwd
    case 0x6a: case 0x15: interleave(B, db, sbo, 4, 8); return; // punpckhdq, unpckhps
    case 0x6d: interleave(B, db, sbo, 8, 8); return; // punpckhqdq, unpckhpd
    case 0x63: case 0x67: { // packsswb, packuswb
      const t = new Int16Array(16);
      for (let k = 0; k < 8; k++) { t[k] = SW[dw + k]!; t[k + 8] = SW[sw + k]!; }
      for (let k = 0; k < 16; k++) B[db + k] = i.op === 0x63 ? sat(t[k]!, -128, 127) & 0xff : sat(t[k]!, 0, 255);
      return;
    }
    case 0x6b: { // packssdw
      const t = [0, 1, 2, 3].map((k) => D[dd + k]!).concat([0, 1, 2, 3].map((k) => D[sd + k]!));
      for (let k = 0; k < 8; k++) SW[dw + k] = sat(t[k]!, -32768, 32767);
      return;
    }
    case 0x64: for (let k = 0; k < 16; k++) B[db + k] = SB[db + k]! > SB[sbo + k]! ? 0xff : 0; return; // pcmpgtb
    case 0x65: for (let k = 0; k < 8; k++) W[dw + k] = SW[dw + k]! > SW[sw + k]! ? 0xffff : 0; return; // pcmpgtw
    case 0x66: for (let k = 0; k < 4; k++) D[dd + k] = D[dd + k]! > D[sd + k]! ? -1 : 0; return; // pcmpgtd
    case 0x74: for (let k = 0; k < 16; k++) B[db + k] = B[db + k] === B[sbo + k] ? 0xff : 0; return; // pcmpeqb
    case 0x75: for (let k = 0; k < 8; k++) W[dw + k] = W[dw + k] === W[sw + k] ? 0xffff : 0; return; // pcmpeqw
    case 0x76: for (let k = 0; k < 4; k++) D[dd + k] = D[dd + k] === D[sd + k] ? -1 : 0; return; // pcmpeqd
    case 0xd4: case 0xfb: { // paddq, psubq
      for (let q = 0; q < 2; q++) {
        const a = dd + 2 * q, b = sd + 2 * q;
        const sub = i.op === 0xfb;
        const l = (D[a]! >>> 0) + (sub ? -(D[b]! >>> 0) : D[b]! >>> 0);
        const carry = l > 0xffffffff ? 1 : l < 0 ? -1 : 0;
        D[a] = l | 0;
        D[a + 1] = (D[a + 1]! + (sub ? -D[b + 1]! : D[b + 1]!) + carry) | 0;
      }
      return;
    }
    case 0xd5: for (let k = 0; k < 8; k++) W[dw + k] = Math.imul(SW[dw + k]!, SW[sw + k]!) & 0xffff; return; // pmullw
    case 0xe5: for (let k = 0; k < 8; k++) W[dw + k] = (SW[dw + k]! * SW[sw + k]!) >> 16; return; // pmulhw
    case 0xe4: for (let k = 0; k < 8; k++) W[dw + k] = (W[dw + k]! * W[sw + k]!) >>> 16; return; // pmulhuw
    case 0xf4: { // pmuludq: the even dwords, to full quadwords
      for (let q = 0; q < 2; q++) {
        const a = BigInt(D[dd + 2 * q]! >>> 0) * BigInt(D[sd + 2 * q]! >>> 0);
        D[dd + 2 * q] = Number(BigInt.asIntN(32, a));
        D[dd + 2 * q + 1] = Number(BigInt.asIntN(32, a >> 32n));
      }
      return;
    }
    case 0xf5: { // pmaddwd
      const t = [0, 1, 2, 3].map((k) => SW[dw + 2 * k]! * SW[sw + 2 * k]! + SW[dw + 2 * k + 1]! * SW[sw + 2 * k + 1]!);
      for (let k = 0; k < 4; k++) D[dd + k] = t[k]! | 0;
      return;
    }
    case 0xf6: { // psadbw
      for (let q = 0; q < 2; q++) {
        let sum = 0;
        for (let k = 0; k < 8; k++) sum += Math.abs(B[db + 8 * q + k]! - B[sbo + 8 * q + k]!);
        D[dd + 2 * q] = sum;
        D[dd + 2 * q + 1] = 0;
      }
      return;
    }
    case 0xd8: for (let k = 0; k < 16; k++) B[db + k] = sat(B[db + k]! - B[sbo + k]!, 0, 255); return; // psubusb
    case 0xd9: for (let k = 0; k < 8; k++) W[dw + k] = sat(W[dw + k]! - W[sw + k]!, 0, 65535); return; // psubusw
    case 0xdc: for (let k = 0; k < 16; k++) B[db + k] = sat(B[db + k]! + B[sbo + k]!, 0, 255); return; // paddusb
    case 0xdd: for (let k = 0; k < 8; k++) W[dw + k] = sat(W[dw + k]! + W[sw + k]!, 0, 65535); return; // paddusw
    case 0xe8: for (let k = 0; k < 16; k++) SB[db + k] = sat(SB[db + k]! - SB[sbo + k]!, -128, 127); return; // psubsb
    case 0xe9: for (let k = 0; k < 8; k++) SW[dw + k] = sat(SW[dw + k]! - SW[sw + k]!, -32768, 32767); return; // psubsw
    case 0xec: for (let k = 0; k < 16; k++) SB[db + k] = sat(SB[db + k]! + SB[sbo + k]!, -128, 127); return; // paddsb
    case 0xed: for (let k = 0; k < 8; k++) SW[dw + k] = sat(SW[dw + k]! + SW[sw + k]!, -32768, 32767); return; // paddsw
    case 0xda: for (let k = 0; k < 16; k++) B[db + k] = Math.min(B[db + k]!, B[sbo + k]!); return; // pminub
    case 0xde: for (let k = 0; k < 16; k++) B[db + k] = Math.max(B[db + k]!, B[sbo + k]!); return; // pmaxub
    case 0xea: for (let k = 0; k < 8; k++) SW[dw + k] = Math.min(SW[dw + k]!, SW[sw + k]!); return; // pminsw
    case 0xee: for (let k = 0; k < 8; k++) SW[dw + k] = Math.max(SW[dw + k]!, SW[sw + k]!); return; // pmaxsw
    case 0xe0: for (let k = 0; k < 16; k++) B[db + k] = (B[db + k]! + B[sbo + k]! + 1) >> 1; return; // pavgb
    case 0xe3: for (let k = 0; k < 8; k++) W[dw + k] = (W[dw + k]! + W[sw + k]! + 1) >> 1; return; // pavgw
    case 0xf8: for (let k = 0; k < 16; k++) B[db + k] = B[db + k]! - B[sbo + k]!; return; // psubb
    case 0xf9: for (let k = 0; k < 8; k++) W[dw + k] = W[dw + k]! - W[sw + k]!; return; // psubw
    case 0xfa: for (let k = 0; k < 4; k++) D[dd + k] = (D[dd + k]! - D[sd + k]!) | 0; return; // psubd
    case 0xfc: for (let k = 0; k < 16; k++) B[db + k] = B[db + k]! + B[sbo + k]!; return; // paddb
    case 0xfd: for (let k = 0; k < 8; k++) W[dw + k] = W[dw + k]! + W[sw + k]!; return; // paddw
    case 0xfe: for (let k = 0; k < 4; k++) D[dd + k] = (D[dd + k]! + D[sd + k]!) | 0; return; // paddd
  }
}

/**
 * The punpck family: interleave `lane`-byte elements of dst and src, taken from the low (from = 0)
 * or high (from = 8) half of each: d0 s0 d1 s1 …
 */
function interleave(B: Uint8Array, db: number, sb: number, lane: number, from: number): void {
  const d = B.slice(db, db + 16), s = B.slice(sb, sb + 16);
  const n = 8 / lane;
  for (let k = 0; k < n; k++) {
    for (let j = 0; j < lane; j++) {
      B[db + 2 * k * lane + j] = d[from + k * lane + j]!;
      B[db + (2 * k + 1) * lane + j] = s[from + k * lane + j]!;
    }
  }
}

/** ldmxcsr / stmxcsr (0f ae /2 /3): `op` 2 load, 3 store. A reserved bit set (above MXCSR_MASK, fxsave.ts) is #GP. */
export function mxcsr(c: Cpu, i: Insn): void {
  if (i.op === 3) {
    writeRM(c, i, 4, c.mxcsr, 0);
    return;
  }
  const v = readRM(c, i, 4);
  if (v & ~MXCSR_MASK) throw new CpuFault({ vector: X86_TRAP_GP, message: `ldmxcsr with reserved bits at ${i.addr.toString(16)}` });
  c.mxcsr = v;
}

/**
 * pinsrw xmm, r32/m16, ib (66 0f c4; `op` 0): word imm & 7 of xmm = the low word of the operand.
 * pextrw r32, xmm, ib (66 0f c5; `op` 1): r32 = word imm & 7 of xmm, zero-extended.
 */
export function pinsrw(c: Cpu, i: Insn): void {
  const v = views(c);
  if (i.op === 0) v.w[i.reg * 8 + (i.imm2 & 7)] = readRM(c, i, 2);
  else setReg(c, i.reg, 4, v.w[i.rm * 8 + (i.imm2 & 7)]!, 0);
}
