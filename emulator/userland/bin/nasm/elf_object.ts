// Writing the assembly as an ELF64 relocatable object laid out as NASM's elf64 backend does:
// the ELF header, the section header table right after it, then each section's contents at a
// 16-byte boundary in this order — the program's sections as first named, .shstrtab, .symtab,
// .strtab, and a .rela.<name> for each section that has relocations. The symbol table holds the
// file name, one symbol per section (relocations against local labels name the section, with the
// label's offset as addend), the local labels and equs, then the globals and used externs.

import {
  ELF64_EHDR_SIZE, ELF64_RELA_SIZE, ELF64_SHDR_SIZE, ELF64_SYM_SIZE, ET_REL, SHN_ABS, SHN_UNDEF, SHT_NOBITS,
  SHT_PROGBITS, SHT_RELA, SHT_STRTAB, SHT_SYMTAB, STB_GLOBAL, STB_LOCAL, STT_FILE, STT_NOTYPE, STT_SECTION,
} from '../../../uapi/elf';
import { ByteWriter } from '../../lib/elf/bytes';
import { StringTable } from '../../lib/elf/strtab';
import { NULL_SHDR, writeEhdr, writeRela, writeShdr, writeSym } from '../../lib/elf/write';
import type { Elf64Shdr, Elf64Sym } from '../../lib/elf/types';
import type { RelBase } from './expr';
import { Section, type SymbolDef } from './sections';

type Shdr = Omit<Elf64Shdr, 'name' | 'nameOff' | 'offset'> & { name: string; data: Uint8Array };
type Sym = Omit<Elf64Sym, 'nameOff'>;

export function writeObject(sourceName: string, sections: Section[], symbols: SymbolDef[]): Uint8Array {
  // Symbols: null, file, sections, locals, globals
  const syms: Sym[] = [{ name: '', bind: STB_LOCAL, type: STT_NOTYPE, other: 0, shndx: SHN_UNDEF, value: 0n, size: 0 }];
  syms.push({ name: sourceName, bind: STB_LOCAL, type: STT_FILE, other: 0, shndx: SHN_ABS, value: 0n, size: 0 });
  const symIndex = new Map<RelBase, number>();
  sections.forEach((s, i) => {
    symIndex.set(s, syms.length);
    syms.push({ name: '', bind: STB_LOCAL, type: STT_SECTION, other: 0, shndx: i + 1, value: 0n, size: 0 });
  });
  const entry = (d: SymbolDef): Sym => {
    const bind = d.global || d.extern ? STB_GLOBAL : STB_LOCAL;
    if (d.extern) return { name: d.name, bind, type: d.type, other: 0, shndx: SHN_UNDEF, value: 0n, size: 0 };
    const v = d.value!;
    const shndx = v.rel instanceof Section ? sections.indexOf(v.rel) + 1 : SHN_ABS;
    return { name: d.name, bind, type: d.type, other: 0, shndx, value: BigInt.asUintN(64, v.n), size: 0 };
  };
  const locals = symbols.filter((d) => !d.global && !d.extern);
  const globals = symbols.filter((d) => d.global || d.extern);
  for (const d of locals) syms.push(entry(d));
  const firstGlobal = syms.length;
  for (const d of globals) {
    if (d.extern) symIndex.set(d.extern, syms.length);
    syms.push(entry(d));
  }

  // NASM adds names to .strtab as the symbols are defined, not in symbol table order.
  const strtab = new StringTable();
  strtab.add(sourceName);
  for (const d of symbols) strtab.add(d.name);
  const symtabBytes = new ByteWriter();
  for (const s of syms) writeSym(symtabBytes, { ...s, nameOff: strtab.offset(s.name) });

  const shdrs: Shdr[] = sections.map((s) => ({
    name: s.name, type: s.nobits ? SHT_NOBITS : SHT_PROGBITS, flags: s.flags, addr: 0, size: s.size,
    link: 0, info: 0, addralign: s.align, entsize: 0, data: Uint8Array.from(s.bytes),
  }));
  const nSections = sections.length;
  const shstrndx = nSections + 1;
  const symtabIndex = nSections + 2;
  const strtabIndex = nSections + 3;
  const relaSections: Shdr[] = [];
  sections.forEach((s, i) => {
    if (!s.relocs.length) return;
    const w = new ByteWriter();
    for (const r of s.relocs) writeRela(w, { offset: r.offset, type: r.type, sym: symIndex.get(r.target)!, addend: r.addend });
    relaSections.push({ name: '.rela' + s.name, type: SHT_RELA, flags: 0, addr: 0, size: w.length, link: symtabIndex, info: i + 1, addralign: 8, entsize: ELF64_RELA_SIZE, data: w.result() });
  });
  const shstrtab = new StringTable();
  const names = [...shdrs.map((s) => s.name), '.shstrtab', '.symtab', '.strtab', ...relaSections.map((s) => s.name)];
  for (const n of names) shstrtab.add(n);
  const shstrBytes = shstrtab.finish();
  const strBytes = strtab.finish();
  shdrs.push(
    { name: '.shstrtab', type: SHT_STRTAB, flags: 0, addr: 0, size: shstrBytes.length, link: 0, info: 0, addralign: 1, entsize: 0, data: shstrBytes },
    { name: '.symtab', type: SHT_SYMTAB, flags: 0, addr: 0, size: symtabBytes.length, link: strtabIndex, info: firstGlobal, addralign: 8, entsize: ELF64_SYM_SIZE, data: symtabBytes.result() },
    { name: '.strtab', type: SHT_STRTAB, flags: 0, addr: 0, size: strBytes.length, link: 0, info: 0, addralign: 1, entsize: 0, data: strBytes },
    ...relaSections,
  );

  const shnum = shdrs.length + 1;
  const w = new ByteWriter();
  writeEhdr(w, { type: ET_REL, entry: 0, phoff: 0, phnum: 0, shoff: ELF64_EHDR_SIZE, shnum, shstrndx });
  // Contents start after the header table, each at a 16-byte boundary.
  let offset = ELF64_EHDR_SIZE + shnum * ELF64_SHDR_SIZE;
  const offsets = shdrs.map((s) => {
    offset = Math.ceil(offset / 16) * 16;
    const at = offset;
    if (s.type !== SHT_NOBITS) offset += s.size;
    return at;
  });
  writeShdr(w, NULL_SHDR);
  shdrs.forEach((s, i) => writeShdr(w, { ...s, nameOff: shstrtab.offset(s.name), offset: offsets[i]! }));
  shdrs.forEach((s, i) => {
    if (s.type === SHT_NOBITS) return;
    w.padTo(offsets[i]!);
    w.bytes(s.data);
  });
  w.align(16);
  return w.result();
}
