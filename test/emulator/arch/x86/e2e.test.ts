// End to end: C programs compiled on the host by gcc (-static -nostdlib, raw syscalls), put into
// a machine and run by the interpreter; output and exit status must match the native run.

import { describe, expect, test } from 'vitest';
import { kernelBugs, runInMachine } from '../../../machine';
import { buildRaw, hasGcc, runNative } from './gcc';

function runBoth(source: string, extraFlags: string[] = []) {
  const bin = buildRaw(source, extraFlags);
  const native = runNative(bin);
  const r = runInMachine('/tmp/p; echo "status=$?"', { files: [{ path: '/tmp/p', data: bin, mode: 0o755 }] });
  expect(kernelBugs(r.machine)).toEqual([]);
  return { native, output: r.output, machine: r.machine };
}

describe.skipIf(!hasGcc)('gcc -static -nostdlib programs', () => {
  test('hello world with write and exit', () => {
    const { native, output } = runBoth(`
      void _start(void) { out("hello from x86-64\\n"); exit_(7); }
    `);
    expect(native).toEqual({ stdout: 'hello from x86-64\n', status: 7 });
    expect(output).toBe('hello from x86-64\nstatus=7\n');
  });

  test('integer arithmetic, loops, calls and 64-bit values match the native run', () => {
    const { native, output } = runBoth(`
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
    expect(native.status).toBe(0);
    expect(output).toBe(native.stdout + 'status=0\n');
  });
});
