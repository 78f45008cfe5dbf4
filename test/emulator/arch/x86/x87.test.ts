// x87 and SSE state instructions that float_cases.json does not cover: fxsave/fxrstor (the
// 512-byte image), fnstenv/fnsave/frstor (tag word, register order, the re-init), stack overflow
// and underflow, fork copying the FPU, and the double-precision transcendentals. Expected values
// of the env/status cases were measured on the host (fnstenv after fld1; fldz; fld a denormal:
// sw 0x2800, tag word 0x1bff; nine pushes: sw 0x3a41; fadd on an empty stack: sw 0x0041).

import { describe, expect, test } from 'vitest';
import { TRAP_SYSCALL, X86_TRAP_GP } from '../../../../emulator/uapi/traps';
import { MM } from '../../../../emulator/kernel/mm/mm';
import { PhysMem } from '../../../../emulator/kernel/mm/page';
import { DATA, harness, hex } from './harness';

const INDEFINITE = 'ffffc000000000000000';

function setup(code: string) {
  const h = harness([0x48, 0xbf, ...le(DATA, 8), ...hex(code)]); // mov rdi, DATA
  return h;
}

function le(v: number, n: number): number[] {
  const out: number[] = [];
  for (let k = 0; k < n; k++) out.push(Math.floor(v / 2 ** (8 * k)) & 0xff);
  return out;
}

function bytesAt(h: ReturnType<typeof harness>, a: number, n: number): number[] {
  const out: number[] = [];
  for (let k = 0; k < n; k++) out.push(h.ctx.cpu.mem.rd8(a + k));
  return out;
}

/** n little-endian bytes at a as a big-endian hex string. */
function hexAt(h: ReturnType<typeof harness>, a: number, n: number): string {
  return bytesAt(h, a, n).reverse().map((b) => b.toString(16).padStart(2, '0')).join('');
}

