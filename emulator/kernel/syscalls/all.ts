// Every subsystem's syscalls, registered into the table at boot.

import type { SyscallTable } from './table';
import { fsSyscalls } from '../fs/syscalls';
import { namespaceSyscalls } from '../fs/namespace';
import { exitSyscalls } from '../exit';
import { forkSyscalls } from '../fork';
import { sys_execve, sys_execveat } from '../exec';
import { signalSyscalls } from '../signal';
import { sys_rt_sigreturn, sys_sigaltstack } from '../signal_deliver';
import { sysSyscalls } from '../sys';
import { timeSyscalls } from '../time';
import { itimerSyscalls } from '../itimer';
import { mmapSyscalls } from '../mm/mmap';
import { ttySyscalls } from '../drivers/tty/tty_io';
import { ptraceSyscalls } from '../ptrace';
import { selectSyscalls } from '../fs/select';
import { eventpollSyscalls } from '../fs/eventpoll';
import { socketSyscalls } from '../net/socket_syscalls';
import { syslogSyscalls } from '../printk/syslog';
import { futexSyscalls } from '../futex';
import { ipcSyscalls } from '../ipc/ipc';
import { eventfdSyscalls } from '../fs/eventfd';
import { spliceSyscalls } from '../fs/splice';

export function registerAllSyscalls(table: SyscallTable): void {
  for (const group of [fsSyscalls, namespaceSyscalls, exitSyscalls, forkSyscalls, signalSyscalls, sysSyscalls, timeSyscalls, itimerSyscalls, mmapSyscalls, ttySyscalls, ptraceSyscalls, futexSyscalls, selectSyscalls, eventpollSyscalls, ipcSyscalls, eventfdSyscalls, spliceSyscalls, socketSyscalls]) {
    table.register(group);
  }
  table.register({ execve: sys_execve, execveat: sys_execveat, rt_sigreturn: sys_rt_sigreturn, sigaltstack: sys_sigaltstack });
  table.register(syslogSyscalls);
}
