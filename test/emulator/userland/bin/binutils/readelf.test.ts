// readelf's displays: the reference capture of `readelf -h -l open` (shared/reference), and every
// display of our objects and executables compared with the host's readelf where it is installed.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readReference } from '../../../../reference';
import { ElfFile } from '../../../../../emulator/userland/lib/elf/read';
import { fileHeader, programHeaders, relocations, sectionHeaders, symbols } from '../../../../../emulator/userland/bin/binutils/readelf/format';
import { hostHas, ourLink, ourObject } from './helpers';

/** What `readelf <opts>` prints, composed as the program does. */
function ours(bytes: Uint8Array, opts: string): string {
  const elf = new ElfFile(bytes);
  const has = (c: string) => opts.includes(c);
  const w = has('W');
  return (has('h') ? fileHeader(elf) : '') + (has('S') ? sectionHeaders(elf, has('h'), w) : '') +
    (has('l') ? programHeaders(elf, has('h'), w) : '') + (has('r') ? relocations(elf, w) : '') + (has('s') ? symbols(elf, w) : '');
}

function host(bytes: Uint8Array, opts: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'ringside-readelf-'));
  writeFileSync(join(dir, 'f'), bytes);
  return spawnSync('readelf', [`-${opts}`, 'f'], { cwd: dir, encoding: 'utf8' }).stdout;
}

const OPEN = { name: 'open.asm', text: readReference('raw/open.asm') };
const openExe = ourLink([OPEN]).output!;

describe('readelf', () => {
  it('prints `readelf -h -l open` exactly as the reference capture', () => {
    expect(ours(openExe, 'hl')).toBe(readReference('raw/open.readelf.txt'));
  });

  it('introduces -l with the file type and entry point when -h is not given', () => {
    expect(ours(openExe, 'l')).toMatch(/^\nElf file type is EXEC \(Executable file\)\nEntry point 0x401000\nThere are 3 program headers, starting at offset 64\n\nProgram Headers:\n/);
    expect(ours(ourObject(OPEN.text, 'open.asm'), 'l')).toBe('\nThere are no program headers in this file.\n');
  });

  it('names section symbols by their section and shows relocations with signed addends', () => {
    const obj = ourObject('default rel\nextern ext\nsection .data\nd: dd 1\nsection .text\nmov eax, [d]\ncall ext\n', 't.asm');
    expect(ours(obj, 'r')).toContain('000000000002  000200000002 R_X86_64_PC32     0000000000000000 .data - 4\n');
    expect(ours(obj, 's')).toContain('     2: 0000000000000000     0 SECTION LOCAL  DEFAULT    1 .data\n');
  });

  describe.skipIf(!hostHas('readelf', '--version') || !hostHas('nasm', '-v'))('against the host readelf', () => {
    const big = `global _start, averyveryverylongsymbolname_xyz
extern ext
section .rodata
msg: db "hi", 0
section .data
p: dq msg, ext
section .bss
b: resq 4
section .averyveryverylongsectionname progbits alloc
db 1
section .text
_start:
averyveryverylongsymbolname_xyz: lea rsi, [rel msg]
call ext
ret
`;
    const files: Record<string, Uint8Array> = {
      'open (executable)': openExe,
      'open.o (relocatable)': ourObject(OPEN.text, 'open.asm'),
      'an object with every section kind and long names': ourObject(big, 'big.asm'),
      'an executable with rodata, data and bss': ourLink([{ name: 'x.asm', text: big.replace('extern ext', 'ext: ret') .replace('call ext', 'call averyveryverylongsymbolname_xyz') }]).output!,
    };
    for (const [what, bytes] of Object.entries(files)) {
      it.each(['h', 'l', 'S', 's', 'r', 'hl', 'hS', 'lS', 'hlSrs', 'lW', 'SW', 'sW', 'rW', 'hlSrsW'])(`${what}: -%s`, (opts) => {
        expect(ours(bytes, opts)).toBe(host(bytes, opts));
      });
    }
  });
});
