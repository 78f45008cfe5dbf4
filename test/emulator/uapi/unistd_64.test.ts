import { describe, expect, it } from 'vitest';
import { SYSCALL_NAMES, syscallName, syscallNumber, __NR } from '../../../emulator/uapi/unistd_64';
import { readReference } from '../../reference';

describe('the x86-64 syscall table', () => {
  const rows = readReference('syscalls_x86_64.tsv')
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split('\t'));

  it('has every name and number of the reference, and nothing else', () => {
    expect(rows.length).toBeGreaterThan(370);
    for (const [name, num] of rows) {
      expect(syscallNumber.get(name!), name).toBe(Number(num));
      expect(syscallName.get(Number(num))).toBe(name);
    }
    expect(SYSCALL_NAMES.length).toBe(rows.length);
  });

  it('names the well-known numbers', () => {
    expect(__NR.read).toBe(0);
    expect(__NR.execve).toBe(59);
    expect(__NR.exit_group).toBe(231);
    expect(__NR.openat).toBe(257);
    expect(__NR.clone3).toBe(435);
  });
});
