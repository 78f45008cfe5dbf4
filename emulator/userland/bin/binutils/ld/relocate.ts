// Applying the x86-64 relocations (psABI §4.4): S is the symbol's address, A the addend, P the
// address of the field. 64: S+A; PC32/PLT32: S+A-P (a static link needs no PLT, so a PLT32 call
// goes straight to the function); 32: S+A zero-extended; 32S: S+A sign-extended; 16/8 and the
// PC16/PC8/PC64 variants likewise. A value that does not fit its field is ld's "relocation
// truncated to fit".

import {
  R_X86_64_16, R_X86_64_32, R_X86_64_32S, R_X86_64_64, R_X86_64_8, R_X86_64_NONE, R_X86_64_PC16, R_X86_64_PC32,
  R_X86_64_PC64, R_X86_64_PC8, R_X86_64_PLT32, SHN_ABS, SHN_UNDEF, STB_LOCAL, STB_WEAK, STT_SECTION,
} from '../../../../uapi/elf';
import type { Elf64Sym } from '../../../lib/elf/types';
import type { Diagnostics } from './diagnostics';
import type { InputObject, InputSection } from './inputs';
import type { SymbolTable } from './symbols';

export const RELOC_NAMES: Record<number, string> = {
  [R_X86_64_NONE]: 'R_X86_64_NONE', [R_X86_64_64]: 'R_X86_64_64', [R_X86_64_PC32]: 'R_X86_64_PC32',
  [R_X86_64_PLT32]: 'R_X86_64_PLT32', [R_X86_64_32]: 'R_X86_64_32', [R_X86_64_32S]: 'R_X86_64_32S',
  [R_X86_64_16]: 'R_X86_64_16', [R_X86_64_PC16]: 'R_X86_64_PC16', [R_X86_64_8]: 'R_X86_64_8',
  [R_X86_64_PC8]: 'R_X86_64_PC8', [R_X86_64_PC64]: 'R_X86_64_PC64',
};

/** Field size, whether relative to P, and the range the value must fit. */
const FIELDS: Record<number, { size: number; pcrel: boolean; min: bigint; max: bigint }> = {
  [R_X86_64_64]: { size: 8, pcrel: false, min: -(1n << 63n), max: (1n << 64n) - 1n },
  [R_X86_64_PC64]: { size: 8, pcrel: true, min: -(1n << 63n), max: (1n << 64n) - 1n },
  [R_X86_64_PC32]: { size: 4, pcrel: true, min: -(1n << 31n), max: (1n << 31n) - 1n },
  [R_X86_64_PLT32]: { size: 4, pcrel: true, min: -(1n << 31n), max: (1n << 31n) - 1n },
  [R_X86_64_32]: { size: 4, pcrel: false, min: 0n, max: (1n << 32n) - 1n },
  [R_X86_64_32S]: { size: 4, pcrel: false, min: -(1n << 31n), max: (1n << 31n) - 1n },
  [R_X86_64_16]: { size: 2, pcrel: false, min: -(1n << 15n), max: (1n << 16n) - 1n },
  [R_X86_64_PC16]: { size: 2, pcrel: true, min: -(1n << 15n), max: (1n << 15n) - 1n },
  [R_X86_64_8]: { size: 1, pcrel: false, min: -(1n << 7n), max: (1n << 8n) - 1n },
  [R_X86_64_PC8]: { size: 1, pcrel: true, min: -(1n << 7n), max: (1n << 7n) - 1n },
};

/** The address of symbol `index` of `obj`, or null if it is undefined (weak undefined is 0). */
export function symbolValue(obj: InputObject, sym: Elf64Sym, symbols: SymbolTable): bigint | null {
  if (sym.bind === STB_LOCAL || sym.type === STT_SECTION) {
    if (sym.shndx === SHN_ABS) return sym.value;
    const sec = obj.sections[sym.shndx];
    if (!sec?.out) return null;
    return BigInt(sec.out.addr + sec.outOffset) + (sym.type === STT_SECTION ? 0n : sym.value);
  }
  const g = symbols.globals.get(sym.name);
  if (g && (g.def || g.shndx !== SHN_UNDEF)) return BigInt(g.value);
  return sym.bind === STB_WEAK ? 0n : null;
}

/** Relocate one input section's bytes inside its output section's buffer. */
export function relocateSection(sec: InputSection, buf: Uint8Array, symbols: SymbolTable, diag: Diagnostics): void {
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const base = sec.out!.addr + sec.outOffset;
  for (const r of sec.relocs) {
    if (r.type === R_X86_64_NONE) continue;
    const sym = sec.obj.symbols[r.sym];
    const field = FIELDS[r.type];
    if (!sym) {
      diag.error(sec, r.offset, `bad symbol index ${r.sym} in relocation`);
      continue;
    }
    if (!field) {
      diag.error(sec, r.offset, `unsupported relocation type ${RELOC_NAMES[r.type] ?? r.type}`);
      continue;
    }
    const S = symbolValue(sec.obj, sym, symbols);
    if (S === null) {
      if (sym.shndx === SHN_UNDEF) diag.error(sec, r.offset, `undefined reference to \`${sym.name}'`);
      continue;
    }
    const P = BigInt(base + r.offset);
    const v = S + r.addend - (field.pcrel ? P : 0n);
    if (v < field.min || v > field.max) {
      const against = sym.type === STT_SECTION ? sec.obj.sections[sym.shndx]?.shdr.name ?? '' : sym.name;
      diag.error(sec, r.offset, `relocation truncated to fit: ${RELOC_NAMES[r.type]} against \`${against}'`);
      continue;
    }
    const at = sec.outOffset + r.offset;
    const u = BigInt.asUintN(field.size * 8, v);
    if (field.size === 8) view.setBigUint64(at, u, true);
    else if (field.size === 4) view.setUint32(at, Number(u), true);
    else if (field.size === 2) view.setUint16(at, Number(u), true);
    else view.setUint8(at, Number(u));
  }
}
