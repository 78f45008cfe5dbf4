// The study text's `open` program: nasm must produce exactly the bytes real NASM does
// (shared/reference linux-facts §2.3: objdump of the linked program).

import { describe, expect, it } from 'vitest';
import { readReference } from '../../../../reference';
import { assemble } from '../../../../../emulator/userland/bin/nasm/assembler';
import { hasNasm, hostObject, ourObject } from './helpers';

const OPEN = readReference('raw/open.asm');
const hex = (b: number[]) => b.map((x) => x.toString(16).padStart(2, '0')).join(' ');

/** The instruction bytes from the reference objdump (continuation lines included). */
function referenceText(): string {
  const bytes: string[] = [];
  for (const line of readReference('raw/open.objdump.txt').split('\n')) {
    const m = /^\s+[0-9a-f]+:\t((?:[0-9a-f]{2} )+)/.exec(line);
    if (m) bytes.push(m[1]!.trim());
  }
  return bytes.join(' ');
}

describe('nasm: the open program', () => {
  it('assembles .text to the reference bytes (mov rax,2 shrunk to mov eax,2; movabs for the address)', () => {
    const a = assemble(OPEN);
    expect(a.errors).toEqual([]);
    const text = a.sections.find((s) => s.name === '.text')!;
    // The reference is the linked program: ld put fpath's address (0x402000) into the movabs.
    const linked = [...text.bytes];
    linked.splice(7, 4, 0x00, 0x20, 0x40, 0x00);
    expect(hex(linked)).toBe(referenceText());
    expect(text.bytes.length).toBe(0x22);
    const data = a.sections.find((s) => s.name === '.data')!;
    expect(new TextDecoder().decode(Uint8Array.from(data.bytes))).toBe('/dev/null\0');
  });

  it('with -O0 every mov is a 10-byte movabs (text = 0x36 bytes)', () => {
    const text = assemble(OPEN, false).sections.find((s) => s.name === '.text')!;
    expect(text.bytes.length).toBe(0x36);
    expect(hex(text.bytes.slice(0, 10))).toBe('48 b8 02 00 00 00 00 00 00 00');
  });

  it('relocates the address of fpath with R_X86_64_64 against .data', () => {
    const text = assemble(OPEN).sections.find((s) => s.name === '.text')!;
    expect(text.relocs).toEqual([expect.objectContaining({ offset: 7, type: 1, addend: 0n })]);
    expect(text.relocs[0]!.target.name).toBe('.data');
  });

  it.skipIf(!hasNasm)('writes the same object file as the host nasm, byte for byte', () => {
    expect(ourObject(OPEN, 'open.asm')).toEqual(hostObject(OPEN, 'open.asm'));
    expect(ourObject(OPEN, 'open.asm', false)).toEqual(hostObject(OPEN, 'open.asm', ['-O0']));
  });
});
