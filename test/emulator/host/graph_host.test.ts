// The host sends the object graph as diffs next to the process diffs: the whole graph first (and
// again on graph-refresh), then only what changed, at most every snapshotMs; looking adds nothing
// to the machine's trace.

import { describe, expect, it } from 'vitest';
import type { GraphEvent } from '../../../emulator/api/graph';
import { validateEvent, type HostEvent } from '../../../emulator/api/protocol';
import { startHost } from '../../../emulator/host/host';
import { Machine } from '../../../emulator/machine/machine';
import { FakeClock } from './fake_clock';

describe('host graph diffs', () => {
  it('sends a pipeline as it appears and disappears, whole again on graph-refresh', () => {
    const clock = new FakeClock();
    const events: HostEvent[] = [];
    let send: (msg: unknown) => void = () => {};
    let machine: Machine | null = null;
    startHost(
      { post: (e) => events.push(e), onMessage: (cb) => (send = cb) },
      () => (machine = new Machine({ mode: 'interactive' })),
      { clock, budgetMs: 50 },
    );
    const output = () => events.flatMap((e) => (e.type === 'tty-output' ? [e.data] : [])).join('');
    const graphs = () => events.filter((e): e is GraphEvent => e.type === 'graph');
    for (let t = 0; t < 60_000 && !output().includes('# '); t += 20) clock.advance(20);
    expect(graphs()[0]).toMatchObject({ full: true, boot: 1 });
    for (const g of graphs()) expect(validateEvent(g)).toBe(null);

    send({ type: 'tty-input', data: 'sleep 50 | cat &\r' });
    const pipeIn = () => graphs().flatMap((g) => g.nodes).find((n) => n.kind === 'pipe');
    for (let t = 0; t < 10_000 && !pipeIn(); t += 20) clock.advance(20);
    const pipe = pipeIn()!;
    expect(pipe).toBeDefined();
    const fdEdges = graphs().flatMap((g) => g.edges).filter((e) => e.target === pipe.id);
    expect(fdEdges.map((e) => [e.label, e.dir]).sort()).toEqual([['fd 0', 'r'], ['fd 1', 'w']]);
    // Diffs are at most every 100 ms of wall time, and none while nothing changes.
    const times: number[] = [];
    const count = graphs().length;
    for (let t = 0; t < 2_000; t += 20) {
      clock.advance(20);
      if (graphs().length > count + times.length) times.push(clock.now());
    }
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(100);

    // Asking again gives the whole graph, without a trace event.
    send({ type: 'pause' });
    clock.advance(50);
    const head = machine!.kernel.trace.head;
    const before = graphs().length;
    send({ type: 'graph-refresh' });
    clock.advance(200);
    const whole = graphs().slice(before);
    expect(whole).toHaveLength(1);
    expect(whole[0]!.full).toBe(true);
    expect(whole[0]!.nodes.some((n) => n.id === pipe.id)).toBe(true);
    expect(machine!.kernel.trace.head).toBe(head);

    send({ type: 'resume' });
    send({ type: 'tty-input', data: 'kill %1\r' });
    const gone = () => graphs().some((g) => g.removedNodes.includes(pipe.id));
    for (let t = 0; t < 10_000 && !gone(); t += 20) clock.advance(20);
    expect(gone()).toBe(true);
  });
});
