// Our objdump against the host's GNU objdump on every x87 and SSE floating-point instruction the
// CPU's float tests exercise (the instruction texts of test/emulator/arch/x86/float_cases.json,
// assembled by the host's GNU as at test time): -d and -d -M intel must print the same lines.
// Skipped where the host lacks as or objdump; nothing built here is kept.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { report } from '../../../../../emulator/userland/bin/binutils/objdump/report';
import { ElfFile } from '../../../../../emulator/userland/lib/elf/read';
import { hostHas } from './helpers';

const hasTools = hostHas('as', '--version') && hostHas('objdump', '--version');

describe.skipIf(!hasTools)('objdump disassembles floating point as binutils does', () => {
  it('x87 and SSE: AT&T and Intel syntax', () => {
    const cases: [string][] = JSON.parse(readFileSync(new URL('../../../arch/x86/float_cases.json', import.meta.url), 'utf8'));
    const insns = [...new Set(cases.map((c) => c[0]))];
    const dir = mkdtempSync(join(tmpdir(), 'ringside-objdump-float-'));
    try {
      writeFileSync(join(dir, 'f.s'), `.intel_syntax noprefix\nf:\n${insns.map((s) => ` ${s}\n`).join('')}`);
      const as = spawnSync('as', ['-o', 'f.o', 'f.s'], { cwd: dir, encoding: 'utf8' });
      expect(as.status, as.stderr).toBe(0);
      const elf = new ElfFile(new Uint8Array(readFileSync(join(dir, 'f.o'))));
      for (const intel of [false, true]) {
        const host = spawnSync('objdump', intel ? ['-d', '-M', 'intel', 'f.o'] : ['-d', 'f.o'], { cwd: dir, encoding: 'utf8' }).stdout;
        expect(report('f.o', elf, { disassemble: true, intel }), `objdump -d${intel ? ' -M intel' : ''}`).toBe(host);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
