// Login and identity tools.

import type { ProgramEntry } from '../../programs';
import { su } from './su';

export const loginPrograms: ProgramEntry[] = [{ name: 'su', main: su, paths: ['/usr/bin/su'] }];
