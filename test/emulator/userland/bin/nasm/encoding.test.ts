// Instruction encodings: known bytes for each operand form, and (where the host has nasm) every
// line of the corpus compared with the host's output.

import { describe, expect, it } from 'vitest';
import { assemble } from '../../../../../emulator/userland/bin/nasm/assembler';
import { CORPUS } from './corpus';
import { hasNasm, hostObject, ourObject, textHex } from './helpers';

describe('nasm: encodings', () => {
  it.each([
    ['mov rax, 2', 'b8 02 00 00 00'],
    ['mov rdi, 0', 'bf 00 00 00 00'],
    ['mov rax, -1', '48 c7 c0 ff ff ff ff'],
    ['mov rax, 0x100000000', '48 b8 00 00 00 00 01 00 00 00'],
    ['mov r8, 2', '41 b8 02 00 00 00'],
    ['syscall', '0f 05'],
    ['add rax, 1', '48 83 c0 01'],
    ['add rax, 1000', '48 05 e8 03 00 00'],
    ['add rbx, 1000', '48 81 c3 e8 03 00 00'],
    ['mov rax, [rbp]', '48 8b 45 00'],
    ['mov rax, [rsp+8]', '48 8b 44 24 08'],
    ['mov rax, [rcx*2]', '48 8b 04 09'],
    ['xor eax, eax', '31 c0'],
    ['push r12', '41 54'],
    ['xchg rax, rbx', '48 93'],
    ['shl rax, 1', '48 d1 e0'],
    ['mov spl, al', '40 88 c4'],
    ['rep stosq', 'f3 48 ab'],
  ])('%s → %s', (line, bytes) => {
    expect(textHex(line)).toBe(bytes);
  });

  it('keeps the long forms with -O0 (but still sizes conditional jumps)', () => {
    expect(textHex('mov rax, 2', false)).toBe('48 b8 02 00 00 00 00 00 00 00');
    expect(textHex('add rax, 1', false)).toBe('48 05 01 00 00 00');
    expect(textHex('x: jmp x', false)).toBe('e9 fb ff ff ff');
    expect(textHex('x: jz x', false)).toBe('74 fe');
    expect(textHex('jz x\nx:', false)).toBe('74 00');
  });

  it('picks short jumps when the target is in range after the passes settle', () => {
    expect(textHex('jmp x\ntimes 127 nop\nx:')).toMatch(/^eb 7f/);
    expect(textHex('jmp x\ntimes 128 nop\nx:')).toMatch(/^e9 80 00 00 00/);
    expect(textHex('x: times 126 nop\njz x')).toMatch(/74 80$/);
  });

  it('rejects what NASM rejects, with its messages', () => {
    const errs = (src: string) => assemble(src).errors.map((e) => `${e.line}: ${e.message}`);
    expect(errs('mov eax, 1, 2')).toEqual(['1: invalid combination of opcode and operands']);
    expect(errs('mov rax, nowhere')).toEqual(["1: symbol `nowhere' not defined"]);
    expect(errs('foo qword')).toEqual(['1: parser: instruction expected']);
    expect(errs('jmp short x\ntimes 200 nop\nx:')).toEqual(['1: short jump is out of range']);
    expect(errs('mov [rax], 1')).toEqual(['1: operation size not specified']);
    expect(errs('mov ah, sil')).toEqual(['1: cannot use high byte register in rex instruction']);
    expect(errs('add xmm0, 1\nmovdqa rax, xmm0')).toEqual(['1: invalid combination of opcode and operands', '2: invalid combination of opcode and operands']);
    expect(errs('mov rax, [xmm1]')).toEqual(['1: invalid 64-bit effective address']);
  });
});

const corpusSource = (lines: string[]) =>
  `default abs\nextern ext\nsection .text\nback: nop\n${lines.join('\n')}\nfwd: nop\n`;

describe.skipIf(!hasNasm)('nasm: the corpus against the host nasm', () => {
  const lines = CORPUS.trim().split('\n');
  it('assembles the whole corpus to the host object, byte for byte', () => {
    const src = corpusSource(lines);
    const ours = ourObject(src);
    const host = hostObject(src);
    if (Buffer.compare(ours, host) !== 0) {
      // Find the lines that differ, one at a time.
      const bad = lines.filter((l) => {
        try {
          return Buffer.compare(ourObject(corpusSource([l])), hostObject(corpusSource([l]))) !== 0;
        } catch (e) {
          return `${l}: ${(e as Error).message}`;
        }
      });
      expect(bad).toEqual([]);
    }
    expect(ours).toEqual(host);
  });

  it('matches with -O0 too', () => {
    const src = corpusSource(lines.filter((l) => !/short/.test(l)));
    expect(ourObject(src, 'test.asm', false)).toEqual(hostObject(src, 'test.asm', ['-O0']));
  });

  it('matches data directives, strings, times, equ, $ and $$, sections and symbols', () => {
    const src = `global _start, table
extern puts
section .rodata
msg: db "Hello, world", 10, 0
len equ $ - msg
esc: db \`tab\\there\\n\\x41\\101\\0\`, 'single', 0
words: dw 1, 2, 'ab', -1
dwords: dd 0x12345678, msg, len * 2 + 1
qwords: dq 1 << 40, ~0, (3 + 4) * 5 / 2, 100 // 7, -100 % 7, 0b1010 | 0o17 ^ 0x0f & 0FFh
section .data
table: dq msg, puts, _start + 4, table
counts: times 4 dd 0
pad: times 64 - ($ - $$) db 0xcc
section .bss
buf: resb 64
  alignb 16
big: resq 4
section .text
_start:
  lea rsi, [rel msg]
  mov edx, len
.loop:
  dec edx
  jnz .loop
  call puts
  align 16
  ret
`;
    expect(ourObject(src, 'data.asm')).toEqual(hostObject(src, 'data.asm'));
  });

  it('matches forward equs, the implicit .text, section attributes and symbol types', () => {
    const src = `global main:function
main:
  add eax, FWD
  mov rax, later
  mov ecx, FWD
  cmp rax, FWD2
  jmp $+2
  times 3 push rax
  mov rax, [rbx + FWD]
  mov rax, [rbx + FWD2]
later:
FWD equ 5
FWD2 equ 500
section .mydata progbits alloc write align=8
  dq main
section .note.GNU-stack noalloc noexec nowrite progbits
`;
    expect(ourObject(src, 'misc.asm')).toEqual(hostObject(src, 'misc.asm'));
  });

  it('expands single-line macros (%define, %undef) as NASM does', () => {
    const src = `%define SYS_open 2
%define SYS_exit 60
%define ARG0 rdi
%define EXIT_OK SYS_open - 2
global _start
section .data
fpath: db '/dev/null',0
section .text
_start:
  mov rax, SYS_open
  mov ARG0, fpath
  mov rsi, 0
  syscall
  mov rax, SYS_exit
%undef SYS_exit
  mov ARG0, EXIT_OK
  syscall
`;
    expect(ourObject(src, 'pp.asm')).toEqual(hostObject(src, 'pp.asm'));
  });
});
