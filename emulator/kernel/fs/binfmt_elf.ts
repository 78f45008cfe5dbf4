// binfmt_elf: load an ELF64 x86-64 executable into a fresh address space (fs/binfmt_elf.c).
//
// ET_EXEC and static ET_DYN (static-pie) files are supported. Each PT_LOAD segment becomes a VMA
// with the segment's permissions and the file's name (so /proc/<pid>/maps shows it), bss is
// zero-filled, and the brk starts after the last segment. Our TypeScript programs are ELF files
// too: a PT_NOTE named "Ringside" carries the name of the program the TypeScript runtime runs,
// the way a real binary's code is what the CPU runs.

import { EM_X86_64, ET_DYN, ET_EXEC, PF_R, PF_W, PF_X, PT_GNU_STACK, PT_INTERP, PT_LOAD, PT_NOTE } from '../../uapi/elf';
import { EINVAL, ENOENT, ENOEXEC } from '../../uapi/errno';
import { PAGE_SIZE, PROT_EXEC, PROT_READ, PROT_WRITE } from '../../uapi/mman';
import { FAULT_OK, type MM } from '../mm/mm';
import type { VmaFile } from '../mm/vma';

/** The note that marks a Ringside TypeScript program: owner "Ringside", type 1, desc = program name. */
export const RINGSIDE_NOTE_NAME = 'Ringside';
export const RINGSIDE_NOTE_TYPE = 1;
/** Where a static-pie is placed (ELF_ET_DYN_BASE without randomisation). */
export const ELF_ET_DYN_BASE = 0x555555554000;

export interface ElfPhdr {
  type: number;
  flags: number;
  offset: number;
  vaddr: number;
  filesz: number;
  memsz: number;
  align: number;
}

export interface ElfImage {
  type: number;
  entry: number;
  phoff: number;
  phentsize: number;
  phnum: number;
  phdrs: ElfPhdr[];
  /** The PT_INTERP path, if the file wants a dynamic loader. */
  interp: string | null;
  /** The Ringside runtime note, if present. */
  note: string | null;
  execStack: boolean;
}

/** Parse and validate the headers; -ENOEXEC for anything that is not a loadable x86-64 ELF64. */
export function parseElf(bytes: Uint8Array): ElfImage | number {
  if (bytes.length < 64 || bytes[0] !== 0x7f || bytes[1] !== 0x45 || bytes[2] !== 0x4c || bytes[3] !== 0x46) return -ENOEXEC;
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes[4] !== 2 || bytes[5] !== 1) return -ENOEXEC; // ELFCLASS64, little endian
  const type = v.getUint16(16, true);
  if ((type !== ET_EXEC && type !== ET_DYN) || v.getUint16(18, true) !== EM_X86_64) return -ENOEXEC;
  const entry = Number(v.getBigUint64(24, true));
  const phoff = Number(v.getBigUint64(32, true));
  const phentsize = v.getUint16(54, true);
  const phnum = v.getUint16(56, true);
  if (phentsize !== 56 || phnum === 0 || phnum > 64 || phoff + phnum * 56 > bytes.length) return -ENOEXEC;
  const img: ElfImage = { type, entry, phoff, phentsize, phnum, phdrs: [], interp: null, note: null, execStack: false };
  for (let i = 0; i < phnum; i++) {
    const o = phoff + i * 56;
    const ph: ElfPhdr = {
      type: v.getUint32(o, true),
      flags: v.getUint32(o + 4, true),
      offset: Number(v.getBigUint64(o + 8, true)),
      vaddr: Number(v.getBigUint64(o + 16, true)),
      filesz: Number(v.getBigUint64(o + 32, true)),
      memsz: Number(v.getBigUint64(o + 40, true)),
      align: Number(v.getBigUint64(o + 48, true)),
    };
    if (ph.type === PT_LOAD && (ph.filesz > ph.memsz || ph.offset + ph.filesz > bytes.length)) return -ENOEXEC;
    if (ph.type === PT_INTERP) img.interp = cstring(bytes, ph.offset, ph.filesz);
    if (ph.type === PT_NOTE) img.note ??= findRingsideNote(bytes, ph.offset, ph.filesz);
    if (ph.type === PT_GNU_STACK) img.execStack = (ph.flags & PF_X) !== 0;
    img.phdrs.push(ph);
  }
  if (!img.phdrs.some((p) => p.type === PT_LOAD)) return -ENOEXEC;
  return img;
}

