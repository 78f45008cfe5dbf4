// The link itself: resolve symbols across the inputs, lay the sections out, define the script's
// symbols, relocate, and produce the executable — or the diagnostics that stop it.

import { SHF_EXECINSTR, SHN_ABS, SHT_NOBITS } from '../../../../uapi/elf';
import { Diagnostics } from './diagnostics';
import type { InputObject } from './inputs';
import { fillNops } from './nops';
import { layOut, type Layout, type OutputSection } from './layout';
import { writeExecutable, type Image } from './output';
import { relocateSection } from './relocate';
import { SymbolTable } from './symbols';

export interface LinkResult {
  /** The executable, or null when errors stopped the link. */
  output: Uint8Array | null;
  /** Messages in ld's words, errors and warnings, in the order ld prints them. */
  messages: string[];
}

export function link(objects: InputObject[], entryName: string, strip = false): LinkResult {
  const diag = new Diagnostics();
  const symbols = new SymbolTable();
  for (const obj of objects) symbols.add(obj);
  for (const d of symbols.duplicates) {
    const sec = d.again.obj.sections[d.again.sym.shndx];
    const first = d.first.obj.sections[d.first.sym.shndx];
    if (!sec || !first) continue;
    diag.error(sec, Number(d.again.sym.value), `multiple definition of \`${d.name}'; ${diag.where(first, Number(d.first.sym.value), true)}: first defined here`);
  }

  const stack = stackNote(objects, diag);
  const layout = layOut(objects);
  symbols.resolve((obj, sym) => {
    if (sym.shndx === SHN_ABS) return { value: Number(sym.value), shndx: SHN_ABS };
    const sec = obj.sections[sym.shndx]!;
    return { value: sec.out!.addr + sec.outOffset + Number(sym.value), shndx: sec.out!.index };
  });
  defineScriptSymbols(layout, symbols);

  const contents = new Map<number, Uint8Array>();
  for (const out of layout.sections) {
    if (out.type === SHT_NOBITS) continue;
    const buf = new Uint8Array(out.size);
    let end = 0;
    for (const s of out.inputs) {
      if (out.flags & SHF_EXECINSTR) fillNops(buf, end, s.outOffset); // the gap before it
      end = s.outOffset + s.shdr.size;
      buf.set(s.data, s.outOffset);
      relocateSection(s, buf, symbols, diag);
    }
    contents.set(out.index, buf);
  }

  const text = layout.sections.find((s) => s.name === '.text');
  let entry = symbols.globals.get(entryName)?.value ?? 0;
  if (!symbols.isDefined(entryName)) {
    const parsed = /^(0x[0-9a-f]+|[0-9]+)$/i.test(entryName) ? Number(entryName) : null;
    entry = parsed ?? text?.addr ?? 0;
    if (parsed === null) diag.plain(`warning: cannot find entry symbol ${entryName}; defaulting to ${entry.toString(16).padStart(16, '0')}`);
  }
  const failed = diag.lines.some((l) => !l.startsWith('ld: warning:') && !l.startsWith('ld: NOTE:'));
  if (failed) return { output: null, messages: diag.lines };
  const img: Image = { layout, contents, entry, stack };
  return { output: writeExecutable(img, objects, symbols, strip), messages: diag.lines };
}

/**
 * _edata ends .data, __bss_start begins .bss, _end follows everything. Each belongs to an output
 * section as GNU ld assigns them: _edata to .data (or, lacking one, .bss, or the last section
 * before it), __bss_start and _end to .bss when there is one and otherwise with _edata.
 */
function defineScriptSymbols(layout: Layout, symbols: SymbolTable): void {
  const first = (g: 'data' | 'bss') => layout.group.get(g)![0] ?? null;
  const before = layout.sections.filter((s) => s.addr <= layout.edata).at(-1) ?? null;
  const edataSection: OutputSection | null = first('data') ?? first('bss') ?? before;
  symbols.define('__bss_start', layout.edata, first('bss') ?? edataSection);
  symbols.define('_edata', layout.edata, edataSection);
  symbols.define('_end', layout.end, first('bss') ?? edataSection);
}

/**
 * PT_GNU_STACK: an object says whether it needs an executable stack with a .note.GNU-stack
 * section. Without any such note there is no PT_GNU_STACK (NASM objects, by default); if only
 * some inputs have one, the others imply an executable stack, with ld's warning.
 */
function stackNote(objects: InputObject[], diag: Diagnostics): { exec: boolean } | null {
  if (!objects.some((o) => o.stackNote)) return null;
  const missing = objects.filter((o) => !o.stackNote);
  for (const o of missing) diag.plain(`warning: ${o.path}: missing .note.GNU-stack section implies executable stack`);
  if (missing.length) diag.plain('NOTE: This behaviour is deprecated and will be removed in a future version of the linker');
  return { exec: missing.length > 0 || objects.some((o) => o.stackNote?.exec) };
}
