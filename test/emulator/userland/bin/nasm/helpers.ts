// Shared by the nasm tests: assemble a source in-process, and the host's own nasm as an oracle
// (tests that need it are skipped where it is not installed).

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assemble } from '../../../../../emulator/userland/bin/nasm/assembler';
import { writeObject } from '../../../../../emulator/userland/bin/nasm/elf_object';

export const hostHas = (tool: string, arg = '--version') => spawnSync(tool, [arg], { stdio: 'ignore' }).status === 0;
export const hasNasm = hostHas('nasm', '-v');

/** Our object file for `source`, named `name` in its FILE symbol; throws on assembly errors. */
export function ourObject(source: string, name = 'test.asm', optimize = true): Uint8Array {
  const a = assemble(source, optimize);
  if (a.errors.length) throw new Error(a.errors.map((e) => `${e.line}: ${e.message}`).join('\n'));
  return writeObject(name, a.sections, a.symbols);
}

/** The host nasm's object for `source` (file name `name`, run in a scratch directory). */
export function hostObject(source: string, name = 'test.asm', flags: string[] = []): Uint8Array {
  const dir = mkdtempSync(join(tmpdir(), 'ringside-nasm-'));
  writeFileSync(join(dir, name), source);
  const r = spawnSync('nasm', ['-f', 'elf64', ...flags, name, '-o', 'out.o'], { cwd: dir, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`host nasm failed: ${r.stderr}`);
  return new Uint8Array(readFileSync(join(dir, 'out.o')));
}

/** The .text bytes of a one-section program, as hex ("b8 02 00 00 00"). */
export function textHex(source: string, optimize = true): string {
  const a = assemble('section .text\n' + source, optimize);
  if (a.errors.length) throw new Error(a.errors.map((e) => `${e.line}: ${e.message}`).join('\n'));
  return a.sections.find((s) => s.name === '.text')!.bytes.map((b) => b.toString(16).padStart(2, '0')).join(' ');
}
