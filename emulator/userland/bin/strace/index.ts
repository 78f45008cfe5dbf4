// strace: system calls and signals of a process, watched through ptrace(2).

import type { ProgramEntry } from '../../programs';
import { strace } from './main';

export const stracePrograms: ProgramEntry[] = [{ name: 'strace', main: strace, paths: ['/usr/bin/strace'] }];
