import { describe, expect, it } from 'vitest';
import { SyscallTable } from '../../../../emulator/kernel/syscalls/table';
import { registerAllSyscalls } from '../../../../emulator/kernel/syscalls/all';
import { syscallSignature } from '../../../../emulator/uapi/syscall_signatures';
import { syscallName } from '../../../../emulator/uapi/unistd_64';

describe('the syscall table', () => {
  const table = new SyscallTable();
  registerAllSyscalls(table);

  it('gives every implemented syscall a signature (for the trace, strace and the UI)', () => {
    const missing = table.implemented().filter((nr) => !syscallSignature(nr)).map((nr) => syscallName.get(nr));
    expect(missing).toEqual([]);
  });

  it('has signatures whose argument counts are plausible', () => {
    for (const nr of table.implemented()) expect(syscallSignature(nr)!.args.length).toBeLessThanOrEqual(6);
  });

  it('refuses names that are not x86-64 syscalls', () => {
    expect(() => new SyscallTable().register({ not_a_syscall: () => 0 })).toThrow(/no x86-64 syscall/);
  });
});
