// Arithmetic expansion $((…)) (XCU 2.6.4): C's integer expressions on 64-bit signed integers,
// with shell variables as operands and the assignment operators. Like dash: no ++ / --, and a
// variable's value must be a plain number ("Illegal number" otherwise).

import { ShellError } from './errors';

export interface ArithVars {
  get(name: string): string | undefined;
  set(name: string, value: string): void;
}

const OPERATORS = [
  '<<=', '>>=', '<<', '>>', '<=', '>=', '==', '!=', '&&', '||', '+=', '-=', '*=', '/=', '%=', '&=', '^=', '|=',
  '+', '-', '*', '/', '%', '<', '>', '&', '|', '^', '!', '~', '?', ':', '=', '(', ')',
];
const ASSIGN_OPS = new Set(['=', '+=', '-=', '*=', '/=', '%=', '<<=', '>>=', '&=', '^=', '|=']);

/** Binary operators by precedence level, loosest first (C's table from || down to *). */
const LEVELS: readonly (readonly string[])[] = [
  ['||'], ['&&'], ['|'], ['^'], ['&'], ['==', '!='], ['<', '<=', '>', '>='], ['<<', '>>'], ['+', '-'], ['*', '/', '%'],
];

type Token = { kind: 'num'; value: bigint } | { kind: 'name'; name: string } | { kind: 'op'; op: string } | { kind: 'eof' };

const wrap = (v: bigint): bigint => BigInt.asIntN(64, v);
const truth = (b: boolean): bigint => (b ? 1n : 0n);

/** A C integer constant: 0x1f, 017, 42. Returns the value and its length, or null. */
function scanNumber(s: string, i: number): [bigint, number] | null {
  const m = /^(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)/.exec(s.slice(i));
  if (!m) return null;
  const t = m[1]!;
  const value = /^0[xX]/.test(t) ? BigInt(t) : t.length > 1 && t[0] === '0' ? BigInt('0o' + t.slice(1)) : BigInt(t);
  return [wrap(value), t.length];
}

/** A variable's value as a number: empty or unset is 0, anything else must be an integer. */
export function numberValue(v: string | undefined): bigint {
  const t = (v ?? '').trim();
  if (t === '') return 0n;
  const m = /^([+-]?)(.*)$/.exec(t)!;
  const n = scanNumber(m[2]!, 0);
  if (!n || n[1] !== m[2]!.length) throw new ShellError(`Illegal number: ${v}`);
  return m[1] === '-' ? wrap(-n[0]) : n[0];
}

class Evaluator {
  private tokens: Token[] = [];
  private i = 0;
  /** >0 inside the branch that && || ?: do not take: parse it, but change nothing. */
  private skipping = 0;

  constructor(private readonly text: string, private readonly vars: ArithVars) {
    this.tokenize();
  }

  private fail(what: string): never {
    throw new ShellError(`arithmetic expression: ${what}: "${this.text}"`);
  }

  private tokenize(): void {
    const s = this.text;
    let i = 0;
    while (i < s.length) {
      const c = s[i]!;
      if (/\s/.test(c)) {
        i++;
        continue;
      }
      if (/[0-9]/.test(c)) {
        const [value, len] = scanNumber(s, i)!;
        this.tokens.push({ kind: 'num', value });
        i += len;
        continue;
      }
      const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(s.slice(i));
      if (name) {
        this.tokens.push({ kind: 'name', name: name[0] });
        i += name[0].length;
        continue;
      }
      // An unknown character becomes a token too: the parser reports it where it meets it.
      const op = OPERATORS.find((o) => s.startsWith(o, i)) ?? c;
      this.tokens.push({ kind: 'op', op });
      i += op.length;
    }
    this.tokens.push({ kind: 'eof' });
  }

  private peek(): Token {
    return this.tokens[this.i]!;
  }

  private isOp(op: string, at = this.i): boolean {
    const t = this.tokens[at]!;
    return t.kind === 'op' && t.op === op;
  }

