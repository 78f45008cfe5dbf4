// Text tools (GNU coreutils' text utilities and grep).

import type { ProgramEntry } from '../../programs';
import { echo } from './echo';
import { seq } from './seq';
import { wc } from './wc';

export const textutilsPrograms: ProgramEntry[] = [
  { name: 'echo', main: echo, paths: ['/usr/bin/echo'] },
  { name: 'seq', main: seq, paths: ['/usr/bin/seq'] },
  { name: 'wc', main: wc, paths: ['/usr/bin/wc'] },
];
