// tr (GNU coreutils): translate, squeeze (-s) and/or delete (-d) bytes of standard input.
// SETs take \NNN \\ \a \b \f \n \r \t \v escapes, ranges a-z, [:class:], [=c=], and in SET2
// [c*n] / [c*] repeats; -c/-C complements SET1. SET2 is padded with its last byte.

import type { Sys } from '../../runtime/context';
import { getopt } from '../../libc/getopt';
import { readBytes } from '../../libc/unistd';
import { argBin, bin, out, warn } from './io';

const CLASS: Record<string, (c: number) => boolean> = {
  alpha: (c) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122),
  digit: (c) => c >= 48 && c <= 57,
  alnum: (c) => CLASS.alpha!(c) || CLASS.digit!(c),
  upper: (c) => c >= 65 && c <= 90,
  lower: (c) => c >= 97 && c <= 122,
  space: (c) => c === 32 || (c >= 9 && c <= 13),
  blank: (c) => c === 32 || c === 9,
  punct: (c) => c > 32 && c < 127 && !CLASS.alnum!(c),
  print: (c) => c >= 32 && c < 127,
  graph: (c) => c > 32 && c < 127,
  cntrl: (c) => c < 32 || c === 127,
  xdigit: (c) => CLASS.digit!(c) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102),
};

class TrError extends Error {}

interface Parsed {
  chars: number[];
  /** [index in chars, class name] for upper/lower (case conversion pairs). */
  classAt: Map<number, string>;
  /** Index where a [c*] fill goes (SET2 only). */
  fillAt: number;
  fillChar: number;
}

function parseSet(s: string, isSet2: boolean): Parsed {
  const chars: number[] = [];
  const classAt = new Map<number, string>();
  let fillAt = -1;
  let fillChar = 0;
  // First decode escapes into [code, wasEscaped] pairs.
  const toks: [number, boolean][] = [];
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '\\' && i + 1 < s.length) {
      const n = s[i + 1]!;
      const simple: Record<string, number> = { a: 7, b: 8, f: 12, n: 10, r: 13, t: 9, v: 11, '\\': 92 };
      if (/[0-7]/.test(n)) {
        const m = /^[0-7]{1,3}/.exec(s.slice(i + 1))![0];
        toks.push([parseInt(m, 8) & 0xff, true]);
        i += m.length;
      } else {
        toks.push([simple[n] ?? n.charCodeAt(0), true]);
        i++;
      }
    } else toks.push([s.charCodeAt(i), false]);
  }
  const lit = (k: number, ch: string) => toks[k] && !toks[k]![1] && toks[k]![0] === ch.charCodeAt(0);
  for (let k = 0; k < toks.length; k++) {
    const [c] = toks[k]!;
    if (lit(k, '[') && (lit(k + 1, ':') || lit(k + 1, '='))) {
      const kind = String.fromCharCode(toks[k + 1]![0]);
      let e = k + 2;
      while (e + 1 < toks.length && !(lit(e, kind) && lit(e + 1, ']'))) e++;
      if (e + 1 < toks.length) {
        const name = toks.slice(k + 2, e).map(([x]) => String.fromCharCode(x)).join('');
        if (kind === ':') {
          const f = CLASS[name];
          if (!f) throw new TrError(`invalid character class ‘${name}’`);
          if (name === 'upper' || name === 'lower') classAt.set(chars.length, name);
          for (let x = 0; x < 256; x++) if (f(x)) chars.push(x);
        } else {
          if (name.length !== 1) throw new TrError(`${name}: equivalence class operand must be a single character`);
          chars.push(name.charCodeAt(0));
        }
        k = e + 1;
        continue;
      }
    }
    if (isSet2 && lit(k, '[') && toks[k + 2] && lit(k + 2, '*')) {
      let e = k + 3;
      while (e < toks.length && !lit(e, ']')) e++;
      if (e < toks.length) {
        const rep = toks.slice(k + 3, e).map(([x]) => String.fromCharCode(x)).join('');
        const ch = toks[k + 1]![0];
        if (rep === '' || /^0+$/.test(rep)) {
          fillAt = chars.length;
          fillChar = ch;
        } else {
          const n = rep.startsWith('0') ? parseInt(rep, 8) : parseInt(rep, 10);
          if (!/^\d+$/.test(rep) || Number.isNaN(n)) throw new TrError(`invalid repeat count ‘${rep}’ in [c*n] construct`);
          for (let x = 0; x < n; x++) chars.push(ch);
        }
        k = e;
        continue;
      }
    }
    if (lit(k + 1, '-') && toks[k + 2]) {
      const hi = toks[k + 2]![0];
      if (hi < c) {
        const f = (x: number) => (x >= 32 && x < 127 ? String.fromCharCode(x) : '\\' + x.toString(8).padStart(3, '0'));
        throw new TrError(`range-endpoints of '${f(c)}-${f(hi)}' are in reverse collating sequence order`);
      }
      for (let x = c; x <= hi; x++) chars.push(x);
      k += 2;
      continue;
    }
    chars.push(c);
  }
  return { chars, classAt, fillAt, fillChar };
}

