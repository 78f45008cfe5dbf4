// The ELF64 file format as Linux and the x86-64 psABI define it (<elf.h>, include/uapi/linux/elf.h):
// header fields, file/segment/section types and flags, symbol bindings, x86-64 relocation types.
// The kernel's binfmt_elf loads with these; the userland's nasm, ld, readelf and file write and
// read them.

/** e_ident: the magic, then class, data encoding, version and OS ABI bytes. */
export const ELFMAG = [0x7f, 0x45, 0x4c, 0x46] as const; // "\x7fELF"
export const EI_CLASS = 4, EI_DATA = 5, EI_VERSION = 6, EI_OSABI = 7, EI_ABIVERSION = 8, EI_NIDENT = 16;
export const ELFCLASS32 = 1, ELFCLASS64 = 2;
export const ELFDATA2LSB = 1, ELFDATA2MSB = 2;
export const EV_CURRENT = 1;
export const ELFOSABI_SYSV = 0, ELFOSABI_GNU = 3;

/** Sizes of the ELF64 structures. */
export const ELF64_EHDR_SIZE = 64, ELF64_PHDR_SIZE = 56, ELF64_SHDR_SIZE = 64;
export const ELF64_SYM_SIZE = 24, ELF64_RELA_SIZE = 24, ELF64_REL_SIZE = 16;

/** e_type */
export const ET_NONE = 0, ET_REL = 1, ET_EXEC = 2, ET_DYN = 3, ET_CORE = 4;
/** e_machine */
export const EM_386 = 3, EM_X86_64 = 62, EM_AARCH64 = 183;

/** p_type */
export const PT_NULL = 0, PT_LOAD = 1, PT_DYNAMIC = 2, PT_INTERP = 3, PT_NOTE = 4, PT_SHLIB = 5;
export const PT_PHDR = 6, PT_TLS = 7;
export const PT_GNU_EH_FRAME = 0x6474e550, PT_GNU_STACK = 0x6474e551, PT_GNU_RELRO = 0x6474e552;
export const PT_GNU_PROPERTY = 0x6474e553;
/** p_flags */
export const PF_X = 1, PF_W = 2, PF_R = 4;

/** Special section indices. */
export const SHN_UNDEF = 0, SHN_ABS = 0xfff1, SHN_COMMON = 0xfff2;
/** sh_type */
export const SHT_NULL = 0, SHT_PROGBITS = 1, SHT_SYMTAB = 2, SHT_STRTAB = 3, SHT_RELA = 4, SHT_HASH = 5;
export const SHT_DYNAMIC = 6, SHT_NOTE = 7, SHT_NOBITS = 8, SHT_REL = 9, SHT_SHLIB = 10, SHT_DYNSYM = 11;
export const SHT_INIT_ARRAY = 14, SHT_FINI_ARRAY = 15, SHT_PREINIT_ARRAY = 16, SHT_GROUP = 17;
export const SHT_SYMTAB_SHNDX = 18;
export const SHT_GNU_HASH = 0x6ffffff6, SHT_GNU_VERDEF = 0x6ffffffd, SHT_GNU_VERNEED = 0x6ffffffe;
export const SHT_GNU_VERSYM = 0x6fffffff, SHT_X86_64_UNWIND = 0x70000001;
/** sh_flags */
export const SHF_WRITE = 0x1, SHF_ALLOC = 0x2, SHF_EXECINSTR = 0x4, SHF_MERGE = 0x10, SHF_STRINGS = 0x20;
export const SHF_INFO_LINK = 0x40, SHF_LINK_ORDER = 0x80, SHF_OS_NONCONFORMING = 0x100, SHF_GROUP = 0x200;
export const SHF_TLS = 0x400, SHF_COMPRESSED = 0x800, SHF_EXCLUDE = 0x80000000;

/** st_info = bind << 4 | type */
export const STB_LOCAL = 0, STB_GLOBAL = 1, STB_WEAK = 2;
export const STT_NOTYPE = 0, STT_OBJECT = 1, STT_FUNC = 2, STT_SECTION = 3, STT_FILE = 4, STT_COMMON = 5;
export const STT_TLS = 6;
/** st_other: symbol visibility */
export const STV_DEFAULT = 0, STV_INTERNAL = 1, STV_HIDDEN = 2, STV_PROTECTED = 3;

/** x86-64 relocation types (psABI table 4.9). r_info = sym << 32 | type. */
export const R_X86_64_NONE = 0, R_X86_64_64 = 1, R_X86_64_PC32 = 2, R_X86_64_GOT32 = 3, R_X86_64_PLT32 = 4;
export const R_X86_64_COPY = 5, R_X86_64_GLOB_DAT = 6, R_X86_64_JUMP_SLOT = 7, R_X86_64_RELATIVE = 8;
export const R_X86_64_GOTPCREL = 9, R_X86_64_32 = 10, R_X86_64_32S = 11, R_X86_64_16 = 12;
export const R_X86_64_PC16 = 13, R_X86_64_8 = 14, R_X86_64_PC8 = 15, R_X86_64_PC64 = 24;

/** d_tag of the dynamic section (the entries a vDSO or shared object carries). */
export const DT_NULL = 0, DT_HASH = 4, DT_STRTAB = 5, DT_SYMTAB = 6, DT_STRSZ = 10, DT_SYMENT = 11;
export const DT_SONAME = 14, DT_VERSYM = 0x6ffffff0, DT_VERDEF = 0x6ffffffc, DT_VERDEFNUM = 0x6ffffffd;
export const ELF64_DYN_SIZE = 16;
/** Symbol versioning (Elf64_Verdef / Elf64_Verdaux): the base version is the object itself. */
export const VER_DEF_CURRENT = 1, VER_FLG_BASE = 1;
export const ELF64_VERDEF_SIZE = 20, ELF64_VERDAUX_SIZE = 8;

/** The SysV ELF hash of a symbol name (DT_HASH buckets and vd_hash). */
export function elf_hash(name: string): number {
  let h = 0;
  for (let i = 0; i < name.length; i++) {
    h = ((h << 4) + (name.charCodeAt(i) & 0xff)) >>> 0;
    const g = h & 0xf0000000;
    if (g) h ^= g >>> 24;
    h &= ~g >>> 0;
  }
  return h >>> 0;
}
