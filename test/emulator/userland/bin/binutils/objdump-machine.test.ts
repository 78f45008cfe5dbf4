// objdump inside the machine, as a student types it after assembling and linking the study
// text's open program with the machine's own nasm and ld.

import { describe, expect, it } from 'vitest';
import { kernelBugs, runInMachine } from '../../../../machine';
import { readReference } from '../../../../reference';

const enc = (s: string) => new TextEncoder().encode(s);
const OPEN = { path: '/root/open.asm', data: enc(readReference('raw/open.asm')), mode: 0o644 };
const BUILD = 'cd /root && nasm -f elf64 open.asm -o open.o && ld open.o -o open';

describe('objdump in the machine', () => {
  it('objdump -d open prints the reference disassembly', () => {
    const r = runInMachine(`${BUILD} && objdump -d open`, { files: [OPEN] });
    expect(kernelBugs(r.machine)).toEqual([]);
    expect(r.output).toBe(readReference('raw/open.objdump.txt'));
  });

  it('-M intel, and the object file (addresses from 0, no relocations applied)', () => {
    const r = runInMachine(`${BUILD} && objdump -d -M intel open | grep movabs && objdump -d open.o | tail -n 9`, { files: [OPEN] });
    expect(r.output).toBe(
      '  401005:\t48 bf 00 20 40 00 00 \tmovabs rdi,0x402000\n' +
        '0000000000000000 <_start>:\n' +
        '   0:\tb8 02 00 00 00       \tmov    $0x2,%eax\n' +
        '   5:\t48 bf 00 00 00 00 00 \tmovabs $0x0,%rdi\n' +
        '   c:\t00 00 00 \n' +
        '   f:\tbe 00 00 00 00       \tmov    $0x0,%esi\n' +
        '  14:\t0f 05                \tsyscall\n' +
        '  16:\tb8 3c 00 00 00       \tmov    $0x3c,%eax\n' +
        '  1b:\tbf 00 00 00 00       \tmov    $0x0,%edi\n' +
        '  20:\t0f 05                \tsyscall\n',
    );
  });

  it('-f -h -t on the object', () => {
    const r = runInMachine(`${BUILD} && objdump -fht open.o`, { files: [OPEN] });
    expect(r.output).toBe(`
open.o:     file format elf64-x86-64
architecture: i386:x86-64, flags 0x00000011:
HAS_RELOC, HAS_SYMS
start address 0x0000000000000000

Sections:
Idx Name          Size      VMA               LMA               File off  Algn
  0 .data         0000000a  0000000000000000  0000000000000000  00000200  2**2
                  CONTENTS, ALLOC, LOAD, DATA
  1 .text         00000022  0000000000000000  0000000000000000  00000210  2**4
                  CONTENTS, ALLOC, LOAD, RELOC, READONLY, CODE
SYMBOL TABLE:
0000000000000000 l    df *ABS*\t0000000000000000 open.asm
0000000000000000 l    d  .data\t0000000000000000 .data
0000000000000000 l    d  .text\t0000000000000000 .text
0000000000000000 l       .data\t0000000000000000 fpath
0000000000000000 g       .text\t0000000000000000 _start


`);
  });

  it('says what is wrong', () => {
    const r = runInMachine('objdump -d /nope; echo "status=$?"; objdump -d /etc/passwd; echo "status=$?"; objdump -d /; echo "status=$?"; objdump open; echo "status=$?"');
    expect(r.output).toContain("objdump: '/nope': No such file\nstatus=1\n");
    expect(r.output).toContain('objdump: /etc/passwd: file format not recognized\nstatus=1\n');
    expect(r.output).toContain("objdump: Warning: '/' is a directory\nstatus=1\n");
    expect(r.output).toContain('Usage: objdump <option(s)> <file(s)>\n');
    expect(r.output).toContain('status=2\n');
  });
});
