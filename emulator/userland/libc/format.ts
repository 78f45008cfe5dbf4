// printf-style formatting (the formatting half of vfprintf): %d %i %u %o %x %X %c %s %e %f %g %%
// with the flags - + space # 0, width and precision (also as *), and length modifiers (ignored:
// JavaScript numbers are wide enough).

export type FormatArg = number | bigint | string;

/** Format like C's printf. Arguments past the end count as 0 / "" (as the shell's printf does). */
export function format(fmt: string, args: readonly FormatArg[]): string {
  let out = '';
  let ai = 0;
  const next = (): FormatArg | undefined => args[ai++];
  for (let i = 0; i < fmt.length; i++) {
    const c = fmt[i]!;
    if (c !== '%') {
      out += c;
      continue;
    }
    const m = /^([-+ #0]*)(\*|\d+)?(?:\.(\*|\d*))?(hh|h|ll|l|L|q|j|z|t)?([diouxXeEfFgGcsaA%])/.exec(fmt.slice(i + 1));
    if (!m) {
      out += c;
      continue;
    }
    i += m[0].length;
    const flags = m[1]!;
    let width = m[2] === '*' ? Number(next() ?? 0) : m[2] ? parseInt(m[2], 10) : 0;
    let left = flags.includes('-');
    if (width < 0) {
      left = true;
      width = -width;
    }
    const precRaw = m[3] === '*' ? String(next() ?? '') : m[3];
    const prec = precRaw === undefined ? -1 : precRaw === '' ? 0 : Math.max(-1, parseInt(precRaw, 10));
    const conv = m[5]!;
    out += convert(conv, flags, width, left, prec, conv === '%' ? undefined : next());
  }
  return out;
}

function pad(s: string, width: number, left: boolean, zero: boolean, signLen = 0): string {
  if (s.length >= width) return s;
  if (left) return s + ' '.repeat(width - s.length);
  if (zero) return s.slice(0, signLen) + '0'.repeat(width - s.length) + s.slice(signLen);
  return ' '.repeat(width - s.length) + s;
}

function toBig(v: FormatArg | undefined): bigint {
  if (typeof v === 'bigint') return v;
  if (typeof v === 'number') return BigInt(Math.trunc(Number.isFinite(v) ? v : 0));
  return 0n;
}

function convert(conv: string, flags: string, width: number, left: boolean, prec: number, v: FormatArg | undefined): string {
  const zero = flags.includes('0') && !left;
  switch (conv) {
    case '%':
      return '%';
    case 'c': {
      const s = typeof v === 'string' ? v.slice(0, 1) : String.fromCharCode(Number(v ?? 0));
      return pad(s, width, left, false);
    }
    case 's': {
      let s = v === undefined ? '' : String(v);
      if (prec >= 0) s = s.slice(0, prec);
      return pad(s, width, left, false);
    }
    case 'd':
    case 'i': {
      const n = toBig(v);
      let digits = (n < 0n ? -n : n).toString();
      if (prec >= 0) digits = prec === 0 && n === 0n ? '' : digits.padStart(prec, '0');
      const sign = n < 0n ? '-' : flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '';
      return pad(sign + digits, width, left, zero && prec < 0, sign.length);
    }
    case 'u':
    case 'o':
    case 'x':
    case 'X': {
      let n = toBig(v);
      if (n < 0n) n = BigInt.asUintN(64, n);
      const base = conv === 'u' ? 10 : conv === 'o' ? 8 : 16;
      let digits = n.toString(base);
      if (conv === 'X') digits = digits.toUpperCase();
      if (prec >= 0) digits = prec === 0 && n === 0n ? '' : digits.padStart(prec, '0');
      let prefix = '';
      if (flags.includes('#') && n !== 0n) prefix = conv === 'o' ? (digits.startsWith('0') ? '' : '0') : conv === 'x' ? '0x' : conv === 'X' ? '0X' : '';
      return pad(prefix + digits, width, left, zero && prec < 0, prefix.length);
    }
    default: {
      const x = typeof v === 'string' ? parseFloat(v) || 0 : Number(v ?? 0);
      const p = prec < 0 ? 6 : prec;
      let s: string;
      const lower = conv.toLowerCase();
      if (!Number.isFinite(x)) s = Number.isNaN(x) ? 'nan' : x < 0 ? '-inf' : 'inf';
      else if (lower === 'f') s = fixedForm(x, p);
      else if (lower === 'e') s = expForm(x, p);
      else if (lower === 'a') s = x.toString(16);
      else s = gForm(x, p === 0 ? 1 : p, flags.includes('#'));
      if (conv === conv.toUpperCase()) s = s.toUpperCase();
      const sign = x >= 0 && !s.startsWith('-') ? (flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '') : '';
      return pad(sign + s, width, left, zero && Number.isFinite(x), sign.length || (s.startsWith('-') ? 1 : 0));
    }
  }
}

/**
 * %f as glibc prints it: the exact binary value rounded to `p` decimals, ties to even (so
 * printf '%.0f' 0.5 is 0 and 2.5 is 2). JavaScript's toFixed rounds ties up instead.
 */
export function fixedForm(x: number, p: number): string {
  if (x === 0) return (Object.is(x, -0) ? '-' : '') + (0).toFixed(p);
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, Math.abs(x));
  const bits = view.getBigUint64(0);
  const expBits = Number((bits >> 52n) & 0x7ffn);
  let mant = bits & ((1n << 52n) - 1n);
  let exp = expBits - 1075;
  if (expBits === 0) exp = -1074;
  else mant |= 1n << 52n;
  // |x| = mant * 2^exp; we want round(|x| * 10^p).
  let q: bigint;
  const scaled = mant * 10n ** BigInt(p);
  if (exp >= 0) q = scaled << BigInt(exp);
  else {
    const d = 1n << BigInt(-exp);
    q = scaled / d;
    const r2 = (scaled % d) * 2n;
    if (r2 > d || (r2 === d && q % 2n === 1n)) q += 1n;
  }
  let digits = q.toString().padStart(p + 1, '0');
  if (p > 0) digits = digits.slice(0, -p) + '.' + digits.slice(-p);
  return (x < 0 ? '-' : '') + digits;
}

function expForm(x: number, p: number): string {
  const s = x.toExponential(p);
  return s.replace(/e([+-])(\d)$/, 'e$10$2');
}

function gForm(x: number, p: number, alt: boolean): string {
  if (x === 0) return alt ? (0).toFixed(p - 1) : '0';
  const e = Math.floor(Math.log10(Math.abs(x)));
  let s: string;
  if (e < -4 || e >= p) {
    s = expForm(x, p - 1);
    if (!alt) s = s.replace(/\.?0+e/, 'e');
  } else {
    s = x.toFixed(Math.max(0, p - 1 - e));
    if (!alt && s.includes('.')) s = s.replace(/\.?0+$/, '');
  }
  return s;
}
