import { describe, expect, it } from 'vitest';
import { Machine } from '../../../emulator/machine/machine';
import { diffProcesses, peekCmdline, sigsetHex, snapshotProcesses } from '../../../emulator/host/snapshot';
import { kernelBugs } from '../../machine';

/** A machine whose shell runs `cmd` and then sleeps in it (interactive mode: stops when all sleep). */
function bootUntilIdle(cmd: string): Machine {
  const m = new Machine({ mode: 'interactive', init: ['/sbin/init', '-c', cmd] });
  m.boot();
  for (let i = 0; i < 200; i++) if (m.run(100).state !== 'running') break;
  return m;
}

describe('snapshotProcesses', () => {
  const m = bootUntilIdle('sleep 100 | cat');
  const procs = snapshotProcesses(m.kernel);
  const sleep = procs.find((p) => p.comm === 'sleep')!;
  const cat = procs.find((p) => p.comm === 'cat')!;

  it('lists each task with its parent, state and argv', () => {
    expect(sleep).toBeDefined();
    expect(cat).toBeDefined();
    expect(sleep.cmdline).toEqual(['sleep', '100']);
    expect(cat.cmdline).toEqual(['cat']);
    expect(sleep.ppid).toBe(cat.ppid);
    expect(procs.find((p) => p.pid === sleep.ppid)?.comm).toBe('sh');
    expect(sleep.state).toBe('S');
    expect(cat.state).toBe('S');
    expect(sleep.tgid).toBe(sleep.pid);
    expect(procs.map((p) => p.pid)).toEqual([...procs.map((p) => p.pid)].sort((a, b) => a - b));
    expect(procs[0]!.pid).toBe(1);
    expect(procs[0]!.ppid).toBe(0);
  });

  it('names what each descriptor is, as /proc/<pid>/fd does: the pipe joins sleep to cat', () => {
    const out = sleep.fds.find((f) => f.fd === 1)!;
    const inp = cat.fds.find((f) => f.fd === 0)!;
    expect(out.target).toMatch(/^pipe:\[\d+\]$/);
    expect(inp.target).toBe(out.target);
    expect(out.mode).toBe('w');
    expect(inp.mode).toBe('r');
    expect(cat.fds.find((f) => f.fd === 1)?.target).toMatch(/^\/dev\//);
  });

  it('shows the call each sleeps in, the memory map, cwd and credentials', () => {
    expect(cat.syscall?.name).toBe('read');
    expect(cat.syscall?.args[0]).toBe(0);
    expect(sleep.syscall?.name).toMatch(/nanosleep/);
    expect(sleep.maps.some((v) => v.name === '[stack]' && v.perms === 'rw-p')).toBe(true);
    expect(sleep.maps.every((v) => v.start < v.end)).toBe(true);
    expect(sleep.cwd).toBe(procs.find((p) => p.pid === sleep.ppid)?.cwd);
    expect(sleep.cwd).toMatch(/^\//);
    expect(sleep.uid).toBe(0);
    expect(sleep.sigBlocked).toMatch(/^[0-9a-f]{16}$/);
  });

  it('reads from outside: no trace event, no fault, no page is added', () => {
    const head = m.kernel.trace.head;
    const pages = [...m.kernel.tasks.values()].map((t) => t.mm?.pages.size ?? 0);
    const faults = [...m.kernel.tasks.values()].map((t) => t.mm?.minFlt ?? 0);
    snapshotProcesses(m.kernel);
    expect(m.kernel.trace.head).toBe(head);
    expect([...m.kernel.tasks.values()].map((t) => t.mm?.pages.size ?? 0)).toEqual(pages);
    expect([...m.kernel.tasks.values()].map((t) => t.mm?.minFlt ?? 0)).toEqual(faults);
    expect(kernelBugs(m)).toEqual([]);
  });

  it('diffs: only what changed, and what is gone', () => {
    const first = diffProcesses(new Map(), procs);
    expect(first.upsert).toHaveLength(procs.length);
    expect(first.removed).toEqual([]);
    const same = diffProcesses(first.keys, procs);
    expect(same.upsert).toEqual([]);
    const changed = procs.filter((p) => p !== sleep).map((p) => (p === cat ? { ...p, state: 'R' } : p));
    const d = diffProcesses(first.keys, changed);
    expect(d.upsert.map((p) => p.pid)).toEqual([cat.pid]);
    expect(d.removed).toEqual([sleep.pid]);
  });
});

describe('helpers', () => {
  it('sigsetHex prints 16 hex digits', () => {
    expect(sigsetHex(0n)).toBe('0000000000000000');
    expect(sigsetHex(1n << 8n)).toBe('0000000000000100');
  });
  it('peekCmdline of no address space is empty', () => {
    expect(peekCmdline(null)).toEqual([]);
  });
});
