// The words readelf uses for the ELF enumerations.

import * as E from '../../../../uapi/elf';
import { RELOC_NAMES } from '../ld/relocate';

const hex = (n: number) => `0x${n.toString(16)}`;

export function fileTypeName(t: number): string {
  const names: Record<number, string> = {
    [E.ET_NONE]: 'NONE (None)', [E.ET_REL]: 'REL (Relocatable file)', [E.ET_EXEC]: 'EXEC (Executable file)',
    [E.ET_DYN]: 'DYN (Position-Independent Executable file)', [E.ET_CORE]: 'CORE (Core file)',
  };
  return names[t] ?? `<unknown>: ${hex(t)}`;
}

export function machineName(m: number): string {
  const names: Record<number, string> = { 0: 'None', [E.EM_386]: 'Intel 80386', [E.EM_X86_64]: 'Advanced Micro Devices X86-64', [E.EM_AARCH64]: 'AArch64' };
  return names[m] ?? `<unknown>: ${hex(m)}`;
}

export function osabiName(a: number): string {
  const names: Record<number, string> = { [E.ELFOSABI_SYSV]: 'UNIX - System V', [E.ELFOSABI_GNU]: 'UNIX - GNU' };
  return names[a] ?? `<unknown: ${a.toString(16)}>`;
}

export function segmentTypeName(t: number): string {
  const names: Record<number, string> = {
    [E.PT_NULL]: 'NULL', [E.PT_LOAD]: 'LOAD', [E.PT_DYNAMIC]: 'DYNAMIC', [E.PT_INTERP]: 'INTERP', [E.PT_NOTE]: 'NOTE',
    [E.PT_SHLIB]: 'SHLIB', [E.PT_PHDR]: 'PHDR', [E.PT_TLS]: 'TLS', [E.PT_GNU_EH_FRAME]: 'GNU_EH_FRAME',
    [E.PT_GNU_STACK]: 'GNU_STACK', [E.PT_GNU_RELRO]: 'GNU_RELRO', [E.PT_GNU_PROPERTY]: 'GNU_PROPERTY',
  };
  return names[t] ?? `LOPROC+${(t - 0x70000000).toString(16)}`;
}

export function sectionTypeName(t: number): string {
  const names: Record<number, string> = {
    [E.SHT_NULL]: 'NULL', [E.SHT_PROGBITS]: 'PROGBITS', [E.SHT_SYMTAB]: 'SYMTAB', [E.SHT_STRTAB]: 'STRTAB',
    [E.SHT_RELA]: 'RELA', [E.SHT_HASH]: 'HASH', [E.SHT_DYNAMIC]: 'DYNAMIC', [E.SHT_NOTE]: 'NOTE',
    [E.SHT_NOBITS]: 'NOBITS', [E.SHT_REL]: 'REL', [E.SHT_SHLIB]: 'SHLIB', [E.SHT_DYNSYM]: 'DYNSYM',
    [E.SHT_INIT_ARRAY]: 'INIT_ARRAY', [E.SHT_FINI_ARRAY]: 'FINI_ARRAY', [E.SHT_PREINIT_ARRAY]: 'PREINIT_ARRAY',
    [E.SHT_GROUP]: 'GROUP', [E.SHT_SYMTAB_SHNDX]: 'SYMTAB SECTION INDICES', [E.SHT_GNU_HASH]: 'GNU_HASH',
    [E.SHT_GNU_VERDEF]: 'VERDEF', [E.SHT_GNU_VERNEED]: 'VERNEED', [E.SHT_GNU_VERSYM]: 'VERSYM',
    [E.SHT_X86_64_UNWIND]: 'X86_64_UNWIND',
  };
  return names[t] ?? `${hex(t)}: <unknown>`;
}

/** SHF_GNU_RETAIN: keep the section from --gc-sections (meaningful with OS/ABI GNU). */
const SHF_GNU_RETAIN = 0x200000;

/** Section flag letters, in readelf's order (see its "Key to Flags"). */
export function sectionFlags(f: number, gnu: boolean): string {
  const letters: [number, string][] = [
    [E.SHF_WRITE, 'W'], [E.SHF_ALLOC, 'A'], [E.SHF_EXECINSTR, 'X'], [E.SHF_MERGE, 'M'], [E.SHF_STRINGS, 'S'],
    [E.SHF_INFO_LINK, 'I'], [E.SHF_LINK_ORDER, 'L'], [E.SHF_OS_NONCONFORMING, 'O'], [E.SHF_GROUP, 'G'],
    [E.SHF_TLS, 'T'], [E.SHF_COMPRESSED, 'C'], [E.SHF_EXCLUDE, 'E'],
  ];
  if (gnu) letters.push([SHF_GNU_RETAIN, 'R']);
  return letters.filter(([bit]) => f & bit).map(([, l]) => l).join('');
}

export function symbolTypeName(t: number): string {
  const names = ['NOTYPE', 'OBJECT', 'FUNC', 'SECTION', 'FILE', 'COMMON', 'TLS'];
  if (t === 10) return 'IFUNC'; // STT_GNU_IFUNC
  return names[t] ?? `<OS specific>: ${t}`;
}

export function symbolBindName(b: number): string {
  if (b === 10) return 'UNIQUE'; // STB_GNU_UNIQUE
  return ['LOCAL', 'GLOBAL', 'WEAK'][b] ?? `<unknown>: ${b}`;
}

export function visibilityName(v: number): string {
  return ['DEFAULT', 'INTERNAL', 'HIDDEN', 'PROTECTED'][v & 3]!;
}

/** Relocation types ld does not apply but readelf names (dynamic linking, TLS, GOT). */
const MORE_RELOCS: Record<number, string> = {
  3: 'R_X86_64_GOT32', 5: 'R_X86_64_COPY', 6: 'R_X86_64_GLOB_DAT', 7: 'R_X86_64_JUMP_SLOT', 8: 'R_X86_64_RELATIVE',
  9: 'R_X86_64_GOTPCREL', 16: 'R_X86_64_DTPMOD64', 17: 'R_X86_64_DTPOFF64', 18: 'R_X86_64_TPOFF64',
  19: 'R_X86_64_TLSGD', 20: 'R_X86_64_TLSLD', 21: 'R_X86_64_DTPOFF32', 22: 'R_X86_64_GOTTPOFF', 23: 'R_X86_64_TPOFF32',
  26: 'R_X86_64_GOTPC32', 37: 'R_X86_64_IRELATIVE', 41: 'R_X86_64_GOTPCRELX', 42: 'R_X86_64_REX_GOTPCRELX',
};

export function relocTypeName(t: number): string {
  return RELOC_NAMES[t] ?? MORE_RELOCS[t] ?? `unrecognized: ${t.toString(16)}`;
}
