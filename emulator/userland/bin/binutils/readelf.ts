// readelf (GNU binutils): display the structure of ELF files.
//   -h --file-header   -l --program-headers --segments   -S --section-headers --sections
//   -s --syms --symbols   -r --relocs   -e --headers (-h -l -S)   -a --all (all of these)
//   -W --wide: one line per entry, names in full
// The displays come in readelf's fixed order whatever the order of the options. With several
// files each is introduced by "File: name". Simplifications: no dynamic section, notes, symbol
// versions or unwind displays (-a shows only the ones above).

import type { Sys } from '../../runtime/context';
import { fputs, stderr, stdout } from '../../libc/stdio';
import { getopt } from '../../libc/getopt';
import { readFileBytes } from '../../lib/file_io';
import { ElfError, ElfFile, isElf } from '../../lib/elf/read';
import { fileHeader, programHeaders, relocations, sectionHeaders, symbols } from './readelf/format';

const USAGE = `Usage: readelf <option(s)> elf-file(s)
 Display information about the contents of ELF format files
 Options are:
  -a --all               Equivalent to: -h -l -S -s -r
  -h --file-header       Display the ELF file header
  -l --program-headers   Display the program headers
     --segments          An alias for --program-headers
  -S --section-headers   Display the sections' header
     --sections          An alias for --section-headers
  -e --headers           Equivalent to: -h -l -S
  -s --syms              Display the symbol table
     --symbols           An alias for --syms
  -r --relocs            Display the relocations (if present)
  -W --wide              Allow output width to exceed 80 characters
  -v --version           Display the version number of readelf
`;

export function* readelf(argv: string[]): Sys<number> {
  const r = yield* getopt('readelf', argv, 'ahlSesrvHW', [
    { name: 'all', hasArg: 0, val: 'a' }, { name: 'file-header', hasArg: 0, val: 'h' },
    { name: 'program-headers', hasArg: 0, val: 'l' }, { name: 'segments', hasArg: 0, val: 'l' },
    { name: 'section-headers', hasArg: 0, val: 'S' }, { name: 'sections', hasArg: 0, val: 'S' },
    { name: 'headers', hasArg: 0, val: 'e' }, { name: 'syms', hasArg: 0, val: 's' },
    { name: 'symbols', hasArg: 0, val: 's' }, { name: 'relocs', hasArg: 0, val: 'r' },
    { name: 'version', hasArg: 0, val: 'v' }, { name: 'help', hasArg: 0, val: 'H' },
    { name: 'wide', hasArg: 0, val: 'W' },
  ]);
  if (r.error) {
    yield* fputs(USAGE, stderr());
    return 1;
  }
  const want = new Set<string>();
  for (const { opt } of r.options) {
    if (opt === 'v') {
      yield* fputs('GNU readelf (GNU Binutils for Debian) 2.40\n', stdout());
      return 0;
    }
    if (opt === 'H') {
      yield* fputs(USAGE, stdout());
      return 0;
    }
    for (const o of opt === 'a' ? 'hlSsr' : opt === 'e' ? 'hlS' : opt) want.add(o);
  }
  const wide = want.delete('W');
  if (!want.size || !r.operands.length) {
    yield* fputs(USAGE, stderr());
    return 1;
  }
  let status = 0;
  for (const path of r.operands) {
    const bytes = yield* readFileBytes(path);
    if (!bytes) {
      yield* fputs(`readelf: Error: '${path}': No such file\n`, stderr());
      status = 1;
      continue;
    }
    let elf: ElfFile;
    try {
      if (!isElf(bytes)) throw new ElfError('Not an ELF file - it has the wrong magic bytes at the start');
      elf = new ElfFile(bytes);
    } catch (e) {
      if (!(e instanceof ElfError)) throw e;
      yield* fputs(`readelf: Error: ${e.message}\n`, stderr());
      status = 1;
      continue;
    }
    let out = r.operands.length > 1 ? `\nFile: ${path}\n` : '';
    if (want.has('h')) out += fileHeader(elf);
    if (want.has('S')) out += sectionHeaders(elf, want.has('h'), wide);
    if (want.has('l')) out += programHeaders(elf, want.has('h'), wide);
    if (want.has('r')) out += relocations(elf, wide);
    if (want.has('s')) out += symbols(elf, wide);
    yield* fputs(out, stdout());
  }
  return status;
}
