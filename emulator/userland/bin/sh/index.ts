// /bin/sh in the program registry.

import type { ProgramEntry } from '../../programs';
import { main } from './main';

export const shPrograms: ProgramEntry[] = [{ name: 'sh', main, paths: ['/usr/bin/sh', '/usr/bin/dash'] }];
