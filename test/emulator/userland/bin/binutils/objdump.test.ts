// objdump's disassembler and displays, in-process. The expected text is GNU objdump 2.40's:
// for the instruction corpus it is the host's output checked in beside the corpus source
// (objdump/corpus.*), for the open program the host's output quoted here.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decode } from '../../../../../emulator/userland/bin/binutils/objdump/disasm/decode';
import { formatAtt } from '../../../../../emulator/userland/bin/binutils/objdump/disasm/att';
import { formatIntel } from '../../../../../emulator/userland/bin/binutils/objdump/disasm/intel';
import { report } from '../../../../../emulator/userland/bin/binutils/objdump/report';
import { ElfFile } from '../../../../../emulator/userland/lib/elf/read';
import { readReference } from '../../../../reference';
import { ourLink } from './helpers';

const fixture = (name: string) => readFileSync(new URL(`./objdump/${name}`, import.meta.url), 'utf8');

interface Line {
  address: bigint;
  bytes: Uint8Array;
  text: string;
}

/** The instruction lines of an objdump -d listing, continuation lines joined to theirs. */
function parseListing(listing: string): Line[] {
  const out: Line[] = [];
  for (const l of listing.split('\n')) {
    const m = /^ *([0-9a-f]+):\t((?:[0-9a-f]{2} )+) *(?:\t(.*))?$/.exec(l);
    if (!m) continue;
    const bytes = m[2]!.trim().split(' ').map((h) => parseInt(h, 16));
    if (m[3] === undefined) {
      const last = out[out.length - 1]!;
      last.bytes = new Uint8Array([...last.bytes, ...bytes]);
    } else out.push({ address: BigInt(`0x${m[1]}`), bytes: new Uint8Array(bytes), text: m[3] });
  }
  return out;
}

// The corpus keeps one symbol, _start at 0x401000, so every address is named from it.
const START = 0x401000n;
const sym = (a: bigint) => ` <_start${a === START ? '' : a > START ? `+0x${(a - START).toString(16)}` : `-0x${(START - a).toString(16)}`}>`;

function disassembleOne(bytes: number[] | Uint8Array, intel = false, address = START): string {
  const code = Uint8Array.from(bytes);
  const insn = decode(code, 0, address);
  const used = code.subarray(0, insn.length);
  return intel ? formatIntel(insn, used, sym) : formatAtt(insn, used, sym);
}

describe('the x86-64 disassembler against the host objdump on the corpus', () => {
  for (const [syntax, file] of [['AT&T', 'corpus.att.txt'], ['Intel', 'corpus.intel.txt']] as const) {
    it(`decodes every instruction as objdump does (${syntax})`, () => {
      const lines = parseListing(fixture(file));
      expect(lines.length).toBeGreaterThan(900);
      const wrong: string[] = [];
      for (const l of lines) {
        const insn = decode(l.bytes, 0, l.address);
        const got = syntax === 'Intel' ? formatIntel(insn, l.bytes, sym) : formatAtt(insn, l.bytes, sym);
        if (insn.length !== l.bytes.length || got !== l.text) {
          wrong.push(`${l.address.toString(16)}: ${[...l.bytes].map((b) => b.toString(16).padStart(2, '0')).join(' ')}: want "${l.text}", got "${got}" (${insn.length} bytes)`);
        }
      }
      expect(wrong).toEqual([]);
    });
  }
});

