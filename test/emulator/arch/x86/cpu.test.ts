// The CPU as the kernel sees it: traps with the right vector, address, error code and rip; the
// decoded-instruction cache following code changes; single-step; FS-relative addressing; SSE2
// string-routine idioms; cpuid and rdtsc. Bytes are hand-assembled (from GNU as listings).

import { describe, expect, test } from 'vitest';
import { PROT_EXEC, PROT_READ, PROT_WRITE } from '../../../../emulator/uapi/mman';
import {
  PF_INSTR, PF_PROT, PF_USER, PF_WRITE, TRAP_SYSCALL, X86_TRAP_BP, X86_TRAP_DB, X86_TRAP_DE, X86_TRAP_GP, X86_TRAP_PF, X86_TRAP_UD,
} from '../../../../emulator/uapi/traps';
import { CODE, DATA, harness, hex } from './harness';

describe('exceptions', () => {
  test('a read of an unmapped address is #PF with the address and rip at the instruction', () => {
    const h = harness(hex('90 48 8b 04 25 10 00 00 00')); // nop; mov rax, [0x10]
    expect(h.ctx.run()).toMatchObject({ vector: X86_TRAP_PF, addr: 0x10, errorCode: PF_USER });
    expect(h.regs.rip).toBe(CODE + 1);
  });

  test('a write to read-only code is #PF with PF_WRITE | PF_PROT', () => {
    const h = harness(hex('c6 04 25 00 00 40 00 01')); // mov byte [0x400000], 1
    expect(h.ctx.run()).toMatchObject({ vector: X86_TRAP_PF, addr: CODE, errorCode: PF_USER | PF_WRITE | PF_PROT });
  });

  test('jumping into a page without PROT_EXEC is #PF with PF_INSTR', () => {
    const h = harness(hex('48 c7 c0 00 00 60 00 ff e0')); // mov rax, 0x600000; jmp rax
    expect(h.ctx.run()).toMatchObject({ vector: X86_TRAP_PF, addr: DATA, errorCode: PF_USER | PF_PROT | PF_INSTR });
    expect(h.regs.rip).toBe(DATA);
  });

  test('div by zero is #DE at the div; idiv overflow too', () => {
    const h = harness(hex('31 c9 f7 f1')); // xor ecx, ecx; div ecx
    expect(h.ctx.run().vector).toBe(X86_TRAP_DE);
    expect(h.regs.rip).toBe(CODE + 2);
    // mov eax, 0x80000000; cdq; mov ecx, -1; idiv ecx
    const o = harness(hex('b8 00 00 00 80 99 b9 ff ff ff ff f7 f9'));
    expect(o.ctx.run().vector).toBe(X86_TRAP_DE);
  });

  test('ud2 and undecodable bytes are #UD naming the bytes; int3 is #BP after it; hlt is #GP', () => {
    expect(harness(hex('0f 0b')).ctx.run()).toMatchObject({ vector: X86_TRAP_UD, message: 'invalid opcode at 400000: 0f 0b' });
    expect(harness(hex('0f 37')).ctx.run()).toMatchObject({ vector: X86_TRAP_UD, message: expect.stringContaining('0f 37') });
    const h = harness(hex('cc'));
    expect(h.ctx.run().vector).toBe(X86_TRAP_BP);
    expect(h.regs.rip).toBe(CODE + 1);
    expect(harness(hex('f4')).ctx.run().vector).toBe(X86_TRAP_GP);
    expect(harness(hex('cd 21')).ctx.run()).toMatchObject({ vector: X86_TRAP_GP, message: expect.stringContaining('cd 21') });
  });

  test('syscall leaves rip after it, rcx = rip and r11 = rflags', () => {
    const h = harness(hex('b8 27 00 00 00 0f 05')); // mov eax, 39; syscall
    expect(h.ctx.run().vector).toBe(TRAP_SYSCALL);
    expect([h.regs.rax, h.regs.rip, h.regs.rcx, h.regs.r11]).toEqual([39, CODE + 7, CODE + 7, h.regs.eflags]);
  });

  test('a busy loop comes back with a timer interrupt and the time it ran', () => {
    const h = harness(hex('eb fe')); // jmp $
    const t = h.ctx.run();
    expect(t.vector).toBe(0xec);
    expect(t.ns).toBeGreaterThan(0);
  });
});

