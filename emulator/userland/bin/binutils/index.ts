// GNU binutils: the linker, the ELF inspector and the disassembler; and file(1), which reads the same headers.

import type { ProgramEntry } from '../../programs';
import { ld } from './ld';
import { objdump } from './objdump';
import { readelf } from './readelf';

export const binutilsPrograms: ProgramEntry[] = [
  { name: 'ld', main: ld, paths: ['/usr/bin/ld'] },
  { name: 'readelf', main: readelf, paths: ['/usr/bin/readelf'] },
  { name: 'objdump', main: objdump, paths: ['/usr/bin/objdump'] },
];
