// The x87 FPU's state (Intel SDM vol. 1 chapter 8): eight 80-bit data registers used as a
// stack, the control word, the status word and the tag word.
//
// The registers are addressed relative to TOP (status word bits 11-13): st(i) is physical
// register (TOP + i) mod 8. A load pushes (TOP - 1, then writes st(0)); a "p" instruction pops
// (marks st(0) empty, TOP + 1). Each register is kept exactly as the hardware keeps it: a sign,
// a 15-bit biased exponent and a 64-bit significand with an explicit integer bit, so fxsave,
// fstp m80 and fld m80 move bits, and arithmetic (x87.ts) unpacks them into fpu_float.ts values.
//
// The tag word is kept as "empty or not"; the two-bit tags fnstenv reports (valid, zero,
// special) are derived from the contents, as the processor itself does for fxsave's abridged form.

import { FP_FINITE, FP_ZERO, unpackExt } from './fpu_float';

/** Status word bits. */
export const SW_IE = 0x1, SW_SF = 0x40, SW_ES = 0x80, SW_C0 = 0x100, SW_C1 = 0x200, SW_C2 = 0x400, SW_C3 = 0x4000, SW_B = 0x8000;
export const SW_CC = SW_C0 | SW_C1 | SW_C2 | SW_C3;
/** The control word after finit (and at exec): all exceptions masked, 64-bit precision, round to nearest. */
export const CW_DEFAULT = 0x37f;

export class Fpu {
  /** Physical registers 0-7. */
  readonly sign = new Uint8Array(8);
  readonly exp = new Uint16Array(8);
  readonly mant: bigint[] = [0n, 0n, 0n, 0n, 0n, 0n, 0n, 0n];
  /** Bit k set: physical register k is empty (tag 11). */
  empty = 0xff;
  top = 0;
  cw = CW_DEFAULT;
  /** The status word without TOP (bits 11-13 are always 0 here; see statusWord()). */
  sw = 0;

  /** finit/fninit: control word 0x37f, status 0, every register empty (their contents stay). */
  reset(): void {
    this.cw = CW_DEFAULT;
    this.sw = 0;
    this.top = 0;
    this.empty = 0xff;
  }

  copyFrom(o: Fpu): void {
    this.sign.set(o.sign);
    this.exp.set(o.exp);
    for (let k = 0; k < 8; k++) this.mant[k] = o.mant[k]!;
    this.empty = o.empty;
    this.top = o.top;
    this.cw = o.cw;
    this.sw = o.sw;
  }

  /** The status word as fnstsw stores it: TOP in bits 11-13, B mirroring ES. */
  statusWord(): number {
    let sw = this.sw & ~0x3800 & ~(SW_ES | SW_B);
    if (sw & ~this.cw & 0x3f) sw |= SW_ES | SW_B;
    return sw | (this.top << 11);
  }

  /** Load a status word (fldenv, frstor, fxrstor). */
  setStatusWord(v: number): void {
    this.top = (v >> 11) & 7;
    this.sw = v & ~0x3800 & 0xffff;
  }

  /** The full tag word: two bits per physical register, 00 valid, 01 zero, 10 special, 11 empty. */
  tagWord(): number {
    let t = 0;
    for (let k = 0; k < 8; k++) {
      let tag: number;
      if (this.empty & (1 << k)) tag = 3;
      else {
        const x = unpackExt(this.sign[k]!, this.exp[k]!, this.mant[k]!);
        tag = x.cls === FP_ZERO ? 1 : x.cls === FP_FINITE && this.exp[k] !== 0 ? 0 : 2; // denormals, ∞, NaN: special
      }
      t |= tag << (2 * k);
    }
    return t;
  }

  /** Load a full tag word: only "empty or not" is kept. */
  setTagWord(t: number): void {
    let e = 0;
    for (let k = 0; k < 8; k++) if (((t >> (2 * k)) & 3) === 3) e |= 1 << k;
    this.empty = e;
  }

  /** fxsave's abridged tag byte: bit k set when physical register k is not empty. */
  abridgedTag(): number {
    return ~this.empty & 0xff;
  }
}
