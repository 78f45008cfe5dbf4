// util-linux's SysV IPC tools: ipcs and lsipc show the objects, ipcmk makes them, ipcrm removes
// them. They learn everything through the IPC syscalls and /proc/sys/kernel.

import type { ProgramEntry } from '../../programs';
import { ipcmk } from './ipcmk';
import { ipcrm } from './ipcrm';
import { ipcs } from './ipcs';
import { lsipc } from './lsipc';

export const ipcutilsPrograms: ProgramEntry[] = [
  { name: 'ipcs', main: ipcs, paths: ['/usr/bin/ipcs'] },
  { name: 'ipcmk', main: ipcmk, paths: ['/usr/bin/ipcmk'] },
  { name: 'ipcrm', main: ipcrm, paths: ['/usr/bin/ipcrm'] },
  { name: 'lsipc', main: lsipc, paths: ['/usr/bin/lsipc'] },
];
