// The header displays: -f (the file header as BFD sees it), -h (section headers) and -t (the
// symbol table), in objdump 2.40's layouts.

import {
  ET_DYN, ET_EXEC, ET_REL, SHF_ALLOC, SHF_EXCLUDE, SHF_EXECINSTR, SHF_TLS, SHF_WRITE, SHN_ABS, SHN_COMMON,
  SHN_UNDEF, SHT_NOBITS, SHT_NULL, SHT_REL, SHT_RELA, SHT_STRTAB, SHT_SYMTAB, STB_GLOBAL, STB_LOCAL, STB_WEAK,
  STT_FILE, STT_FUNC, STT_OBJECT, STT_SECTION, STV_HIDDEN, STV_INTERNAL, STV_PROTECTED,
} from '../../../../uapi/elf';
import type { ElfFile } from '../../../lib/elf/read';
import type { Elf64Shdr } from '../../../lib/elf/types';

// GNU extensions, not in uapi/elf.ts: an indirect function; a symbol unique in the process.
const STT_GNU_IFUNC = 10, STB_GNU_UNIQUE = 10;

const hex = (v: number | bigint, w: number) => BigInt.asUintN(64, BigInt(v)).toString(16).padStart(w, '0');

/** "elf64-x86-64", BFD's name for the format. */
export const FORMAT = 'elf64-x86-64';

// BFD's file flags, in the order objdump lists them.
const BFD_FLAGS: [number, string][] = [
  [0x01, 'HAS_RELOC'], [0x02, 'EXEC_P'], [0x04, 'HAS_LINENO'], [0x08, 'HAS_DEBUG'], [0x10, 'HAS_SYMS'],
  [0x20, 'HAS_LOCALS'], [0x40, 'DYNAMIC'], [0x80, 'WP_TEXT'], [0x100, 'D_PAGED'],
];

const isReloc = (s: Elf64Shdr) => s.type === SHT_RELA || s.type === SHT_REL;

/** -f: architecture, BFD flags, start address. */
export function fileHeader(elf: ElfFile): string {
  const t = elf.header.type;
  let flags = 0;
  if (t === ET_REL && elf.sections.some(isReloc)) flags |= 0x01;
  if (t === ET_EXEC) flags |= 0x02;
  const tab = elf.symtab();
  if (tab && tab.size / 24 > 1) flags |= 0x10;
  if (t === ET_DYN) flags |= 0x40;
  if (t === ET_EXEC || t === ET_DYN) flags |= 0x100;
  const names = BFD_FLAGS.filter(([bit]) => flags & bit).map(([, n]) => n);
  return (
    `architecture: i386:x86-64, flags 0x${hex(flags, 8)}:\n` +
    `${names.join(', ')}\n` +
    `start address 0x${hex(elf.header.entry, 16)}\n`
  );
}

/** The sections BFD shows: not the symbol and string tables, nor relocations of other sections. */
export function bfdSections(elf: ElfFile): Elf64Shdr[] {
  return elf.sections.filter((s) => {
    if (s.type === SHT_NULL || s.type === SHT_SYMTAB) return false;
    if ((s.type === SHT_STRTAB || isReloc(s)) && !(s.flags & SHF_ALLOC)) return false;
    return true;
  });
}

function sectionFlags(elf: ElfFile, s: Elf64Shdr): string {
  const idx = elf.sections.indexOf(s);
  const debug = /^\.(z?debug|line|stab)/.test(s.name);
  const f: string[] = [];
  if (s.type !== SHT_NOBITS) f.push('CONTENTS');
  if (s.flags & SHF_ALLOC) f.push('ALLOC');
  if (s.flags & SHF_ALLOC && s.type !== SHT_NOBITS) f.push('LOAD');
  if (elf.sections.some((r) => isReloc(r) && r.info === idx && !(r.flags & SHF_ALLOC))) f.push('RELOC');
  if (!(s.flags & SHF_WRITE)) f.push('READONLY');
  if (s.flags & SHF_EXECINSTR) f.push('CODE');
  else if (s.flags & SHF_ALLOC && s.type !== SHT_NOBITS) f.push('DATA');
  if (debug) f.push('DEBUGGING');
  if (s.flags & SHF_TLS) f.push('THREAD_LOCAL');
  if (s.flags & SHF_EXCLUDE) f.push('EXCLUDE');
  if (debug) f.push('OCTETS');
  return f.join(', ');
}

/** A section's load address: its place in the PT_LOAD segment holding it, else its VMA. */
function lma(elf: ElfFile, s: Elf64Shdr): number {
  for (const p of elf.phdrs) {
    if (p.type === 1 && s.addr >= p.vaddr && s.addr + s.size <= p.vaddr + p.memsz && s.flags & SHF_ALLOC) {
      return p.paddr + (s.addr - p.vaddr);
    }
  }
  return s.addr;
}

/** -h: "Sections:" and two lines per section. */
export function sectionHeaders(elf: ElfFile): string {
  let out = 'Sections:\nIdx Name          Size      VMA               LMA               File off  Algn\n';
  bfdSections(elf).forEach((s, i) => {
    const algn = s.addralign > 1 ? Math.round(Math.log2(s.addralign)) : 0;
    out += `${String(i).padStart(3)} ${s.name.padEnd(13)} ${hex(s.size, 8)}  ${hex(s.addr, 16)}  ${hex(lma(elf, s), 16)}  ${hex(s.offset, 8)}  2**${algn}\n`;
    out += `                  ${sectionFlags(elf, s)}\n`;
  });
  return out;
}

/** -t: "SYMBOL TABLE:" and the symbols in table order, then two blank lines. */
export function symbolTable(elf: ElfFile): string {
  const tab = elf.symtab();
  const syms = tab ? elf.symbols(tab).slice(1) : [];
  if (!syms.length) return 'SYMBOL TABLE:\nno symbols\n\n\n';
  let out = 'SYMBOL TABLE:\n';
  for (const s of syms) {
    const undef = s.shndx === SHN_UNDEF;
    const scope =
      s.bind === STB_LOCAL ? 'l' : s.bind === STB_GLOBAL && !undef ? 'g' : s.bind === STB_GNU_UNIQUE ? 'u' : ' ';
    const flags =
      scope +
      (s.bind === STB_WEAK ? 'w' : ' ') +
      '  ' +
      (s.type === STT_GNU_IFUNC ? 'i' : ' ') +
      (s.type === STT_SECTION || s.type === STT_FILE ? 'd' : ' ') +
      (s.type === STT_FUNC || s.type === STT_GNU_IFUNC ? 'F' : s.type === STT_FILE ? 'f' : s.type === STT_OBJECT ? 'O' : ' ');
    const sec =
      undef ? '*UND*' : s.shndx === SHN_ABS ? '*ABS*' : s.shndx === SHN_COMMON ? '*COM*' : elf.sections[s.shndx]?.name ?? '*UND*';
    const name = s.type === STT_SECTION ? elf.sections[s.shndx]?.name ?? '' : s.name;
    const vis = s.other & 3;
    const visName = vis === STV_HIDDEN ? '.hidden ' : vis === STV_PROTECTED ? '.protected ' : vis === STV_INTERNAL ? '.internal ' : '';
    out += `${hex(s.value, 16)} ${flags} ${sec}\t${hex(s.size, 16)} ${visName}${name}\n`;
  }
  return out + '\n\n';
}
