// The Netwide Assembler.

import type { ProgramEntry } from '../../programs';
import { nasm } from './nasm';

export const nasmPrograms: ProgramEntry[] = [{ name: 'nasm', main: nasm, paths: ['/usr/bin/nasm'] }];
