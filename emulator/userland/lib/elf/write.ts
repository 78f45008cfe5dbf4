// Writing the ELF64 structures into a ByteWriter, field by field in file order.

import { ELF64_EHDR_SIZE, ELF64_PHDR_SIZE, ELF64_SHDR_SIZE, ELFCLASS64, ELFDATA2LSB, ELFMAG, EM_X86_64, ELFOSABI_SYSV, EV_CURRENT } from '../../../uapi/elf';
import type { ByteWriter } from './bytes';
import type { Elf64Phdr, Elf64Rela, Elf64Shdr, Elf64Sym } from './types';

export interface EhdrFields {
  type: number;
  entry: number;
  phoff: number;
  phnum: number;
  shoff: number;
  shnum: number;
  shstrndx: number;
}

/** The 64-byte header of an x86-64 little-endian SysV file. */
export function writeEhdr(w: ByteWriter, h: EhdrFields): void {
  w.bytes(Uint8Array.from([...ELFMAG, ELFCLASS64, ELFDATA2LSB, EV_CURRENT, ELFOSABI_SYSV])).zeros(8);
  w.u16(h.type).u16(EM_X86_64).u32(EV_CURRENT).u64(h.entry).u64(h.phoff).u64(h.shoff).u32(0);
  w.u16(ELF64_EHDR_SIZE).u16(h.phnum ? ELF64_PHDR_SIZE : 0).u16(h.phnum);
  w.u16(ELF64_SHDR_SIZE).u16(h.shnum).u16(h.shstrndx);
}

export function writePhdr(w: ByteWriter, p: Elf64Phdr): void {
  w.u32(p.type).u32(p.flags).u64(p.offset).u64(p.vaddr).u64(p.paddr).u64(p.filesz).u64(p.memsz).u64(p.align);
}

export function writeShdr(w: ByteWriter, s: Omit<Elf64Shdr, 'name'>): void {
  w.u32(s.nameOff).u32(s.type).u64(s.flags).u64(s.addr).u64(s.offset).u64(s.size);
  w.u32(s.link).u32(s.info).u64(s.addralign).u64(s.entsize);
}

export function writeSym(w: ByteWriter, s: Omit<Elf64Sym, 'name'>): void {
  w.u32(s.nameOff).u8((s.bind << 4) | s.type).u8(s.other).u16(s.shndx).u64(s.value).u64(s.size);
}

export function writeRela(w: ByteWriter, r: Elf64Rela): void {
  w.u64(r.offset).u32(r.type).u32(r.sym).u64(r.addend);
}

/** The all-zero section header every file starts its table with. */
export const NULL_SHDR: Omit<Elf64Shdr, 'name'> = {
  nameOff: 0, type: 0, flags: 0, addr: 0, offset: 0, size: 0, link: 0, info: 0, addralign: 0, entsize: 0,
};
