// Our objdump against the host's GNU objdump on programs built at test time with the host's
// nasm and ld (and gcc / musl-gcc where installed): -d, -d -M intel and -f -h -t must print the
// same bytes. Skipped where the host lacks the tools; nothing built here is kept.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { report, type Displays } from '../../../../../emulator/userland/bin/binutils/objdump/report';
import { ElfFile } from '../../../../../emulator/userland/lib/elf/read';
import { readReference } from '../../../../reference';
import { hostHas } from './helpers';

const hasTools = hostHas('nasm', '-v') && hostHas('objdump', '--version') && hostHas('ld', '--version');
const hasGcc = hasTools && hostHas('gcc', '--version');
const hasMusl = hasTools && hostHas('musl-gcc', '--version');

const fixture = (name: string) => readFileSync(new URL(`./objdump/${name}`, import.meta.url), 'utf8');

function run(cmd: string, args: string[], cwd: string): string {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

/** A scratch directory with the given files. */
function scratch(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'ringside-objdump-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

const VIEWS: [string[], Displays][] = [
  [['-d'], { disassemble: true }],
  [['-d', '-M', 'intel'], { disassemble: true, intel: true }],
  [['-f', '-h', '-t'], { fileHeader: true, sectionHeaders: true, syms: true }],
];

/** Compare every view of `file` (in `dir`) with the host objdump's. */
function compareAll(dir: string, file: string): void {
  const elf = new ElfFile(new Uint8Array(readFileSync(join(dir, file))));
  for (const [flags, want] of VIEWS) {
    const host = run('objdump', [...flags, file], dir);
    expect(report(file, elf, want), `objdump ${flags.join(' ')} ${file}`).toBe(host);
  }
}

function nasmLd(dir: string, name: string): void {
  run('nasm', ['-f', 'elf64', `${name}.asm`, '-o', `${name}.o`], dir);
  run('ld', [`${name}.o`, '-o', name], dir);
}

// Several functions and local labels, data and bss, zero runs of each length objdump treats
// differently, rip-relative references and branches between the symbols.
const LABELS = `global _start, helper
section .data
counter: dd 7
table: dq helper, _start
section .bss
scratch: resq 8
section .text
_start:
  call helper
  mov edi, [rel counter]
  lea rsi, [rel table]
  mov rax, [rsi+rdi*8]
  jmp .out
  times 16 db 0
.out:
  mov eax, 60
  syscall
  times 2 db 0
helper:
  xor eax, eax
.loop:
  inc eax
  cmp eax, 10
  jne .loop
  add [rel scratch], rax
  ret
  times 3 db 0
tail:
  nop
  times 9 db 0
`;

describe.skipIf(!hasTools)('objdump against the host objdump', () => {
  it('the open program and its object', () => {
    const dir = scratch({ 'open.asm': readReference('raw/open.asm') });
    nasmLd(dir, 'open');
    compareAll(dir, 'open');
    compareAll(dir, 'open.o');
    // low and high addresses: the address column's width follows the section's end address
    for (const text of ['0x1000', '0x123456789000']) {
      run('ld', [`-Ttext=${text}`, 'open.o', '-o', `open-${text}`], dir);
      compareAll(dir, `open-${text}`);
    }
  });

  it('the instruction corpus, linked with all its symbols', () => {
    const dir = scratch({ 'corpus.asm': fixture('corpus.asm') });
    nasmLd(dir, 'corpus');
    compareAll(dir, 'corpus');
  });

  it('labels, data, zero runs, branches between symbols', () => {
    const dir = scratch({ 'labels.asm': LABELS });
    nasmLd(dir, 'labels');
    compareAll(dir, 'labels');
    compareAll(dir, 'labels.o');
  });

  it.skipIf(!hasGcc)('gcc objects at several optimisation levels, and a -nostdlib executable', () => {
    const dir = scratch({ 'p.c': C_SOURCE });
    for (const o of ['-O0', '-O2', '-Os']) {
      run('gcc', [o, '-c', 'p.c', '-o', `p${o}.o`], dir);
      compareAll(dir, `p${o}.o`);
    }
    run('gcc', ['-O2', '-static', '-nostdlib', '-fno-pie', '-no-pie', '-Wl,-e,entry', 'p.c', '-o', 'p', '-lgcc'], dir);
    compareAll(dir, 'p');
  });

  it.skipIf(!hasMusl)('a static musl executable (libc code no one here wrote)', () => {
    const dir = scratch({ 'm.c': MUSL_SOURCE });
    run('musl-gcc', ['-static', '-O2', 'm.c', '-o', 'm', '-lm'], dir);
    compareAll(dir, 'm');
  });
});

const C_SOURCE = `
#include <stddef.h>
#include <stdint.h>
struct S { long a, b, c, d; char name[40]; };
int sw(int x) { switch (x) { case 0: return 10; case 1: return 22; case 2: return 31; case 3: return 47; case 4: return 5; default: return -1; } }
void copy(struct S *d, const struct S *s) { *d = *s; }
size_t my_strlen(const char *s) { const char *p = s; while (*p) p++; return p - s; }
uint64_t mix(uint64_t x) { x ^= x >> 33; x *= 0xff51afd7ed558ccdULL; x = (x << 7) | (x >> 57); return x / 7 + x % 13; }
double fd(double a, int b) { return a * b + 1.5; }
long ld(long double x) { return (long)(x * 3); }
int bits(unsigned x) { return __builtin_popcount(x) + __builtin_ctz(x) + __builtin_clz(x | 1); }
int atomic(int *p) { return __atomic_fetch_add(p, 1, __ATOMIC_SEQ_CST) + __sync_val_compare_and_swap(p, 3, 4); }
int gv[16];
int rd(int i) { return gv[i] + gv[i + 1]; }
void zero(char *p) { for (int i = 0; i < 64; i++) p[i] = 0; }
static long sys3(long n, long a, long b, long c) { long r; __asm__ volatile("syscall" : "=a"(r) : "a"(n), "D"(a), "S"(b), "d"(c) : "rcx", "r11", "memory"); return r; }
void entry(void) { char b[64]; zero(b); sys3(60, sw(rd(1)) + (int)my_strlen(b), 0, 0); for (;;) {} }
`;

const MUSL_SOURCE = `
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>
int cmp(const void *a, const void *b) { return *(const int *)a - *(const int *)b; }
int main(int argc, char **argv) {
  int v[100];
  for (int i = 0; i < 100; i++) v[i] = (i * 7919) % 101;
  qsort(v, 100, sizeof *v, cmp);
  double d = atof(argc > 1 ? argv[1] : "2.5");
  printf("%d %f %g\\n", v[50], sqrt(d), pow(d, 3));
  char *p = malloc(100);
  snprintf(p, 100, "%s-%d", "x", 42);
  puts(p);
  return (int)strlen(p);
}
`;
