// Decoding one x86-64 instruction: prefixes (prefixes.ts), the opcode (one byte, 0F and a
// second, or 0F 38/0F 3A and a third), ModRM and SIB (modrm.ts), displacement, immediates. The
// opcode tables (tables.ts, x87.ts) say what the operands are; this file reads their bytes and
// resolves sizes and register names.

import type { Instruction, MemSize, Operand } from './types';
import { ONE_BYTE, THREE_38, THREE_3A, TWO_BYTE, type Entry, type Group, type Mandatory, type MapSlot, type Slot } from './tables';
import { addrReg, gpr, mmx, xmm } from './registers';
import { X87_MEM, X87_REG } from './x87';
import { isLegacyPrefix, isRex, Prefixes, REX_B, REX_R, REX_W, rexName } from './prefixes';
import { rmOperand } from './modrm';

class Truncated extends Error {}

const SEG = ['es', 'cs', 'ss', 'ds', 'fs', 'gs'];
const CMP_PREDICATES = ['eq', 'lt', 'le', 'unord', 'neq', 'nlt', 'nle', 'ord'];
const PCLMUL_HALVES: Record<number, string> = { 0: 'lqlq', 1: 'hqlq', 2: 'lqhq', 3: 'hqhq', 0x10: 'lqhq', 0x11: 'hqhq' };

const isGroup = (s: Slot | Mandatory): s is Group => !!s && 'group' in s;
const isMandatory = (s: MapSlot): s is Mandatory =>
  !!s && !('names' in s) && !('group' in s);

/**
 * The x87 "no-wait" instructions binutils names with an N: after an fwait (9b) they are one
 * instruction with the wait, and the n goes (9b db e3 is finit, 9b df e0 fstsw).
 */