describe('x87 and SSE state', () => {
  test('fxsave and fxrstor restore the x87 stack, MXCSR and the xmm registers', () => {
    const h = setup(`d9 e8 d9 eb 0f ae 97 58 02 00 00 66 48 0f 6e df 0f ae 07 db e3 66 0f ef db 0f ae 97 5c 02 00 00
      0f ae 0f db bf 00 02 00 00 db bf 10 02 00 00 0f ae 9f 20 02 00 00 66 0f d6 9f 28 02 00 00 0f 05`);
    h.mm.writeFrom(DATA + 600, Uint8Array.from([...le(0x7f80, 4), ...le(0x1f80, 4)]));
    expect(h.ctx.run().vector).toBe(TRAP_SYSCALL);
    expect(hexAt(h, DATA + 512, 10)).toBe('4000c90fdaa22168c235'); // pi
    expect(hexAt(h, DATA + 528, 10)).toBe('3fff8000000000000000'); // 1
    expect(hexAt(h, DATA + 544, 4)).toBe('00007f80'); // MXCSR as saved
    expect(hexAt(h, DATA + 552, 8)).toBe(DATA.toString(16).padStart(16, '0')); // xmm3 as saved
    // The image itself: FCW, FSW (TOP 6), abridged tag (registers 6 and 7), MXCSR, MXCSR_MASK, st0, xmm3.
    expect(hexAt(h, DATA, 2)).toBe('037f');
    expect(hexAt(h, DATA + 2, 2)).toBe('3000');
    expect(hexAt(h, DATA + 4, 1)).toBe('c0');
    expect(hexAt(h, DATA + 24, 8)).toBe('0000ffff00007f80');
    expect(hexAt(h, DATA + 32, 10)).toBe('4000c90fdaa22168c235');
    expect(hexAt(h, DATA + 160 + 48, 8)).toBe(DATA.toString(16).padStart(16, '0'));
  });

  test('fxsave needs a 16-byte aligned operand', () => {
    const h = setup('0f ae 47 08 0f 05');
    expect(h.ctx.run().vector).toBe(X86_TRAP_GP);
  });

  test('fnstenv, fnsave and frstor: tag word from the contents, registers in stack order, fnsave re-initialises', () => {
    const h = setup('d9 e8 d9 ee db af 58 02 00 00 d9 37 dd 77 20 d9 bf a0 00 00 00 dd 67 20 df e0 0f 05');
    h.mm.writeFrom(DATA + 600, Uint8Array.from([5, 0, 0, 0, 0, 0, 0, 0, 0, 0])); // a denormal
    expect(h.ctx.run().vector).toBe(TRAP_SYSCALL);
    expect(hexAt(h, DATA, 12)).toBe('ffff1bffffff2800ffff037f'); // fnstenv: FCW, FSW (TOP 5), FTW valid/zero/special/empty
    expect(hexAt(h, DATA + 32, 12)).toBe('ffff1bffffff2800ffff037f');
    expect(hexAt(h, DATA + 32 + 28, 10)).toBe('00000000000000000005'); // st0: the denormal
    expect(hexAt(h, DATA + 32 + 48, 10)).toBe('3fff8000000000000000'); // st2: 1
    expect(hexAt(h, DATA + 160, 2)).toBe('037f'); // after fnsave: finit's control word
    expect(h.ctx.cpu.lo[0]! & 0xffff).toBe(0x2800); // frstor brought TOP back
    expect(h.ctx.cpu.fpu.empty).toBe(0x1f);
  });

  test('a ninth push overflows the stack: the indefinite NaN, IE, SF and C1', () => {
    const h = setup(`${'d9 e8 '.repeat(9)} df e0 db 3f 0f 05`);
    expect(h.ctx.run().vector).toBe(TRAP_SYSCALL);
    expect(h.ctx.cpu.lo[0]! & 0xffff).toBe(0x3a41);
    expect(hexAt(h, DATA, 10)).toBe(INDEFINITE);
  });

  test('an empty operand is a stack underflow: IE and SF with C1 clear', () => {
    const h = setup('db e3 d8 c1 df e0 db 3f 0f 05');
    expect(h.ctx.run().vector).toBe(TRAP_SYSCALL);
    expect(h.ctx.cpu.lo[0]! & 0xffff).toBe(0x0041);
    expect(hexAt(h, DATA, 10)).toBe(INDEFINITE);
  });

  test('fsin (double precision here): sin(pi/2) = 1', () => {
    const h = setup('d9 eb d9 e8 d9 e8 de c1 de f9 d9 fe dd 1f 0f 05');
    expect(h.ctx.run().vector).toBe(TRAP_SYSCALL);
    expect(hexAt(h, DATA, 8)).toBe('3ff0000000000000');
  });

  test('fork copies the FPU and MXCSR to the child', () => {
    const h = setup('d9 eb 0f 05');
    h.ctx.cpu.mxcsr = 0x3f80;
    expect(h.ctx.run().vector).toBe(TRAP_SYSCALL);
    const child = h.ctx.copyThread(new MM(new PhysMem(64)), 0) as typeof h.ctx;
    expect(child.cpu.fpu.top).toBe(7);
    expect(child.cpu.fpu.mant[7]).toBe(0xc90fdaa22168c235n);
    expect(child.cpu.mxcsr).toBe(0x3f80);
    child.cpu.fpu.mant[7] = 0n;
    expect(h.ctx.cpu.fpu.mant[7]).toBe(0xc90fdaa22168c235n);
  });

  test('the signal-frame state: saveFpState / restoreFpState(null) / restore with reserved MXCSR bits dropped', () => {
    const h = setup('d9 eb 0f 05');
    expect(h.ctx.run().vector).toBe(TRAP_SYSCALL);
    h.ctx.cpu.xmm[5] = 0x1234;
    const img = h.ctx.saveFpState();
    expect(img.length).toBe(512);
    h.ctx.restoreFpState(null);
    expect([h.ctx.cpu.fpu.empty, h.ctx.cpu.fpu.cw, h.ctx.cpu.mxcsr, h.ctx.cpu.xmm[5]]).toEqual([0xff, 0x37f, 0x1f80, 0]);
    new DataView(img.buffer).setUint32(24, 0x1fc0 | 0x10000, true); // DAZ, and bit 16: reserved
    h.ctx.restoreFpState(img);
    expect([h.ctx.cpu.fpu.top, h.ctx.cpu.fpu.mant[7], h.ctx.cpu.mxcsr, h.ctx.cpu.xmm[5]]).toEqual([7, 0xc90fdaa22168c235n, 0x1fc0, 0x1234]);
  });
});
