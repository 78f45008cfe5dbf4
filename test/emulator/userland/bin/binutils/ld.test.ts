// ld: the reference `open` program's layout (shared/reference linux-facts §2.2), and programs of
// every section shape linked byte for byte as the host's GNU ld links them.

import { describe, expect, it } from 'vitest';
import { readReference } from '../../../../reference';
import { ElfFile } from '../../../../../emulator/userland/lib/elf/read';
import { hasLd, hostLink, ourLink, type Source } from './helpers';
import { hasNasm } from '../nasm/helpers';

const OPEN: Source = { name: 'open.asm', text: readReference('raw/open.asm') };

describe('ld: the open program', () => {
  const r = ourLink([OPEN]);
  const elf = new ElfFile(r.output!);

  it('links without messages into an 8840-byte executable entered at 0x401000', () => {
    expect(r.messages).toEqual([]);
    expect(r.output!.length).toBe(8840);
    expect(elf.header).toMatchObject({ type: 2, entry: 0x401000, phoff: 64, shoff: 8456, phnum: 3, shnum: 6, shstrndx: 5 });
  });

  it('has the three PT_LOADs of the reference: headers R, .text R E, .data RW', () => {
    expect(elf.phdrs.map((p) => [p.type, p.offset, p.vaddr, p.filesz, p.memsz, p.flags, p.align])).toEqual([
      [1, 0, 0x400000, 0xe8, 0xe8, 4, 0x1000],
      [1, 0x1000, 0x401000, 0x22, 0x22, 5, 0x1000],
      [1, 0x2000, 0x402000, 0x0a, 0x0a, 6, 0x1000],
    ]);
  });

  it('relocates fpath to 0x402000 and defines __bss_start, _edata and _end', () => {
    const text = elf.contents(elf.sections[1]!);
    expect([...text.subarray(5, 15)]).toEqual([0x48, 0xbf, 0x00, 0x20, 0x40, 0, 0, 0, 0, 0]);
    const syms = elf.symbols(elf.symtab()!).map((s) => [s.name, Number(s.value), s.bind]);
    expect(syms).toEqual([
      ['', 0, 0], ['open.asm', 0, 0], ['fpath', 0x402000, 0], ['_start', 0x401000, 1],
      ['__bss_start', 0x40200a, 1], ['_edata', 0x40200a, 1], ['_end', 0x402010, 1],
    ]);
  });

  it('reports undefined references as GNU ld does, and writes nothing', () => {
    const bad = ourLink([{ name: 'u.asm', text: 'extern nothere\nglobal _start\n_start: call nothere\nmov rax, [nothere]\nfoo: jmp nothere\nsection .data\ndq nothere\n' }]);
    expect(bad.output).toBeNull();
    expect(bad.messages).toEqual([
      "ld: u.o: in function `_start':",
      "u.asm:(.text+0x1): undefined reference to `nothere'",
      "ld: u.asm:(.text+0x9): undefined reference to `nothere'",
      "ld: u.o: in function `foo':",
      "u.asm:(.text+0xe): undefined reference to `nothere'",
      "ld: u.o:(.data+0x0): undefined reference to `nothere'",
    ]);
  });

  it('warns when the entry symbol is missing and starts at .text', () => {
    const r2 = ourLink([{ name: 'm.asm', text: 'global main\nmain: ret\n' }]);
    expect(r2.messages).toEqual(['ld: warning: cannot find entry symbol _start; defaulting to 0000000000401000']);
    expect(new ElfFile(r2.output!).header.entry).toBe(0x401000);
  });
});

/** Programs of each section shape, and several objects together. */
const CASES: Record<string, Source[]> = {
  'text only': [{ name: 't1.asm', text: 'global _start\nsection .text\n_start: mov eax, 60\n syscall\n' }],
  'text and rodata': [{ name: 't2.asm', text: 'global _start\nsection .rodata\nmsg: db "hello", 10\nsection .text\n_start: mov rsi, msg\n syscall\n' }],
  'text and bss': [{ name: 't5.asm', text: 'global _start\nsection .bss\nb: resb 16\nsection .text\n_start: mov rax, b\n' }],
  'data and an odd-sized bss': [{ name: 't9.asm', text: 'global _start\nsection .data\nd: db 1\nsection .bss\nb: resb 3\nsection .text\n_start: ret\n' }],
  'rodata, bss and a .note.GNU-stack': [
    { name: 't6.asm', text: 'global _start\nsection .rodata\nm: db 1,2,3\nsection .bss\nb: resb 16\nsection .text\n_start: mov rax, b\nsection .note.GNU-stack noalloc noexec nowrite progbits\n' },
  ],
  'two objects, all sections, globals in hash order': [
    {
      name: 't3.asm',
      text: 'global _start, zeta, alpha\nextern helper\nsection .rodata\nmsg: db "hello", 10\nsection .data\nval: dq msg\nsection .bss\nbuf: resb 100\nsection .text\n_start: mov rsi, msg\n lea rdi, [rel buf]\n call helper\n mov eax, [val]\nzeta: ret\nalpha: ret\n',
    },
    { name: 't4.asm', text: 'global helper, counter\nsection .data\ncounter: dd 7\nsection .bss\ntmp: resq 3\nsection .text\nhelper: mov eax, [rel counter]\n ret\n' },
  ],
  'data moved to a page boundary when that saves a page': [
    { name: 'p.asm', text: 'global _start\nsection .rodata\nr: times 0xfc0 db 1\nsection .data\nd: dd 1\nsection .bss\nalignb 32\nb: resb 64\nsection .text\n_start: ret\n' },
  ],
  'code padding with multi-byte nops': [
    { name: 'g1.asm', text: 'global _start\nsection .text\n_start: times 5 nop\n' },
    { name: 'g2.asm', text: 'section .text align=64\nret\n' },
  ],
};

describe.skipIf(!hasNasm || !hasLd)('ld: the same bytes as the host GNU ld', () => {
  it.each(Object.keys(CASES))('%s', (name) => {
    const ours = ourLink(CASES[name]!);
    const host = hostLink(CASES[name]!);
    expect(ours.output).toEqual(host.output);
  });

  it('the open program', () => {
    expect(ourLink([OPEN]).output).toEqual(hostLink([OPEN]).output);
  });

  it('with -s, no symbol table', () => {
    const srcs = CASES['two objects, all sections, globals in hash order']!;
    expect(ourLink([OPEN], '_start', true).output).toEqual(hostLink([OPEN], ['-s']).output);
    expect(ourLink(srcs, '_start', true).output).toEqual(hostLink(srcs, ['-s']).output);
  });

  it('warns as GNU ld when only some objects have a .note.GNU-stack (and makes the stack executable)', () => {
    const srcs = [CASES['rodata, bss and a .note.GNU-stack']![0]!, CASES['two objects, all sections, globals in hash order']![1]!];
    const ours = ourLink(srcs);
    const host = hostLink(srcs);
    expect(ours.output).toEqual(host.output);
    expect(ours.messages.join('\n') + '\n').toBe(host.stderr);
  });
});
