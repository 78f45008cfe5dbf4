// The host's introspection around a real machine: process diffs at a bounded rate, trace ranges on
// request only, counters, and step-to-next-syscall.

import { describe, expect, it } from 'vitest';
import type { ProcessesEvent, StatsEvent, SteppedEvent, TraceBatchEvent } from '../../../emulator/api/introspection';
import { TraceLog } from '../../../emulator/host/trace_log';
import { TraceRing } from '../../../emulator/trace/ring';
import { bootHost as boot } from './boot_host';

describe('host introspection', () => {
  it('sends the process table, then diffs at most every 100 ms, and only on change', () => {
    const h = boot();
    h.runUntil(() => h.output().includes('# '));
    const procs = h.of('processes') as ProcessesEvent[];
    expect(procs[0]!.full).toBe(true);
    expect(procs.slice(1).every((e) => !e.full)).toBe(true);
    expect(procs.every((e) => e.upsert.length + e.removed.length > 0 || e.full)).toBe(true);
    h.type('sleep 100 | cat &\n');
    h.runUntil(() => {
      const seen = new Set(h.of('processes').flatMap((e) => e.upsert.map((p) => p.comm)));
      return seen.has('sleep') && seen.has('cat');
    });
    // Quiet machine: no more diffs.
    h.clock.advance(500);
    const count = h.of('processes').length;
    h.clock.advance(1000);
    expect(h.of('processes').length).toBe(count);
    // A refresh brings the whole table again.
    h.send({ type: 'processes-refresh' });
    h.clock.advance(200);
    const last = h.of('processes').at(-1)!;
    expect(last.full).toBe(true);
    expect(last.upsert.map((p) => p.comm)).toEqual(expect.arrayContaining(['init', 'sh', 'sleep', 'cat']));
  });

  it('answers trace-fetch with at most `max` events, one request at a time, in order', () => {
    const h = boot();
    h.runUntil(() => h.output().includes('# '));
    expect(h.of('trace-batch')).toEqual([]); // nothing is pushed unasked
    h.send({ type: 'trace-fetch', from: 0, max: 100 });
    h.clock.advance(20);
    const b1 = h.of('trace-batch')[0] as TraceBatchEvent;
    expect(b1.events).toHaveLength(100);
    expect(b1.first).toBe(0);
    expect(b1.events.every((e, i, a) => i === 0 || e.seq > a[i - 1]!.seq)).toBe(true);
    expect(b1.events.some((e) => e.kind === 'switch')).toBe(false);
    expect(b1.next).toBe(b1.events.at(-1)!.seq + 1);
    // Everything up to the head, in big batches, then a request waits for new events.
    let from = b1.next;
    for (let i = 0; i < 100; i++) {
      h.send({ type: 'trace-fetch', from, max: 4096 });
      h.clock.advance(20);
      const b = h.of('trace-batch').at(-1)!;
      from = b.next;
      if (b.next >= b.head) break;
    }
    const batches = h.of('trace-batch').length;
    h.send({ type: 'trace-fetch', from, max: 4096 });
    h.clock.advance(200);
    expect(h.of('trace-batch').length).toBe(batches);
    h.type('cat /etc/hostname\n');
    h.runUntil(() => h.of('trace-batch').length > batches);
    const texts = h.of('trace-batch').flatMap((b) => b.events).map((e) => ('text' in e ? e.text : ''));
    expect(texts.some((t) => t?.startsWith('openat(AT_FDCWD, "/etc/hostname"'))).toBe(true);
  });

  it('posts counters with the status', () => {
    const h = boot();
    h.runUntil(() => h.output().includes('# '));
    const s = h.of('stats').at(-1) as StatsEvent;
    expect(s.syscalls).toBeGreaterThan(10);
    expect(s.contextSwitches).toBeGreaterThan(0);
    expect(s.tasks).toBeGreaterThanOrEqual(2);
    expect(s.traceHead).toBeGreaterThan(s.syscalls);
  });

  it('steps to the next syscall and pauses there; reading state adds no syscalls', () => {
    const h = boot();
    h.runUntil(() => h.output().includes('# '));
    h.send({ type: 'pause' });
    h.clock.advance(20);
    const head = h.machine().kernel.trace.head;
    h.send({ type: 'processes-refresh' });
    h.clock.advance(300);
    expect(h.machine().kernel.trace.head).toBe(head);
    h.type('true\n');
    h.send({ type: 'step' });
    h.runUntil(() => h.of('stepped').length > 0);
    const stepped = h.of('stepped')[0] as SteppedEvent;
    expect(stepped.text).toMatch(/^[a-z_0-9]+\(/);
    expect(h.of('status').at(-1)!.state).toBe('paused');
    const ev = h.machine().kernel.trace.since(stepped.seq)[0]!;
    expect(ev.kind).toBe('sys_enter');
    // Paused: nothing more runs.
    const after = h.machine().kernel.trace.head;
    h.clock.advance(500);
    expect(h.machine().kernel.trace.head).toBe(after);
    // A second step stops at the following entry.
    h.send({ type: 'step' });
    h.runUntil(() => h.of('stepped').length > 1);
    expect((h.of('stepped')[1] as SteppedEvent).seq).toBeGreaterThan(stepped.seq);
  });
});

describe('host pacing', () => {
  it('handles commands while a program is busy: pause stops it at once, ^C reaches it', () => {
    const h = boot();
    h.runUntil(() => h.output().includes('# '));
    h.type('/usr/libexec/ringside/bench getpid 100000000\n');
    const kernel = () => h.machine().kernel;
    const start = kernel().trace.head;
    h.clock.advance(5);
    expect(kernel().trace.head).toBeGreaterThan(start + 1000);
    h.send({ type: 'pause' });
    h.clock.advance(1);
    const head = kernel().trace.head;
    h.clock.advance(100);
    expect(kernel().trace.head).toBe(head);
    expect(h.of('status').at(-1)!.state).toBe('paused');
    h.type('\x03');
    h.send({ type: 'resume' });
    const before = h.output().length;
    h.runUntil(() => h.output().slice(before).includes('# '), 2000);
  });
});

describe('TraceLog', () => {
  it('keeps the newest events, skips switches, and reports where the gap is', () => {
    const ring = new TraceRing(16);
    const log = new TraceLog(ring, 8);
    const base = { ts: 0, pid: 1, tid: 1, cpu: 0 };
    for (let i = 0; i < 20; i++) {
      ring.record(i % 2 ? { ...base, kind: 'switch', prev: 0 } : { ...base, kind: 'sys_enter', nr: 0, args: [0, 0, 0, 0, 0, 0], strings: null });
    }
    expect(log.syscalls).toBe(10);
    const r = log.read(0, 100);
    expect(r.events.map((e) => e.seq)).toEqual([4, 6, 8, 10, 12, 14, 16, 18]);
    expect(r.first).toBe(4);
    expect(r.next).toBe(20);
    const part = log.read(9, 2);
    expect(part.events.map((e) => e.seq)).toEqual([10, 12]);
    expect(part.next).toBe(13);
    expect(log.hasFrom(19)).toBe(false);
    expect(log.hasFrom(18)).toBe(true);
  });
});
