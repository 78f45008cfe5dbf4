// objdump -d: each executable section, cut at its symbols into labelled blocks, one line per
// instruction:
//
//   "  401005:\t48 bf 00 20 40 00 00 \tmovabs $0x402000,%rdi"
//   "  40100c:\t00 00 00 "               (the bytes past the first 7, on their own lines)
//
// The address column drops the leading zeros the section's end address has (less one, in
// fours): "   0:" in an object, "  401000:" in an executable. A run of zero bytes is shown as "\t..." when it is 8 bytes or more (cut to a
// multiple of 4, so the code after it stays in step), or when it is a short tail (under 3
// bytes) before the next symbol or the section's end.

import { SHF_EXECINSTR, SHT_NOBITS, ET_REL } from '../../../../uapi/elf';
import type { ElfFile } from '../../../lib/elf/read';
import type { Elf64Shdr } from '../../../lib/elf/types';
import { decode } from './disasm/decode';
import { formatAtt } from './disasm/att';
import { formatIntel } from './disasm/intel';
import { addressSymbols, SymbolIndex, type Sym } from './symbols';

const BYTES_PER_LINE = 7;
const SKIP_ZEROES = 8;
const SKIP_ZEROES_AT_END = 3;

const hexBytes = (b: Uint8Array) => [...b].map((x) => `${x.toString(16).padStart(2, '0')} `).join('');

export interface DisassembleOptions {
  intel: boolean;
}

/** The "Disassembly of section" blocks for every executable section. */
export function disassemble(elf: ElfFile, opts: DisassembleOptions): string {
  const all = addressSymbols(elf);
  const relocatable = elf.header.type === ET_REL;
  const global = new SymbolIndex(all);
  let out = '';
  elf.sections.forEach((sec, i) => {
    if (!(sec.flags & SHF_EXECINSTR) || sec.type === SHT_NOBITS || sec.size === 0) return;
    const own = new SymbolIndex(all.filter((s) => s.shndx === i));
    out += `\nDisassembly of section ${sec.name}:\n`;
    out += section(elf, sec, own, relocatable ? own : global, opts);
  });
  return out;
}

function section(elf: ElfFile, sec: Elf64Shdr, own: SymbolIndex, names: SymbolIndex, opts: DisassembleOptions): string {
  const code = elf.contents(sec);
  const base = BigInt(sec.addr);
  const end = base + BigInt(sec.size);
  // Leading zeros of the end address (as 16 hex digits), less one, rounded down to 4, are cut
  const zeros = 16 - end.toString(16).length;
  const width = 16 - (zeros > 0 ? (zeros - 1) & ~3 : 0);
  const addrCol = (a: bigint) => a.toString(16).padStart(width);
  const sym = (a: bigint) => {
    const n = names.name(a);
    return n ? ` ${n}` : '';
  };
  // Block boundaries: the section's start and every symbol inside it.
  const starts = own.sorted.filter((s: Sym) => s.value >= base && s.value < end).map((s) => Number(s.value - base));
  if (starts[0] !== 0) starts.unshift(0);
  let out = '';
  starts.forEach((start, k) => {
    const stop = starts[k + 1] ?? code.length;
    const addr = base + BigInt(start);
    const label = own.at(addr)?.name ?? own.name(addr).slice(1, -1);
    out += `\n${addr.toString(16).padStart(16, '0')} <${label || sec.name}>:\n`;
    const block = code.subarray(0, stop);
    let off = start;
    while (off < stop) {
      let z = off;
      while (z < stop && block[z] === 0) z++;
      const zeros = z - off;
      if (zeros >= SKIP_ZEROES || (z === stop && zeros > 0 && zeros < SKIP_ZEROES_AT_END)) {
        out += '\t...\n';
        off += z === stop ? zeros : zeros & ~3;
        continue;
      }
      const a = base + BigInt(off);
      const insn = decode(block, off, a);
      const bytes = block.subarray(off, off + insn.length);
      const text = opts.intel ? formatIntel(insn, bytes, sym) : formatAtt(insn, bytes, sym);
      out += `${addrCol(a)}:\t${hexBytes(bytes.subarray(0, BYTES_PER_LINE)).padEnd(BYTES_PER_LINE * 3)}\t${text}\n`;
      for (let c = BYTES_PER_LINE; c < bytes.length; c += BYTES_PER_LINE) {
        out += `${addrCol(a + BigInt(c))}:\t${hexBytes(bytes.subarray(c, c + BYTES_PER_LINE))}\n`;
      }
      off += insn.length;
    }
  });
  return out;
}
