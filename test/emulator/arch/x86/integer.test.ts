// The integer instruction set against a real x86-64 CPU: integer_cases.json holds ~2500 cases
// (instruction, its bytes, rax/rbx/rdx and CF before; rax/rbx/rdx and the defined flags after),
// measured on the host by gen_integer_cases.py. Flags an instruction leaves undefined are masked.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { readFlags } from '../../../../emulator/arch/x86/flags';
import { TRAP_SYSCALL } from '../../../../emulator/uapi/traps';
import { harness, hex } from './harness';

type Case = [string, string, string, string, string, number, string, string, string, string, string];
const cases: Case[] = JSON.parse(readFileSync(join(__dirname, 'integer_cases.json'), 'utf8'));

/** mov r64, imm64 (48 b8+r) from a hex string. */
function movImm64(reg: number, value: string): number[] {
  let v = BigInt(value);
  const out = [0x48, 0xb8 + reg];
  for (let k = 0; k < 8; k++, v >>= 8n) out.push(Number(v & 0xffn));
  return out;
}

function exact(h: ReturnType<typeof harness>, r: number): string {
  const c = h.ctx.cpu;
  return '0x' + ((BigInt(c.hi[r]! >>> 0) << 32n) | BigInt(c.lo[r]! >>> 0)).toString(16);
}

describe('integer instructions match a real CPU', () => {
  const groups = new Map<string, Case[]>();
  for (const k of cases) {
    const name = k[0].split(' ')[0]!.replace(/;.*/, '');
    groups.set(name, [...(groups.get(name) ?? []), k]);
  }
  for (const [name, list] of groups) {
    test(name, () => {
      for (const [text, bytes, a, b, d, cf, mask, ra, rb, rd, flags] of list) {
        const code = [
          ...movImm64(0, a), ...movImm64(3, b), ...movImm64(2, d), ...movImm64(1, '0x8123456789abcdef'),
          0x68, 0x02 | cf, 0x02, 0, 0, 0x9d, // push 0x202|cf; popfq
          ...hex(bytes), 0x0f, 0x05,
        ];
        const h = harness(code);
        expect(h.ctx.run().vector, text).toBe(TRAP_SYSCALL);
        const got = [exact(h, 0), exact(h, 3), exact(h, 2), '0x' + (readFlags(h.ctx.cpu) & Number(mask)).toString(16)];
        expect(got, `${text} with rax=${a} rbx=${b} rdx=${d} CF=${cf}`).toEqual([ra, rb, rd, flags]);
      }
    });
  }
});
