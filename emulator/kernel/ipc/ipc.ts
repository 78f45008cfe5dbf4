// The SysV IPC system calls of all three families and POSIX message queues, and what boot sets up for them
// (ipc/util.c's ipc_init; exit_sem is called from do_exit through the kernel's exit hooks).

import type { Kernel } from '../kernel';
import type { SyscallGroup } from '../syscalls/types';
import { msgSyscalls } from './msg';
import { exit_sem, semSyscalls } from './sem';
import { shmSyscalls } from './shm';
import { mqueueSyscalls } from './mqueue';

export const ipcSyscalls: SyscallGroup = { ...msgSyscalls, ...semSyscalls, ...shmSyscalls, ...mqueueSyscalls };

export function ipc_init(kernel: Kernel): void {
  kernel.exitHooks.push(exit_sem);
}
