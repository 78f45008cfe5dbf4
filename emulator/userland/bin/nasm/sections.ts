// The sections and symbols an assembly builds, with NASM's defaults for the standard section
// names (`section .data` is PROGBITS, alloc+write, 4-byte aligned, and so on).

import { SHF_ALLOC, SHF_EXECINSTR, SHF_WRITE } from '../../../uapi/elf';
import type { RelBase, Value } from './expr';

export interface Reloc {
  /** Offset of the field in the section. */
  offset: number;
  type: number;
  target: RelBase;
  addend: bigint;
}

export class Section implements RelBase {
  bytes: number[] = [];
  /** Current size (for NOBITS sections, bytes are only counted). */
  size = 0;
  relocs: Reloc[] = [];
  constructor(
    readonly name: string,
    readonly nobits: boolean,
    readonly flags: number,
    public align: number,
  ) {}

  reset(): void {
    this.bytes = [];
    this.size = 0;
    this.relocs = [];
  }

  emit(b: number[]): void {
    if (!this.nobits) this.bytes.push(...b);
    this.size += b.length;
  }

  reserve(n: number, fill = 0): void {
    if (!this.nobits) for (let i = 0; i < n; i++) this.bytes.push(fill);
    this.size += n;
  }
}

/** An `extern` symbol: relocations name it directly. */
export class ExternSymbol implements RelBase {
  used = false;
  constructor(readonly name: string) {}
}

export interface SymbolDef {
  name: string;
  /** A label's section and offset, or an equ's value; externs have their ExternSymbol. */
  value: Value | null;
  extern: ExternSymbol | null;
  global: boolean;
  /** STT_NOTYPE, or STT_FUNC/STT_OBJECT from `global name:function`/`:data`. */
  type: number;
}

const STANDARD: Record<string, { nobits: boolean; flags: number; align: number }> = {
  '.text': { nobits: false, flags: SHF_ALLOC | SHF_EXECINSTR, align: 16 },
  '.data': { nobits: false, flags: SHF_ALLOC | SHF_WRITE, align: 4 },
  '.rodata': { nobits: false, flags: SHF_ALLOC, align: 4 },
  '.bss': { nobits: true, flags: SHF_ALLOC | SHF_WRITE, align: 4 },
};

/** A new section from its name and `section` line attributes (progbits/nobits, alloc, exec, write, align=N). */
export function newSection(name: string, attrs: string[]): Section {
  const d = { ...(STANDARD[name] ?? { nobits: false, flags: SHF_ALLOC, align: 1 }) };
  for (const a of attrs) {
    if (a === 'progbits' || a === 'nobits') d.nobits = a === 'nobits';
    else if (a === 'alloc' || a === 'noalloc') d.flags = a === 'alloc' ? d.flags | SHF_ALLOC : d.flags & ~SHF_ALLOC;
    else if (a === 'exec' || a === 'noexec') d.flags = a === 'exec' ? d.flags | SHF_EXECINSTR : d.flags & ~SHF_EXECINSTR;
    else if (a === 'write' || a === 'nowrite') d.flags = a === 'write' ? d.flags | SHF_WRITE : d.flags & ~SHF_WRITE;
    else if (a.startsWith('align=')) d.align = Number(a.slice(6));
  }
  return new Section(name, d.nobits, d.flags, d.align);
}
