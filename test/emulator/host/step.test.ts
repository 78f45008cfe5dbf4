// Step to the next syscall, exactly: the machine pauses at the entry of the next call any task
// makes — traced as entered, not exited, its handler not yet run — and resume carries it out.

import { describe, expect, it } from 'vitest';
import type { SteppedEvent } from '../../../emulator/api/introspection';
import { kernelBugs } from '../../machine';
import { bootHost as boot } from './boot_host';

describe('exact step to the next syscall', () => {
  it('stops before the handler runs; resume runs it', () => {
    const h = boot();
    h.runUntil(() => h.output().includes('# '));
    h.send({ type: 'pause' });
    h.send({ type: 'tty-input', data: "printf 'A%sZ\\n' 42\n" });
    // Step call by call until the shell's write of the result is the call we stopped at.
    let stepped: SteppedEvent | null = null;
    for (let i = 0; i < 500 && !stepped; i++) {
      const n = h.of('stepped').length;
      h.send({ type: 'step' });
      h.runUntil(() => h.of('stepped').length > n);
      const s = h.of('stepped').at(-1)!;
      if (s.nr === 1 && s.text.includes('A42Z')) stepped = s;
    }
    expect(stepped).not.toBeNull();
    const kernel = h.machine().kernel;
    expect(h.of('status').at(-1)!.state).toBe('paused');
    // Entered, not exited: the last event of that task is its sys_enter, and the bytes are not out.
    const after = kernel.trace.since(stepped!.seq);
    expect(after[0]).toMatchObject({ kind: 'sys_enter', nr: 1, tid: stepped!.tid });
    expect(after.some((e) => e.kind === 'sys_exit' && e.tid === stepped!.tid)).toBe(false);
    h.clock.advance(200);
    expect(h.output()).not.toContain('A42Z');
    // The process table shows the call it is in.
    expect(kernel.tasks.get(stepped!.tid)!.inSyscall).toBe(true);
    // Resume: the same call completes (one sys_exit, write's count), and the shell goes on.
    h.send({ type: 'resume' });
    h.runUntil(() => h.output().includes('A42Z\r\n'));
    const exit = kernel.trace.since(stepped!.seq).find((e) => e.kind === 'sys_exit' && e.tid === stepped!.tid);
    expect(exit).toMatchObject({ kind: 'sys_exit', nr: 1, ret: 5 });
    h.runUntil(() => h.output().endsWith('# '));
    expect(kernel.syscall_entry_break).toBeNull();
    expect(kernelBugs(h.machine())).toEqual([]);
  });

  it('costs nothing when not stepping: no entry break is set', () => {
    const h = boot();
    h.runUntil(() => h.output().includes('# '));
    expect(h.machine().kernel.syscall_entry_break).toBeNull();
    h.send({ type: 'step' });
    expect(h.machine().kernel.syscall_entry_break).not.toBeNull();
    h.send({ type: 'resume' });
    expect(h.machine().kernel.syscall_entry_break).toBeNull();
  });
});
