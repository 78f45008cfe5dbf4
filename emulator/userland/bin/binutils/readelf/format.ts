// The readelf displays (binutils 2.40): -h, -S, -l, -r, -s, in the default narrow layout or the
// one-line-per-entry wide one (-W). Each returns its text; which preambles appear depends on
// whether the ELF header was shown too, as in readelf.

import { ELFOSABI_GNU, PF_R, PF_W, PF_X, PT_INTERP, PT_TLS, SHF_ALLOC, SHF_TLS, SHN_ABS, SHN_COMMON, SHN_UNDEF, SHT_NOBITS, SHT_RELA, SHT_SYMTAB, SHT_DYNSYM, STT_SECTION } from '../../../../uapi/elf';
import type { ElfFile } from '../../../lib/elf/read';
import type { Elf64Phdr, Elf64Shdr } from '../../../lib/elf/types';
import * as N from './names';

const h = (n: number | bigint, w: number) => BigInt.asUintN(64, BigInt(n)).toString(16).padStart(w, '0');

export function fileHeader(elf: ElfFile): string {
  const e = elf.header;
  const row = (label: string, value: string) => `  ${(label + ':').padEnd(35)}${value}\n`;
  const magic = [...e.ident].map((b) => h(b, 2)).join(' ');
  return (
    'ELF Header:\n' +
    `  Magic:   ${magic} \n` +
    row('Class', e.ident[4] === 2 ? 'ELF64' : 'ELF32') +
    row('Data', e.ident[5] === 1 ? "2's complement, little endian" : "2's complement, big endian") +
    row('Version', e.ident[6] === 1 ? '1 (current)' : `${e.ident[6]}`) +
    row('OS/ABI', N.osabiName(e.ident[7]!)) +
    row('ABI Version', `${e.ident[8]}`) +
    row('Type', N.fileTypeName(e.type)) +
    row('Machine', N.machineName(e.machine)) +
    row('Version', `0x${e.version.toString(16)}`) +
    row('Entry point address', `0x${e.entry.toString(16)}`) +
    row('Start of program headers', `${e.phoff} (bytes into file)`) +
    row('Start of section headers', `${e.shoff} (bytes into file)`) +
    row('Flags', `0x${e.flags.toString(16)}`) +
    row('Size of this header', `${e.ehsize} (bytes)`) +
    row('Size of program headers', `${e.phentsize} (bytes)`) +
    row('Number of program headers', `${e.phnum}`) +
    row('Size of section headers', `${e.shentsize} (bytes)`) +
    row('Number of section headers', `${e.shnum}`) +
    row('Section header string table index', `${e.shstrndx}`)
  );
}

/** A name cut to `width` as readelf does in its narrow layout: the start and "[...]". */
const fit = (name: string, width: number) => (name.length > width ? name.slice(0, width - 5) + '[...]' : name);

export function sectionHeaders(elf: ElfFile, afterHeader: boolean, wide = false): string {
  const secs = elf.sections;
  if (!secs.length) return '\nThere are no sections in this file.\n';
  let out = afterHeader ? '\n' : `There are ${secs.length} section headers, starting at offset 0x${elf.header.shoff.toString(16)}:\n\n`;
  out += `Section Header${secs.length > 1 ? 's' : ''}:\n`;
  const gnu = elf.header.ident[7] === ELFOSABI_GNU;
  if (wide) {
    // one line per section, names in full
    out += '  [Nr] Name              Type            Address          Off    Size   ES Flg Lk Inf Al\n';
    secs.forEach((s, i) => {
      out += `  [${String(i).padStart(2)}] ${s.name.padEnd(17)} ${N.sectionTypeName(s.type).padEnd(15)} ${h(s.addr, 16)} ${h(s.offset, 6)} ${h(s.size, 6)} ${h(s.entsize, 2)} `;
      out += `${N.sectionFlags(s.flags, gnu).padStart(3)} ${String(s.link).padStart(2)} ${String(s.info).padStart(3)} ${String(s.addralign).padStart(2)}\n`;
    });
  } else {
    out += '  [Nr] Name              Type             Address           Offset\n';
    out += '       Size              EntSize          Flags  Link  Info  Align\n';
    secs.forEach((s, i) => {
      out += `  [${String(i).padStart(2)}] ${fit(s.name, 17).padEnd(17)} ${N.sectionTypeName(s.type).padEnd(16)} ${h(s.addr, 16)}  ${h(s.offset, 8)}\n`;
      out += `       ${h(s.size, 16)}  ${h(s.entsize, 16)} ${N.sectionFlags(s.flags, gnu).padStart(3)}      ${String(s.link).padStart(2)}   ${String(s.info).padStart(3)}     ${s.addralign}\n`;
    });
  }
  out +=
    'Key to Flags:\n' +
    '  W (write), A (alloc), X (execute), M (merge), S (strings), I (info),\n' +
    '  L (link order), O (extra OS processing required), G (group), T (TLS),\n' +
    '  C (compressed), x (unknown), o (OS specific), E (exclude),\n' +
    `  ${gnu ? 'R (retain), ' : ''}D (mbind), l (large), p (processor specific)\n`;
  return out;
}

/** Whether a section lies in a segment (readelf's ELF_SECTION_IN_SEGMENT). */
function inSegment(s: Elf64Shdr, p: Elf64Phdr): boolean {
  if (!(s.flags & SHF_ALLOC)) return false;
  // .tbss takes no room in the segments that hold .tdata, only in PT_TLS
  if (s.flags & SHF_TLS && s.type === SHT_NOBITS && p.type !== PT_TLS) return false;
  const inMemory = s.addr >= p.vaddr && s.addr + s.size <= p.vaddr + p.memsz && (s.size > 0 || s.addr < p.vaddr + p.memsz);
  const inFile = s.type === SHT_NOBITS || (s.offset >= p.offset && s.offset + s.size <= p.offset + p.filesz);
  return p.memsz > 0 && inMemory && inFile;
}

