// Exact binary floating point on BigInt significands: the arithmetic core of the x87 FPU and of
// the SSE conversions that must honour a rounding mode.
//
// JavaScript numbers are IEEE doubles rounded to nearest, which is enough for SSE double and
// single arithmetic (sse_float.ts) but not for the x87's 80-bit "extended" format (64-bit
// significand, 15-bit exponent) nor for the other rounding modes. So here a value is unpacked to
// (-1)^sign × m × 2^e with m an arbitrary-size BigInt, the operation is done exactly (or with a
// sticky bit that keeps the rounding decision exact: division and square root), and round()
// rounds once to the destination's precision p and exponent range, as IEEE 754 requires.
//
// A Format gives p and the range of normal exponents [emin, emax] (value = 1.f × 2^E):
//   extended  p 64, E in [-16382, 16383]; double p 53, [-1022, 1023]; single p 24, [-126, 127].
// Below emin the value is denormal: the lowest bit kept stays at 2^(emin - p + 1).

export const FP_ZERO = 0, FP_FINITE = 1, FP_INF = 2, FP_NAN = 3;
/** An 80-bit encoding the 387 onwards refuse (unnormal, pseudo-NaN, pseudo-infinity): invalid. */
export const FP_UNSUPPORTED = 4;

/**
 * An unpacked value. Finite: (-1)^sign × m × 2^e. NaN: m is the significand as the extended
 * format holds it (bit 63 the explicit integer bit, bit 62 the quiet bit, then the payload), so a
 * NaN keeps its payload through conversions between the three formats.
 */
export interface Fp {
  cls: number;
  sign: number;
  m: bigint;
  e: number;
}

export interface Format {
  p: number;
  emin: number;
  emax: number;
}
export const EXT: Format = { p: 64, emin: -16382, emax: 16383 };
export const DBL: Format = { p: 53, emin: -1022, emax: 1023 };
export const SGL: Format = { p: 24, emin: -126, emax: 127 };

/** Exception flags: the same bits in the x87 status word and in MXCSR. */
export const FE_INVALID = 1, FE_DENORMAL = 2, FE_DIVZERO = 4, FE_OVERFLOW = 8, FE_UNDERFLOW = 16, FE_INEXACT = 32;

/** Rounding control (x87 control word bits 10-11, MXCSR bits 13-14). */
export const RC_NEAREST = 0, RC_DOWN = 1, RC_UP = 2, RC_ZERO = 3;

/**
 * What the last operations raised: callers clear `flags`, run operations, then fold the bits into
 * their status register. `roundedUp` is the x87's C1 after a rounded result (magnitude increased).
 */
export const fpStatus = { flags: 0, roundedUp: false };

const QUIET = 1n << 62n;
const INT_BIT = 1n << 63n;
const M64 = (1n << 64n) - 1n;

export const zero = (sign: number): Fp => ({ cls: FP_ZERO, sign, m: 0n, e: 0 });
export const inf = (sign: number): Fp => ({ cls: FP_INF, sign, m: 0n, e: 0 });
/** The default NaN ("real indefinite"): negative, quiet, no payload. */
export const indefinite = (): Fp => ({ cls: FP_NAN, sign: 1, m: INT_BIT | QUIET, e: 0 });
export const isSignaling = (x: Fp): boolean => x.cls === FP_NAN && (x.m & QUIET) === 0n;
export const quiet = (x: Fp): Fp => ({ cls: FP_NAN, sign: x.sign, m: x.m | QUIET | INT_BIT, e: 0 });

/** The number of bits of m > 0. */
export function bitLength(m: bigint): number {
  if (m === 0n) return 0;
  const s = m.toString(16);
  return (s.length - 1) * 4 + (32 - Math.clz32(parseInt(s[0]!, 16)));
}

/** m × 2^k for any integer k (right shifts truncate). */
function shift(m: bigint, k: number): bigint {
  return k >= 0 ? m << BigInt(k) : m >> BigInt(-k);
}

/** Should a magnitude that lost a nonzero remainder be rounded up? `half`: the remainder vs ½ ulp (-1, 0, 1). */
function roundsUp(rc: number, sign: number, half: number, odd: boolean): boolean {
  switch (rc) {
    case RC_NEAREST: return half > 0 || (half === 0 && odd);
    case RC_DOWN: return sign === 1;
    case RC_UP: return sign === 0;
    default: return false;
  }
}

