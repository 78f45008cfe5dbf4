// GNU coreutils' file and system tools.

import type { ProgramEntry } from '../../programs';
import { cat } from './cat';
import { false_, true_ } from './true';

export const coreutilsPrograms: ProgramEntry[] = [
  { name: 'cat', main: cat, paths: ['/usr/bin/cat'] },
  { name: 'true', main: true_, paths: ['/usr/bin/true'] },
  { name: 'false', main: false_, paths: ['/usr/bin/false'] },
];
