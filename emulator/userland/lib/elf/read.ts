// Reading an ELF64 little-endian file: the header, program and section headers, symbols and
// relocations. Used by ld (its input objects), readelf and file. A malformed file gives an
// ElfError with a message; the tools word it as binutils does.

import { ELF64_RELA_SIZE, ELF64_SYM_SIZE, ELFCLASS64, ELFDATA2LSB, SHT_NOBITS, SHT_RELA, SHT_SYMTAB } from '../../../uapi/elf';
import type { Elf64Header, Elf64Phdr, Elf64Rela, Elf64Shdr, Elf64Sym } from './types';

export class ElfError extends Error {}

/** Whether the bytes start with the ELF magic. */
export function isElf(b: Uint8Array): boolean {
  return b.length >= 4 && b[0] === 0x7f && b[1] === 0x45 && b[2] === 0x4c && b[3] === 0x46;
}

export class ElfFile {
  readonly view: DataView;
  readonly header: Elf64Header;
  readonly phdrs: Elf64Phdr[] = [];
  readonly sections: Elf64Shdr[] = [];

  constructor(readonly bytes: Uint8Array) {
    if (!isElf(bytes) || bytes.length < 64) throw new ElfError('Not an ELF file - it has the wrong magic bytes at the start');
    if (bytes[4] !== ELFCLASS64 || bytes[5] !== ELFDATA2LSB) throw new ElfError('not a 64-bit little-endian ELF file');
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.header = this.readHeader();
    const h = this.header;
    for (let i = 0; i < h.phnum; i++) this.phdrs.push(this.readPhdr(h.phoff + i * h.phentsize));
    for (let i = 0; i < h.shnum; i++) this.sections.push(this.readShdr(h.shoff + i * h.shentsize));
    const names = this.sections[h.shstrndx];
    for (const s of this.sections) s.name = names ? this.cstring(names.offset + s.nameOff) : '';
  }

  private u16 = (o: number) => this.check(o, 2) && this.view.getUint16(o, true);
  private u32 = (o: number) => this.check(o, 4) && this.view.getUint32(o, true);
  private u64 = (o: number) => this.check(o, 8) && Number(this.view.getBigUint64(o, true));

  private check(o: number, n: number): true {
    if (o < 0 || o + n > this.bytes.length) throw new ElfError('file is truncated');
    return true;
  }

  private readHeader(): Elf64Header {
    return {
      ident: this.bytes.slice(0, 16),
      type: this.u16(16),
      machine: this.u16(18),
      version: this.u32(20),
      entry: this.u64(24),
      phoff: this.u64(32),
      shoff: this.u64(40),
      flags: this.u32(48),
      ehsize: this.u16(52),
      phentsize: this.u16(54),
      phnum: this.u16(56),
      shentsize: this.u16(58),
      shnum: this.u16(60),
      shstrndx: this.u16(62),
    };
  }

  private readPhdr(o: number): Elf64Phdr {
    return {
      type: this.u32(o),
      flags: this.u32(o + 4),
      offset: this.u64(o + 8),
      vaddr: this.u64(o + 16),
      paddr: this.u64(o + 24),
      filesz: this.u64(o + 32),
      memsz: this.u64(o + 40),
      align: this.u64(o + 48),
    };
  }

  private readShdr(o: number): Elf64Shdr {
    return {
      nameOff: this.u32(o),
      name: '',
      type: this.u32(o + 4),
      flags: this.u64(o + 8),
      addr: this.u64(o + 16),
      offset: this.u64(o + 24),
      size: this.u64(o + 32),
      link: this.u32(o + 40),
      info: this.u32(o + 44),
      addralign: this.u64(o + 48),
      entsize: this.u64(o + 56),
    };
  }

  /** A NUL-terminated string at file offset `o`. */
  cstring(o: number): string {
    let end = o;
    while (end < this.bytes.length && this.bytes[end] !== 0) end++;
    return new TextDecoder().decode(this.bytes.subarray(o, end));
  }

  /** A section's bytes (empty for SHT_NOBITS). */
  contents(s: Elf64Shdr): Uint8Array {
    if (s.type === SHT_NOBITS) return new Uint8Array(0);
    this.check(s.offset, s.size);
    return this.bytes.subarray(s.offset, s.offset + s.size);
  }

  /** The symbols of a SHT_SYMTAB (or SHT_DYNSYM) section, names from its linked string table. */
  symbols(s: Elf64Shdr): Elf64Sym[] {
    const strtab = this.sections[s.link];
    const out: Elf64Sym[] = [];
    for (let o = s.offset; o + ELF64_SYM_SIZE <= s.offset + s.size; o += ELF64_SYM_SIZE) {
      const nameOff = this.u32(o);
      const info = this.bytes[o + 4]!;
      out.push({
        nameOff,
        name: strtab ? this.cstring(strtab.offset + nameOff) : '',
        bind: info >> 4,
        type: info & 0xf,
        other: this.bytes[o + 5]!,
        shndx: this.u16(o + 6),
        value: (this.check(o + 8, 8) && this.view.getBigUint64(o + 8, true)) as bigint,
        size: this.u64(o + 16),
      });
    }
    return out;
  }

  /** The symbol table section, if any. */
  symtab(): Elf64Shdr | undefined {
    return this.sections.find((s) => s.type === SHT_SYMTAB);
  }

  relocations(s: Elf64Shdr): Elf64Rela[] {
    if (s.type !== SHT_RELA) return [];
    const out: Elf64Rela[] = [];
    for (let o = s.offset; o + ELF64_RELA_SIZE <= s.offset + s.size; o += ELF64_RELA_SIZE) {
      out.push({
        offset: this.u64(o),
        type: this.u32(o + 8),
        sym: this.u32(o + 12),
        addend: (this.check(o + 16, 8) && this.view.getBigInt64(o + 16, true)) as bigint,
      });
    }
    return out;
  }
}