/** The largest finite value of a format. */
function maxFinite(sign: number, f: Format): Fp {
  return { cls: FP_FINITE, sign, m: (1n << BigInt(f.p)) - 1n, e: f.emax - f.p + 1 };
}

/**
 * Round the exact value (-1)^sign × m × 2^e to format f with rounding control rc: the one place
 * where precision is lost. Raises inexact, underflow (tiny and inexact) and overflow.
 */
export function round(sign: number, m: bigint, e: number, f: Format, rc: number): Fp {
  fpStatus.roundedUp = false;
  if (m === 0n) return zero(sign);
  const E = e + bitLength(m) - 1;
  const lsb = Math.max(E - f.p + 1, f.emin - f.p + 1);
  if (lsb > e) {
    const k = BigInt(lsb - e);
    let q = m >> k;
    const rem = m - (q << k);
    if (rem !== 0n) {
      fpStatus.flags |= FE_INEXACT;
      const half = 1n << (k - 1n);
      if (roundsUp(rc, sign, rem > half ? 1 : rem === half ? 0 : -1, (q & 1n) === 1n)) {
        q += 1n;
        fpStatus.roundedUp = true;
      }
      if (q === 0n || lsb + bitLength(q) - 1 < f.emin) fpStatus.flags |= FE_UNDERFLOW;
    }
    m = q;
    e = lsb;
    if (m === 0n) return zero(sign);
  }
  if (e + bitLength(m) - 1 > f.emax) {
    fpStatus.flags |= FE_OVERFLOW | FE_INEXACT;
    const toInf = rc === RC_NEAREST || (rc === RC_DOWN && sign === 1) || (rc === RC_UP && sign === 0);
    fpStatus.roundedUp = toInf;
    return toInf ? inf(sign) : maxFinite(sign, f);
  }
  return { cls: FP_FINITE, sign, m, e };
}

// ---- the three memory formats ----------------------------------------------------------------

/** An 80-bit register or m80 value: sign, 15-bit biased exponent, 64-bit significand (explicit integer bit). */
export function unpackExt(sign: number, exp: number, mant: bigint): Fp {
  const j = (mant & INT_BIT) !== 0n;
  if (exp === 0x7fff) {
    if (!j) return { cls: FP_UNSUPPORTED, sign, m: mant, e: 0 };
    return (mant & ~INT_BIT) === 0n ? inf(sign) : { cls: FP_NAN, sign, m: mant, e: 0 };
  }
  if (exp === 0) return mant === 0n ? zero(sign) : { cls: FP_FINITE, sign, m: mant, e: 1 - 16383 - 63 }; // denormal (or pseudo-denormal)
  if (!j) return { cls: FP_UNSUPPORTED, sign, m: mant, e: 0 };
  return { cls: FP_FINITE, sign, m: mant, e: exp - 16383 - 63 };
}

/** The 80-bit encoding of a value already rounded to the extended range. */
export function packExt(x: Fp): { sign: number; exp: number; mant: bigint } {
  switch (x.cls) {
    case FP_ZERO: return { sign: x.sign, exp: 0, mant: 0n };
    case FP_INF: return { sign: x.sign, exp: 0x7fff, mant: INT_BIT };
    case FP_NAN: case FP_UNSUPPORTED: return { sign: x.sign, exp: 0x7fff, mant: x.m & M64 };
  }
  const L = bitLength(x.m), E = x.e + L - 1;
  if (E < EXT.emin) return { sign: x.sign, exp: 0, mant: shift(x.m, x.e - (EXT.emin - 63)) };
  return { sign: x.sign, exp: E + 16383, mant: shift(x.m, 64 - L) };
}

/** A double from its two 32-bit halves. */
export function unpackDouble(hi: number, lo: number): Fp {
  const sign = hi >>> 31, exp = (hi >>> 20) & 0x7ff;
  const frac = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo >>> 0);
  if (exp === 0x7ff) return frac === 0n ? inf(sign) : { cls: FP_NAN, sign, m: INT_BIT | (frac << 11n), e: 0 };
  if (exp === 0) return frac === 0n ? zero(sign) : { cls: FP_FINITE, sign, m: frac, e: -1074 };
  return { cls: FP_FINITE, sign, m: frac | (1n << 52n), e: exp - 1075 };
}

