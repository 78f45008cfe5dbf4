// nasm run inside the machine, as a student types it.

import { describe, expect, it } from 'vitest';
import { kernelBugs, runInMachine } from '../../../../machine';
import { readReference } from '../../../../reference';

const enc = (s: string) => new TextEncoder().encode(s);
const OPEN = { path: '/root/open.asm', data: enc(readReference('raw/open.asm')), mode: 0o644 };

describe('nasm in the machine', () => {
  it('assembles open.asm into an 848-byte relocatable object', () => {
    const r = runInMachine('cd /root && nasm -f elf64 open.asm -o open.o && echo ok && ls -l open.o', { files: [OPEN] });
    expect(kernelBugs(r.machine)).toEqual([]);
    expect(r.output).toContain('ok\n');
    expect(r.output).toMatch(/-rw-r--r-- 1 root root 848 .* open\.o/);
  });

  it('names the output after the source by default', () => {
    const r = runInMachine('cd /root && nasm -f elf64 open.asm && ls open.o', { files: [OPEN] });
    expect(r.output).toContain('open.o\n');
  });

  it('reports errors as NASM does, with exit status 1 and no output file', () => {
    const bad = { path: '/root/bad.asm', data: enc('section .text\nmov eax, 1, 2\nmov rax, nowhere\nfoo qword\n'), mode: 0o644 };
    const r = runInMachine('cd /root; nasm -f elf64 bad.asm; echo "status=$?"; ls bad.o', { files: [bad] });
    expect(r.output).toContain('bad.asm:4: error: parser: instruction expected\n');
    expect(r.output).toContain('status=1\n');
    expect(r.output).toContain("ls: cannot access 'bad.o': No such file or directory");
  });

  it('fails cleanly without an input file', () => {
    const r = runInMachine('nasm -f elf64 /nonexistent.asm; echo "status=$?"; nasm -f elf64; echo "status=$?"');
    expect(r.output).toContain("nasm: fatal: unable to open input file `/nonexistent.asm' No such file or directory\nstatus=1\n");
    expect(r.output).toContain('nasm: fatal: no input file specified\nType nasm -h for help.\nstatus=1\n');
  });
});