const TRY = "\nTry 'tr --help' for more information.";

export function* tr(argv: string[]): Sys<number> {
  const g = yield* getopt('tr', argv, 'cCdst', [
    { name: 'complement', hasArg: 0, val: 'c' },
    { name: 'delete', hasArg: 0, val: 'd' },
    { name: 'squeeze-repeats', hasArg: 0, val: 's' },
    { name: 'truncate-set1', hasArg: 0, val: 't' },
  ]);
  if (g.error) return 1;
  const o = new Set(g.options.map((x) => (x.opt === 'C' ? 'c' : x.opt)));
  const del = o.has('d');
  const squeeze = o.has('s');
  const ops = g.operands;
  const need = del && squeeze ? 2 : del || (squeeze && ops.length < 2) ? 1 : 2;
  if (ops.length < need) {
    if (!ops.length) yield* warn('tr: missing operand' + TRY);
    else
      yield* warn(
        `tr: missing operand after ‘${ops[ops.length - 1]}’\n` +
          (del ? 'Two strings must be given when both deleting and squeezing repeats.' : 'Two strings must be given when translating.') +
          TRY,
      );
    return 1;
  }
  if (ops.length > need) {
    yield* warn(
      `tr: extra operand ‘${ops[need]}’` + (need === 1 && del ? '\nOnly one string may be given when deleting without squeezing repeats.' : '') + TRY,
    );
    return 1;
  }
  let s1: Parsed;
  let s2: Parsed | null = null;
  try {
    s1 = parseSet(argBin(ops[0]!), false);
    if (ops[1] !== undefined) s2 = parseSet(argBin(ops[1]), true);
  } catch (e) {
    if (e instanceof TrError) {
      yield* warn(`tr: ${e.message}`);
      return 1;
    }
    throw e;
  }
  let set1 = s1.chars;
  if (o.has('c')) {
    const inSet = new Set(set1);
    set1 = [];
    for (let x = 0; x < 256; x++) if (!inSet.has(x)) set1.push(x);
  }
  const inSet1 = new Array<boolean>(256).fill(false);
  for (const x of set1) inSet1[x] = true;
  const map: number[] = [];
  for (let x = 0; x < 256; x++) map.push(x);
  const translating = !del && s2 !== null;
  if (translating && /\[:(?!upper:\]|lower:\])[a-z]+:\]/.test(ops[1]!)) {
    yield* warn("tr: when translating, the only character classes that may appear in\nstring2 are 'upper' and 'lower'");
    return 1;
  }
  if (translating) {
    let set2 = s2!.chars;
    if (s2!.fillAt >= 0) {
      const room = Math.max(0, set1.length - set2.length);
      set2 = [...set2.slice(0, s2!.fillAt), ...new Array<number>(room).fill(s2!.fillChar), ...set2.slice(s2!.fillAt)];
    }
    if (!set2.length) {
      yield* warn('tr: when not truncating set1, string2 must be non-empty');
      return 1;
    }
    // [:lower:] against [:upper:] (and back) is a case conversion.
    const c1 = [...s1.classAt.values()];
    const c2 = [...s2!.classAt.values()];
    if (c1.length === 1 && c2.length === 1 && c1[0] !== c2[0] && set1.length === 26 && set2.length === 26 && !o.has('c')) {
      for (let i = 0; i < 26; i++) map[set1[i]!] = set2[i]!;
    } else {
      if (o.has('t')) set1 = set1.slice(0, set2.length);
      for (let i = 0; i < set1.length; i++) map[set1[i]!] = set2[Math.min(i, set2.length - 1)]!;
    }
  }
  const squeezeSet = new Array<boolean>(256).fill(false);
  if (squeeze) for (const x of s2 && (del || translating) ? s2.chars : set1) squeezeSet[x] = true;
  let last = -1;
  for (;;) {
    const b = yield* readBytes(0, 65536);
    if (b === null || b.length === 0) break;
    const res: number[] = [];
    for (const x of b) {
      if (del && inSet1[x]) continue;
      const y = translating ? map[x]! : x;
      if (squeeze && squeezeSet[y] && y === last) continue;
      res.push(y);
      last = y;
    }
    yield* out(bin(Uint8Array.from(res)));
  }
  return 0;
}