/** A value rounded to double range → [hi, lo]. NaNs keep the top 51 payload bits. */
export function packDouble(x: Fp): [number, number] {
  let hi: number, frac: bigint;
  switch (x.cls) {
    case FP_ZERO: return [x.sign << 31, 0];
    case FP_INF: return [(x.sign << 31) | 0x7ff00000, 0];
    case FP_NAN: case FP_UNSUPPORTED:
      frac = (x.m >> 11n) & ((1n << 52n) - 1n);
      if (frac === 0n) frac = 1n << 51n;
      hi = (x.sign << 31) | 0x7ff00000;
      break;
    default: {
      const L = bitLength(x.m), E = x.e + L - 1;
      if (E < DBL.emin) {
        frac = shift(x.m, x.e + 1074);
        hi = x.sign << 31;
      } else {
        frac = shift(x.m, 53 - L) - (1n << 52n);
        hi = (x.sign << 31) | ((E + 1023) << 20);
      }
    }
  }
  return [hi | Number(frac >> 32n), Number(frac & 0xffffffffn) | 0];
}

export function unpackSingle(bits: number): Fp {
  const sign = bits >>> 31, exp = (bits >>> 23) & 0xff, frac = BigInt(bits & 0x7fffff);
  if (exp === 0xff) return frac === 0n ? inf(sign) : { cls: FP_NAN, sign, m: INT_BIT | (frac << 40n), e: 0 };
  if (exp === 0) return frac === 0n ? zero(sign) : { cls: FP_FINITE, sign, m: frac, e: -149 };
  return { cls: FP_FINITE, sign, m: frac | (1n << 23n), e: exp - 150 };
}

export function packSingle(x: Fp): number {
  switch (x.cls) {
    case FP_ZERO: return x.sign << 31;
    case FP_INF: return (x.sign << 31) | 0x7f800000;
    case FP_NAN: case FP_UNSUPPORTED: {
      const frac = Number((x.m >> 40n) & 0x7fffffn);
      return (x.sign << 31) | 0x7f800000 | (frac === 0 ? 0x400000 : frac);
    }
  }
  const L = bitLength(x.m), E = x.e + L - 1;
  if (E < SGL.emin) return (x.sign << 31) | Number(shift(x.m, x.e + 149));
  return (x.sign << 31) | ((E + 127) << 23) | (Number(shift(x.m, 24 - L)) & 0x7fffff);
}

/** Round a value (finite or not) into format f: NaNs and infinities pass unchanged. */
export function convert(x: Fp, f: Format, rc: number): Fp {
  return x.cls === FP_FINITE ? round(x.sign, x.m, x.e, f, rc) : x;
}

// ---- integers --------------------------------------------------------------------------------

/** A signed integer (BigInt) as an exact value; rounding to f only if it does not fit. */
export function fromInt(v: bigint, f: Format, rc: number): Fp {
  if (v === 0n) return zero(0);
  return round(v < 0n ? 1 : 0, v < 0n ? -v : v, 0, f, rc);
}

/**
 * A finite value rounded to an integer with rc (truncating when rc is RC_ZERO). Sets inexact when
 * a fraction was dropped. The caller checks the range.
 */
export function toInt(x: Fp, rc: number): bigint {
  fpStatus.roundedUp = false;
  if (x.cls === FP_ZERO) return 0n;
  let q: bigint;
  if (x.e >= 0) q = x.m << BigInt(x.e);
  else {
    const k = BigInt(-x.e);
    q = x.m >> k;
    const rem = x.m - (q << k);
    if (rem !== 0n) {
      fpStatus.flags |= FE_INEXACT;
      const half = 1n << (k - 1n);
      if (roundsUp(rc, x.sign, rem > half ? 1 : rem === half ? 0 : -1, (q & 1n) === 1n)) {
        q += 1n;
        fpStatus.roundedUp = true;
      }
    }
  }
  return x.sign ? -q : q;
}

// ---- arithmetic on non-NaN operands (the callers apply their own NaN rules first) ------------

