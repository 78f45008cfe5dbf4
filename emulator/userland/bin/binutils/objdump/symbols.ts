// The symbols objdump names addresses with: labels at the start of each function in a
// disassembly, and "<sym+0x10>" after branch targets and rip-relative addresses.
//
// At one address several symbols may sit (a nasm label and its local ".loop"; ld's __bss_start,
// _edata and _end; musl's memcpy and its hidden alias): as objdump chooses, a real symbol beats
// a section symbol, a function beats an object which beats an untyped label, then global beats
// weak beats local, then the first by name. An address below every candidate is named from the first symbol
// after it, with a negative offset ("<_start-0xf>").

import { SHN_UNDEF, STB_GLOBAL, STB_WEAK, STT_FILE, STT_FUNC, STT_OBJECT, STT_SECTION } from '../../../../uapi/elf';
import type { ElfFile } from '../../../lib/elf/read';

export interface Sym {
  name: string;
  value: bigint;
  shndx: number;
  /** 2 function, 1 object, 0 anything else. */
  typeRank: number;
  /** 2 global, 1 weak, 0 local. */
  bindRank: number;
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
    const typeRank = s.type === STT_FUNC ? 2 : s.type === STT_OBJECT ? 1 : 0;
    const bindRank = s.bind === STB_GLOBAL ? 2 : s.bind === STB_WEAK ? 1 : 0;
    out.push({ name, value: s.value, shndx: s.shndx, typeRank, bindRank, section });
  }
  return out;
}

/** Negative when `a` is the better name for an address than `b`. */
function better(a: Sym, b: Sym): number {
  if (a.section !== b.section) return a.section ? 1 : -1;
  if (a.typeRank !== b.typeRank) return b.typeRank - a.typeRank;
  if (a.bindRank !== b.bindRank) return b.bindRank - a.bindRank;
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
