// GNU binutils: the linker and the ELF inspector; and file(1), which reads the same headers.

import type { ProgramEntry } from '../../programs';
import { ld } from './ld';
import { readelf } from './readelf';

export const binutilsPrograms: ProgramEntry[] = [
  { name: 'ld', main: ld, paths: ['/usr/bin/ld'] },
  { name: 'readelf', main: readelf, paths: ['/usr/bin/readelf'] },
];
