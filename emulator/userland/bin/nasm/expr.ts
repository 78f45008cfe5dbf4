// NASM expressions: parsed once into a tree, evaluated on every pass (label addresses move while
// the assembler settles on instruction sizes). A value is a 64-bit number, possibly relative to a
// base a relocation can name — a section (for labels) or an external symbol. `label - label` in
// one section is a plain number; anything else a relocation cannot express is an error, as in NASM.

import { AsmError, type Token } from './lexer';

/** What a relocatable value is relative to: a section or an extern symbol (compared by identity). */
export interface RelBase {
  readonly name: string;
}

export interface Value {
  n: bigint;
  rel: RelBase | null;
  /** Depends on a symbol not defined yet in this pass (only in the passes before the last). */
  unknown: boolean;
}

export type Expr =
  | { k: 'num'; v: bigint }
  | { k: 'sym'; name: string }
  | { k: 'reg'; name: string }
  | { k: 'here' }
  | { k: 'base' }
  | { k: 'un'; op: string; a: Expr }
  | { k: 'bin'; op: string; a: Expr; b: Expr };

export interface EvalContext {
  /** A symbol's value, or undefined if it has no value yet. */
  symbol(name: string): Value | undefined;
  here(): Value;
  base(): Value;
  /** On the final pass an undefined symbol is an error. */
  final: boolean;
}

export const scalar = (n: bigint): Value => ({ n, rel: null, unknown: false });

/** A token cursor shared by the expression, operand and statement parsers. */
export class Cursor {
  pos = 0;
  constructor(readonly toks: Token[]) {}
  peek(): Token | undefined {
    return this.toks[this.pos];
  }
  next(): Token | undefined {
    return this.toks[this.pos++];
  }
  atEnd(): boolean {
    return this.pos >= this.toks.length;
  }
  isOp(v: string): boolean {
    const t = this.peek();
    return t?.t === 'op' && t.v === v;
  }
  isId(v: string): boolean {
    const t = this.peek();
    return t?.t === 'id' && t.v.toLowerCase() === v;
  }
  eatOp(v: string): boolean {
    if (!this.isOp(v)) return false;
    this.pos++;
    return true;
  }
  expectOp(v: string): void {
    if (!this.eatOp(v)) throw new AsmError(`expecting \`${v}'`);
  }
}

/** The binary operators from loosest to tightest binding. */
const LEVELS = [['|'], ['^'], ['&'], ['<<', '>>'], ['+', '-'], ['*', '/', '//', '%', '%%']];

/**
 * Parse an expression. `isReg` says which names are registers (allowed inside memory operands);
 * `resolveLocal` turns `.x` into `label.x`.
 */
export function parseExpr(c: Cursor, isReg: (name: string) => boolean, resolveLocal: (name: string) => string): Expr {
  const level = (i: number): Expr => {
    if (i === LEVELS.length) return unary();
    let a = level(i + 1);
    for (;;) {
      const t = c.peek();
      if (t?.t !== 'op' || !LEVELS[i]!.includes(t.v)) return a;
      c.next();
      a = { k: 'bin', op: t.v, a, b: level(i + 1) };
    }
  };
  const unary = (): Expr => {
    const t = c.peek();
    if (t?.t === 'op' && ['-', '+', '~', '!'].includes(t.v)) {
      c.next();
      return { k: 'un', op: t.v, a: unary() };
    }
    return atom();
  };
  const atom = (): Expr => {
    const t = c.next();
    if (!t) throw new AsmError('expression syntax error');
    switch (t.t) {
      case 'num':
        return { k: 'num', v: t.v };
      case 'str':
        return { k: 'num', v: stringValue(t.v) };
      case 'here':
        return { k: 'here' };
      case 'base':
        return { k: 'base' };
      case 'id':
        if (isReg(t.v)) return { k: 'reg', name: t.v.toLowerCase() };
        return { k: 'sym', name: resolveLocal(t.v) };
      case 'op':
        if (t.v === '(') {
          const e = level(0);
          c.expectOp(')');
          return e;
        }
    }
    throw new AsmError('expression syntax error');
  };
  return level(0);
}

/** A character constant: 'ab' is 0x6261 (the bytes in memory order, little-endian). */
export function stringValue(b: Uint8Array): bigint {
  let v = 0n;
  for (let i = Math.min(b.length, 8) - 1; i >= 0; i--) v = (v << 8n) | BigInt(b[i]!);
  return v;
}

const wrap = (n: bigint) => BigInt.asIntN(64, n);
const u64 = (n: bigint) => BigInt.asUintN(64, n);

export function evaluate(e: Expr, ctx: EvalContext): Value {
  switch (e.k) {
    case 'num':
      return scalar(wrap(e.v));
    case 'here':
      return ctx.here();
    case 'base':
      return ctx.base();
    case 'reg':
      throw new AsmError(`invalid use of register \`${e.name}' in an expression`);
    case 'sym': {
      const v = ctx.symbol(e.name);
      if (v) return v;
      if (ctx.final) throw new AsmError(`symbol \`${e.name}' not defined`);
      return { n: 0n, rel: null, unknown: true };
    }
    case 'un': {
      const a = evaluate(e.a, ctx);
      if (e.op === '+') return a;
      needScalar(a, e.op);
      const n = e.op === '-' ? -a.n : e.op === '~' ? ~a.n : a.n === 0n ? 1n : 0n;
      return { n: wrap(n), rel: null, unknown: a.unknown };
    }
    case 'bin':
      return binary(e.op, evaluate(e.a, ctx), evaluate(e.b, ctx));
  }
}

function binary(op: string, a: Value, b: Value): Value {
  const unknown = a.unknown || b.unknown;
  if (op === '+') {
    if (a.rel && b.rel && !unknown) throw new AsmError('cannot add two relocatable values');
    return { n: wrap(a.n + b.n), rel: a.rel ?? b.rel, unknown };
  }
  if (op === '-') {
    // label - label in one section is a distance; from another section it is not expressible.
    if (b.rel && b.rel !== a.rel && !unknown) throw new AsmError('invalid operand to binary operator -: not a simple value');
    return { n: wrap(a.n - b.n), rel: b.rel ? null : a.rel, unknown };
  }
  needScalar(a, op);
  needScalar(b, op);
  const x = a.n, y = b.n;
  let n: bigint;
  switch (op) {
    case '*': n = x * y; break;
    case '|': n = x | y; break;
    case '^': n = x ^ y; break;
    case '&': n = x & y; break;
    case '<<': n = y >= 64n ? 0n : x << y; break;
    case '>>': n = y >= 64n ? 0n : u64(x) >> y; break;
    default: {
      // Division by zero waits for the final pass: an unknown divisor is 0 in the early ones.
      if (y === 0n) {
        if (unknown) return { n: 0n, rel: null, unknown };
        throw new AsmError('division by zero');
      }
      if (op === '/') n = u64(x) / u64(y);
      else if (op === '%') n = u64(x) % u64(y);
      else if (op === '//') n = x / y;
      else n = x % y;
    }
  }
  return { n: wrap(n), rel: null, unknown };
}

function needScalar(v: Value, op: string): void {
  if (v.rel && !v.unknown) throw new AsmError(`\`${op}' operator may only be applied to scalar values`);
}
