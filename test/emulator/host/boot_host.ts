// A host around a real interactive machine, driven by a fake clock: what the host tests share.
// `send` plays the UI's side; `events` is everything the host posted.

import { expect } from 'vitest';
import { latin1ToBytes } from '../../../emulator/api/latin1';
import type { HostEvent } from '../../../emulator/api/protocol';
import { startHost } from '../../../emulator/host/host';
import { Machine } from '../../../emulator/machine/machine';
import { FakeClock } from './fake_clock';

export function bootHost() {
  const clock = new FakeClock();
  const events: HostEvent[] = [];
  let send: (msg: unknown) => void = () => {};
  let machine: Machine | null = null;
  startHost(
    { post: (e) => events.push(e), onMessage: (cb) => (send = cb) },
    () => (machine = new Machine({ mode: 'interactive' })),
    { clock, budgetMs: 50 },
  );
  const of = <T extends HostEvent['type']>(type: T) => events.filter((e) => e.type === type) as Extract<HostEvent, { type: T }>[];
  /** What a console (tty1 unless told) has printed so far. */
  const output = (tty = 1) => of('tty-output').flatMap((e) => ((e.tty ?? 1) === tty ? [e.data] : [])).join('');
  /** Let virtual time pass, 20 ms at a time, until `pred` holds (failing the test if it never does). */
  const runUntil = (pred: () => boolean, limitMs = 60_000) => {
    for (let t = 0; t < limitMs && !pred(); t += 20) clock.advance(20);
    expect(pred()).toBe(true);
  };
  const type = (text: string) => send({ type: 'tty-input', data: String.fromCharCode(...latin1ToBytes(text)) });
  return { clock, events, send: (m: unknown) => send(m), machine: () => machine!, of, output, runUntil, type };
}
