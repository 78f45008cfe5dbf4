// Lab tools: programs for studying and measuring the machine itself.

import type { ProgramEntry } from '../../programs';
import { bench } from './bench';
import { syscall_fuzz } from './syscall_fuzz';
import { single_step } from './single_step';
import { ptydemo } from './ptydemo';

export const labtoolsPrograms: ProgramEntry[] = [
  { name: 'bench', main: bench, paths: ['/usr/libexec/ringside/bench'] },
  { name: 'syscall-fuzz', main: syscall_fuzz, paths: ['/usr/libexec/ringside/syscall-fuzz'] },
  { name: 'single-step', main: single_step, paths: ['/usr/libexec/ringside/single-step'] },
  { name: 'ptydemo', main: ptydemo, paths: ['/usr/libexec/ringside/ptydemo'] },
];
