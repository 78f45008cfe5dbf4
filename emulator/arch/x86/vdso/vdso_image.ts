// The vDSO image (Linux's vdso-image-64 built by vdso2c): a tiny ELF shared object, linked at
// address 0, that the kernel maps into every process as [vdso] and names in AT_SYSINFO_EHDR. libc
// does not call the kernel to read the clock: it looks up __vdso_clock_gettime in this object's
// dynamic symbol table (DT_HASH, DT_SYMTAB, DT_STRTAB, with the symbol version LINUX_2.6, as
// musl's vdso.c and glibc's dl-vdso do) and calls it.
//
// Layout, all in one PT_LOAD segment (r-x), offsets equal to addresses:
//   0x000  ELF header, program headers (PT_LOAD, PT_DYNAMIC, PT_NOTE)
//          .hash .dynsym .dynstr .gnu.version .gnu.version_d .dynamic .note
//   0x800  .text (vdso.asm)
//          .shstrtab and the section headers (readelf -S and objdump can read a dumped vDSO)
// Linux's image also has .gnu.hash, .eh_frame and a getrandom() entry; this one has DT_HASH only,
// which both libcs accept, no unwind tables, and no vgetrandom.

import {
  DT_HASH, DT_NULL, DT_SONAME, DT_STRSZ, DT_STRTAB, DT_SYMENT, DT_SYMTAB, DT_VERDEF, DT_VERDEFNUM, DT_VERSYM,
  EI_CLASS, EI_DATA, EI_VERSION, ELF64_DYN_SIZE, ELF64_EHDR_SIZE, ELF64_PHDR_SIZE, ELF64_SHDR_SIZE, ELF64_SYM_SIZE,
  ELF64_VERDAUX_SIZE, ELF64_VERDEF_SIZE, ELFCLASS64, ELFDATA2LSB, ELFMAG, EM_X86_64, ET_DYN, EV_CURRENT, PF_R, PF_X,
  PT_DYNAMIC, PT_LOAD, PT_NOTE, SHF_ALLOC, SHF_EXECINSTR, SHF_WRITE, SHT_DYNAMIC, SHT_DYNSYM, SHT_GNU_VERDEF,
  SHT_GNU_VERSYM, SHT_HASH, SHT_NOTE, SHT_PROGBITS, SHT_STRTAB, STB_GLOBAL, STB_WEAK, STT_FUNC, VER_DEF_CURRENT,
  VER_FLG_BASE, elf_hash,
} from '../../../uapi/elf';
import { VDSO_SYMBOLS, VDSO_TEXT, VDSO_TEXT_OFFSET } from './vdso_text';

const PAGE_SIZE = 4096;
export const VDSO_SONAME = 'linux-vdso.so.1';
export const VDSO_VERSION = 'LINUX_2.6';

export interface VdsoImage {
  /** The whole image, a multiple of the page size. */
  bytes: Uint8Array;
  /** Exported functions by name (both `__vdso_x` and the weak `x`), as addresses in the image. */
  symbols: Map<string, number>;
}

interface Section {
  name: string;
  type: number;
  flags: number;
  data: Uint8Array;
  align: number;
  entsize?: number;
  link?: string;
  info?: number;
  offset?: number;
}

