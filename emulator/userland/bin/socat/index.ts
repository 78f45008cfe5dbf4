// socat: a two-way relay between two addresses (socket, file, pipe, program, stdio).

import type { ProgramEntry } from '../../programs';
import { socat } from './socat';

export const socatPrograms: ProgramEntry[] = [{ name: 'socat', main: socat, paths: ['/usr/bin/socat'] }];
