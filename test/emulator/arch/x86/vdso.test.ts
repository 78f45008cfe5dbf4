// The vDSO: its committed machine code is what NASM makes of vdso.asm, its data-page offsets are
// the kernel's, its ELF tables are what readelf and both libcs expect, and real programs read the
// clock through it without a syscall.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { buildVdsoImage } from '../../../../emulator/arch/x86/vdso/vdso_image';
import { VDSO_SYMBOLS, VDSO_TEXT } from '../../../../emulator/arch/x86/vdso/vdso_text';
import { elf_hash } from '../../../../emulator/uapi/elf';
import * as datapage from '../../../../emulator/uapi/vdso_datapage';
import { kernelBugs, runInMachine } from '../../../machine';
import { assembleVdso, hasNasm, renderVdsoText, VDSO_ASM, VDSO_TEXT_TS } from './vdso_asm';
import { buildMusl, hasMuslGcc } from './musl';

const hasReadelf = spawnSync('readelf', ['--version']).status === 0;

describe('the vDSO image', () => {
  test.skipIf(!hasNasm)('vdso_text.ts is what NASM assembles from vdso.asm (UPDATE_VDSO=1 rewrites it)', () => {
    const rendered = renderVdsoText(assembleVdso());
    if (process.env.UPDATE_VDSO) writeFileSync(VDSO_TEXT_TS, rendered);
    expect(readFileSync(VDSO_TEXT_TS, 'utf8')).toBe(rendered);
  });

  test("vdso.asm reads the data page at the kernel's offsets", () => {
    const asm = readFileSync(VDSO_ASM, 'utf8');
    const equ = (name: string) => Number(new RegExp(`^${name}\\s+equ\\s+(\\S+)`, 'm').exec(asm)?.[1]);
    for (const name of ['VD_SEQ', 'VD_CLOCK_MODE', 'VD_CYCLE_LAST', 'VD_MULT', 'VD_SHIFT', 'VD_BASETIME', 'VD_TZ_MINUTESWEST', 'VD_TZ_DSTTIME', 'VD_HRTIMER_RES', 'VDSO_HRES', 'VDSO_COARSE'] as const) {
      expect(equ(name), name).toBe(datapage[name]);
    }
  });

  test('every exported function lies inside the text', () => {
    const len = VDSO_TEXT.length / 2;
    expect(VDSO_SYMBOLS.map((s) => s.name).sort()).toEqual(['__vdso_clock_getres', '__vdso_clock_gettime', '__vdso_getcpu', '__vdso_gettimeofday', '__vdso_time']);
    for (const s of VDSO_SYMBOLS) expect(s.offset + s.size).toBeLessThanOrEqual(len);
  });

  test('the version hash is the one glibc looks LINUX_2.6 up by', () => {
    expect(elf_hash('LINUX_2.6')).toBe(0x3ae75f6);
  });

  test.skipIf(!hasReadelf)('readelf reads it as Linux’s: a shared object exporting each function at LINUX_2.6', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ringside-vdso-'));
    try {
      const file = join(dir, 'vdso.so');
      writeFileSync(file, buildVdsoImage((6 << 16) | (1 << 8)).bytes);
      const r = spawnSync('readelf', ['-W', '-h', '--dyn-syms', '-V', '-d', '-n', file], { encoding: 'utf8' });
      expect(r.stderr).toBe('');
      expect(r.stdout).toMatch(/Type:\s+DYN \(Shared object file\)/);
      expect(r.stdout).toMatch(/Library soname: \[linux-vdso\.so\.1\]/);
      expect(r.stdout).toMatch(/Flags: BASE\s+Index: 1\s+Cnt: 1\s+Name: linux-vdso\.so\.1/);
      expect(r.stdout).toMatch(/Flags: none\s+Index: 2\s+Cnt: 1\s+Name: LINUX_2\.6/);
      for (const f of ['clock_gettime', 'gettimeofday', 'time', 'clock_getres', 'getcpu']) {
        expect(r.stdout).toMatch(new RegExp(`FUNC\\s+GLOBAL\\s+DEFAULT\\s+8 __vdso_${f}@@LINUX_2\\.6`));
        expect(r.stdout).toMatch(new RegExp(`FUNC\\s+WEAK\\s+DEFAULT\\s+8 ${f}@@LINUX_2\\.6`));
      }
      expect(r.stdout).toMatch(/Linux\s+0x00000004\s+(NT_VERSION|Unknown note type: \(0x00000000\))/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe.skipIf(!hasMuslGcc)('programs reading the clock through the vDSO', () => {
  test('no syscall but the ones made on purpose; [vvar] and [vdso] in the maps', () => {
    const r = runInMachine('strace -o /tmp/log /tmp/p; grep -c -E "^(clock_gettime|gettimeofday|getcpu|time)\\(" /tmp/log; grep -E "vvar|vdso" /proc/self/maps', {
      files: [{ path: '/tmp/p', data: buildMusl('clock'), mode: 0o755 }],
    });
    expect(kernelBugs(r.machine)).toEqual([]);
    expect(r.output).toContain('monotonic reads going back: 0\n');
    expect(r.output).toContain('getcpu agrees: yes\n');
    expect(r.output).toMatch(/syscalls made on purpose: 102\n102\n/);
    expect(r.output).toMatch(/^7ffff7ffd000-7ffff7ffe000 r--p 00000000 00:00 0 +\[vvar\]\n7ffff7ffe000-7ffff7fff000 r-xp 00000000 00:00 0 +\[vdso\]$/m);
  });

  test('the machine trace shows each vDSO call that strace cannot see, between the syscalls', () => {
    const r = runInMachine('/tmp/p > /dev/null', { files: [{ path: '/tmp/p', data: buildMusl('clock'), mode: 0o755 }] });
    const events = r.machine.kernel.trace.since(0);
    const exec = events.find((e) => e.kind === 'exec' && e.path === '/tmp/p')!;
    const mine = events.filter((e) => e.pid === exec.pid && e.seq > exec.seq);
    const calls = mine.filter((e) => e.kind === 'vdso').map((e) => (e.kind === 'vdso' ? e.name : ''));
    // 100 clock_gettime in the loop, then realtime, gettimeofday and time (musl makes both from
    // clock_gettime), the two coarse/fine reads, and sched_getcpu.
    expect(calls.filter((n) => n === 'clock_gettime').length).toBe(105);
    expect(calls.filter((n) => n === 'getcpu').length).toBe(1);
    // Stamped in order with the syscalls around them.
    for (let k = 1; k < mine.length; k++) expect(mine[k]!.ts).toBeGreaterThanOrEqual(mine[k - 1]!.ts);
  });
});
