// Programs linked by our ld run on the host itself (an x86-64 Linux): the strongest check that
// the layout and the relocations are right. Skipped on other hosts.

import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { arch, platform, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readReference } from '../../../../reference';
import { readObject } from '../../../../../emulator/userland/bin/binutils/ld/inputs';
import { link } from '../../../../../emulator/userland/bin/binutils/ld/link';
import { hostHas, ourLink } from './helpers';

const native = platform() === 'linux' && arch() === 'x64';

function run(exe: Uint8Array): { stdout: string; status: number | null } {
  const dir = mkdtempSync(join(tmpdir(), 'ringside-native-'));
  const path = join(dir, 'prog');
  writeFileSync(path, exe);
  chmodSync(path, 0o755);
  const r = spawnSync(path, [], { encoding: 'utf8', timeout: 5000 });
  return { stdout: r.stdout, status: r.status };
}

const HELLO = [
  {
    name: 'main.asm',
    text: `global _start
extern greet, counter
section .text
_start:
  call greet
  mov edi, [rel counter]
  mov eax, 60
  syscall
`,
  },
  {
    name: 'greet.asm',
    text: `global greet, counter
section .rodata
msg: db "hello from nasm and ld", 10
len equ $ - msg
section .data
counter: dd 7
section .bss
scratch: resq 8
section .text
greet:
  mov qword [scratch], len
  mov eax, 1
  mov edi, 1
  lea rsi, [rel msg]
  mov rdx, [scratch]
  syscall
  add dword [rel counter], 5
  ret
`,
  },
];

describe.skipIf(!native)('programs linked by our ld, run natively', () => {
  it('the open program exits with status 0', () => {
    expect(run(ourLink([{ name: 'open.asm', text: readReference('raw/open.asm') }]).output!)).toEqual({ stdout: '', status: 0 });
  });

  it('two objects with rodata, data, bss and calls between them', () => {
    expect(run(ourLink(HELLO).output!)).toEqual({ stdout: 'hello from nasm and ld\n', status: 12 });
  });

  it.skipIf(!hostHas('gcc', '--version'))('a gcc -nostdlib object (with .eh_frame and .comment)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ringside-gcc-'));
    writeFileSync(join(dir, 'p.c'), `
      static long sys3(long n, long a, long b, long c) { long r; __asm__ volatile("syscall" : "=a"(r) : "a"(n), "D"(a), "S"(b), "d"(c) : "rcx", "r11", "memory"); return r; }
      static const char msg[] = "hello from gcc\\n";
      static char buf[64];
      int counter = 3;
      void _start(void) {
        for (int i = 0; i < counter; i++) buf[i] = 'a' + i;
        buf[counter] = '\\n';
        sys3(1, 1, (long)msg, sizeof msg - 1);
        sys3(1, 1, (long)buf, counter + 1);
        sys3(60, 42, 0, 0);
        for (;;) {}
      }`);
    const cc = spawnSync('gcc', ['-c', '-O2', '-fno-pie', '-fno-stack-protector', '-nostdlib', 'p.c', '-o', 'p.o'], { cwd: dir });
    expect(cc.status).toBe(0);
    const r = link([readObject('p.o', new Uint8Array(readFileSync(join(dir, 'p.o'))))], '_start');
    expect(r.messages).toEqual([]);
    expect(run(r.output!)).toEqual({ stdout: 'hello from gcc\nabc\n', status: 42 });
  });
});
