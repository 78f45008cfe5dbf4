// Test helper: build a small C program on the host with gcc at test time (never committed), for
// the end-to-end tests that run real compiler output in the machine. Tests skip when gcc is missing.

import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const hasGcc = spawnSync('gcc', ['--version']).status === 0;

/**
 * A raw-syscall runtime for -nostdlib programs: syscall wrappers and tiny string helpers, so the
 * test programs need no libc. gcc must not turn loops into calls to memset/strlen (-fno-builtin …).
 */
export const RAW_PRELUDE = `
static long sys6(long n, long a, long b, long c, long d, long e, long f) {
  long r;
  register long r10 __asm__("r10") = d, r8 __asm__("r8") = e, r9 __asm__("r9") = f;
  __asm__ volatile("syscall" : "=a"(r) : "a"(n), "D"(a), "S"(b), "d"(c), "r"(r10), "r"(r8), "r"(r9) : "rcx", "r11", "memory");
  return r;
}
#define sys3(n, a, b, c) sys6(n, (long)(a), (long)(b), (long)(c), 0, 0, 0)
static unsigned long slen(const char *s) { unsigned long n = 0; while (s[n]) n++; return n; }
static void out(const char *s) { sys3(1, 1, s, slen(s)); }
static void outnum(long v) {
  char buf[32]; int i = 31; buf[i] = 0;
  unsigned long u = v < 0 ? -(unsigned long)v : (unsigned long)v;
  do { buf[--i] = '0' + u % 10; u /= 10; } while (u);
  if (v < 0) buf[--i] = '-';
  out(buf + i);
}
static void outhex(unsigned long v) {
  char buf[20]; int i = 19; buf[i] = 0;
  do { buf[--i] = "0123456789abcdef"[v & 15]; v >>= 4; } while (v);
  out(buf + i);
}
static __attribute__((noreturn)) void exit_(int code) { sys3(60, code, 0, 0); for (;;) {} }
`;

/**
 * _start for raw programs with a main: argc, argv and envp from the initial stack execve built
 * (argc at rsp), the stack aligned for the call, and main's value to exit_group.
 */
export const RAW_START = `
int main(int argc, char **argv, char **envp);
__asm__(".text\\n.globl _start\\n_start:\\n\\txor %ebp, %ebp\\n\\tmov (%rsp), %rdi\\n\\tlea 8(%rsp), %rsi\\n"
        "\\tlea 16(%rsp,%rdi,8), %rdx\\n\\tand $-16, %rsp\\n\\tcall main\\n\\tmov %eax, %edi\\n\\tmov $231, %eax\\n\\tsyscall\\n");
`;

/** Compile `source` (with RAW_PRELUDE before it) as a static -nostdlib binary; returns its bytes. */
export function buildRaw(source: string, extraFlags: string[] = []): Uint8Array {
  const flags = ['-nostdlib', '-fno-builtin', '-fno-stack-protector', '-fno-tree-loop-distribute-patterns', '-fcf-protection=none'];
  return build(RAW_PRELUDE + source, [...flags, ...extraFlags]);
}

/** Whether gcc can link static programs against the host's C library (glibc's libc.a). */
export const hasStaticLibc = hasGcc && (() => {
  try {
    build('int main(void) { return 0; }', []);
    return true;
  } catch {
    return false;
  }
})();

/** Compile a C program with `gcc -static -O2` (against the host's libc unless -nostdlib is given). */
export function build(source: string, flags: string[]): Uint8Array {
  const dir = mkdtempSync(join(tmpdir(), 'ringside-x86-'));
  try {
    writeFileSync(join(dir, 'p.c'), source);
    execFileSync('gcc', ['-static', '-O2', ...flags, '-o', join(dir, 'p'), join(dir, 'p.c')], { stdio: 'pipe' });
    return new Uint8Array(readFileSync(join(dir, 'p')));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Run a host binary natively, as `p` in a temporary directory, with `env` added to the host's
 * environment: its stdout and exit status, for comparison with the run in a machine.
 */
export function runNative(bytes: Uint8Array, args: string[] = [], env: Record<string, string> = {}): { stdout: string; status: number | null } {
  const dir = mkdtempSync(join(tmpdir(), 'ringside-x86-'));
  try {
    writeFileSync(join(dir, 'p'), bytes, { mode: 0o755 });
    const r = spawnSync(join(dir, 'p'), args, { encoding: 'utf8', env: { ...process.env, ...env } });
    return { stdout: r.stdout, status: r.status };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