/** Build the image; `linuxVersion` is LINUX_VERSION_CODE for the note ((major << 16) | (minor << 8) | patch). */
export function buildVdsoImage(linuxVersion: number): VdsoImage {
  const text = hexBytes(VDSO_TEXT);
  // Every function twice, as Linux exports them: __vdso_clock_gettime (global) and clock_gettime (weak).
  const exported = VDSO_SYMBOLS.flatMap((s) => [
    { name: s.name, bind: STB_GLOBAL, value: VDSO_TEXT_OFFSET + s.offset, size: s.size },
    { name: s.name.replace(/^__vdso_/, ''), bind: STB_WEAK, value: VDSO_TEXT_OFFSET + s.offset, size: s.size },
  ]);

  const dynstr = new StrTab();
  const sonameOff = dynstr.add(VDSO_SONAME);
  const versionOff = dynstr.add(VDSO_VERSION);
  const TEXT_SHNDX = 8; // index of .text among the section headers below

  const dynsym = new Uint8Array((exported.length + 1) * ELF64_SYM_SIZE);
  const symView = new DataView(dynsym.buffer);
  exported.forEach((s, k) => {
    const o = (k + 1) * ELF64_SYM_SIZE;
    symView.setUint32(o, dynstr.add(s.name), true);
    dynsym[o + 4] = (s.bind << 4) | STT_FUNC;
    symView.setUint16(o + 6, TEXT_SHNDX, true);
    setU64(symView, o + 8, s.value);
    setU64(symView, o + 16, s.size);
  });

  // .hash: nbucket, nchain, buckets, chains (chain k links symbols that share a bucket).
  const nsym = exported.length + 1;
  const nbucket = 3;
  const hash = new Uint32Array(2 + nbucket + nsym);
  hash[0] = nbucket;
  hash[1] = nsym;
  for (let k = nsym - 1; k >= 1; k--) {
    const b = elf_hash(exported[k - 1]!.name) % nbucket;
    hash[2 + nbucket + k] = hash[2 + b]!;
    hash[2 + b] = k;
  }

  // .gnu.version: every exported symbol is LINUX_2.6 (version index 2); index 0 is the null symbol.
  const versym = new Uint16Array(nsym).fill(2);
  versym[0] = 0;

  // .gnu.version_d: the base definition (the object's own name), then LINUX_2.6.
  const verdef = new Uint8Array(2 * (ELF64_VERDEF_SIZE + ELF64_VERDAUX_SIZE));
  const vd = new DataView(verdef.buffer);
  [[VER_FLG_BASE, 1, VDSO_SONAME, sonameOff], [0, 2, VDSO_VERSION, versionOff]].forEach(([flags, ndx, name, off], k) => {
    const o = k * (ELF64_VERDEF_SIZE + ELF64_VERDAUX_SIZE);
    vd.setUint16(o, VER_DEF_CURRENT, true);
    vd.setUint16(o + 2, flags as number, true);
    vd.setUint16(o + 4, ndx as number, true);
    vd.setUint16(o + 6, 1, true); // one Verdaux
    vd.setUint32(o + 8, elf_hash(name as string), true);
    vd.setUint32(o + 12, ELF64_VERDEF_SIZE, true); // vd_aux
    vd.setUint32(o + 16, k === 0 ? ELF64_VERDEF_SIZE + ELF64_VERDAUX_SIZE : 0, true); // vd_next
    vd.setUint32(o + 20, off as number, true); // vda_name
  });

  // .note: the kernel's version, as Linux's vDSO carries it (name "Linux", type 0).
  const note = new Uint8Array(24);
  const nv = new DataView(note.buffer);
  nv.setUint32(0, 6, true);
  nv.setUint32(4, 4, true);
  nv.setUint32(8, 0, true);
  note.set(ascii('Linux\0'), 12);
  nv.setUint32(20, linuxVersion, true);

  const dynstrBytes = dynstr.bytes();
  const sections: Section[] = [
    { name: '.hash', type: SHT_HASH, flags: SHF_ALLOC, data: new Uint8Array(hash.buffer), align: 8, entsize: 4, link: '.dynsym' },
    { name: '.dynsym', type: SHT_DYNSYM, flags: SHF_ALLOC, data: dynsym, align: 8, entsize: ELF64_SYM_SIZE, link: '.dynstr', info: 1 },
    { name: '.dynstr', type: SHT_STRTAB, flags: SHF_ALLOC, data: dynstrBytes, align: 1 },
    { name: '.gnu.version', type: SHT_GNU_VERSYM, flags: SHF_ALLOC, data: new Uint8Array(versym.buffer), align: 2, entsize: 2, link: '.dynsym' },
    { name: '.gnu.version_d', type: SHT_GNU_VERDEF, flags: SHF_ALLOC, data: verdef, align: 8, link: '.dynstr', info: 2 },
    { name: '.dynamic', type: SHT_DYNAMIC, flags: SHF_ALLOC | SHF_WRITE, data: new Uint8Array(0), align: 8, entsize: ELF64_DYN_SIZE, link: '.dynstr' },
    { name: '.note', type: SHT_NOTE, flags: SHF_ALLOC, data: note, align: 4 },
    { name: '.text', type: SHT_PROGBITS, flags: SHF_ALLOC | SHF_EXECINSTR, data: text, align: 16 },
  ];
  const DYNAMIC_ENTRIES = 10;
  sections[5]!.data = new Uint8Array(DYNAMIC_ENTRIES * ELF64_DYN_SIZE);

  // Place the allocated sections after the headers; .text at its fixed offset (vdso.asm's addresses assume it).
  const NPHDR = 3;
  let off = ELF64_EHDR_SIZE + NPHDR * ELF64_PHDR_SIZE;
  for (const s of sections) {
    if (s.name === '.text') {
      if (off > VDSO_TEXT_OFFSET) throw new Error('vdso: the tables overrun .text');
      off = VDSO_TEXT_OFFSET;
    }
    off = align(off, s.align);
    s.offset = off;
    off += s.data.length;
  }
  const at = (name: string) => sections.find((s) => s.name === name)!;

  const dyn = new DataView(at('.dynamic').data.buffer);
  [
    [DT_HASH, at('.hash').offset!], [DT_STRTAB, at('.dynstr').offset!], [DT_SYMTAB, at('.dynsym').offset!],
    [DT_STRSZ, dynstrBytes.length], [DT_SYMENT, ELF64_SYM_SIZE], [DT_SONAME, sonameOff],
    [DT_VERSYM, at('.gnu.version').offset!], [DT_VERDEF, at('.gnu.version_d').offset!], [DT_VERDEFNUM, 2], [DT_NULL, 0],
  ].forEach(([tag, val], k) => {
    setU64(dyn, k * ELF64_DYN_SIZE, tag!);
    setU64(dyn, k * ELF64_DYN_SIZE + 8, val!);
  });

  // Non-allocated: the section name table and the section headers.
  const shstr = new StrTab();
  const names = sections.map((s) => shstr.add(s.name));
  const shstrtabName = shstr.add('.shstrtab');
  const shstrBytes = shstr.bytes();
  const loadEnd = off;
  const shstrOff = loadEnd;
  const shoff = align(shstrOff + shstrBytes.length, 8);
  const nsh = sections.length + 2;
  const total = align(shoff + nsh * ELF64_SHDR_SIZE, PAGE_SIZE);

  const image = new Uint8Array(total);
  const v = new DataView(image.buffer);
  // ELF header
  image.set(ELFMAG, 0);
  image[EI_CLASS] = ELFCLASS64;
  image[EI_DATA] = ELFDATA2LSB;
  image[EI_VERSION] = EV_CURRENT;
  v.setUint16(16, ET_DYN, true);
  v.setUint16(18, EM_X86_64, true);
  v.setUint32(20, EV_CURRENT, true);
  setU64(v, 24, 0); // e_entry: nothing to start
  setU64(v, 32, ELF64_EHDR_SIZE); // e_phoff
  setU64(v, 40, shoff);
  v.setUint16(52, ELF64_EHDR_SIZE, true);
  v.setUint16(54, ELF64_PHDR_SIZE, true);
  v.setUint16(56, NPHDR, true);
  v.setUint16(58, ELF64_SHDR_SIZE, true);
  v.setUint16(60, nsh, true);
  v.setUint16(62, nsh - 1, true); // e_shstrndx: .shstrtab is last

  // Program headers: the one loadable segment, the dynamic table, the note.
  const phdr = (k: number, type: number, flags: number, offset: number, size: number, alignment: number) => {
    const o = ELF64_EHDR_SIZE + k * ELF64_PHDR_SIZE;
    v.setUint32(o, type, true);
    v.setUint32(o + 4, flags, true);
    setU64(v, o + 8, offset);
    setU64(v, o + 16, offset); // p_vaddr: linked at 0, so addresses equal offsets
    setU64(v, o + 24, offset);
    setU64(v, o + 32, size);
    setU64(v, o + 40, size);
    setU64(v, o + 48, alignment);
  };
  phdr(0, PT_LOAD, PF_R | PF_X, 0, loadEnd, PAGE_SIZE);
  phdr(1, PT_DYNAMIC, PF_R, at('.dynamic').offset!, at('.dynamic').data.length, 8);
  phdr(2, PT_NOTE, PF_R, at('.note').offset!, note.length, 4);

  for (const s of sections) image.set(s.data, s.offset!);
  image.set(shstrBytes, shstrOff);

  // Section headers: null, the sections, .shstrtab.
  const indexOf = (name: string) => sections.findIndex((s) => s.name === name) + 1;
  const shdr = (k: number, name: number, type: number, flags: number, offset: number, size: number, link: number, info: number, alignment: number, entsize: number) => {
    const o = shoff + k * ELF64_SHDR_SIZE;
    v.setUint32(o, name, true);
    v.setUint32(o + 4, type, true);
    setU64(v, o + 8, flags);
    setU64(v, o + 16, flags & SHF_ALLOC ? offset : 0);
    setU64(v, o + 24, offset);
    setU64(v, o + 32, size);
    v.setUint32(o + 40, link, true);
    v.setUint32(o + 44, info, true);
    setU64(v, o + 48, alignment);
    setU64(v, o + 56, entsize);
  };
  sections.forEach((s, k) => {
    shdr(k + 1, names[k]!, s.type, s.flags, s.offset!, s.data.length, s.link ? indexOf(s.link) : 0, s.info ?? 0, s.align, s.entsize ?? 0);
  });
  shdr(nsh - 1, shstrtabName, SHT_STRTAB, 0, shstrOff, shstrBytes.length, 0, 0, 1, 0);
  if (indexOf('.text') !== TEXT_SHNDX) throw new Error('vdso: .text is not at its section index');

  return { bytes: image, symbols: new Map(exported.map((s) => [s.name, s.value])) };
}

/** A string table: NUL first, then each distinct string once. */
class StrTab {
  private readonly parts: string[] = ['\0'];
  private size = 1;
  private readonly index = new Map<string, number>();
  add(s: string): number {
    const known = this.index.get(s);
    if (known !== undefined) return known;
    const off = this.size;
    this.parts.push(s + '\0');
    this.size += s.length + 1;
    this.index.set(s, off);
    return off;
  }
  bytes(): Uint8Array {
    return ascii(this.parts.join(''));
  }
}

function ascii(s: string): Uint8Array {
  return Uint8Array.from(s, (c) => c.charCodeAt(0));
}

function hexBytes(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

function align(n: number, a: number): number {
  return Math.ceil(n / a) * a;
}

function setU64(v: DataView, off: number, value: number): void {
  v.setUint32(off, value % 0x100000000, true);
  v.setUint32(off + 4, Math.floor(value / 0x100000000), true);
}