export function programHeaders(elf: ElfFile, afterHeader: boolean, wide = false): string {
  const e = elf.header;
  if (!elf.phdrs.length) return '\nThere are no program headers in this file.\n';
  let out = '\n';
  if (!afterHeader) {
    out += `Elf file type is ${N.fileTypeName(e.type)}\nEntry point 0x${e.entry.toString(16)}\n`;
    out += `There are ${elf.phdrs.length} program headers, starting at offset ${e.phoff}\n\n`;
  }
  out += 'Program Headers:\n';
  if (wide) out += '  Type           Offset   VirtAddr           PhysAddr           FileSiz  MemSiz   Flg Align\n';
  else {
    out += '  Type           Offset             VirtAddr           PhysAddr\n';
    out += '                 FileSiz            MemSiz              Flags  Align\n';
  }
  for (const p of elf.phdrs) {
    const flags = (p.flags & PF_R ? 'R' : ' ') + (p.flags & PF_W ? 'W' : ' ') + (p.flags & PF_X ? 'E' : ' ');
    const type = N.segmentTypeName(p.type).padEnd(14);
    if (wide) {
      out += `  ${type} 0x${h(p.offset, 6)} 0x${h(p.vaddr, 16)} 0x${h(p.paddr, 16)} 0x${h(p.filesz, 6)} 0x${h(p.memsz, 6)} ${flags} 0x${p.align.toString(16)}\n`;
    } else {
      out += `  ${type} 0x${h(p.offset, 16)} 0x${h(p.vaddr, 16)} 0x${h(p.paddr, 16)}\n`;
      out += `                 0x${h(p.filesz, 16)} 0x${h(p.memsz, 16)}  ${flags}    0x${p.align.toString(16)}\n`;
    }
    if (p.type === PT_INTERP) out += `      [Requesting program interpreter: ${elf.cstring(p.offset)}]\n`;
  }
  if (elf.sections.length) {
    out += '\n Section to Segment mapping:\n  Segment Sections...\n';
    elf.phdrs.forEach((p, i) => {
      const names = elf.sections.filter((s) => inSegment(s, p)).map((s) => s.name + ' ');
      out += `   ${String(i).padStart(2, '0')}     ${names.join('')}\n`;
    });
  }
  return out;
}

/** A symbol's name as readelf shows it: a section symbol by its section's name. */
function symbolName(elf: ElfFile, name: string, type: number, shndx: number): string {
  if (type === STT_SECTION && name === '' && shndx < elf.sections.length) return elf.sections[shndx]!.name;
  return name;
}

export function relocations(elf: ElfFile, wide = false): string {
  const relas = elf.sections.filter((s) => s.type === SHT_RELA);
  if (!relas.length) return '\nThere are no relocations in this file.\n';
  let out = '';
  for (const s of relas) {
    const rs = elf.relocations(s);
    const symtab = elf.sections[s.link];
    const syms = symtab ? elf.symbols(symtab) : [];
    out += `\nRelocation section '${s.name}' at offset 0x${s.offset.toString(16)} contains ${rs.length} ${rs.length === 1 ? 'entry' : 'entries'}:\n`;
    out += wide
      ? "    Offset             Info             Type               Symbol's Value  Symbol's Name + Addend\n"
      : '  Offset          Info           Type           Sym. Value    Sym. Name + Addend\n';
    for (const r of rs) {
      const info = (BigInt(r.sym) << 32n) | BigInt(r.type);
      const type = N.relocTypeName(r.type);
      let line = wide ? `${h(r.offset, 16)}  ${h(info, 16)} ${type.padEnd(22)} ` : `${h(r.offset, 12)}  ${h(info, 12)} ${type.slice(0, 17).padEnd(17)} `;
      const sym = syms[r.sym];
      const addend = r.addend < 0n ? ` - ${(-r.addend).toString(16)}` : ` + ${r.addend.toString(16)}`;
      const name = symbolName(elf, sym?.name ?? '', sym?.type ?? 0, sym?.shndx ?? 0);
      if (r.sym && sym) line += `${h(sym.value, 16)} ${wide ? name : fit(name, 22)}${addend}`;
      else line += `${' '.repeat(19)}${r.addend.toString(16)}`;
      out += line + '\n';
    }
  }
  return out;
}

function ndx(shndx: number): string {
  if (shndx === SHN_UNDEF) return 'UND';
  if (shndx === SHN_ABS) return 'ABS';
  if (shndx === SHN_COMMON) return 'COM';
  return String(shndx);
}

export function symbols(elf: ElfFile, wide = false): string {
  let out = '';
  for (const s of elf.sections.filter((x) => x.type === SHT_SYMTAB || x.type === SHT_DYNSYM)) {
    const syms = elf.symbols(s);
    out += `\nSymbol table '${s.name}' contains ${syms.length} ${syms.length === 1 ? 'entry' : 'entries'}:\n`;
    out += '   Num:    Value          Size Type    Bind   Vis      Ndx Name\n';
    syms.forEach((y, i) => {
      const full = symbolName(elf, y.name, y.type, y.shndx);
      const name = wide ? full : fit(full, 21);
      out += `${String(i).padStart(6)}: ${h(y.value, 16)} ${String(y.size).padStart(5)} ${N.symbolTypeName(y.type).padEnd(7)} ${N.symbolBindName(y.bind).padEnd(6)} ${N.visibilityName(y.other).padEnd(7)}  ${ndx(y.shndx).padStart(3)} ${name}\n`;
    });
  }
  return out;
}
