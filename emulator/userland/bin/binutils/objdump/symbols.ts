// The symbols objdump names addresses with: labels at the start of each function in a
// disassembly, and "<sym+0x10>" after branch targets and rip-relative addresses.
//
// At one address several symbols may sit (a nasm label and its local ".loop"; ld's __bss_start,
// _edata and _end): a global one is preferred to a local one, a real one to a section symbol,
// then the first by name. An address below every candidate is named from the first symbol
// after it, with a negative offset ("<_start-0xf>").

import { SHN_UNDEF, STB_LOCAL, STT_FILE, STT_SECTION } from '../../../../uapi/elf';
import type { ElfFile } from '../../../lib/elf/read';

export interface Sym {
  name: string;
  value: bigint;
  shndx: number;
  global: boolean;
  section: boolean;
}

/** The defined symbols of the file that can name addresses (not file symbols). */
export function addressSymbols(elf: ElfFile): Sym[] {
  const tab = elf.symtab();
  if (!tab) return [];
  const out: Sym[] = [];
  for (const s of elf.symbols(tab)) {
    if (s.shndx === SHN_UNDEF || s.type === STT_FILE) continue;
    const section = s.type === STT_SECTION;
    const name = section ? elf.sections[s.shndx]?.name ?? '' : s.name;
    if (!name) continue;
    out.push({ name, value: s.value, shndx: s.shndx, global: s.bind !== STB_LOCAL, section });
  }
  return out;
}

/** Negative when `a` is the better name for an address than `b`. */
function better(a: Sym, b: Sym): number {
  if (a.section !== b.section) return a.section ? 1 : -1;
  if (a.global !== b.global) return a.global ? -1 : 1;
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/** Symbols sorted by address, one (the best) per address. */
export class SymbolIndex {
  readonly sorted: Sym[];

  constructor(syms: Sym[]) {
    const byAddr = new Map<bigint, Sym>();
    for (const s of syms) {
      const cur = byAddr.get(s.value);
      if (!cur || better(s, cur) < 0) byAddr.set(s.value, s);
    }
    this.sorted = [...byAddr.values()].sort((a, b) => (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
  }

  /** The symbol exactly at `addr`. */
  at(addr: bigint): Sym | undefined {
    const i = this.floorIndex(addr);
    const s = this.sorted[i];
    return s && s.value === addr ? s : undefined;
  }

  /** "<sym>", "<sym+0x10>", "<sym-0xf>", or "" with no symbols. */
  name(addr: bigint): string {
    if (!this.sorted.length) return '';
    const i = this.floorIndex(addr);
    const s = i >= 0 ? this.sorted[i]! : this.sorted[0]!;
    const off = addr - s.value;
    return `<${s.name}${off === 0n ? '' : off > 0n ? `+0x${off.toString(16)}` : `-0x${(-off).toString(16)}`}>`;
  }

  /** Index of the last symbol at or below `addr` (-1 if none). */
  private floorIndex(addr: bigint): number {
    let lo = 0, hi = this.sorted.length - 1, r = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.sorted[mid]!.value <= addr) {
        r = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return r;
  }
}