function cstring(bytes: Uint8Array, off: number, len: number): string {
  let s = '';
  for (let i = off; i < off + len && i < bytes.length && bytes[i] !== 0; i++) s += String.fromCharCode(bytes[i]!);
  return s;
}

/** Walk an ELF note segment for the Ringside note (Elf64_Nhdr: namesz, descsz, type; 4-aligned). */
function findRingsideNote(bytes: Uint8Array, off: number, len: number): string | null {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = Math.min(off + len, bytes.length);
  let p = off;
  const align4 = (n: number) => (n + 3) & ~3;
  while (p + 12 <= end) {
    const namesz = v.getUint32(p, true);
    const descsz = v.getUint32(p + 4, true);
    const type = v.getUint32(p + 8, true);
    const name = cstring(bytes, p + 12, namesz);
    const descOff = p + 12 + align4(namesz);
    if (descOff + descsz > end) return null;
    if (name === RINGSIDE_NOTE_NAME && type === RINGSIDE_NOTE_TYPE) return cstring(bytes, descOff, descsz);
    p = descOff + align4(descsz);
  }
  return null;
}

export interface LoadedElf {
  entry: number;
  /** Address of the program headers in memory (AT_PHDR). */
  phdrAddr: number;
  loadBias: number;
  brk: number;
}

const pageDown = (a: number) => Math.floor(a / PAGE_SIZE) * PAGE_SIZE;
const pageUp = (a: number) => Math.ceil(a / PAGE_SIZE) * PAGE_SIZE;

/**
 * Map the PT_LOAD segments of `img` into `mm` (load_elf_binary's segment loop). Returns what the
 * stack setup needs, or -errno. Linux maps file pages from the page cache; we copy the bytes into
 * private pages, which is what a private mapping looks like once written.
 */
export function loadElfSegments(mm: MM, img: ElfImage, bytes: Uint8Array, file: VmaFile): LoadedElf | number {
  if (img.interp !== null) return -ENOENT; // the caller reports the missing interpreter
  const bias = img.type === ET_DYN ? ELF_ET_DYN_BASE : 0;
  let brk = 0;
  let phdrAddr = 0;
  for (const ph of img.phdrs) {
    if (ph.type !== PT_LOAD) continue;
    const start = pageDown(ph.vaddr + bias);
    const end = pageUp(ph.vaddr + bias + ph.memsz);
    if (end <= start || end > 0x7ff000000000) return -EINVAL;
    const prot = (ph.flags & PF_R ? PROT_READ : 0) | (ph.flags & PF_W ? PROT_WRITE : 0) | (ph.flags & PF_X ? PROT_EXEC : 0);
    const fileStart = pageDown(ph.offset);
    mm.mapArea(start, end, PROT_READ | PROT_WRITE, 0, '', file, fileStart);
    if (ph.filesz > 0 && mm.writeFrom(ph.vaddr + bias, bytes.subarray(ph.offset, ph.offset + ph.filesz)) !== FAULT_OK) return -ENOEXEC;
    mm.protectRange(start, end, prot);
    if (ph.offset <= img.phoff && img.phoff < ph.offset + ph.filesz) phdrAddr = ph.vaddr + bias + (img.phoff - ph.offset);
    if (mm.startCode === 0 || start < mm.startCode) mm.startCode = start;
    if (ph.flags & PF_X) mm.endCode = Math.max(mm.endCode, ph.vaddr + bias + ph.filesz);
    else {
      if (mm.startData === 0) mm.startData = ph.vaddr + bias;
      mm.endData = Math.max(mm.endData, ph.vaddr + bias + ph.filesz);
    }
    brk = Math.max(brk, end);
  }
  mm.startBrk = mm.brk = brk;
  return { entry: img.entry + bias, phdrAddr, loadBias: bias, brk };
}
