// Splitting one source line into tokens, as NASM's scanner does: identifiers, numbers in NASM's
// many spellings (0x1f, 1fh, 0b101, 101b, 0o17, 17q, 1_000), floating-point constants (1.5, 2e3), strings ('...' and "..." verbatim,
// `...` with C-style escapes), `$` and `$$`, and operators. A `;` outside a string ends the line.

export type Token =
  | { t: 'id'; v: string }
  | { t: 'num'; v: bigint }
  | { t: 'float'; v: number }
  | { t: 'str'; v: Uint8Array }
  | { t: 'op'; v: string }
  | { t: 'here' } // $
  | { t: 'base' }; // $$

export class AsmError extends Error {}

const encoder = new TextEncoder();
const ID_START = /[A-Za-z_.?@]/;
const ID_CHAR = /[A-Za-z0-9_$#@~.?]/;
const OPS = ['<<', '>>', '//', '%%', '==', '!=', '<=', '>=', '<>', '&&', '||', '^^', '+', '-', '*', '/', '%', '&', '|', '^', '~', '!', '(', ')', '[', ']', ',', ':', '<', '>', '='];

export function tokenize(line: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < line.length) {
    const c = line[i]!;
    if (c === ';') break;
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
      continue;
    }
    if (c === "'" || c === '"' || c === '`') {
      const end = line.indexOf(c, i + 1);
      if (c !== '`') {
        if (end < 0) throw new AsmError('unterminated string');
        out.push({ t: 'str', v: encoder.encode(line.slice(i + 1, end)) });
        i = end + 1;
      } else {
        const [bytes, next] = backquoted(line, i + 1);
        out.push({ t: 'str', v: bytes });
        i = next;
      }
      continue;
    }
    const float = /^[0-9][0-9_]*\.[0-9_]*(e[+-]?[0-9]+)?|^[0-9][0-9_]*e[+-]?[0-9]+(?![0-9a-z_])/i.exec(line.slice(i));
    if (float) {
      out.push({ t: 'float', v: Number(float[0].replace(/_/g, '')) });
      i += float[0].length;
      continue;
    }
    if (/[0-9]/.test(c) || (c === '$' && /[0-9]/.test(line[i + 1] ?? ''))) {
      let j = i + 1;
      while (j < line.length && /[0-9A-Za-z_$]/.test(line[j]!)) j++;
      out.push({ t: 'num', v: parseNumber(line.slice(i, j)) });
      i = j;
      continue;
    }
    if (c === '$' && line[i + 1] === '$') {
      out.push({ t: 'base' });
      i += 2;
      continue;
    }
    if (c === '$' && !ID_START.test(line[i + 1] ?? '')) {
      out.push({ t: 'here' });
      i++;
      continue;
    }
    if (ID_START.test(c) || c === '$') {
      // A leading $ only marks the name as a symbol even if it spells a register or keyword.
      let j = i + 1;
      while (j < line.length && ID_CHAR.test(line[j]!)) j++;
      out.push({ t: 'id', v: line.slice(c === '$' ? i + 1 : i, j) });
      i = j;
      continue;
    }
    const op = OPS.find((o) => line.startsWith(o, i));
    if (!op) throw new AsmError(`unexpected character \`${c}'`);
    out.push({ t: 'op', v: op });
    i += op.length;
  }
  return out;
}

/** A number in any of NASM's notations; throws for a malformed one. */
export function parseNumber(text: string): bigint {
  let s = text.replace(/_/g, '').toLowerCase();
  let radix = 10;
  // A trailing h wins over a prefix: 0bh is eleven, not a binary number.
  const prefixed = s.endsWith('h') ? null : /^(0[xhobyqdt]|\$)/.exec(s);
  if (prefixed) {
    radix = RADIX[prefixed[0] === '$' ? 'h' : prefixed[0][1]!]!;
    s = s.slice(prefixed[0].length);
  } else {
    // "1fh", "777q", "1010b", "99d" — a trailing b or d is a suffix only if the digits before it fit.
    const suffix = s[s.length - 1]!;
    if ('hxqot'.includes(suffix) || (/[by]/.test(suffix) && /^[01]+[by]$/.test(s)) || /^[0-9]+d$/.test(s)) {
      radix = RADIX[suffix]!;
      s = s.slice(0, -1);
    }
  }
  const digits = '0123456789abcdef'.slice(0, radix);
  if (s === '' || [...s].some((d) => !digits.includes(d))) throw new AsmError(`invalid number \`${text}'`);
  let v = 0n;
  for (const d of s) v = v * BigInt(radix) + BigInt(digits.indexOf(d));
  return BigInt.asUintN(64, v);
}

const RADIX: Record<string, number> = { x: 16, h: 16, o: 8, q: 8, b: 2, y: 2, d: 10, t: 10 };

/** The bytes of a `backquoted` string starting after the opening quote; returns them and the index after the closing one. */
function backquoted(line: string, i: number): [Uint8Array, number] {
  const out: number[] = [];
  const SIMPLE: Record<string, number> = { n: 10, t: 9, r: 13, a: 7, b: 8, e: 27, f: 12, v: 11, '\\': 92, "'": 39, '"': 34, '`': 96, '?': 63 };
  while (i < line.length && line[i] !== '`') {
    const c = line[i]!;
    if (c !== '\\') {
      out.push(...encoder.encode(c));
      i++;
      continue;
    }
    const e = line[i + 1] ?? '';
    if (e === 'x') {
      const m = /^[0-9a-fA-F]{1,2}/.exec(line.slice(i + 2))![0];
      out.push(parseInt(m, 16));
      i += 2 + m.length;
    } else if (/[0-7]/.test(e)) {
      const m = /^[0-7]{1,3}/.exec(line.slice(i + 1))![0];
      out.push(parseInt(m, 8) & 0xff);
      i += 1 + m.length;
    } else if (e === 'u' || e === 'U') {
      const n = e === 'u' ? 4 : 8;
      out.push(...encoder.encode(String.fromCodePoint(parseInt(line.slice(i + 2, i + 2 + n), 16))));
      i += 2 + n;
    } else if (e in SIMPLE) {
      out.push(SIMPLE[e]!);
      i += 2;
    } else {
      out.push(...encoder.encode(e));
      i += 2;
    }
  }
  if (i >= line.length) throw new AsmError('unterminated string');
  return [Uint8Array.from(out), i + 1];
}
