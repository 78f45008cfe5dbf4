// objdump (GNU binutils): display information from object files.
//   -f --file-headers   -h --section-headers --headers   -t --syms
//   -d --disassemble    -M --disassembler-options=intel|att (Intel or AT&T syntax)
// The displays come in objdump's fixed order (-f, -h, -t, -d) whatever the order of the options.
// Simplifications: ELF64 x86-64 files only; no archives, relocations, -D, -S or DWARF.

import type { Sys } from '../../runtime/context';
import { fputs, stderr, stdout } from '../../libc/stdio';
import { getopt } from '../../libc/getopt';
import { readFileBytes } from '../../lib/file_io';
import { errno } from '../../libc/process';
import { EISDIR } from '../../../uapi/errno';
import { ElfError, ElfFile, isElf } from '../../lib/elf/read';
import { report } from './objdump/report';

const USAGE = `Usage: objdump <option(s)> <file(s)>
 Display information from object <file(s)>.
 At least one of the following switches must be given:
  -f, --file-headers       Display the contents of the overall file header
  -h, --[section-]headers  Display the contents of the section headers
  -d, --disassemble        Display assembler contents of executable sections
  -t, --syms               Display the contents of the symbol table(s)
  -v, --version            Display this program's version number
  -H, --help               Display this information

 The following switches are optional:
  -M, --disassembler-options=OPT Pass text OPT on to the disassembler
                                 (intel or att: the syntax of the disassembly)
`;

export function* objdump(argv: string[]): Sys<number> {
  const r = yield* getopt('objdump', argv, 'dfhtM:vH', [
    { name: 'disassemble', hasArg: 0, val: 'd' }, { name: 'file-headers', hasArg: 0, val: 'f' },
    { name: 'section-headers', hasArg: 0, val: 'h' }, { name: 'headers', hasArg: 0, val: 'h' },
    { name: 'syms', hasArg: 0, val: 't' }, { name: 'disassembler-options', hasArg: 1, val: 'M' },
    { name: 'version', hasArg: 0, val: 'v' }, { name: 'help', hasArg: 0, val: 'H' },
  ]);
  if (r.error) {
    yield* fputs(USAGE, stderr());
    return 1;
  }
  const want = new Set<string>();
  let intel = false;
  for (const { opt, arg } of r.options) {
    if (opt === 'v') {
      yield* fputs('GNU objdump (GNU Binutils for Debian) 2.40\n', stdout());
      return 0;
    }
    if (opt === 'H') {
      yield* fputs(USAGE, stdout());
      return 0;
    }
    if (opt === 'M') {
      for (const o of (arg ?? '').split(',')) {
        if (o === 'intel' || o === 'intel-mnemonic') intel = true;
        else if (o === 'att' || o === 'att-mnemonic') intel = false;
        else yield* fputs(`objdump: unrecognised disassembler option: ${o}\n`, stderr());
      }
      continue;
    }
    want.add(opt);
  }
  if (!want.size) {
    yield* fputs(USAGE, stderr());
    return 2;
  }
  const files = r.operands.length ? r.operands : ['a.out'];
  let status = 0;
  for (const path of files) {
    const bytes = yield* readFileBytes(path);
    if (!bytes) {
      const msg = errno() === EISDIR ? `Warning: '${path}' is a directory` : `'${path}': No such file`;
      yield* fputs(`objdump: ${msg}\n`, stderr());
      status = 1;
      continue;
    }
    let elf: ElfFile;
    try {
      if (!isElf(bytes)) throw new ElfError('file format not recognized');
      elf = new ElfFile(bytes);
    } catch (e) {
      if (!(e instanceof ElfError)) throw e;
      yield* fputs(`objdump: ${path}: file format not recognized\n`, stderr());
      status = 1;
      continue;
    }
    const out = report(path, elf, {
      fileHeader: want.has('f'), sectionHeaders: want.has('h'), syms: want.has('t'), disassemble: want.has('d'), intel,
    });
    yield* fputs(out, stdout());
  }
  return status;
}
