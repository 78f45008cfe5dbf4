// The toolchain inside the machine, as a student types it: assemble, link, inspect.

import { describe, expect, it } from 'vitest';
import { kernelBugs, runInMachine } from '../../../../machine';
import { readReference } from '../../../../reference';

const enc = (s: string) => new TextEncoder().encode(s);
const OPEN = { path: '/root/open.asm', data: enc(readReference('raw/open.asm')), mode: 0o644 };

describe('ld in the machine', () => {
  it('links open.o into an 8840-byte executable', () => {
    const r = runInMachine('cd /root && nasm -f elf64 open.asm -o open.o && ld open.o -o open && ls -l open', { files: [OPEN] });
    expect(kernelBugs(r.machine)).toEqual([]);
    expect(r.output).toMatch(/^-rwxr-xr-x 1 root root 8840 .* open$/m);
  });

  it('writes a.out by default and fails on undefined references with status 1', () => {
    const bad = { path: '/root/u.asm', data: enc('extern nothere\nglobal _start\n_start: call nothere\n'), mode: 0o644 };
    const r = runInMachine('cd /root && nasm -f elf64 u.asm && ld u.o; echo "status=$?"; ls a.out', { files: [bad] });
    expect(r.output).toContain("ld: u.o: in function `_start':\nu.asm:(.text+0x1): undefined reference to `nothere'\nstatus=1\n");
    expect(r.output).toContain("ls: cannot access 'a.out': No such file or directory");
  });

  it('says what is missing', () => {
    const r = runInMachine('ld; echo "status=$?"; ld nope.o; echo "status=$?"');
    expect(r.output).toContain('ld: no input files\nstatus=1\n');
    expect(r.output).toContain('ld: cannot find nope.o: No such file or directory\nstatus=1\n');
  });
});
