// The x86-64 system call table (arch/x86/entry/syscall_64.c): number → handler.
// Every subsystem contributes a SyscallGroup keyed by the names of uapi/unistd_64.ts; a name that
// is not in the table is a bug caught at boot. Numbers without a handler return -ENOSYS.

import { NR_syscalls, syscallNumber } from '../../uapi/unistd_64';
import type { SyscallGroup, SyscallHandler } from './types';

export class SyscallTable {
  readonly handlers: (SyscallHandler | undefined)[] = new Array(NR_syscalls).fill(undefined);

  register(group: SyscallGroup): void {
    for (const [name, handler] of Object.entries(group)) {
      const nr = syscallNumber.get(name);
      if (nr === undefined) throw new Error(`syscall table: no x86-64 syscall named ${name}`);
      if (this.handlers[nr]) throw new Error(`syscall table: ${name} registered twice`);
      this.handlers[nr] = handler;
    }
  }

  /** Names of the syscalls that have a handler. */
  implemented(): number[] {
    return this.handlers.flatMap((h, nr) => (h ? [nr] : []));
  }
}
