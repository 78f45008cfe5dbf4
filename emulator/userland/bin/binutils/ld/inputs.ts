// ld's view of its input files: each ELF64 relocatable object with its sections, symbols and
// relocations. A section lands in one output section; `outOffset` is where within it.

import { EM_X86_64, ET_REL, SHF_ALLOC, SHF_EXECINSTR, SHT_NOBITS, SHT_PROGBITS, SHT_RELA, STT_FILE } from '../../../../uapi/elf';
import { ElfError, ElfFile, isElf } from '../../../lib/elf/read';
import type { Elf64Rela, Elf64Shdr, Elf64Sym } from '../../../lib/elf/types';
import type { OutputSection } from './layout';

export interface InputSection {
  obj: InputObject;
  index: number;
  shdr: Elf64Shdr;
  data: Uint8Array;
  relocs: Elf64Rela[];
  out: OutputSection | null;
  outOffset: number;
}

export interface InputObject {
  /** The name as given on the command line. */
  path: string;
  elf: ElfFile;
  /** By section index; null for those not linked (symbol tables, notes, relocations). */
  sections: (InputSection | null)[];
  symbols: Elf64Sym[];
  /** The source file name from the STT_FILE symbol (what diagnostics show), if any. */
  sourceName: string | null;
  /** .note.GNU-stack: absent (null), or whether it asks for an executable stack. */
  stackNote: { exec: boolean } | null;
}

export class LinkError extends Error {}

/** Parse one input; throws LinkError with ld's wording for what it cannot link. */
export function readObject(path: string, bytes: Uint8Array): InputObject {
  if (!isElf(bytes)) throw new LinkError(`${path}: file format not recognized`);
  let elf: ElfFile;
  try {
    elf = new ElfFile(bytes);
  } catch (e) {
    if (e instanceof ElfError) throw new LinkError(`${path}: file format not recognized`);
    throw e;
  }
  if (elf.header.machine !== EM_X86_64) throw new LinkError(`${path}: file in wrong format`);
  if (elf.header.type !== ET_REL) throw new LinkError(`${path}: linking of executables and shared objects is not supported`);
  const symtab = elf.symtab();
  const symbols = symtab ? elf.symbols(symtab) : [];
  const obj: InputObject = {
    path, elf, sections: [], symbols,
    sourceName: symbols.find((s) => s.type === STT_FILE)?.name ?? null,
    stackNote: null,
  };
  elf.sections.forEach((shdr, index) => {
    if (shdr.name === '.note.GNU-stack') obj.stackNote = { exec: (shdr.flags & SHF_EXECINSTR) !== 0 };
    const linked = (shdr.type === SHT_PROGBITS || shdr.type === SHT_NOBITS) && (shdr.flags & SHF_ALLOC) !== 0;
    obj.sections.push(linked ? { obj, index, shdr, data: elf.contents(shdr), relocs: [], out: null, outOffset: 0 } : null);
  });
  for (const shdr of elf.sections) {
    if (shdr.type !== SHT_RELA) continue;
    const target = obj.sections[shdr.info];
    if (target) target.relocs = elf.relocations(shdr);
  }
  return obj;
}
