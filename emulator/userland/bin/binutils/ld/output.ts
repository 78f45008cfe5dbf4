// Writing the executable as GNU ld lays it out: ELF header and program headers at the start, the
// section contents at their offsets, then .symtab (8-aligned), .strtab and .shstrtab, and the
// section header table (8-aligned) at the end. The symbol table has each input's FILE symbol and
// locals, then the globals; the string tables share tails ("_start" inside "__bss_start").

import {
  ELF64_SYM_SIZE, ET_EXEC, PF_R, PF_W, PF_X, PT_GNU_STACK, PT_LOAD, SHN_ABS, SHT_NOBITS, SHT_STRTAB, SHT_SYMTAB,
  STB_LOCAL, STT_SECTION,
} from '../../../../uapi/elf';
import { ByteWriter } from '../../../lib/elf/bytes';
import { StringTable } from '../../../lib/elf/strtab';
import { NULL_SHDR, writeEhdr, writePhdr, writeShdr, writeSym } from '../../../lib/elf/write';
import type { Elf64Phdr, Elf64Sym } from '../../../lib/elf/types';
import type { InputObject } from './inputs';
import { IMAGE_BASE, PAGE, type Layout } from './layout';
import type { SymbolTable } from './symbols';

export interface Image {
  layout: Layout;
  /** Section contents after relocation, by output section index. */
  contents: Map<number, Uint8Array>;
  entry: number;
  /** PT_GNU_STACK: absent, or whether the stack is executable. */
  stack: { exec: boolean } | null;
}

const alignUp = (n: number, a: number) => Math.ceil(n / a) * a;

export function programHeaders(img: Image): Elf64Phdr[] {
  const { layout } = img;
  const phnum = 1 + layout.segments.length + (img.stack ? 1 : 0);
  const headers = 64 + 56 * phnum;
  const out: Elf64Phdr[] = [{ type: PT_LOAD, flags: PF_R, offset: 0, vaddr: IMAGE_BASE, paddr: IMAGE_BASE, filesz: headers, memsz: headers, align: PAGE }];
  for (const seg of layout.segments) {
    const first = seg.sections[0]!;
    const last = seg.sections.at(-1)!;
    const withBytes = seg.sections.filter((s) => s.type !== SHT_NOBITS);
    const lastBytes = withBytes.at(-1);
    const filesz = lastBytes ? lastBytes.addr + lastBytes.size - first.addr : 0;
    const flags = seg.flags === 'R E' ? PF_R | PF_X : seg.flags === 'R' ? PF_R : PF_R | PF_W;
    // A segment of .bss alone has no bytes in the file; its offset is just the address's page offset.
    const offset = withBytes.length ? first.offset : first.addr % PAGE;
    out.push({ type: PT_LOAD, flags, offset, vaddr: first.addr, paddr: first.addr, filesz, memsz: last.addr + last.size - first.addr, align: PAGE });
  }
  if (img.stack) out.push({ type: PT_GNU_STACK, flags: PF_R | PF_W | (img.stack.exec ? PF_X : 0), offset: 0, vaddr: 0, paddr: 0, filesz: 0, memsz: 0, align: 16 });
  return out;
}

type Sym = Omit<Elf64Sym, 'nameOff'>;

/** The output symbol table: null, then per input its FILE symbol and locals, then the globals. */
function outputSymbols(objects: InputObject[], symbols: SymbolTable): { syms: Sym[]; firstGlobal: number } {
  const syms: Sym[] = [{ name: '', bind: STB_LOCAL, type: 0, other: 0, shndx: 0, value: 0n, size: 0 }];
  for (const obj of objects) {
    for (const s of obj.symbols) {
      if (s.bind !== STB_LOCAL || s.type === STT_SECTION || s.name === '') continue;
      if (s.shndx === SHN_ABS) {
        syms.push({ ...s });
        continue;
      }
      const sec = obj.sections[s.shndx];
      if (!sec?.out) continue; // in a section that is not linked
      syms.push({ ...s, shndx: sec.out.index, value: BigInt(sec.out.addr + sec.outOffset) + s.value });
    }
  }
  const firstGlobal = syms.length;
  for (const g of symbols.outputOrder()) {
    syms.push({ name: g.name, bind: g.bind, type: g.type, other: g.def?.sym.other ?? 0, shndx: g.shndx, value: BigInt(g.value), size: g.def?.sym.size ?? 0 });
  }
  return { syms, firstGlobal };
}

/** With `strip` (ld -s), no symbol table: only the sections and .shstrtab. */
export function writeExecutable(img: Image, objects: InputObject[], symbols: SymbolTable, strip = false): Uint8Array {
  const { layout } = img;
  const phdrs = programHeaders(img);
  const { syms, firstGlobal } = strip ? { syms: [], firstGlobal: 0 } : outputSymbols(objects, symbols);
  const strtab = new StringTable(true);
  for (const s of syms) strtab.add(s.name);
  const strBytes = strtab.finish();
  const symBytes = new ByteWriter();
  for (const s of syms) writeSym(symBytes, { ...s, nameOff: strtab.offset(s.name) });
  const shstrtab = new StringTable(true);
  for (const n of [...(strip ? [] : ['.symtab', '.strtab']), '.shstrtab', ...layout.sections.map((s) => s.name)]) shstrtab.add(n);
  const shstrBytes = shstrtab.finish();

  const nOut = layout.sections.length;
  const symtabOff = alignUp(layout.fileEnd, 8);
  const strtabOff = symtabOff + symBytes.length;
  const shstrOff = strip ? layout.fileEnd : strtabOff + strBytes.length;
  const shoff = alignUp(shstrOff + shstrBytes.length, 8);
  const tables = strip ? 1 : 3;

  const w = new ByteWriter();
  writeEhdr(w, { type: ET_EXEC, entry: img.entry, phoff: 64, phnum: phdrs.length, shoff, shnum: nOut + 1 + tables, shstrndx: nOut + tables });
  for (const p of phdrs) writePhdr(w, p);
  for (const s of layout.sections) {
    if (s.type === SHT_NOBITS) continue;
    w.padTo(s.offset);
    w.bytes(img.contents.get(s.index)!);
  }
  if (!strip) {
    w.padTo(symtabOff);
    w.bytes(symBytes.result()).bytes(strBytes);
  }
  w.padTo(shstrOff);
  w.bytes(shstrBytes);
  w.padTo(shoff);
  writeShdr(w, NULL_SHDR);
  for (const s of layout.sections) {
    writeShdr(w, { nameOff: shstrtab.offset(s.name), type: s.type, flags: s.flags, addr: s.addr, offset: s.offset, size: s.size, link: 0, info: 0, addralign: s.align, entsize: 0 });
  }
  const table = (name: string, type: number, offset: number, size: number, extra: Partial<{ link: number; info: number; addralign: number; entsize: number }> = {}) =>
    writeShdr(w, { nameOff: shstrtab.offset(name), type, flags: 0, addr: 0, offset, size, link: 0, info: 0, addralign: 1, entsize: 0, ...extra });
  if (!strip) {
    table('.symtab', SHT_SYMTAB, symtabOff, symBytes.length, { link: nOut + 2, info: firstGlobal, addralign: 8, entsize: ELF64_SYM_SIZE });
    table('.strtab', SHT_STRTAB, strtabOff, strBytes.length);
  }
  table('.shstrtab', SHT_STRTAB, shstrOff, shstrBytes.length);
  return w.result();
}