describe('the decoded-instruction cache follows code changes', () => {
  // 0: mov byte [rip+3], 42 (patches the immediate of "mov al, 7" at 9); 7: jmp 9; 9: mov al, 7; syscall
  const code = hex('c6 05 03 00 00 00 2a eb 00 b0 07 0f 05');

  test('a store by the program itself', () => {
    const h = harness(code);
    h.mm.protectRange(CODE, CODE + 4 * 4096, PROT_READ | PROT_WRITE | PROT_EXEC);
    h.regs.rip = CODE + 9; // decode and run the target first, so it is cached
    expect(h.ctx.run().vector).toBe(TRAP_SYSCALL);
    expect(h.regs.rax).toBe(7);
    h.regs.rip = CODE;
    expect(h.ctx.run().vector).toBe(TRAP_SYSCALL);
    expect(h.regs.rax).toBe(42);
  });

  test('a write by the kernel (PTRACE_POKETEXT, read(2) into code)', () => {
    const h = harness(code);
    h.regs.rip = CODE + 9;
    h.ctx.run();
    expect(h.regs.rax).toBe(7);
    h.mm.protectRange(CODE, CODE + 4096, PROT_READ | PROT_WRITE | PROT_EXEC);
    h.mm.writeFrom(CODE + 10, Uint8Array.of(99));
    h.regs.rip = CODE + 9;
    h.ctx.run();
    expect(h.regs.rax).toBe(99);
  });

  test('mprotect without PROT_EXEC stops cached code from running', () => {
    const h = harness(hex('90 0f 05'));
    expect(h.ctx.run().vector).toBe(TRAP_SYSCALL);
    h.mm.protectRange(CODE, CODE + 4096, PROT_READ);
    h.regs.rip = CODE;
    expect(h.ctx.run()).toMatchObject({ vector: X86_TRAP_PF, errorCode: PF_USER | PF_PROT | PF_INSTR });
  });
});

test('single-step traps after each instruction, and after a syscall once the kernel is done', () => {
  const h = harness(hex('90 b8 01 00 00 00 0f 05 90'));
  h.ctx.singleStep(true);
  expect(h.ctx.run().vector).toBe(X86_TRAP_DB);
  expect(h.regs.rip).toBe(CODE + 1);
  expect(h.ctx.run().vector).toBe(X86_TRAP_DB);
  expect(h.regs.rax).toBe(1);
  expect(h.ctx.run().vector).toBe(TRAP_SYSCALL);
  expect(h.ctx.run().vector).toBe(X86_TRAP_DB);
  expect(h.regs.rip).toBe(CODE + 8);
});

test('rep movsb, rep stosq, repe cmpsb, repne scasb; movsd/movss loads and stores', () => {
  const h = harness(hex(`48 8d 37  48 8d 7f 40  b9 0a 00 00 00  f3 a4  48 b8 88 77 66 55 44 33 22 11  b9 02 00 00 00
    f3 48 ab  48 8d 77 b0  48 8d 7f f0  b9 14 00 00 00  f3 a6  49 89 c8  49 89 f1  48 8d 7e f5  b0 6c  b9 64 00 00 00
    f2 ae  49 89 ca  f2 0f 10 5f ff  f3 0f 11 1a  f2 0f 11 5a 08  0f 05`));
  const text = new TextEncoder();
  h.mm.writeFrom(DATA, text.encode('hello, world!xyz'));
  h.regs.rdi = DATA;
  h.regs.rdx = DATA + 0x200;
  expect(h.ctx.run().vector).toBe(TRAP_SYSCALL);
  const read = (a: number, n: number) => {
    const b = new Uint8Array(n);
    h.mm.readInto(a, b);
    return b;
  };
  // rsi = DATA, rdi = DATA+64: rep movsb copies 10 bytes; rep stosq then fills 16 bytes after them
  expect(new TextDecoder().decode(read(DATA + 64, 10))).toBe('hello, wor');
  expect([...read(DATA + 74, 16)]).toEqual([0x88, 0x77, 0x66, 0x55, 0x44, 0x33, 0x22, 0x11, 0x88, 0x77, 0x66, 0x55, 0x44, 0x33, 0x22, 0x11]);
  // repe cmpsb of "ld!…" with 88 77 …: stops after the first byte (rcx 20 → 19, rsi one past)
  expect([h.regs.r8, h.regs.r9]).toEqual([19, DATA + 11]);
  // repne scasb for 'l' from DATA: found as the third byte (rcx 100 → 97, rdi past it)
  expect([h.regs.r10, h.regs.rdi]).toEqual([97, DATA + 3]);
  // movsd xmm3, [DATA+2]; movss [rdx], xmm3; movsd [rdx+8], xmm3
  expect(new TextDecoder().decode(read(DATA + 0x200, 16))).toBe('llo,\0\0\0\0llo, wor');
});