const NO_WAIT = new Set(['fnstenv', 'fnstcw', 'fnsave', 'fnstsw', 'fnclex', 'fninit', 'fneni', 'fndisi', 'fnsetpm']);
const dropN = (name: string) => {
  const base = name.replace(/\(.*$/, '');
  return NO_WAIT.has(base) ? `f${name.slice(2)}` : name;
};

/** Decode the instruction at `code[start]`, whose address is `address`. Never throws. */
export function decode(code: Uint8Array, start: number, address: bigint): Instruction {
  // fwait followed by an x87 escape: binutils decodes the two as one instruction.
  if (code[start] === 0x9b && start + 1 < code.length && code[start + 1]! >= 0xd8 && code[start + 1]! <= 0xdf) {
    const next = decode(code, start + 1, address + 1n);
    if (!next.bad) {
      return { ...next, length: next.length + 1, intel: dropN(next.intel), ...(next.att !== undefined ? { att: dropN(next.att) } : {}) };
    }
  }
  const d = new Decoder(code, start, address);
  try {
    return d.run();
  } catch (e) {
    if (!(e instanceof Truncated)) throw e;
    // Only prefixes before the end: objdump prints them by name ("rex.W", "data16").
    const names = d.onlyPrefixes();
    if (names) return { length: code.length - start, intel: '', prefixes: names, operands: [] };
    // Cut off by the end of the block: objdump shows the first byte as data and goes on.
    return { length: 1, intel: '', prefixes: [], operands: [], bad: 'truncated' };
  }
}

class Decoder {
  private p: number;
  private pfx = new Prefixes();
  /** Whether the first operand is memory: F2/F3 may then be lock elision hints. */
  private memDest = false;
  private modrmByte = -1;
  private ripDisp: bigint | null = null;
  private flags = new Set<string>();

  constructor(private code: Uint8Array, private start: number, private address: bigint) {
    this.p = start;
  }

  private byte(): number {
    if (this.p >= this.code.length) throw new Truncated();
    return this.code[this.p++]!;
  }

  private signed(n: 1 | 2 | 4 | 8): bigint {
    let v = 0n;
    for (let i = 0; i < n; i++) v |= BigInt(this.byte()) << BigInt(8 * i);
    return BigInt.asIntN(8 * n, v);
  }


  /** The operand size in bytes: REX.W, else 66, else 4 (8 for "default 64-bit" instructions). */
  private osize(): 2 | 4 | 8 {
    if (this.flags.has('d64')) {
      // push, pop, near branches: 64-bit already, so REX.W changes nothing and 66 makes 16
      if (this.pfx.rex & REX_W) return 8;
      if (this.pfx.has(0x66) && !this.pfx.mand66) {
        this.pfx.used.add(0x66);
        return 2;
      }
      return 8;
    }
    if (this.pfx.rex & REX_W) {
      this.pfx.rexUsed |= REX_W;
      return 8; // a 66 prefix as well is overridden, and objdump names it "data16"

    }
    if (this.pfx.has(0x66) && !this.pfx.mand66) {
      this.pfx.used.add(0x66);
      return 2;
    }
    return 4;
  }

  private size(letter: string): number {
    switch (letter) {
      case 'b': return 1;
      case 'w': return 2;
      case 'd': return 4;
      case 'q': return 8;
      case 'x': return 16;
      case 'y': return this.pfx.rex & REX_W ? ((this.pfx.rexUsed |= REX_W), 8) : 4;
      case 'z': return this.pfx.has(0x66) && !this.pfx.mand66 ? ((this.pfx.used.add(0x66)), 2) : 4;
      default: return this.osize();
    }
  }

  private modrm(): number {
    if (this.modrmByte < 0) this.modrmByte = this.byte();
    return this.modrmByte;
  }

  private regField(): number {
    this.pfx.rexUsed |= this.pfx.rex & REX_R;
    return ((this.modrm() >> 3) & 7) | (this.pfx.rex & REX_R ? 8 : 0);
  }

  private gpr(n: number, size: number): string {
    if (size === 1 && n >= 4 && n < 8) this.pfx.byteReg = true; // spl/bpl/sil/dil rather than ah/ch/dh/bh
    return gpr(n, size, this.pfx.rex !== 0);
  }


  /** The r/m operand: a register (via `reg`) when mod == 3, else the memory address (modrm.ts). */
  private rm(size: number, reg: ((n: number) => string) | null): Operand | null {
    const { op, ripDisp } = rmOperand(this.reader, this.pfx, this.modrm(), size, reg);
    if (ripDisp !== undefined) this.ripDisp = ripDisp;
    return op;
  }

  private reader = { byte: () => this.byte(), signed: (n: 1 | 2 | 4 | 8) => this.signed(n) };

  private imm(size: number, signExtendTo = 0): Operand {
    const v = this.signed(size as 1 | 2 | 4 | 8);
    const to = signExtendTo || size;
    return { kind: 'imm', value: BigInt.asUintN(8 * to, v) };
  }

  /** ds:[rsi] (or another segment by override), es:[rdi], or xlat's ds:[rbx]. */
  private stringOp(rsi: boolean, size: number, reg = rsi ? 6 : 7): Operand {
    const a32 = this.pfx.has(0x67);
    if (a32) this.pfx.used.add(0x67);
    const seg = rsi ? this.pfx.segOverride() ?? 'ds' : 'es';
    return { kind: 'mem', size: size as MemSize, stringSeg: seg, base: addrReg(reg, a32), scale: 1, disp: 0n, hasDisp: false };
  }

  /** One operand from its table notation; null when the bytes do not fit it (→ "(bad)"). */
  private operand(spec: string, opcode: number): Operand | null | 'one' {
    const k = spec[0]!;
    const s = spec.slice(1);
    switch (spec) {
      case 'AL': return { kind: 'reg', name: 'al' };
      case 'CL': return { kind: 'reg', name: 'cl', count: true };
      case 'XMM0': return { kind: 'reg', name: 'xmm0' };
      case 'FS': return { kind: 'reg', name: 'fs' };
      case 'GS': return { kind: 'reg', name: 'gs' };
      case 'DX': return { kind: 'reg', name: 'dx', port: true, count: true };
      case 'eAX': return { kind: 'reg', name: this.pfx.has(0x66) ? ((this.pfx.used.add(0x66)), 'ax') : 'eax' };
      case 'rAX': return { kind: 'reg', name: this.gpr(0, this.osize()) };
      case '1': return 'one';
      case 'Xlat': return this.stringOp(true, 1, 3);
    }
    switch (k) {
      case 'E': case 'F': {
        if (s.length === 2) {
          // a register of one size, or memory of another (pextrb: a dword register or a byte)
          return this.rm(this.size(s[1]!), (n) => this.gpr(n, this.size(s[0]!)));
        }
        const size = this.size(s);
        return this.rm(size, (n) => this.gpr(n, size));
      }
      case 'M': return this.rm(s ? this.size(s) : 0, null);
      case 'G': return { kind: 'reg', name: this.gpr(this.regField(), this.size(s)) };
      case 'Z': {
        this.pfx.rexUsed |= this.pfx.rex & REX_B;
        return { kind: 'reg', name: this.gpr((opcode & 7) | (this.pfx.rex & REX_B ? 8 : 0), this.size(s)) };
      }
      case 'S': {
        const r = (this.modrm() >> 3) & 7;
        return r < 6 ? { kind: 'reg', name: SEG[r]! } : null;
      }
      case 'V': return { kind: 'reg', name: xmm(this.regField()) };
      case 'W': return this.rm(this.size(s), xmm);
      case 'U': return this.modrm() >> 6 === 3 ? this.rm(16, xmm) : null;
      case 'P': return { kind: 'reg', name: mmx((this.modrm() >> 3) & 7) };
      case 'Q': return this.rm(8, mmx);
      case 'N': return this.modrm() >> 6 === 3 ? this.rm(8, mmx) : null;
      case 'X': return this.stringOp(true, this.size(s));
      case 'Y': return this.stringOp(false, this.size(s));
      case 'O': {
        const a = this.signed(8);
        const op: Operand = { kind: 'mem', size: 0, scale: 1, disp: a, hasDisp: true };
        const seg = this.pfx.segOverride();
        if (seg) op.seg = seg;
        return op;
      }
      case 'J': {
        // Jz under a 66 prefix: a 16-bit displacement, and the target wraps within 64K
        const word = s === 'z' && this.osize() === 2;
        const disp = this.signed(s === 'b' ? 1 : word ? 2 : 4);
        const target = this.address + BigInt(this.p - this.start) + disp;
        return { kind: 'rel', target: word ? target & 0xffffn : BigInt.asUintN(64, target) };
      }
      case 'I': {
        if (s === 'b') return this.imm(1);
        if (s === 'w') return this.imm(2);
        if (s === 's') return this.imm(1, this.osize());
        if (s === 'z') {
          const os = this.osize();
          return this.imm(os === 2 ? 2 : 4, os);
        }
        return this.imm(this.osize()); // Iv: mov r, imm of the full operand size
      }
    }
    throw new Error(`objdump: bad operand notation ${spec}`);
  }


  /**
   * Resolve a map slot to an entry: mandatory prefix, then group by ModRM. In a table keyed by
   * prefix, the last F2/F3, else 66, selects the entry and is consumed; a prefix the table has
   * no entry for makes the instruction "(bad)" (unless the entry says 66 is just the operand size).
   */
  private resolve(slot: MapSlot): Entry | null {
    if (isMandatory(slot)) {
      const rep = [...this.pfx.bytes].reverse().find((b) => b === 0xf2 || b === 0xf3);
      const key = rep ?? (this.pfx.has(0x66) ? 0x66 : 0);
      const chosen = key === 0xf3 ? slot.pF3 : key === 0xf2 ? slot.pF2 : key === 0x66 ? slot.p66 : slot._;
      if (key) {
        this.pfx.used.add(key);
        this.pfx.mandatory = key;
      }
      if (!chosen) return null;
      if (key === 0x66) this.pfx.mand66 = true;
      slot = chosen;
    }
    const entry = this.group(slot);
    if (entry?.flags.has('osz66') && this.pfx.mand66) {
      this.pfx.mand66 = false;
      this.pfx.used.delete(0x66);
      this.pfx.mandatory = 0;
    }
    return entry;
  }

  private group(slot: Slot): Entry | null {
    if (isGroup(slot)) {
      const m = this.modrm();
      if (m >> 6 === 3 && slot.reg) return typeof slot.reg === 'function' ? slot.reg(m) : slot.reg[(m >> 3) & 7] ?? null;
      return slot.group[(m >> 3) & 7] ?? null;
    }
    return slot;
  }

  private inOpcode = false;

  /** When the bytes ran out among the prefixes: their names. */
  onlyPrefixes(): string[] | null {
    if (this.inOpcode || (!this.pfx.bytes.length && !this.pfx.rex)) return null;
    return [...this.pfx.names(this.flags, this.memDest, false), ...(this.pfx.rex ? [rexName(this.pfx.rex)] : [])];
  }

  /** Where the opcode bytes end: an undecodable instruction is that long (ModRM not counted). */
  private opcodeEnd = 0;

  private bad(): Instruction {
    this.p = this.opcodeEnd;
    this.pfx.reset(); // nothing was decoded: every prefix is named, but a consumed mandatory one
    return { length: this.opcodeEnd - this.start, intel: '(bad)', prefixes: this.pfx.names(this.flags, this.memDest), operands: [], bad: 'bad' };
  }

  run(): Instruction {
    // Prefixes. A REX counts only right before the opcode: a legacy prefix after it makes the
    // REX a one-byte "instruction" of its own, as objdump prints it.
    let b = this.byte();
    for (;;) {
      if (isLegacyPrefix(b) || isRex(b)) {
        if (this.pfx.rex) {
          // the REX ends here, unused, as an "instruction" of its own
          this.p--;
          return { length: this.p - this.start, intel: '', prefixes: [...this.pfx.names(this.flags, false, false), rexName(this.pfx.rex)], operands: [] };
        }
        if (isRex(b)) this.pfx.rex = b;
        else this.pfx.bytes.push(b);
      } else break;
      b = this.byte();
    }

    this.inOpcode = true;
    let opcode = b;
    let entry: Entry | null;
    if (b === 0x0f) opcode = this.byte();
    const three = b === 0x0f && (opcode === 0x38 || opcode === 0x3a) ? opcode : 0;
    if (three) opcode = this.byte();
    this.opcodeEnd = this.p;
    if (b >= 0xd8 && b <= 0xdf) return this.x87(b);
    if (b === 0x0f && opcode === 0x1e && this.pfx.has(0xf3) && (this.code[this.p] === 0xfa || this.code[this.p] === 0xfb)) {
      this.pfx.used.add(0xf3);
      entry = { names: [this.byte() === 0xfa ? 'endbr64' : 'endbr32'], ops: [], flags: new Set() };
    } else if (three) {
      entry = this.resolve((three === 0x38 ? THREE_38 : THREE_3A)[opcode]!);
    } else if (b === 0x0f) {
      entry = this.resolve(TWO_BYTE[opcode]!);
    } else if (b === 0x90) {
      if (this.pfx.rex & REX_B) entry = ONE_BYTE[0x91] as Entry;
      else if (this.pfx.has(0xf3)) {
        this.pfx.used.add(0xf3);
        entry = { names: ['pause'], ops: [], flags: new Set() };
      } else if (this.pfx.has(0x66)) entry = ONE_BYTE[0x91] as Entry;
      else entry = ONE_BYTE[0x90] as Entry;
    } else {
      entry = this.resolve(ONE_BYTE[b]!);
    }
    if (!entry) return this.bad();
    this.flags = entry.flags;

    const operands: Operand[] = [];
    let shiftOne = false;
    for (const spec of entry.ops) {
      const op = this.operand(spec, opcode);
      if (op === null) return this.bad();
      if (op === 'one') shiftOne = true;
      else operands.push(op);
    }
    const length = this.p - this.start;
    this.memDest = operands[0]?.kind === 'mem';
    if (this.ripDisp !== null) {
      const m = operands.find((o) => o.kind === 'mem' && (o.base === 'rip' || o.base === 'eip'));
      if (m && m.kind === 'mem') m.ripTarget = BigInt.asUintN(64, this.address + BigInt(length) + this.ripDisp);
    }

    const insn: Instruction = { length, intel: this.mnemonic(entry, b, opcode), prefixes: [], operands };
    const pred = operands[2];
    if (entry.flags.has('cmpcc') && pred?.kind === 'imm' && pred.value < 8n) {
      insn.intel = `cmp${CMP_PREDICATES[Number(pred.value)]}${insn.intel.slice(3)}`;
      operands.pop();
    }
    const halves = pred?.kind === 'imm' ? PCLMUL_HALVES[Number(pred.value)] : undefined;
    if (entry.flags.has('pclmul') && halves) {
      insn.intel = `pclmul${halves}dq`; // which quadword of each operand: pclmullqhqdq…
      operands.pop();
    }
    if (entry.flags.has('w16') && this.osize() === 2) {
      insn.intel += 'w'; // "pushw $0x3", "retw", "callw": both syntaxes name a 16-bit stack operation
    }
    if (insn.intel === 'monitor') insn.attOperands = '%rax,%ecx,%edx';
    if (insn.intel === 'mwait') insn.attOperands = '%eax,%ecx';
    if (shiftOne) insn.shiftOne = true;
    if (entry.flags.has('ind')) insn.indirect = true;
    insn.att = this.attMnemonic(entry, insn);
    this.attSuffix(entry, insn, operands);
    insn.prefixes = this.pfx.names(this.flags, this.memDest);
    if (insn.intel.startsWith('loop') && this.pfx.has(0x67)) {
      // counting in ecx: AT&T says "loopl", Intel keeps the prefix's name
      insn.att = `${insn.intel}l`;
      insn.attPrefixes = insn.prefixes.filter((p) => p !== 'addr32');
    }
    return insn;
  }

  /** D8-DF: the x87 escapes (x87.ts). */
  private x87(op: number): Instruction {
    const m = this.modrm();
    const reg = (m >> 3) & 7;
    let insn: Instruction;
    if (m >> 6 !== 3) {
      const form = X87_MEM[op - 0xd8]![reg]!;
      const mem = this.rm(form ? form[2] : 0, null)!;
      insn = form
        ? { length: 0, intel: form[0], att: form[1], prefixes: [], operands: [mem] }
        : { length: 0, intel: '(bad)', prefixes: [], operands: [mem] }; // shown with its operand
    } else {
      const row = X87_REG[op - 0xd8]![reg];
      const i = m & 7;
      const st = (n: number): Operand => ({ kind: 'reg', name: `st(${n})` });
      const top: Operand = { kind: 'reg', name: 'st' };
      if (op === 0xdf && m === 0xe0) insn = { length: 0, intel: 'fnstsw', prefixes: [], operands: [{ kind: 'reg', name: 'ax' }] };
      else if (Array.isArray(row)) insn = { length: 0, intel: row[i] || '(bad)', prefixes: [], operands: [] };
      else if (!row) insn = { length: 0, intel: '(bad)', prefixes: [], operands: [] };
      else {
        const ops: Operand[] =
          row.ops === 'st,sti' ? [top, st(i)] : row.ops === 'sti,st' ? [st(i), top] : [st(i)];
        insn = { length: 0, intel: row.intel, prefixes: [], operands: ops };
        if (row.att !== row.intel) insn.att = row.att;
      }
    }
    const length = this.p - this.start;
    insn.length = length;
    const mem = insn.operands[0];
    if (this.ripDisp !== null && mem?.kind === 'mem') mem.ripTarget = BigInt.asUintN(64, this.address + BigInt(length) + this.ripDisp);
    insn.prefixes = this.pfx.names(this.flags, this.memDest);
    return insn;
  }

  private mnemonic(entry: Entry, first: number, opcode: number): string {
    const n = entry.names;
    if (first === 0x0f && n.length === 1) return n[0]!;
    if (first !== 0x0f && (opcode & 0xf8) === 0xb8 && this.pfx.rex & REX_W) return 'movabs';
    if (first === 0xe3 && this.pfx.has(0x67)) {
      this.pfx.used.add(0x67); // count in ecx
      return 'jecxz';
    }
    if (n.length === 2) {
      this.pfx.rexUsed |= this.pfx.rex & REX_W;
      return n[this.pfx.rex & REX_W ? 1 : 0]!;
    }
    if (n.length === 3) return n[[2, 4, 8].indexOf(this.osize())]!;
    return n[0]!;
  }

  /** AT&T's own name where it is more than Intel's plus a suffix: movzbl, movslq, cltq, lret. */
  private attMnemonic(entry: Entry, insn: Instruction): string | undefined {
    const letter = (n: number) => ({ 1: 'b', 2: 'w', 4: 'l', 8: 'q' })[n] ?? '';
    if (entry.flags.has('movx')) {
      const src = entry.ops[1]!.endsWith('b') ? 1 : 2;
      const dst = this.osize();
      return `${insn.intel === 'movzx' ? 'movz' : 'movs'}${letter(src)}${letter(dst)}`;
    }
    if (insn.intel === 'movsxd') return this.osize() === 8 ? 'movslq' : undefined;
    if (entry.att) {
      if (entry.att.length === 3) return entry.att[[2, 4, 8].indexOf(this.osize())];
      return entry.att[entry.att.length === 2 && this.pfx.rex & REX_W ? 1 : 0];
    }
    return undefined;
  }

  /** AT&T adds b/w/l/q when no register operand shows the size. */
  private attSuffix(entry: Entry, insn: Instruction, ops: Operand[]): void {
    if (entry.flags.has('nosuf') || entry.flags.has('movx') || insn.att) return;
    const letter = (n: number) => ({ 1: 'b', 2: 'w', 4: 'l', 8: 'q' })[n];
    if (entry.flags.has('memsuf')) {
      const mem = ops.find((o) => o.kind === 'mem');
      if (mem && mem.kind === 'mem') insn.suffix = letter(mem.size);
      return;
    }
    if (ops.some((o) => o.kind === 'reg' && !o.count)) return;
    if (entry.flags.has('d64')) {
      if (ops.some((o) => o.kind === 'mem') && this.pfx.has(0x66) && this.pfx.used.has(0x66)) insn.suffix = 'w';
      return;
    }
    const mem = ops.find((o) => o.kind === 'mem');
    if (mem && mem.kind === 'mem') insn.suffix = letter(mem.size);
  }
}

