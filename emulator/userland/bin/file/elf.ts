// What file(1) says about an ELF file: class and byte order, type, machine, version and OS ABI,
// how it is linked, its GNU notes (build id, ABI tag) and whether it still has a symbol table —
// "ELF 64-bit LSB executable, x86-64, version 1 (SYSV), statically linked, not stripped".

import {
  ELFCLASS64, ELFDATA2LSB, ELFOSABI_GNU, ET_CORE, ET_DYN, ET_EXEC, ET_REL, PT_DYNAMIC, PT_INTERP, PT_NOTE, SHT_NOTE, SHT_SYMTAB,
} from '../../../uapi/elf';
import { ElfError, ElfFile } from '../../lib/elf/read';
import { machineName } from '../binutils/readelf/names';

/** file's short machine names (readelf's long ones are for readelf). */
const MACHINES: Record<number, string> = { 3: 'Intel 80386', 62: 'x86-64', 183: 'ARM aarch64' };
const NT_GNU_ABI_TAG = 1, NT_GNU_BUILD_ID = 3;

export function describeElf(bytes: Uint8Array): string {
  const bits = bytes[4] === ELFCLASS64 ? '64' : '32';
  const order = bytes[5] === ELFDATA2LSB ? 'LSB' : 'MSB';
  const head = `ELF ${bits}-bit ${order}`;
  let elf: ElfFile;
  try {
    elf = new ElfFile(bytes);
  } catch (e) {
    if (e instanceof ElfError) return head;
    throw e;
  }
  const e = elf.header;
  const interp = elf.phdrs.find((p) => p.type === PT_INTERP);
  const dynamic = elf.phdrs.some((p) => p.type === PT_DYNAMIC);
  const parts = [head + ' ' + typeName(e.type, !!interp, dynamic)];
  parts.push(MACHINES[e.machine] ?? machineName(e.machine));
  parts.push(`version ${e.ident[6]} (${e.ident[7] === ELFOSABI_GNU ? 'GNU/Linux' : 'SYSV'})`);
  if (e.type === ET_EXEC || e.type === ET_DYN) {
    if (interp) parts.push('dynamically linked', `interpreter ${elf.cstring(interp.offset)}`);
    else if (e.type === ET_DYN && dynamic) parts.push('static-pie linked');
    else parts.push('statically linked');
  }
  parts.push(...notes(elf));
  if (!elf.sections.length) parts.push('no section header');
  else parts.push(elf.sections.some((s) => s.type === SHT_SYMTAB) ? 'not stripped' : 'stripped');
  return parts.join(', ');
}

function typeName(type: number, interp: boolean, dynamic: boolean): string {
  switch (type) {
    case ET_REL:
      return 'relocatable';
    case ET_EXEC:
      return 'executable';
    case ET_DYN:
      // a position-independent executable has an interpreter, or is a static-pie
      return interp || dynamic ? 'pie executable' : 'shared object';
    case ET_CORE:
      return 'core file';
    default:
      return `*unknown* (${type})`;
  }
}

/** The GNU notes file reports, in file order: BuildID[sha1]=…, for GNU/Linux 3.2.0. */
function notes(elf: ElfFile): string[] {
  const areas = elf.sections.length
    ? elf.sections.filter((s) => s.type === SHT_NOTE).map((s) => [s.offset, s.size] as const)
    : elf.phdrs.filter((p) => p.type === PT_NOTE).map((p) => [p.offset, p.filesz] as const);
  const out: string[] = [];
  const v = elf.view;
  const align4 = (n: number) => (n + 3) & ~3;
  for (const [off, size] of areas) {
    for (let p = off; p + 12 <= off + size && p + 12 <= elf.bytes.length; ) {
      const namesz = v.getUint32(p, true), descsz = v.getUint32(p + 4, true), type = v.getUint32(p + 8, true);
      const name = elf.cstring(p + 12);
      const desc = elf.bytes.subarray(p + 12 + align4(namesz), p + 12 + align4(namesz) + descsz);
      if (name === 'GNU' && type === NT_GNU_BUILD_ID) {
        const kind = desc.length === 20 ? 'sha1' : desc.length === 16 ? 'md5/uuid' : desc.length === 8 ? 'xxHash' : 'unknown';
        out.push(`BuildID[${kind}]=${[...desc].map((b) => b.toString(16).padStart(2, '0')).join('')}`);
      }
      if (name === 'GNU' && type === NT_GNU_ABI_TAG && desc.length >= 16) {
        const w = (i: number) => v.getUint32(desc.byteOffset + i * 4, true);
        const os = ['GNU/Linux', 'GNU/Hurd', 'Solaris', 'FreeBSD'][w(0)] ?? 'unknown';
        out.push(`for ${os} ${w(1)}.${w(2)}.${w(3)}`);
      }
      p += 12 + align4(namesz) + align4(descsz);
    }
  }
  return out;
}
