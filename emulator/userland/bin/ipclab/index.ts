// The IPC lab programs: each shows one mechanism with two processes, and traces clearly under
// strace -f. They live with the other lab tools in /usr/libexec/ringside.

import type { ProgramEntry } from '../../programs';
import { ipc_msgqueue } from './msgqueue';
import { ipc_semaphore } from './semcounter';
import { ipc_shmring } from './shmring';
import { ipc_mqnotify } from './mqnotify';
import { ipc_bench } from './ipcbench';

export const ipclabPrograms: ProgramEntry[] = [
  { name: 'ipc-msgqueue', main: ipc_msgqueue, paths: ['/usr/libexec/ringside/ipc-msgqueue'] },
  { name: 'ipc-semaphore', main: ipc_semaphore, paths: ['/usr/libexec/ringside/ipc-semaphore'] },
  { name: 'ipc-shmring', main: ipc_shmring, paths: ['/usr/libexec/ringside/ipc-shmring'] },
  { name: 'ipc-mqnotify', main: ipc_mqnotify, paths: ['/usr/libexec/ringside/ipc-mqnotify'] },
  { name: 'ipc-bench', main: ipc_bench, paths: ['/usr/libexec/ringside/ipc-bench'] },
];
