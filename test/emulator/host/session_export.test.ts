// The host's export command around a real machine: the session it sends parses back and holds
// what the machine did (the console, the processes, the trace of a cat's openat).

import { describe, expect, it } from 'vitest';
import type { HostEvent, SessionChunkEvent } from '../../../emulator/api/protocol';
import { parseSession } from '../../../emulator/api/session';
import { startHost } from '../../../emulator/host/host';
import { Machine } from '../../../emulator/machine/machine';
import { FakeClock } from './fake_clock';

describe('host export', () => {
  it('answers export with session chunks that parse back into the machine’s run', () => {
    const clock = new FakeClock();
    const events: HostEvent[] = [];
    let send: (msg: unknown) => void = () => {};
    startHost(
      { post: (e) => events.push(e), onMessage: (cb) => (send = cb) },
      () => new Machine({ mode: 'interactive' }),
      { clock, budgetMs: 50, machineInfo: { seed: 1, init: ['/sbin/init'] }, wallDate: () => new Date('2026-01-02T03:04:05Z') },
    );
    const output = () => events.flatMap((e) => (e.type === 'tty-output' ? [e.data] : [])).join('');
    const runUntil = (pred: () => boolean) => {
      for (let t = 0; t < 60_000 && !pred(); t += 20) clock.advance(20);
      expect(pred()).toBe(true);
    };
    runUntil(() => output().includes('# '));
    send({ type: 'tty-input', data: 'cat /etc/hostname\n' });
    runUntil(() => /ringside\r\n.*# $/s.test(output()));

    send({ type: 'export', id: 7 });
    const chunks = events.filter((e): e is SessionChunkEvent => e.type === 'session-chunk');
    expect(chunks.length).toBeGreaterThan(0);
    expect(chunks.every((c) => c.id === 7 && c.count === chunks.length && c.error === undefined)).toBe(true);
    const r = parseSession(chunks.map((c) => c.data).join(''));
    if (!r.ok) throw new Error(r.error);
    const s = r.session;
    expect(s.header.created).toBe('2026-01-02T03:04:05.000Z');
    expect(s.header.machine).toMatchObject({ seed: 1, boot: 1, init: ['/sbin/init'] });
    expect(s.transcript).toContain('cat /etc/hostname');
    expect(s.processes.map((p) => p.comm)).toEqual(expect.arrayContaining(['init', 'sh']));
    const open = s.events.find((e) => e.kind === 'sys_enter' && e.name === 'openat' && JSON.stringify(e.strings).includes('/etc/hostname'));
    expect(open).toBeDefined();
    const exit = s.events.find((e) => e.kind === 'sys_exit' && e.tid === open!.tid && e.seq > open!.seq);
    expect(exit!.ret as number).toBeGreaterThanOrEqual(0);
    expect(s.events.some((e) => e.kind === 'switch')).toBe(false);

    // A malformed export is rejected like any bad command.
    send({ type: 'export' });
    expect(events.at(-1)).toMatchObject({ type: 'command-rejected', error: expect.stringMatching(/export: id/) });
  });
});
