// file(1): what kind of file is this?

import type { ProgramEntry } from '../../programs';
import { file } from './file';

export const filePrograms: ProgramEntry[] = [{ name: 'file', main: file, paths: ['/usr/bin/file'] }];
