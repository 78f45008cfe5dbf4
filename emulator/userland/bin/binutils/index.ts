// GNU binutils: the linker and the ELF inspector; and file(1), which reads the same headers.

import type { ProgramEntry } from '../../programs';
import { ld } from './ld';

export const binutilsPrograms: ProgramEntry[] = [{ name: 'ld', main: ld, paths: ['/usr/bin/ld'] }];
