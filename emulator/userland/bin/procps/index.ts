// Process tools: procps-ng's ps, kill and sysctl, psmisc's pstree. They learn about processes only by
// reading /proc, as the real ones do.

import type { ProgramEntry } from '../../programs';
import { kill } from './kill';
import { ps } from './ps';
import { pstree } from './pstree';
import { sysctl } from './sysctl';

export const procpsPrograms: ProgramEntry[] = [
  { name: 'ps', main: ps, paths: ['/usr/bin/ps'] },
  { name: 'pstree', main: pstree, paths: ['/usr/bin/pstree'] },
  { name: 'kill', main: kill, paths: ['/usr/bin/kill'] },
  { name: 'sysctl', main: sysctl, paths: ['/usr/sbin/sysctl', '/sbin/sysctl'] },
];
