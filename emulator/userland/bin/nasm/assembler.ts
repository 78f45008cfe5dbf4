// The assembler proper: it runs over the statements pass after pass, placing labels, until no
// label moves and no instruction changes size (NASM's optimisation passes), then once more to
// produce the section contents and relocations, reporting errors with their line numbers.

import { R_X86_64_16, R_X86_64_32, R_X86_64_32S, R_X86_64_64, R_X86_64_8, R_X86_64_PC32, R_X86_64_PLT32, STT_FUNC, STT_NOTYPE, STT_OBJECT } from '../../../uapi/elf';
import { AsmError } from './lexer';
import { evaluate, type EvalContext, type Expr, type Value } from './expr';
import type { EncodeContext, Encoded, Fixup } from './encode';
import { lookupInstruction } from './instructions';
import { parseSource, type Body, type Diagnostic, type Stmt } from './parser';
import { ExternSymbol, newSection, type Section, type SymbolDef } from './sections';

export interface Assembly {
  sections: Section[];
  /** Symbols in the order they were defined. */
  symbols: SymbolDef[];
  errors: Diagnostic[];
  warnings: Diagnostic[];
}

const MAX_PASSES = 50;

export function assemble(text: string, optimize = true): Assembly {
  const parsed = parseSource(text);
  const a = new Assembler(parsed.stmts, optimize);
  if (parsed.errors.length) return { sections: [], symbols: [], errors: parsed.errors, warnings: parsed.warnings };
  a.run();
  return { sections: a.sections, symbols: a.orderedSymbols(), errors: a.errors, warnings: [...parsed.warnings, ...a.warnings] };
}

class Assembler {
  readonly sections: Section[] = [];
  readonly symbols = new Map<string, SymbolDef>();
  readonly errors: Diagnostic[] = [];
  readonly warnings: Diagnostic[] = [];
  private readonly globals = new Set<string>();
  /** ELF symbol types given with `global name:function` and the like. */
  private readonly types = new Map<string, number>();
  /** Statements whose branch needs the long form (by index). */
  private readonly longBranch = new Set<number>();
  private section: Section | null = null;
  private readonly defaultText = newSection('.text', []);
  private defaultRel = false;
  private final = false;
  /** The line of the statement being assembled, for warnings. */
  private line = 0;

  constructor(private readonly stmts: Stmt[], private readonly optimize: boolean) {}

  run(): void {
    let previous = '';
    for (let pass = 1; ; pass++) {
      this.pass();
      if (this.final) break;
      const now = this.signature();
      if ((now === previous && pass > 1) || pass === MAX_PASSES) this.final = true;
      previous = now;
    }
    for (const name of this.globals) {
      const s = this.symbols.get(name);
      if (s) s.global = true;
    }
    for (const [name, type] of this.types) {
      const s = this.symbols.get(name);
      if (s) s.type = type;
    }
  }

  /** Everything a pass decides: where each label lies and how big each section is. */
  private signature(): string {
    const syms = [...this.symbols.values()].map((s) => `${s.value?.rel?.name}:${s.value?.n}:${s.value?.unknown}`);
    return syms.join(',') + '|' + [...this.sections, this.defaultText].map((s) => s.size).join(',') + '|' + [...this.longBranch].join(',');
  }

  private pass(): void {
    for (const s of [...this.sections, this.defaultText]) s.reset();
    this.section = null;
    this.defaultRel = false;
    this.stmts.forEach((stmt, i) => {
      try {
        this.statement(stmt, i);
      } catch (e) {
        if (!(e instanceof AsmError)) throw e;
        if (this.final) this.errors.push({ line: stmt.line, message: e.message });
      }
    });
  }

  /**
   * The current section. Code before any `section` line goes to NASM's default .text, which NASM
   * adds to the file only when it writes output (the last pass) — after the sections named
   * explicitly, which exist from the first pass.
   */
  private current(): Section {
    if (!this.section) {
      this.section = this.defaultText;
      if (this.final && !this.sections.includes(this.section)) this.sections.push(this.section);
    }
    return this.section;
  }

