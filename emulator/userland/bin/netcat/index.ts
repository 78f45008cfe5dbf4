// netcat: nc, the socket Swiss army knife (OpenBSD's, as Debian installs it).

import type { ProgramEntry } from '../../programs';
import { nc } from './nc';

export const netcatPrograms: ProgramEntry[] = [{ name: 'nc', main: nc, paths: ['/usr/bin/nc'] }];
