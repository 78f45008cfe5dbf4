// The host answers files-* commands at once, from outside the machine: one files-result per
// request, paired by id, errors as words, and the machine's trace does not move.

import { describe, expect, it } from 'vitest';
import type { FilesResultEvent } from '../../../emulator/api/files';
import type { HostEvent } from '../../../emulator/api/protocol';
import { startHost } from '../../../emulator/host/host';
import { Machine } from '../../../emulator/machine/machine';
import { FakeClock } from './fake_clock';

describe('host files-* commands', () => {
  it('lists, reads and describes, paired by id, without adding a trace event', () => {
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
    for (let t = 0; t < 60_000 && !output().includes('# '); t += 20) clock.advance(20);
    expect(output()).toContain('# ');
    send({ type: 'pause' });
    clock.advance(50);
    const head = machine!.kernel.trace.head;
    const results = () => events.filter((e): e is FilesResultEvent => e.type === 'files-result');

    send({ type: 'files-stat', id: 7, path: '/dev/null' });
    send({ type: 'files-list', id: 8, path: '/proc/1' });
    send({ type: 'files-read', id: 9, path: '/proc/1/status' });
    send({ type: 'files-read', id: 10, path: '/nope' });
    send({ type: 'files-read', id: 11, path: 'relative' });
    const [stat, list, read, missing] = results();
    expect(results()).toHaveLength(4);
    expect(stat).toMatchObject({ id: 7, op: 'stat', path: '/dev/null', error: null, boot: 1, entry: { type: 'c', device: { major: 1, minor: 3, driver: 'mem' } } });
    expect(list).toMatchObject({ id: 8, op: 'list', error: null });
    expect(list!.entries!.map((e) => e.name)).toEqual(expect.arrayContaining(['status', 'fd', 'cmdline', 'exe']));
    expect(read).toMatchObject({ id: 9, op: 'read', error: null, binary: false });
    expect(read!.content).toMatch(/^Name:\tinit\n/);
    expect(missing).toMatchObject({ id: 10, error: 'No such file or directory (ENOENT)' });
    const rejected = events.filter((e) => e.type === 'command-rejected');
    expect(rejected.at(-1)).toMatchObject({ error: 'files-read: path must be an absolute path' });
    expect(machine!.kernel.trace.head).toBe(head);
  });
});