  private findSection(name: string, attrs: string[]): Section {
    let s = this.sections.find((x) => x.name === name);
    if (!s) {
      s = name === '.text' && !attrs.length ? this.defaultText : newSection(name, attrs);
      this.sections.push(s);
    }
    return s;
  }

  private here(): Value {
    const s = this.current();
    return { n: BigInt(s.size), rel: s, unknown: false };
  }

  private ctx(): EvalContext {
    return {
      symbol: (name) => {
        const s = this.symbols.get(name);
        if (!s) return undefined;
        if (s.extern) return { n: 0n, rel: s.extern, unknown: false };
        return s.value ?? undefined;
      },
      here: () => this.here(),
      base: () => ({ n: 0n, rel: this.current(), unknown: false }),
      final: this.final,
    };
  }

  private value(e: Expr): Value {
    return evaluate(e, this.ctx());
  }

  /** A count that must be a known number (times, resb, align). */
  private count(e: Expr, what: string): number {
    const v = this.value(e);
    if (v.unknown) return 0;
    if (v.rel) throw new AsmError(`non-constant argument supplied to ${what}`);
    if (v.n < 0n) throw new AsmError(`${what} value ${v.n} is negative`);
    return Number(v.n);
  }

  private define(name: string, value: Value | null, extern: ExternSymbol | null = null): void {
    const s = this.symbols.get(name);
    if (s) {
      s.value = value;
      return;
    }
    this.symbols.set(name, { name, value, extern, global: false, type: STT_NOTYPE });
  }

  private statement(stmt: Stmt, index: number): void {
    this.line = stmt.line;
    const b = stmt.body;
    if (b.k === 'section') {
      this.section = this.findSection(b.name, b.attrs);
      for (const a of b.attrs) if (a.startsWith('align=')) this.section.align = Math.max(this.section.align, Number(a.slice(6)));
    }
    if (stmt.label !== null) this.define(stmt.label, this.here());
    const reps = stmt.times ? this.count(stmt.times, 'TIMES') : 1;
    for (let r = 0; r < reps; r++) this.body(b, index, stmt);
  }

  private body(b: Body, index: number, stmt: Stmt): void {
    switch (b.k) {
      case 'none':
      case 'section':
        return;
      case 'default':
        this.defaultRel = b.rel;
        return;
      case 'global':
        for (const { name, type } of b.names) {
          this.globals.add(name);
          if (type) this.types.set(name, type === 'function' || type === 'func' ? STT_FUNC : type === 'data' || type === 'object' ? STT_OBJECT : STT_NOTYPE);
        }
        return;
      case 'extern':
        for (const { name: n } of b.names) {
          const s = this.symbols.get(n);
          if (!s) this.define(n, null, new ExternSymbol(n));
          else if (!s.extern && this.final) this.warnings.push({ line: stmt.line, message: `symbol \`${n}' declared both as local and external` });
        }
        return;
      case 'equ': {
        const v = this.value(b.e);
        this.define(b.name, v);
        return;
      }
      case 'align': {
        const n = this.count(b.n, 'ALIGN');
        const s = this.current();
        if (n & (n - 1)) throw new AsmError('alignment must be a power of two');
        // As NASM's sectalign (on by default), aligning in a section raises the section's alignment.
        s.align = Math.max(s.align, n);
        const pad = (n - (s.size % n)) % n;
        s.reserve(pad, b.bss || s.nobits ? 0 : 0x90);
        return;
      }
      case 'res': {
        const n = this.count(b.count, b.width === 1 ? 'RESB' : 'RESx');
        if (!this.current().nobits && this.final) this.warnings.push({ line: stmt.line, message: 'uninitialized space declared in non-BSS section `' + this.current().name + "': zeroing [-w+zeroing]" });
        this.current().reserve(n * b.width);
        return;
      }
      case 'data':
        for (const item of b.items) {
          if (item.k === 'str') {
            const padded = [...item.b];
            while (padded.length % b.width) padded.push(0);
            this.current().emit(padded);
          } else {
            this.place({ bytes: new Array<number>(b.width).fill(0), fixups: [{ at: 0, size: b.width as Fixup['size'], value: this.value(item.e), pcrel: false, signed: false }] });
          }
        }
        return;
      case 'insn': {
        const handler = lookupInstruction(b.mnemonic)!;
        const cx: EncodeContext = {
          value: (e) => this.value(e),
          defaultRel: this.defaultRel,
          optimize: this.optimize,
          here: this.here(),
          longBranch: this.longBranch.has(index),
          needLongBranch: () => this.longBranch.add(index),
        };
        const enc = handler(b.ops, cx);
        this.place({ bytes: [...b.prefixes, ...enc.bytes], fixups: enc.fixups.map((f) => ({ ...f, at: f.at + b.prefixes.length })) });
        return;
      }
    }
  }

