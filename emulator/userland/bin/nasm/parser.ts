// From source lines to statements. NASM's line grammar:
//   [label[:]] [times N] [prefix…] instruction-or-pseudo-op [operands] [; comment]
// plus directives (section, global, extern, default, bits), `name equ value`, and the
// single-line macros of preprocess.ts. Local labels
// (`.loop`) belong to the last ordinary label before them: `.loop` after `main:` is `main.loop`.

import { AsmError, tokenize, type Token } from './lexer';
import { Cursor, parseExpr, type Expr } from './expr';
import { parseOperand, type Operand } from './operands';
import { lookupReg } from './registers';
import { lookupInstruction, PREFIXES } from './instructions';
import { Macros } from './preprocess';

export type DataItem = { k: 'expr'; e: Expr } | { k: 'str'; b: Uint8Array };

export type Body =
  | { k: 'insn'; mnemonic: string; prefixes: number[]; ops: Operand[] }
  | { k: 'data'; width: number; items: DataItem[] }
  | { k: 'res'; width: number; count: Expr }
  | { k: 'equ'; name: string; e: Expr }
  | { k: 'section'; name: string; attrs: string[] }
  | { k: 'global' | 'extern'; names: { name: string; type: string | null }[] }
  | { k: 'default'; rel: boolean }
  | { k: 'align'; n: Expr; bss: boolean }
  | { k: 'none' };

export interface Stmt {
  line: number;
  label: string | null;
  times: Expr | null;
  body: Body;
}

export interface Diagnostic {
  line: number;
  message: string;
  /** A line NASM adds after the message: `file:line: info: …`. */
  info?: { line: number; message: string };
}

const DATA: Record<string, number> = { db: 1, dw: 2, dd: 4, dq: 8 };
const RES: Record<string, number> = { resb: 1, resw: 2, resd: 4, resq: 8 };
/** `section name attrs…` or `[section name attrs…]`, with an optional comment. */
const SECTION_LINE = /^\s*\[?\s*(section|segment)\s+([^\s\];]+)([^\];]*)\]?\s*(;.*)?$/i;
const DIRECTIVES = ['section', 'segment', 'global', 'extern', 'default', 'bits', 'align', 'alignb', 'static', 'cpu'];

export function parseSource(text: string): { stmts: Stmt[]; errors: Diagnostic[]; warnings: Diagnostic[] } {
  const warnings: Diagnostic[] = [];
  const macros = new Macros();
  const stmts: Stmt[] = [];
  const errors: Diagnostic[] = [];
  let lastLabel = '';
  /** Where each label and equ was defined: a second definition is an error. */
  const defined = new Map<string, number>();
  const define = (name: string, line: number) => {
    const first = defined.get(name);
    if (first !== undefined) {
      errors.push({ line, message: `label \`${name}' inconsistently redefined`, info: { line: first, message: `label \`${name}' originally defined here` } });
      return false;
    }
    defined.set(name, line);
    return true;
  };
  const resolveLocal = (name: string) => (name.startsWith('.') && !name.startsWith('..') ? lastLabel + name : name);
  const isReg = (n: string) => lookupReg(n) !== undefined;
  const lines = text.split('\n');
  lines.forEach((src, i) => {
    const line = i + 1;
    try {
      if (macros.directive(src)) return;
      const section = SECTION_LINE.exec(src);
      if (section) {
        // Section names are taken as written: `.note.GNU-stack` is not an expression.
        const attrs = joinAttrs(tokenize(section[3] ?? '').map(tokenText));
        stmts.push({ line, label: null, times: null, body: { k: 'section', name: section[2]!, attrs } });
        return;
      }
      const c = new Cursor(macros.expand(tokenize(src)));
      if (c.atEnd()) return;
      const stmt: Stmt = { line, label: null, times: null, body: { k: 'none' } };
      // [section .text] — the primitive form of a directive
      if (c.isOp('[') && c.toks[1]?.t === 'id' && DIRECTIVES.includes(c.toks[1].v.toLowerCase())) {
        c.next();
        c.toks.pop();
      }
      const first = c.peek()!;
      const word = first.t === 'id' ? first.v.toLowerCase() : '';
      if (first.t === 'id' && !isKeyword(word)) {
        // A label, or the name of an equ
        c.next();
        const colon = c.eatOp(':');
        if (c.isId('equ')) {
          c.next();
          if (c.atEnd()) throw new AsmError('bad syntax for EQU');
          stmt.body = { k: 'equ', name: resolveLocal(first.v), e: parseExpr(c, isReg, resolveLocal) };
          expectEnd(c);
          if (define(stmt.body.name, line)) stmts.push(stmt);
          return;
        }
        stmt.label = resolveLocal(first.v);
        if (!define(stmt.label, line)) return;
        if (!first.v.startsWith('.')) lastLabel = first.v;
        if (c.atEnd() && !colon) warnings.push({ line, message: 'label alone on a line without a colon might be in error [-w+label-orphan]' });
      } else if (first.t !== 'id') {
        throw new AsmError('label or instruction expected at start of line');
      }
      if (!c.atEnd()) stmt.body = parseBody(c, stmt, resolveLocal, isReg, (message) => warnings.push({ line, message }));
      stmts.push(stmt);
    } catch (e) {
      if (!(e instanceof AsmError)) throw e;
      errors.push({ line, message: e.message });
    }
  });
  return { stmts, errors, warnings };
}

