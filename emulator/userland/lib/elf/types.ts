// The ELF64 structures as plain objects, shared by the toolchain's readers and writers.
// Addresses and sizes are numbers (our files and address spaces fit in 2^53); addends and symbol
// values that may be negative or full 64-bit are bigint.

export interface Elf64Header {
  ident: Uint8Array;
  type: number;
  machine: number;
  version: number;
  entry: number;
  phoff: number;
  shoff: number;
  flags: number;
  ehsize: number;
  phentsize: number;
  phnum: number;
  shentsize: number;
  shnum: number;
  shstrndx: number;
}

export interface Elf64Phdr {
  type: number;
  flags: number;
  offset: number;
  vaddr: number;
  paddr: number;
  filesz: number;
  memsz: number;
  align: number;
}

export interface Elf64Shdr {
  /** Offset of the name in .shstrtab. */
  nameOff: number;
  /** The resolved name. */
  name: string;
  type: number;
  flags: number;
  addr: number;
  offset: number;
  size: number;
  link: number;
  info: number;
  addralign: number;
  entsize: number;
}

export interface Elf64Sym {
  nameOff: number;
  name: string;
  bind: number;
  type: number;
  other: number;
  shndx: number;
  value: bigint;
  size: number;
}

export interface Elf64Rela {
  offset: number;
  sym: number;
  type: number;
  addend: bigint;
}
