// Instruction operands: a register, a memory reference `[base + index*scale + disp]`, or an
// immediate expression, each with optional size and jump keywords (`byte`…`qword`, `strict`,
// `short`, `near`), `rel`/`abs`, an `fs:`/`gs:` override and `wrt ..plt`.

import { AsmError } from './lexer';
import { Cursor, evaluate, parseExpr, scalar, type Expr } from './expr';
import { lookupReg, type Reg } from './registers';

export const SIZES: Record<string, number> = { byte: 1, word: 2, dword: 4, qword: 8, oword: 16 };
const SEGMENTS = ['es', 'cs', 'ss', 'ds', 'fs', 'gs'];

export interface RegOperand {
  k: 'reg';
  reg: Reg;
}

export interface MemOperand {
  k: 'mem';
  /** 0 when no size keyword was given. */
  size: number;
  base: Reg | null;
  index: Reg | null;
  scale: number;
  disp: Expr | null;
  /** `rel`/`abs` written in the brackets; null means the `default` setting. */
  mode: 'rel' | 'abs' | null;
  seg: string | null;
}

export interface ImmOperand {
  k: 'imm';
  size: number;
  expr: Expr;
  /** `strict`: keep the size given, do not shrink. */
  strict: boolean;
  jump: 'short' | 'near' | null;
  /** `wrt ..plt`: the relocation goes through the PLT (R_X86_64_PLT32). */
  plt: boolean;
}

export type Operand = RegOperand | MemOperand | ImmOperand;

export const BAD_EA = 'invalid 64-bit effective address';

const isReg = (n: string) => lookupReg(n) !== undefined && !SEGMENTS.includes(n.toLowerCase());

export function parseOperand(c: Cursor, resolveLocal: (n: string) => string): Operand {
  let size = 0;
  let strict = false;
  let jump: ImmOperand['jump'] = null;
  for (;;) {
    const t = c.peek();
    if (t?.t !== 'id') break;
    const w = t.v.toLowerCase();
    if (w in SIZES) size = SIZES[w]!;
    else if (w === 'strict') strict = true;
    else if (w === 'short' || w === 'near') jump = w;
    else break;
    c.next();
  }
  if (c.isOp('[')) return parseMemory(c, size, resolveLocal);
  const t = c.peek();
  if (t?.t === 'id' && isReg(t.v)) {
    c.next();
    return { k: 'reg', reg: lookupReg(t.v)! };
  }
  if (t?.t === 'id' && SEGMENTS.includes(t.v.toLowerCase()) && c.toks[c.pos + 1]?.t === 'op') {
    // fs:[...] written outside the brackets
    c.next();
    c.expectOp(':');
    const m = parseMemory(c, size, resolveLocal);
    m.seg = t.v.toLowerCase();
    return m;
  }
  const expr = parseExpr(c, isReg, resolveLocal);
  let plt = false;
  if (c.isId('wrt')) {
    c.next();
    const w = c.next();
    if (w?.t !== 'id' || w.v.toLowerCase() !== '..plt') throw new AsmError('only `wrt ..plt\' is supported');
    plt = true;
  }
  if (expr.k === 'reg') throw new AsmError('invalid combination of opcode and operands');
  return { k: 'imm', size, expr, strict, jump, plt };
}

function parseMemory(c: Cursor, size: number, resolveLocal: (n: string) => string): MemOperand {
  c.expectOp('[');
  const m: MemOperand = { k: 'mem', size, base: null, index: null, scale: 1, disp: null, mode: null, seg: null };
  for (;;) {
    if (c.isId('rel') || c.isId('abs')) m.mode = (c.next() as { v: string }).v.toLowerCase() as 'rel' | 'abs';
    else if (c.peek()?.t === 'id' && (c.peek() as { v: string }).v.toLowerCase() in SIZES) c.next(); // [dword x]: displacement size
    else break;
  }
  const t = c.peek();
  if (t?.t === 'id' && SEGMENTS.includes(t.v.toLowerCase()) && c.toks[c.pos + 1]?.t === 'op') {
    c.next();
    c.expectOp(':');
    m.seg = t.v.toLowerCase();
  }
  const expr = parseExpr(c, isReg, resolveLocal);
  if (!c.eatOp(']')) throw new AsmError('expecting ] at end of memory operand');
  splitAddress(expr, m);
  return m;
}

/** Pull the register terms out of an address expression; what is left is the displacement. */
function splitAddress(e: Expr, m: MemOperand): void {
  const regs: { reg: Reg; scale: number }[] = [];
  const rest: Expr[] = [];
  const constant = (x: Expr): number => {
    const v = evaluate(x, { symbol: () => undefined, here: () => scalar(0n), base: () => scalar(0n), final: true });
    return Number(v.n);
  };
  const walk = (x: Expr, negate: boolean): void => {
    if (x.k === 'bin' && (x.op === '+' || x.op === '-')) {
      walk(x.a, negate);
      walk(x.b, x.op === '-' ? !negate : negate);
      return;
    }
    const reg = x.k === 'reg' ? { r: x, s: 1 } : x.k === 'bin' && x.op === '*' ? (x.a.k === 'reg' ? { r: x.a, s: constant(x.b) } : x.b.k === 'reg' ? { r: x.b, s: constant(x.a) } : null) : null;
    if (reg) {
      if (negate) throw new AsmError(BAD_EA);
      regs.push({ reg: lookupReg(reg.r.name)!, scale: reg.s });
      return;
    }
    rest.push(negate ? { k: 'un', op: '-', a: x } : x);
  };
  walk(e, false);
  if (regs.filter((r) => r.scale !== 1).length > 1) throw new AsmError('invalid effective address: two index registers');
  if (regs.length > 2) throw new AsmError('invalid effective address: too many registers');
  m.disp = rest.length ? rest.reduce((a, b) => ({ k: 'bin', op: '+', a, b })) : null;
  // The base is the first register with scale 1; another one is the index.
  for (const { reg, scale } of regs) {
    if (reg.xmm) throw new AsmError(BAD_EA);
    if (reg.size < 4 || (reg.rip && scale !== 1)) throw new AsmError(BAD_EA);
    if (scale === 1 && !m.base) m.base = reg;
    else if (!m.index) {
      m.index = reg;
      m.scale = scale;
    }
  }
  if (m.index && m.index.rip) throw new AsmError(BAD_EA);
  if (m.base && m.index && m.base.size !== m.index.size) throw new AsmError('impossible combination of address sizes');
}