/** Words that start a statement rather than name a label. */
function isKeyword(w: string): boolean {
  return w in DATA || w in RES || w in PREFIXES || w === 'times' || DIRECTIVES.includes(w) || lookupInstruction(w) !== undefined;
}

function parseBody(c: Cursor, stmt: Stmt, resolveLocal: (n: string) => string, isReg: (n: string) => boolean, warn: (msg: string) => void): Body {
  const t = c.next()!;
  if (t.t !== 'id') throw new AsmError('parser: instruction expected');
  const w = t.v.toLowerCase();
  const expr = () => parseExpr(c, isReg, resolveLocal);
  /** `name[:type], …` — the type (function, data/object) becomes the ELF symbol type. */
  const names = () => {
    const out: { name: string; type: string | null }[] = [];
    do {
      const n = c.next();
      if (n?.t !== 'id') throw new AsmError(`identifier expected after ${w}${n ? `, got \`${tokenText(n)}'` : ''}`);
      let type: string | null = null;
      if (c.eatOp(':')) {
        const t = c.next();
        type = t?.t === 'id' ? t.v.toLowerCase() : null;
      }
      out.push({ name: resolveLocal(n.v), type });
    } while (c.eatOp(','));
    return out;
  };
  let body: Body;
  if (w === 'times') {
    stmt.times = expr();
    if (c.atEnd()) throw new AsmError('parser: instruction expected');
    return parseBody(c, stmt, resolveLocal, isReg, warn);
  } else if (w in DATA) {
    const items: DataItem[] = [];
    if (c.atEnd()) {
      warn('no operand for data declaration [-w+db-empty]');
      return { k: 'data', width: DATA[w]!, items };
    }
    do {
      const s = c.peek();
      const n = c.toks[c.pos + 1];
      const alone = n === undefined || (n.t === 'op' && n.v === ',');
      if (s?.t === 'str' && alone) {
        c.next();
        items.push({ k: 'str', b: s.v });
      } else if (s?.t === 'float' || (s?.t === 'op' && s.v === '-' && n?.t === 'float')) {
        items.push({ k: 'str', b: floatBytes(c, DATA[w]!) });
      } else items.push({ k: 'expr', e: expr() });
    } while (c.eatOp(','));
    body = { k: 'data', width: DATA[w]!, items };
  } else if (w in RES) {
    body = { k: 'res', width: RES[w]!, count: expr() };
  } else if (w === 'global' || w === 'extern') {
    body = { k: w, names: names() };
  } else if (w === 'static') {
    names(); // file-local symbols are what labels are anyway
    body = { k: 'none' };
  } else if (w === 'default') {
    const m = c.next();
    const v = m?.t === 'id' ? m.v.toLowerCase() : '';
    if (v !== 'rel' && v !== 'abs') throw new AsmError('unknown parameter to default');
    body = { k: 'default', rel: v === 'rel' };
  } else if (w === 'bits') {
    const b = c.next();
    if (b?.t !== 'num' || b.v !== 64n) throw new AsmError('only `bits 64\' is supported with -f elf64');
    body = { k: 'none' };
  } else if (w === 'cpu') {
    c.pos = c.toks.length;
    body = { k: 'none' };
  } else if (w === 'align' || w === 'alignb') {
    body = { k: 'align', n: expr(), bss: w === 'alignb' };
  } else {
    const prefixes: number[] = [];
    let m = w;
    while (m in PREFIXES) {
      prefixes.push(PREFIXES[m]!);
      const n = c.next();
      if (n?.t !== 'id') throw new AsmError('parser: instruction expected');
      m = n.v.toLowerCase();
    }
    if (!lookupInstruction(m)) throw new AsmError('parser: instruction expected');
    const ops: Operand[] = [];
    if (!c.atEnd()) {
      do {
        if (c.atEnd()) throw new AsmError('invalid combination of opcode and operands');
        ops.push(parseOperand(c, resolveLocal));
      } while (c.eatOp(','));
    }
    body = { k: 'insn', mnemonic: m, prefixes, ops };
  }
  expectEnd(c);
  return body;
}

/** A floating-point constant in dd (IEEE single) or dq (double), little-endian. */
function floatBytes(c: Cursor, width: number): Uint8Array {
  const negative = c.eatOp('-');
  const t = c.next() as { t: 'float'; v: number };
  if (width !== 4 && width !== 8) throw new AsmError('floating-point constants are supported in dd and dq only');
  const b = new Uint8Array(width);
  const v = new DataView(b.buffer);
  if (width === 4) v.setFloat32(0, negative ? -t.v : t.v, true);
  else v.setFloat64(0, negative ? -t.v : t.v, true);
  return b;
}

function expectEnd(c: Cursor): void {
  if (!c.atEnd()) throw new AsmError('comma, colon, decorator or end of line expected after operand');
}

function tokenText(t: Token): string {
  switch (t.t) {
    case 'id':
    case 'op':
      return t.v;
    case 'num':
      return t.v.toString();
    default:
      return '';
  }
}

/** `align = 16` arrives as three tokens; put each attribute back together. */
function joinAttrs(parts: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    if (parts[i + 1] === '=') {
      out.push(`${parts[i]}=${parts[i + 2] ?? ''}`.toLowerCase());
      i += 2;
    } else out.push(parts[i]!.toLowerCase());
  }
  return out;
}
