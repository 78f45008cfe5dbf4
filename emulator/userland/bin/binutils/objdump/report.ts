// One file's displays, in objdump's fixed order: the "file format" line, then -f, -h, -t, -d.
// Pure (bytes in, text out), so the tests run it without a machine.

import { ElfFile } from '../../../lib/elf/read';
import { disassemble } from './disassemble';
import { FORMAT, fileHeader, sectionHeaders, symbolTable } from './headers';

export interface Displays {
  fileHeader?: boolean;
  sectionHeaders?: boolean;
  syms?: boolean;
  disassemble?: boolean;
  intel?: boolean;
}

/** The text objdump prints for the file `name` (an ElfError escapes for a malformed one). */
export function report(name: string, elf: ElfFile, want: Displays): string {
  let out = `\n${name}:     file format ${FORMAT}\n`;
  out += want.fileHeader ? fileHeader(elf) + '\n' : '\n';
  if (want.sectionHeaders) out += sectionHeaders(elf);
  if (want.syms) out += symbolTable(elf);
  if (want.disassemble) out += disassemble(elf, { intel: !!want.intel });
  return out;
}
