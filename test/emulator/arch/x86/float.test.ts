// x87 and SSE floating point against a real x86-64 CPU: float_cases.json holds ~6500 cases
// measured on the host by gen_float_cases.py — the instruction, its bytes, the state before
// (control word, MXCSR, st1 and st0, xmm0 and xmm1, rax, rbx, 16 bytes at [rdi], RFLAGS) and the
// state after as fxsave shows it (control, status and tag words, the x87 stack, MXCSR, xmm0,
// xmm1) with rax, the arithmetic flags and the memory. Inputs include ±0, ±∞, quiet and
// signaling NaNs with payloads, denormals, the largest and smallest values, and every rounding
// mode and x87 precision control.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { readFlags } from '../../../../emulator/arch/x86/flags';
import { fxsaveImage } from '../../../../emulator/arch/x86/fxsave';
import { TRAP_SYSCALL } from '../../../../emulator/uapi/traps';
import { DATA, harness, hex } from './harness';

type Before = [number, number, string, string, string, string, string, string, string, number];
type After = [number, number, number, number, string[], string, string, string, number, string];
type Case = [string, string, Before, After];
const cases: Case[] = JSON.parse(readFileSync(join(__dirname, 'float_cases.json'), 'utf8'));


/** `n` little-endian bytes of a hex number. */
function le(h: string, n: number): number[] {
  let v = BigInt('0x' + (h || '0'));
  const out: number[] = [];
  for (let k = 0; k < n; k++, v >>= 8n) out.push(Number(v & 0xffn));
  return out;
}

/** mov r64, imm64 (48 b8+r). */
function movImm64(reg: number, h: string): number[] {
  return [0x48, 0xb8 + reg, ...le(h, 8)];
}

/** Bytes → hex number string (little-endian in, big-endian text out, `digits` wide). */
function toHex(b: ArrayLike<number>, from: number, n: number): string {
  let s = '';
  for (let k = n - 1; k >= 0; k--) s += b[from + k]!.toString(16).padStart(2, '0');
  return s;
}

function run(c: Case): { got: unknown[]; want: unknown[] } {
  const [text, bytes, before, after] = c;
  const [cw, mx, a, b, x0, x1, rax, rbx, mem, flags] = before;
  const code = [
    ...movImm64(0, rax), ...movImm64(3, rbx), ...movImm64(7, DATA.toString(16)),
    0x68, ...le(flags.toString(16), 4), 0x9d, // push flags; popfq
    ...hex(bytes), 0x0f, 0x05,
  ];
  const h = harness(code);
  h.mm.writeFrom(DATA, Uint8Array.from(le(mem, 16)));
  const cpu = h.ctx.cpu, f = cpu.fpu;
  // fninit; fldcw; ldmxcsr; movdqu xmm0/xmm1; fld A; fld B — as the native prologue does.
  f.reset();
  f.cw = cw;
  cpu.mxcsr = mx;
  cpu.xmmB.set(le(x0, 16), 0);
  cpu.xmmB.set(le(x1, 16), 16);
  const load = (p: number, v: string) => {
    const raw = le(v || (p === 7 ? '3fff8000000000000000' : '3ffdaaaaaaaaaaaaaaab'), 10);
    f.mant[p] = BigInt('0x' + toHex(raw, 0, 8));
    f.exp[p] = (raw[8]! | (raw[9]! << 8)) & 0x7fff;
    f.sign[p] = raw[9]! >> 7;
    f.empty &= ~(1 << p);
  };
  load(7, a);
  load(6, b);
  f.top = 6;
  const trap = h.ctx.run();
  expect(trap.vector, `${text}: ${trap.message ?? ''}`).toBe(TRAP_SYSCALL);
  const img = fxsaveImage(cpu);
  const x87 = text.startsWith('f');
  const [cwo, swo, tag, mxo, st, x0o, x1o, raxo, flo, memo] = after;
  const top = (img[3]! >> 3) & 7;
  const stGot: string[] = [];
  for (let k = 0; k < 8; k++) stGot.push(img[4]! & (1 << ((top + k) & 7)) ? toHex(img, 32 + 16 * k, 10) : '');
  while (stGot.length && stGot[stGot.length - 1] === '') stGot.pop();
  const c64 = (r: number) => ((BigInt(cpu.hi[r]! >>> 0) << 32n) | BigInt(cpu.lo[r]! >>> 0)).toString(16);
  const memGot = BigInt('0x' + toHex(readData(h, 16), 0, 16)).toString(16);
  const got = [
    img[0]! | (img[1]! << 8), img[2]! | (img[3]! << 8), img[4], img[24]! | (img[25]! << 8),
    x87 ? stGot : [], x87 ? '' : toHex(img, 160, 16), x87 ? '' : toHex(img, 176, 16), c64(0), readFlags(cpu) & 0x8d5, memGot,
  ];
  const want = [cwo, swo, tag, mxo, st, x0o, x1o, raxo, flo, memo];
  return { got, want };
}

function readData(h: ReturnType<typeof harness>, n: number): Uint8Array {
  const out = new Uint8Array(n);
  for (let k = 0; k < n; k++) out[k] = h.ctx.cpu.mem.rd8(DATA + k);
  return out;
}

describe('floating-point instructions match a real CPU', () => {
  const groups = new Map<string, Case[]>();
  for (const k of cases) {
    const name = k[0].split(' ')[0]!;
    groups.set(name, [...(groups.get(name) ?? []), k]);
  }
  for (const [name, list] of groups) {
    test(name, () => {
      for (const c of list) {
        const { got, want } = run(c);
        expect(got, `${c[0]} from ${JSON.stringify(c[2])}`).toEqual(want);
      }
    });
  }
});
