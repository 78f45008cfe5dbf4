// The syscall fuzzer: thousands of random syscalls with random arguments and pointers from several
// processes, with a fixed seed. The kernel must never throw, every call must return a value or
// -errno, and once the processes are gone nothing may be left behind.

import { describe, expect, it } from 'vitest';
import { kernelBugs, runInMachine } from '../../machine';
import type { SysExitEvent } from '../../../emulator/trace/events';

describe('syscall fuzzer', () => {
  it('survives random syscalls and leaks nothing', () => {
    const COUNT = 2500;
    const PROCS = 6;
    // Measure the baseline (same shell, no fuzzing) to compare memory afterwards.
    const base = runInMachine('true');
    const r = runInMachine(`/usr/libexec/ringside/syscall-fuzz 7 ${COUNT} ${PROCS}; echo done`, {}, 120_000);
    expect(r.output).toContain('done');
    expect(kernelBugs(r.machine)).toEqual([]);

    const exits = r.machine.kernel.trace.since(0).filter((e): e is SysExitEvent => e.kind === 'sys_exit');
    // The ring buffer keeps the newest events; all of them must be well-formed results.
    expect(exits.length).toBeGreaterThan(1000);
    for (const e of exits) {
      expect(Number.isFinite(e.ret), `syscall ${e.nr} returned ${e.ret}`).toBe(true);
      if (e.ret < 0) expect(e.ret >= -4095, `syscall ${e.nr} returned ${e.ret}`).toBe(true);
    }

    // Only init is left (the shell and every fuzzer exited and were reaped)...
    const k = r.machine.kernel;
    expect([...k.tasks.values()].map((t) => t.tgid)).toEqual([1]);
    // ...and the memory in use is what the same machine uses without the fuzzing.
    expect(k.phys.used).toBe(base.machine.kernel.phys.used);
  });
});