/** Both finite or zero: a + b exactly rounded. `null` means invalid (∞ − ∞). */
export function add(a: Fp, b: Fp, f: Format, rc: number): Fp | null {
  if (a.cls === FP_INF || b.cls === FP_INF) {
    if (a.cls === FP_INF && b.cls === FP_INF && a.sign !== b.sign) return null;
    return a.cls === FP_INF ? a : b;
  }
  if (a.cls === FP_ZERO && b.cls === FP_ZERO) return zero(a.sign === b.sign ? a.sign : rc === RC_DOWN ? 1 : 0);
  if (a.cls === FP_ZERO) return round(b.sign, b.m, b.e, f, rc);
  if (b.cls === FP_ZERO) return round(a.sign, a.m, a.e, f, rc);
  // An operand far below the other only decides the rounding: replace it by a stand-in well
  // under a quarter ulp of the result, so the alignment shift stays small.
  const Ea = a.e + bitLength(a.m) - 1, Eb = b.e + bitLength(b.m) - 1;
  if (Ea - Eb > 80) b = { cls: FP_FINITE, sign: b.sign, m: 1n, e: Ea - 70 };
  else if (Eb - Ea > 80) a = { cls: FP_FINITE, sign: a.sign, m: 1n, e: Eb - 70 };
  const e = Math.min(a.e, b.e);
  const ma = a.m << BigInt(a.e - e), mb = b.m << BigInt(b.e - e);
  const s = (a.sign ? -ma : ma) + (b.sign ? -mb : mb);
  if (s === 0n) return zero(rc === RC_DOWN ? 1 : 0);
  return round(s < 0n ? 1 : 0, s < 0n ? -s : s, e, f, rc);
}

export function mul(a: Fp, b: Fp, f: Format, rc: number): Fp | null {
  const sign = a.sign ^ b.sign;
  if (a.cls === FP_INF || b.cls === FP_INF) return a.cls === FP_ZERO || b.cls === FP_ZERO ? null : inf(sign);
  if (a.cls === FP_ZERO || b.cls === FP_ZERO) return zero(sign);
  return round(sign, a.m * b.m, a.e + b.e, f, rc);
}

/** a / b; division of a finite nonzero value by zero raises divide-by-zero and gives ∞. */
export function div(a: Fp, b: Fp, f: Format, rc: number): Fp | null {
  const sign = a.sign ^ b.sign;
  if (a.cls === FP_INF) return b.cls === FP_INF ? null : inf(sign);
  if (b.cls === FP_INF) return zero(sign);
  if (b.cls === FP_ZERO) {
    if (a.cls === FP_ZERO) return null;
    fpStatus.flags |= FE_DIVZERO;
    return inf(sign);
  }
  if (a.cls === FP_ZERO) return zero(sign);
  // Enough quotient bits for p + 2, then the remainder as a sticky bit.
  const k = f.p + 3 + Math.max(0, bitLength(b.m) - bitLength(a.m));
  const n = a.m << BigInt(k);
  const q = n / b.m;
  const sticky = q * b.m !== n ? 1n : 0n;
  return round(sign, (q << 1n) | sticky, a.e - b.e - k - 1, f, rc);
}

/** Integer square root: the largest r with r² ≤ n. */
function isqrt(n: bigint): bigint {
  if (n < 2n) return n;
  let x = 1n << BigInt((bitLength(n) >> 1) + 1);
  for (;;) {
    const y = (x + n / x) >> 1n;
    if (y >= x) return x;
    x = y;
  }
}

export function sqrt(a: Fp, f: Format, rc: number): Fp | null {
  if (a.cls === FP_ZERO) return a;
  if (a.sign) return null;
  if (a.cls === FP_INF) return a;
  // Scale m so the root has p + 2 bits and the exponent is even.
  let s = Math.max(0, 2 * (f.p + 3) - bitLength(a.m));
  if ((a.e - s) & 1) s++;
  const n = a.m << BigInt(s);
  const r = isqrt(n);
  const sticky = r * r !== n ? 1n : 0n;
  return round(0, (r << 1n) | sticky, (a.e - s) / 2 - 1, f, rc);
}

/** Compare two non-NaN values: -1, 0 or 1 (±0 are equal). */
export function compare(a: Fp, b: Fp): number {
  const sa = a.cls === FP_ZERO ? 0 : a.sign ? -1 : 1, sb = b.cls === FP_ZERO ? 0 : b.sign ? -1 : 1;
  if (sa !== sb || sa === 0) return sa < sb ? -1 : sa > sb ? 1 : 0;
  // Same sign, both nonzero: compare magnitudes, then flip for negatives.
  let mag: number;
  if (a.cls === FP_INF || b.cls === FP_INF) mag = a.cls === b.cls ? 0 : a.cls === FP_INF ? 1 : -1;
  else {
    const Ea = a.e + bitLength(a.m) - 1, Eb = b.e + bitLength(b.m) - 1;
    if (Ea !== Eb) mag = Ea > Eb ? 1 : -1;
    else {
      const e = Math.min(a.e, b.e);
      const ma = a.m << BigInt(a.e - e), mb = b.m << BigInt(b.e - e);
      mag = ma > mb ? 1 : ma < mb ? -1 : 0;
    }
  }
  return sa * mag;
}
