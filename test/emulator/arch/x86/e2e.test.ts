// End to end: C programs compiled on the host by gcc (-static, with and without the host's libc),
// put into a machine and run by the interpreter; output and exit status must match the native
// run. Faults must become the signals Linux sends (the shell reports 128 + signal).

import { describe, expect, test } from 'vitest';
import { kernelBugs, runInMachine } from '../../../machine';
import { build, buildRaw, hasGcc, hasStaticLibc, runNative } from './gcc';

function runIn(bin: Uint8Array) {
  const r = runInMachine('/tmp/p; echo "status=$?"', { files: [{ path: '/tmp/p', data: bin, mode: 0o755 }] });
  expect(kernelBugs(r.machine)).toEqual([]);
  return { output: r.output, log: r.machine.kernel.log.records.map((x) => x.text) };
}

describe.skipIf(!hasGcc)('gcc -static -nostdlib programs', () => {
  test('hello world with write and exit', () => {
    const bin = buildRaw(`void _start(void) { out("hello from x86-64\\n"); exit_(7); }`);
    expect(runNative(bin)).toEqual({ stdout: 'hello from x86-64\n', status: 7 });
    expect(runIn(bin).output).toBe('hello from x86-64\nstatus=7\n');
  });

  test('integer arithmetic, loops, calls and 64-bit values match the native run', () => {
    const bin = buildRaw(`
      static unsigned long fib(unsigned n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
      static unsigned long hash(const char *s) { unsigned long h = 1469598103934665603UL; while (*s) h = (h ^ (unsigned char)*s++) * 1099511628211UL; return h; }
      static long divs(long a, long b) { return a / b + a % b; }
      void _start(void) {
        long s = 0;
        for (long i = 0; i < 1000; i++) s += i * i;
        outnum(s); out(" ");
        outnum(fib(20)); out(" ");
        outhex(hash("ringside")); out(" ");
        outnum(divs(-1000000000007L, 97)); out(" ");
        outnum(divs(123456789, -10)); out(" ");
        unsigned x = 0x80000001u; outnum((x >> 3) + (x << 5) + (int)x / 3); out(" ");
        outnum(__builtin_popcountl(0xf0f0f0f0f0f0f0f0UL)); out(" ");
        outnum(__builtin_clzl(1UL << 40)); out(" ");
        outnum(__builtin_ctzl(1UL << 40)); out("\\n");
        exit_(0);
      }
    `);
    const native = runNative(bin);
    expect(native.status).toBe(0);
    expect(runIn(bin).output).toBe(native.stdout + 'status=0\n');
  });

  test.each([
    ['a NULL store is SIGSEGV', '*(volatile int *)0 = 1;', 139, /segfault at 0 /],
    ['a store to the code is SIGSEGV', '*(volatile char *)_start = 1;', 139, /segfault at 40/],
    ['integer division by zero is SIGFPE', 'volatile int z = 0; outnum(10 / z);', 136, null],
    ['ud2 is SIGILL and the bytes are logged', '__asm__ volatile("ud2");', 132, /invalid opcode at [0-9a-f]+: 0f 0b/],
    ['int3 is SIGTRAP', '__asm__ volatile("int3");', 133, null],
    ['hlt is SIGSEGV (a privileged instruction)', '__asm__ volatile("hlt");', 139, /privileged instruction/],
  ])('%s', (_name, body, status, logLine) => {
    const bin = buildRaw(`void _start(void) { ${body} exit_(0); }`);
    const r = runIn(bin);
    expect(r.output).toContain(`status=${status}`);
    if (logLine) expect(r.log.some((l) => logLine.test(l)), r.log.join('\n')).toBe(true);
  });
});