test('movnti stores like mov', () => {
  // mov rdi, DATA; mov rax, -2; movnti [rdi+8], rax; syscall
  const h = harness(hex('48 c7 c7 00 00 60 00 48 c7 c0 fe ff ff ff 48 0f c3 47 08 0f 05'));
  expect(h.ctx.run().vector).toBe(TRAP_SYSCALL);
  const out = new Uint8Array(8);
  h.mm.readInto(DATA + 8, out);
  expect([...out]).toEqual([0xfe, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]);
});

test('fs: addressing uses fs_base (arch_prctl ARCH_SET_FS)', () => {
  const h = harness(hex('64 48 8b 04 25 08 00 00 00 0f 05')); // mov rax, fs:[8]
  h.mm.writeFrom(DATA + 8, Uint8Array.of(0x34, 0x12));
  h.regs.fs_base = DATA;
  h.ctx.run();
  expect(h.regs.rax).toBe(0x1234);
});

test('SSE2 idioms of strlen and memset', () => {
  const h = harness(hex(`f3 0f 6f 07  66 0f ef c9  66 0f 74 c8  66 0f d7 c1  0f bc c0  66 0f 6e d6  66 0f 60 d2
    66 0f 61 d2  66 0f 70 d2 00  f3 0f 7f 57 10  66 48 0f 7e d2  66 0f 73 d8 03  66 48 0f 7e c3  66 0f fe c2
    66 0f f8 c1  66 0f da c2  66 0f 7f 47 20  0f 05`));
  h.mm.writeFrom(DATA, new TextEncoder().encode('hello'));
  h.regs.rdi = DATA;
  h.regs.rsi = 0x41;
  expect(h.ctx.run().vector).toBe(TRAP_SYSCALL);
  expect(h.regs.rax).toBe(5); // strlen("hello")
  expect(h.ctx.cpu.hi[2]! >>> 0).toBe(0x41414141); // rdx = the broadcast byte
  expect(h.regs.rbx).toBe(0x6f6c); // "hello" >> 3 bytes = "lo"
  const out = new Uint8Array(32);
  h.mm.readInto(DATA + 16, out);
  expect([...out]).toEqual(new Array(32).fill(0x41));
});

test('cpuid names a baseline x86-64 with SSE2; rdtsc counts up', () => {
  // cpuid (leaf 0); mov r8, rbx; mov eax, 1; cpuid; mov r9, rdx; rdtsc; mov r10, rax; rdtsc; sub rax, r10; syscall
  const h = harness(hex('31 c0 0f a2 49 89 d8 b8 01 00 00 00 0f a2 49 89 d1 0f 31 49 89 c2 0f 31 4c 29 d0 0f 05'));
  h.ctx.run();
  expect(h.regs.r8).toBe(0x756e6547); // "Genu"
  expect(h.regs.r9 & (1 << 26)).not.toBe(0); // SSE2
  expect(h.regs.rax).toBeGreaterThan(0);
});
