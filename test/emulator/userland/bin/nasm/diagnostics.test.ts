// nasm's errors and warnings: the text NASM prints, line for line (compared with the host nasm
// where it is installed).

import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assemble } from '../../../../../emulator/userland/bin/nasm/assembler';
import { hasNasm } from './helpers';

/** Our diagnostics for `src` as nasm prints them for a file named x.asm. */
function ours(src: string): string {
  const a = assemble(src);
  const all = [...a.errors.map((e) => ({ ...e, k: 'error' })), ...a.warnings.map((w) => ({ ...w, k: 'warning' }))];
  const info = (d: (typeof all)[number]) => (d.info ? `x.asm:${d.info.line}: info: ${d.info.message}\n` : '');
  return all.sort((x, y) => x.line - y.line).map((d) => `x.asm:${d.line}: ${d.k}: ${d.message}\n${info(d)}`).join('');
}

const LINES = [
  'mov eax, rbx', 'mov rax, [rbx+rcx*3+rdx]', 'mov rax, [eax*3+ebx*2+ecx]', 'jmp nowhere', 'db', 'mov rax,',
  'mov al, 300', 'mov al, -200', 'mov ax, -65537', 'dd -0x100000001', 'add rax, 0x100000000', 'extern 5',
  'push eax', 'int 300', 'ret 70000', 'x equ', 'call [rax', 'mov rax, [rbx+rsp*2]', 'mov rax, [xmm1]',
  'mov [rax], 1', 'foo qword', 'foo', 'jmp short x\ntimes 200 nop\nx:', 'a: nop\na: nop',
];

describe('nasm: diagnostics', () => {
  it('warns about values too big for their field, as NASM', () => {
    expect(ours('mov al, 300\nmov ax, -40000\nadd rax, 0xffffffff\n')).toBe(
      'x.asm:1: warning: byte data exceeds bounds [-w+number-overflow]\n' +
        'x.asm:3: warning: signed dword value exceeds bounds [-w+number-overflow]\n',
    );
  });

  it('says which preprocessor directives it lacks', () => {
    expect(ours('%macro foo 0\n')).toBe("x.asm:1: error: preprocessor directive `%macro' is not supported by this nasm\n");
  });

  it.skipIf(!hasNasm).each(LINES)('%j as the host nasm reports it', (src) => {
    const dir = mkdtempSync(join(tmpdir(), 'ringside-nasm-'));
    writeFileSync(join(dir, 'x.asm'), src + '\n');
    const host = spawnSync('nasm', ['-f', 'elf64', 'x.asm', '-o', 'x.o'], { cwd: dir, encoding: 'utf8' }).stderr;
    expect(ours(src + '\n')).toBe(host);
  });
});