describe.skipIf(!hasStaticLibc)('gcc -static programs with the host C library', () => {
  test('printf, string routines (SSE2), malloc and qsort match the native run', () => {
    const bin = build(`
      #include <stdio.h>
      #include <string.h>
      #include <stdlib.h>
      static int cmp(const void *a, const void *b) { return *(const int *)a - *(const int *)b; }
      int main(int argc, char **argv) {
        printf("hello %s %d %s\\n", strrchr(argv[0], '/') + 1, argc, "world");
        char buf[100];
        strcpy(buf, "abcdefghijklmnopqrstuvwxyz");
        printf("%zu %s %d\\n", strlen(buf), strchr(buf, 'q'), memcmp(buf, "abcdefghijklmnopqrstuvwxyZ", 26) > 0);
        int n = 20000, *v = malloc(n * sizeof(int));
        unsigned s = 1;
        for (int i = 0; i < n; i++) { s = s * 1103515245 + 12345; v[i] = s % 100000; }
        qsort(v, n, sizeof(int), cmp);
        printf("%d %d %d\\n", v[0], v[n / 2], v[n - 1]);
        return 3;
      }
    `, []);
    const native = runNative(bin);
    expect(native.status).toBe(3);
    expect(runIn(bin).output).toBe(native.stdout + 'status=3\n');
  });

  test('fork, pipe and wait', () => {
    const bin = build(`
      #include <stdio.h>
      #include <unistd.h>
      #include <sys/wait.h>
      int main(void) {
        int fd[2]; pipe(fd);
        pid_t pid = fork();
        if (pid == 0) { close(fd[0]); write(fd[1], "from the child", 14); _exit(5); }
        close(fd[1]);
        char buf[32] = {0}; read(fd[0], buf, sizeof buf - 1);
        int st; waitpid(pid, &st, 0);
        printf("parent read '%s', child exited %d\\n", buf, WEXITSTATUS(st));
        return 0;
      }
    `, []);
    const native = runNative(bin);
    expect(runIn(bin).output).toBe(native.stdout + 'status=0\n');
  });
});

describe.skipIf(!hasStaticLibc)('signals in glibc programs', () => {
  test('a handler runs on the user stack; a SIGSEGV handler gets si_addr and siglongjmps out', () => {
    const bin = build(`
      #include <stdio.h>
      #include <signal.h>
      #include <string.h>
      #include <setjmp.h>
      static volatile int got;
      static sigjmp_buf jb;
      static void h(int s) { got = s; }
      static void segv(int s, siginfo_t *si, void *uc) { (void)s; (void)uc; printf("SIGSEGV at %p code %d\\n", si->si_addr, si->si_code); siglongjmp(jb, 1); }
      int main(void) {
        signal(SIGUSR1, h);
        raise(SIGUSR1);
        printf("handler saw %d\\n", got);
        struct sigaction sa; memset(&sa, 0, sizeof sa); sa.sa_sigaction = segv; sa.sa_flags = SA_SIGINFO;
        sigaction(SIGSEGV, &sa, 0);
        if (!sigsetjmp(jb, 1)) *(volatile int *)16 = 1;
        printf("recovered\\n");
        return 0;
      }
    `, []);
    const native = runNative(bin);
    expect(native.stdout).toBe('handler saw 10\nSIGSEGV at 0x10 code 1\nrecovered\n');
    const r = runIn(bin);
    expect(r.output).toBe(native.stdout + 'status=0\n');
    expect(r.log.some((l) => /segfault at 10 ip [0-9a-f]+ sp [0-9a-f]+ error 6/.test(l))).toBe(true);
  });
});

describe.skipIf(!hasGcc)('scheduling', () => {
  test('a busy loop is preempted by the timer, and killed by a signal from the shell', () => {
    const bin = buildRaw(`void _start(void) { for (;;) __asm__ volatile(""); }`);
    const r = runInMachine('/tmp/p & sleep 0.01; kill $!; wait $!; echo "status=$?"', { files: [{ path: '/tmp/p', data: bin, mode: 0o755 }] });
    expect(r.output).toContain('status=143');
  });
});