describe('decoding single instructions', () => {
  it('the moves of the open program', () => {
    expect(disassembleOne([0xb8, 0x02, 0, 0, 0])).toBe('mov    $0x2,%eax');
    expect(disassembleOne([0x48, 0xbf, 0x00, 0x20, 0x40, 0, 0, 0, 0, 0])).toBe('movabs $0x402000,%rdi');
    expect(disassembleOne([0x48, 0xbf, 0x00, 0x20, 0x40, 0, 0, 0, 0, 0], true)).toBe('movabs rdi,0x402000');
    expect(disassembleOne([0x0f, 0x05])).toBe('syscall');
  });

  it('rip-relative operands get the address they name as a comment', () => {
    // 401000: 48 8b 05 f9 0f 00 00   mov 0xff9(%rip),%rax   → 0x402000
    expect(disassembleOne([0x48, 0x8b, 0x05, 0xf9, 0x0f, 0, 0])).toBe('mov    0xff9(%rip),%rax        # 402000 <_start+0x1000>');
    expect(disassembleOne([0x48, 0x8b, 0x05, 0xf9, 0xff, 0xff, 0xff], true)).toBe('mov    rax,QWORD PTR [rip+0xfffffffffffffff9]        # 401000 <_start>');
  });

  it('branch targets with their symbol, backwards too', () => {
    expect(disassembleOne([0xe8, 0x0b, 0, 0, 0])).toBe('call   401010 <_start+0x10>');
    expect(disassembleOne([0xeb, 0xfe])).toBe('jmp    401000 <_start>');
    expect(disassembleOne([0x75, 0xf0], false, 0x401010n)).toBe('jne    401002 <_start+0x2>');
    expect(disassembleOne([0xff, 0x24, 0xc5, 0, 0x20, 0x40, 0])).toBe('jmp    *0x402000(,%rax,8)');
  });

  it('size suffixes only where no register tells the size', () => {
    expect(disassembleOne([0xc7, 0x45, 0xfc, 1, 0, 0, 0])).toBe('movl   $0x1,-0x4(%rbp)');
    expect(disassembleOne([0xc7, 0x45, 0xfc, 1, 0, 0, 0], true)).toBe('mov    DWORD PTR [rbp-0x4],0x1');
    expect(disassembleOne([0x89, 0x45, 0xfc])).toBe('mov    %eax,-0x4(%rbp)');
    expect(disassembleOne([0xd3, 0x38])).toBe('sarl   %cl,(%rax)');
    expect(disassembleOne([0xff, 0x70, 0x08])).toBe('push   0x8(%rax)');
    expect(disassembleOne([0x0f, 0xb6, 0x07])).toBe('movzbl (%rdi),%eax');
  });

  it('prefixes: rep, lock, and the ones that did nothing', () => {
    expect(disassembleOne([0xf3, 0x48, 0xab])).toBe('rep stos %rax,%es:(%rdi)');
    expect(disassembleOne([0xf3, 0xa6])).toBe('repz cmpsb %es:(%rdi),%ds:(%rsi)');
    expect(disassembleOne([0xf0, 0x0f, 0xc1, 0x07])).toBe('lock xadd %eax,(%rdi)');
    expect(disassembleOne([0xf3, 0xc3])).toBe('repz ret');
    expect(disassembleOne([0x48, 0x90])).toBe('rex.W nop');
    expect(disassembleOne([0x66, 0x2e, 0x0f, 0x1f, 0x84, 0, 0, 0, 0, 0])).toBe('cs nopw 0x0(%rax,%rax,1)');
    expect(disassembleOne([0x66, 0x2e, 0x0f, 0x1f, 0x84, 0, 0, 0, 0, 0], true)).toBe('cs nop WORD PTR [rax+rax*1+0x0]');
  });

  it('the undecodable: (bad), and a cut-off instruction as .byte', () => {
    expect(disassembleOne([0x06])).toBe('(bad)');
    expect(decode(Uint8Array.from([0xff, 0xff]), 0, START).length).toBe(1);
    expect(disassembleOne([0x0f, 0x04])).toBe('(bad)');
    expect(disassembleOne([0xc8])).toBe('.byte 0xc8');
    expect(disassembleOne([0x48])).toBe('rex.W');
  });
});

const OPEN = [{ name: 'open.asm', text: readReference('raw/open.asm') }];

describe('objdump displays of the open program (our nasm and ld)', () => {
  const exe = new ElfFile(ourLink(OPEN).output!);

  it('-d is the reference listing', () => {
    expect(report('open', exe, { disassemble: true })).toBe(readReference('raw/open.objdump.txt'));
  });

  it('-d -M intel', () => {
    expect(report('open', exe, { disassemble: true, intel: true })).toBe(`
open:     file format elf64-x86-64


Disassembly of section .text:

0000000000401000 <_start>:
  401000:\tb8 02 00 00 00       \tmov    eax,0x2
  401005:\t48 bf 00 20 40 00 00 \tmovabs rdi,0x402000
  40100c:\t00 00 00 
  40100f:\tbe 00 00 00 00       \tmov    esi,0x0
  401014:\t0f 05                \tsyscall
  401016:\tb8 3c 00 00 00       \tmov    eax,0x3c
  40101b:\tbf 00 00 00 00       \tmov    edi,0x0
  401020:\t0f 05                \tsyscall
`);
  });

  it('-f -h -t', () => {
    expect(report('open', exe, { fileHeader: true, sectionHeaders: true, syms: true })).toBe(`
open:     file format elf64-x86-64
architecture: i386:x86-64, flags 0x00000112:
EXEC_P, HAS_SYMS, D_PAGED
start address 0x0000000000401000

Sections:
Idx Name          Size      VMA               LMA               File off  Algn
  0 .text         00000022  0000000000401000  0000000000401000  00001000  2**4
                  CONTENTS, ALLOC, LOAD, READONLY, CODE
  1 .data         0000000a  0000000000402000  0000000000402000  00002000  2**2
                  CONTENTS, ALLOC, LOAD, DATA
SYMBOL TABLE:
0000000000000000 l    df *ABS*\t0000000000000000 open.asm
0000000000402000 l       .data\t0000000000000000 fpath
0000000000401000 g       .text\t0000000000000000 _start
000000000040200a g       .data\t0000000000000000 __bss_start
000000000040200a g       .data\t0000000000000000 _edata
0000000000402010 g       .data\t0000000000000000 _end


`);
  });
});
