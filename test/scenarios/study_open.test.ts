// The study text's example, typed into the machine: a NASM program that opens /dev/null and exits,
// assembled and linked in the machine and run under strace. The lines must be the ones a real
// Linux prints (shared/reference/linux-facts.md §2.1), down to the addresses `-i` shows.

import { describe, expect, it } from 'vitest';
import { kernelBugs, runInMachine } from '../machine';
import { readReference } from '../reference';

const OPEN = { path: '/root/open.asm', data: new TextEncoder().encode(readReference('raw/open.asm')), mode: 0o644 };

describe('strace ./open', () => {
  it('prints the reference lines, and -i the addresses after each syscall instruction', () => {
    const r = runInMachine('nasm -f elf64 open.asm -o open.o && ld open.o -o open && strace ./open && strace -i ./open', {
      files: [OPEN],
    });
    const lines = r.output.split('\n');
    expect(lines.slice(0, 4)).toEqual([
      expect.stringMatching(/^execve\("\.\/open", \["\.\/open"\], 0x7f[0-9a-f]+ \/\* \d+ vars \*\/\) = 0$/),
      'open("/dev/null", O_RDONLY)             = 3',
      'exit(0)                                 = ?',
      '+++ exited with 0 +++',
    ]);
    expect(lines.slice(5, 8)).toEqual([
      '[0000000000401016] open("/dev/null", O_RDONLY) = 3',
      '[0000000000401022] exit(0)              = ?',
      '[????????????????] +++ exited with 0 +++',
    ]);
    expect(r.status).toBe(0);
    expect(kernelBugs(r.machine)).toEqual([]);
  });
});