  /** Put an instruction or data item into the section, filling in or relocating its fields. */
  private place(enc: Encoded): void {
    const s = this.current();
    const start = s.size;
    const end = start + enc.bytes.length;
    for (const f of enc.fixups) {
      const v = f.value;
      let n = v.n;
      if (f.pcrel && v.rel === s && !f.plt) {
        n = v.n - BigInt(end);
        if (this.final && f.size === 1 && (n < -128n || n > 127n)) {
          this.warnings.push({ line: this.line, message: 'byte data exceeds bounds [-w+number-overflow]' });
          throw new AsmError('short jump is out of range');
        }
      } else if (v.rel) {
        if (v.rel instanceof ExternSymbol) v.rel.used = true;
        const type = relocType(f);
        const addend = f.pcrel ? v.n - BigInt(enc.bytes.length - f.at) : v.n;
        s.relocs.push({ offset: start + f.at, type, target: v.rel, addend });
        n = 0n;
      } else if (f.pcrel && !v.unknown) {
        throw new AsmError('relative jump to an absolute address is not supported');
      } else if (this.final) {
        const warning = overflow(n, f);
        if (warning) this.warnings.push({ line: this.line, message: `${warning} [-w+number-overflow]` });
      }
      for (let i = 0; i < f.size; i++) enc.bytes[f.at + i] = Number((BigInt.asUintN(64, n) >> BigInt(8 * i)) & 0xffn);
    }
    s.emit(enc.bytes);
  }

  orderedSymbols(): SymbolDef[] {
    return [...this.symbols.values()].filter((s) => !s.extern || s.extern.used);
  }
}

function relocType(f: Fixup): number {
  if (f.pcrel) {
    if (f.size !== 4) throw new AsmError('short jump to a symbol in another section');
    return f.plt ? R_X86_64_PLT32 : R_X86_64_PC32;
  }
  switch (f.size) {
    case 8:
      return R_X86_64_64;
    case 4:
      return f.signed ? R_X86_64_32S : R_X86_64_32;
    case 2:
      return R_X86_64_16;
    default:
      return R_X86_64_8;
  }
}

/**
 * NASM's warning for a constant too big for its field: an n-bit field takes -2^n..2^n-1 (so both
 * signed and unsigned readings pass), a sign-extended imm32 only -2^31..2^31-1. Sign-extended
 * 8-bit immediates are only chosen when the value fits, so they are not checked.
 */
function overflow(n: bigint, f: Fixup): string | null {
  const limit = 1n << BigInt(f.size * 8);
  if (f.size === 4 && f.signed) {
    if (n >= 1n << 31n) return 'signed dword value exceeds bounds';
    if (n < -(1n << 31n)) return 'signed dword immediate exceeds bounds';
    return null;
  }
  if (f.size === 8 || (f.size === 1 && f.signed) || (n >= -limit && n < limit)) return null;
  return `${{ 1: 'byte', 2: 'word', 4: 'dword' }[f.size as 1 | 2 | 4]} data exceeds bounds`;
}
