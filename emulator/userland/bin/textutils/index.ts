// Text tools (GNU coreutils' text utilities and grep).

import type { ProgramEntry } from '../../programs';
import { echo } from './echo';
import { seq } from './seq';
import { wc } from './wc';
import { yes } from './yes';
import { tee } from './tee';
import { head } from './head';
import { tail } from './tail';
import { printf } from './printf';
import { grep } from './grep';
import { sort } from './sort';
import { uniq } from './uniq';
import { cut } from './cut';
import { tr } from './tr';
import { xargs } from './xargs';

export const textutilsPrograms: ProgramEntry[] = [
  { name: 'echo', main: echo, paths: ['/usr/bin/echo'] },
  { name: 'seq', main: seq, paths: ['/usr/bin/seq'] },
  { name: 'wc', main: wc, paths: ['/usr/bin/wc'] },
  { name: 'yes', main: yes, paths: ['/usr/bin/yes'] },
  { name: 'tee', main: tee, paths: ['/usr/bin/tee'] },
  { name: 'head', main: head, paths: ['/usr/bin/head'] },
  { name: 'tail', main: tail, paths: ['/usr/bin/tail'] },
  { name: 'printf', main: printf, paths: ['/usr/bin/printf'] },
  { name: 'grep', main: grep, paths: ['/usr/bin/grep'] },
  { name: 'sort', main: sort, paths: ['/usr/bin/sort'] },
  { name: 'uniq', main: uniq, paths: ['/usr/bin/uniq'] },
  { name: 'cut', main: cut, paths: ['/usr/bin/cut'] },
  { name: 'tr', main: tr, paths: ['/usr/bin/tr'] },
  { name: 'xargs', main: xargs, paths: ['/usr/bin/xargs'] },
];
