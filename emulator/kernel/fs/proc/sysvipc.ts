// /proc/sysvipc (ipc/util.c's ipc_init_proc_interface): the directory of the SysV IPC tables,
// one read-only file each for msg, sem and shm. Their text comes from ipc/proc.ts.

import { sysvipc_msg_proc_show, sysvipc_sem_proc_show, sysvipc_shm_proc_show } from '../../ipc/proc';
import { proc_files_dir } from './proc_dir';

/** The /proc/sysvipc directory inode (a `dir` entry of the proc root). */
export const proc_sysvipc_inode = proc_files_dir('sysvipc', [
  ['msg', sysvipc_msg_proc_show],
  ['sem', sysvipc_sem_proc_show],
  ['shm', sysvipc_shm_proc_show],
]);
