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

describe('the toolchain in the machine', () => {
  it("runs the study text's command line: assemble, link, readelf -h -l and file", () => {
    const r = runInMachine('cd /root && nasm -f elf64 open.asm -o open.o && ld open.o -o open; readelf -h -l open; file open', { files: [OPEN] });
    expect(kernelBugs(r.machine)).toEqual([]);
    expect(r.output).toBe(readReference('raw/open.readelf.txt') + 'open: ELF 64-bit LSB executable, x86-64, version 1 (SYSV), statically linked, not stripped\n');
  });

  it('readelf -S -s and file on the object, several files at once', () => {
    const r = runInMachine('cd /root && nasm -f elf64 open.asm && readelf -S -s open.o && file open.o open.asm / /dev/null /usr/bin/ls nothere', { files: [OPEN] });
    expect(r.output).toContain('There are 7 section headers, starting at offset 0x40:\n');
    expect(r.output).toContain('     5: 0000000000000000     0 NOTYPE  GLOBAL DEFAULT    2 _start\n');
    expect(r.output).toContain('open.o:      ELF 64-bit LSB relocatable, x86-64, version 1 (SYSV), not stripped\n');
    expect(r.output).toContain('open.asm:    ASCII text\n');
    expect(r.output).toContain('/:           directory\n');
    expect(r.output).toContain('/dev/null:   character special (1/3)\n');
    expect(r.output).toContain('/usr/bin/ls: ELF 64-bit LSB executable, x86-64, version 1 (SYSV), statically linked, no section header\n');
    expect(r.output).toContain("nothere:     cannot open `nothere' (No such file or directory)\n");
  });

  it("readelf's errors", () => {
    const r = runInMachine('readelf -h /nope; echo "status=$?"; readelf -h /etc/passwd; echo "status=$?"');
    expect(r.output).toContain("readelf: Error: '/nope': No such file\nstatus=1\n");
    expect(r.output).toContain('readelf: Error: Not an ELF file - it has the wrong magic bytes at the start\nstatus=1\n');
  });
});
