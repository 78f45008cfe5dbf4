// Symbol resolution: every global or weak symbol of the inputs by name, the definition that
// wins, and the linker's own symbols (__bss_start, _edata, _end). Also the order GNU ld writes
// globals in — the order of its symbol hash table, not of the input.

import { SHN_ABS, SHN_COMMON, SHN_UNDEF, STB_GLOBAL, STB_LOCAL, STB_WEAK, STT_NOTYPE } from '../../../../uapi/elf';
import type { Elf64Sym } from '../../../lib/elf/types';
import type { InputObject } from './inputs';
import type { OutputSection } from './layout';

export interface GlobalSymbol {
  name: string;
  /** The defining object and its symbol; null while undefined (or for linker symbols). */
  def: { obj: InputObject; sym: Elf64Sym } | null;
  bind: number;
  type: number;
  /** Final address (after layout). */
  value: number;
  /** Output section index, or SHN_ABS. */
  shndx: number;
  /** Order of first appearance, for the hash table's tie-break. */
  seq: number;
}

export interface Duplicate {
  name: string;
  first: { obj: InputObject; sym: Elf64Sym };
  again: { obj: InputObject; sym: Elf64Sym };
}

export class SymbolTable {
  readonly globals = new Map<string, GlobalSymbol>();
  readonly duplicates: Duplicate[] = [];

  /** Enter the global and weak symbols of one object (a strong definition beats a weak one). */
  add(obj: InputObject): void {
    for (const sym of obj.symbols) {
      if (sym.bind === STB_LOCAL || sym.name === '') continue;
      let g = this.globals.get(sym.name);
      if (!g) {
        g = { name: sym.name, def: null, bind: sym.bind, type: sym.type, value: 0, shndx: SHN_UNDEF, seq: this.globals.size };
        this.globals.set(sym.name, g);
      }
      if (sym.shndx === SHN_UNDEF || sym.shndx === SHN_COMMON) continue;
      if (g.def && g.def.sym.bind !== STB_WEAK && sym.bind !== STB_WEAK) {
        this.duplicates.push({ name: sym.name, first: g.def, again: { obj, sym } });
        continue;
      }
      if (!g.def || g.def.sym.bind === STB_WEAK) {
        g.def = { obj, sym };
        g.bind = sym.bind;
        g.type = sym.type;
      }
    }
  }

  /** A symbol the linker script defines (`_edata = .;`), relative to an output section. */
  define(name: string, value: number, section: OutputSection | null): void {
    const g = this.globals.get(name);
    if (g?.def) return; // a program's own definition wins over the script's
    this.globals.set(name, {
      name, def: null, bind: STB_GLOBAL, type: STT_NOTYPE, value, shndx: section ? section.index : SHN_ABS,
      seq: g?.seq ?? this.globals.size,
    });
  }

  /** Give each defined input symbol its final address. */
  resolve(address: (obj: InputObject, sym: Elf64Sym) => { value: number; shndx: number }): void {
    for (const g of this.globals.values()) {
      if (!g.def) continue;
      const r = address(g.def.obj, g.def.sym);
      g.value = r.value;
      g.shndx = r.shndx;
    }
  }

  isDefined(name: string): boolean {
    const g = this.globals.get(name);
    return !!g && (g.def !== null || g.shndx !== SHN_UNDEF);
  }

  /**
   * The defined globals in GNU ld's output order. ld keeps them in a hash table of 4051 buckets
   * (bfd's default size) and writes them bucket by bucket, the latest entered first within one;
   * the hash mixes each byte c in as h += c + (c << 17); h ^= h >> 2, then the length likewise,
   * on a 64-bit unsigned long. (A program with thousands of symbols makes bfd grow the table,
   * which this does not model.)
   */
  outputOrder(): GlobalSymbol[] {
    const defined = [...this.globals.values()].filter((g) => g.def || g.shndx !== SHN_UNDEF);
    const bucket = new Map(defined.map((g) => [g, Number(bfdHash(g.name) % 4051n)]));
    return defined.sort((a, b) => bucket.get(a)! - bucket.get(b)! || b.seq - a.seq);
  }
}

const M64 = (1n << 64n) - 1n;

function bfdHash(name: string): bigint {
  let h = 0n;
  const mix = (c: bigint) => {
    h = (h + c + (c << 17n)) & M64;
    h ^= h >> 2n;
  };
  const bytes = new TextEncoder().encode(name);
  for (const c of bytes) mix(BigInt(c));
  mix(BigInt(bytes.length));
  return h;
}