  run(): bigint {
    if (this.peek().kind === 'eof') return 0n; // $(( )) is 0
    const v = this.assignment();
    if (this.peek().kind !== 'eof') this.fail('expecting EOF');
    return v;
  }

  private assignment(): bigint {
    const t = this.peek();
    const next = this.tokens[this.i + 1]!;
    if (t.kind === 'name' && next.kind === 'op' && ASSIGN_OPS.has(next.op)) {
      this.i += 2;
      const rhs = this.assignment();
      const value = next.op === '=' ? rhs : this.binary(next.op.slice(0, -1), this.variable(t.name), rhs);
      if (!this.skipping) this.vars.set(t.name, value.toString());
      return value;
    }
    return this.ternary();
  }

  private ternary(): bigint {
    const cond = this.level(0);
    if (!this.isOp('?')) return cond;
    this.i++;
    if (!cond) this.skipping++;
    const a = this.assignment();
    if (!cond) this.skipping--;
    if (!this.isOp(':')) this.fail('expecting \':\'');
    this.i++;
    if (cond) this.skipping++;
    const b = this.ternary();
    if (cond) this.skipping--;
    return cond ? a : b;
  }

  private level(n: number): bigint {
    if (n === LEVELS.length) return this.unary();
    let left = this.level(n + 1);
    for (;;) {
      const t = this.peek();
      if (t.kind !== 'op' || !LEVELS[n]!.includes(t.op)) return left;
      this.i++;
      // The right side of && and || is not evaluated when the left decides.
      const shortCircuit = (t.op === '&&' && !left) || (t.op === '||' && !!left);
      if (shortCircuit) this.skipping++;
      const right = this.level(n + 1);
      if (shortCircuit) this.skipping--;
      left = this.binary(t.op, left, right);
    }
  }

  private unary(): bigint {
    const t = this.peek();
    if (t.kind === 'op' && ['+', '-', '!', '~'].includes(t.op)) {
      this.i++;
      const v = this.unary();
      return t.op === '+' ? v : t.op === '-' ? wrap(-v) : t.op === '!' ? truth(!v) : wrap(~v);
    }
    return this.primary();
  }

  private primary(): bigint {
    const t = this.peek();
    if (t.kind === 'num') {
      this.i++;
      return t.value;
    }
    if (t.kind === 'name') {
      this.i++;
      return this.variable(t.name);
    }
    if (this.isOp('(')) {
      this.i++;
      const v = this.assignment();
      if (!this.isOp(')')) this.fail("expecting ')'");
      this.i++;
      return v;
    }
    this.fail('expecting primary');
  }

  private variable(name: string): bigint {
    return this.skipping ? 0n : numberValue(this.vars.get(name));
  }

  private binary(op: string, a: bigint, b: bigint): bigint {
    switch (op) {
      case '||': return truth(!!a || !!b);
      case '&&': return truth(!!a && !!b);
      case '|': return a | b;
      case '^': return a ^ b;
      case '&': return a & b;
      case '==': return truth(a === b);
      case '!=': return truth(a !== b);
      case '<': return truth(a < b);
      case '<=': return truth(a <= b);
      case '>': return truth(a > b);
      case '>=': return truth(a >= b);
      case '<<': return wrap(a << (b & 63n));
      case '>>': return a >> (b & 63n);
      case '+': return wrap(a + b);
      case '-': return wrap(a - b);
      case '*': return wrap(a * b);
      case '/':
      case '%':
        if (b === 0n) {
          if (this.skipping) return 0n;
          this.fail('division by zero');
        }
        return wrap(op === '/' ? a / b : a % b);
    }
    throw new Error(`unknown operator ${op}`);
  }
}

/** Evaluate an (already expanded) arithmetic expression; ShellError on a bad one. */
export function evaluate(text: string, vars: ArithVars): bigint {
  return new Evaluator(text, vars).run();
}
