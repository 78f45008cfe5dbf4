// Where everything goes: GNU ld's default linker script for x86-64 (`ld --verbose`), for the
// sections a static program has. With -z separate-code (the default) the ELF and program headers
// get a read-only page of their own at 0x400000, code starts on the next page (0x401000),
// read-only data on the page after the code, and writable data at DATA_SEGMENT_ALIGN: the next
// page plus the same offset within a page as the current position, so the file need not be
// padded to a page boundary before it.
//
//   .text   ← .text .text.*          (R E)
//   .rodata ← .rodata .rodata.*      (R)
//   .data   ← .data .data.*          (RW)      _edata after it
//   .bss    ← .bss .bss.*            (RW)      __bss_start before it, _end after it (8-aligned)
//
// Other allocated sections ("orphans") follow the standard section with the same permissions.
// Non-allocated input sections are not written (the output has only the symbol tables).

import { SHF_EXECINSTR, SHF_WRITE, SHT_NOBITS } from '../../../../uapi/elf';
import type { InputObject, InputSection } from './inputs';

export const IMAGE_BASE = 0x400000;
export const PAGE = 0x1000;

export interface OutputSection {
  name: string;
  type: number;
  flags: number;
  align: number;
  inputs: InputSection[];
  size: number;
  addr: number;
  /** File offset (for NOBITS, where it would be). */
  offset: number;
  /** Index in the output section header table. */
  index: number;
}

/** The four groups of the script, in address order; each non-empty one is a PT_LOAD (data and bss share one). */
export type Group = 'text' | 'rodata' | 'data' | 'bss';
const GROUPS: Group[] = ['text', 'rodata', 'data', 'bss'];

export interface Segment {
  flags: 'R E' | 'R' | 'RW';
  sections: OutputSection[];
}

export interface Layout {
  sections: OutputSection[];
  /** The PT_LOADs after the headers' own. */
  segments: Segment[];
  /** The linker-defined symbols' values, and the output sections they are relative to. */
  edata: number;
  end: number;
  group: Map<Group, OutputSection[]>;
  /** The file position after the last section contents. */
  fileEnd: number;
}

function groupOf(s: InputSection): Group {
  if (s.shdr.type === SHT_NOBITS) return 'bss';
  if (s.shdr.flags & SHF_EXECINSTR) return 'text';
  return s.shdr.flags & SHF_WRITE ? 'data' : 'rodata';
}

/** The output section name: the standard one for `.text.foo` and the like, else the input's own. */
function outputName(s: InputSection): string {
  const m = /^\.(text|rodata|data|bss)(\..*)?$/.exec(s.shdr.name);
  return m ? '.' + m[1] : s.shdr.name;
}

const alignUp = (n: number, a: number) => (a > 1 ? Math.ceil(n / a) * a : n);
/** The first file position at or after `file` that is congruent to `addr` modulo the page size. */
const congruent = (file: number, addr: number) => file + ((((addr - file) % PAGE) + PAGE) % PAGE);

/** Sort the input sections into output sections. */
function collect(objects: InputObject[]): Map<Group, OutputSection[]> {
  const groups = new Map<Group, OutputSection[]>(GROUPS.map((g) => [g, []]));
  for (const obj of objects) {
    for (const s of obj.sections) {
      if (!s) continue;
      const g = groupOf(s);
      const list = groups.get(g)!;
      const name = outputName(s);
      let out = list.find((o) => o.name === name);
      if (!out) {
        out = { name, type: s.shdr.type, flags: s.shdr.flags, align: 1, inputs: [], size: 0, addr: 0, offset: 0, index: 0 };
        // the standard section leads its group; orphans follow in the order they are met
        if (name === '.' + g) list.unshift(out);
        else list.push(out);
      }
      out.align = Math.max(out.align, s.shdr.addralign || 1);
      out.inputs.push(s);
    }
  }
  return groups;
}

/**
 * Give every output section its address and file offset. DATA_SEGMENT_ALIGN has two forms: the
 * next page plus the current offset within a page, or simply the next page boundary when that
 * makes the writable segment span fewer pages; ld lays out with the first and takes the second
 * if it saves a page.
 */
export function layOut(objects: InputObject[]): Layout {
  const groups = collect(objects);
  const first = place(groups, false);
  const rw = first.segments.find((s) => s.flags === 'RW');
  if (!rw) return first;
  const start = rw.sections[0]!.addr;
  const last = rw.sections.at(-1)!;
  const pages = (from: number, to: number) => Math.ceil(to / PAGE) - Math.floor(from / PAGE);
  const shift = start % PAGE; // how far the first form is from the page boundary
  const end = last.addr + last.size;
  if (pages(start - shift, end - shift) >= pages(start, end)) return first;
  return place(groups, true);
}

function place(groups: Map<Group, OutputSection[]>, pageAlignData: boolean): Layout {
  const sections: OutputSection[] = [];
  const segments: Segment[] = [];
  let addr = IMAGE_BASE + PAGE;
  let file = PAGE;
  let fileEnd = PAGE;
  let edata = 0;
  for (const g of GROUPS) {
    const outs = groups.get(g)!;
    if (g === 'data') addr = alignUp(addr, PAGE) + (pageAlignData ? 0 : addr & (PAGE - 1)); // DATA_SEGMENT_ALIGN
    if (g === 'bss') edata = addr;
    for (const out of outs) {
      addr = alignUp(addr, out.align);
      out.addr = addr;
      out.size = 0;
      for (const s of out.inputs) {
        out.size = alignUp(out.size, s.shdr.addralign || 1);
        s.out = out;
        s.outOffset = out.size;
        out.size += s.shdr.size;
      }
      // The script ends .bss with `. = ALIGN(. != 0 ? 64 / 8 : 1)`, inside the section.
      if (out.name === '.bss' && out.size) out.size = alignUp(out.addr + out.size, 8) - out.addr;
      // Contents sit at a file offset congruent to their address, so pages map straight in. A
      // .bss after .data takes the position where the file ends; one that opens its segment, the
      // position its address asks for.
      const opensSegment = g !== 'bss' || !groups.get('data')!.length;
      if (out.type !== SHT_NOBITS || (opensSegment && out === outs[0])) file = congruent(file, out.addr);
      out.offset = file;
      if (out.type !== SHT_NOBITS) fileEnd = file += out.size;
      addr += out.size;
      sections.push(out);
    }
    if (g === 'text') addr = alignUp(addr, PAGE); // . = ALIGN(MAXPAGESIZE) before .rodata
    if (!outs.length) continue;
    const flags = g === 'text' ? 'R E' : g === 'rodata' ? 'R' : 'RW';
    if (g === 'bss' && segments.at(-1)?.flags === 'RW') segments.at(-1)!.sections.push(...outs);
    else segments.push({ flags, sections: [...outs] });
  }
  sections.forEach((s, i) => (s.index = i + 1));
  return { sections, segments, edata, end: alignUp(addr, 8), group: groups, fileEnd };
}
