// Protocol v2: the introspection commands the host accepts and the events the UI accepts.

import { describe, expect, it } from 'vitest';
import { MAX_TRACE_BATCH } from '../../../emulator/api/introspection';
import { PROTOCOL_VERSION, validateCommand, validateEvent } from '../../../emulator/api/protocol';

describe('introspection commands', () => {
  it.each([
    { type: 'step' },
    { type: 'processes-refresh' },
    { type: 'trace-fetch', from: 0, max: 1 },
    { type: 'trace-fetch', from: 123456, max: MAX_TRACE_BATCH },
  ])('accepts %j', (cmd) => expect(validateCommand(cmd)).toBeNull());

  it.each([
    [{ type: 'step', count: 2 }, 'unexpected field "count"'],
    [{ type: 'trace-fetch', from: -1, max: 10 }, 'from must be a non-negative integer'],
    [{ type: 'trace-fetch', from: 1.5, max: 10 }, 'from must be a non-negative integer'],
    [{ type: 'trace-fetch', from: 0, max: 0 }, 'max must be between 1 and'],
    [{ type: 'trace-fetch', from: 0, max: MAX_TRACE_BATCH + 1 }, 'max must be between 1 and'],
    [{ type: 'trace-fetch', from: 0 }, 'max must be an integer'],
  ])('rejects %j', (cmd, problem) => expect(validateCommand(cmd)).toContain(problem));
});

describe('validateEvent', () => {
  const v = PROTOCOL_VERSION;
  it.each([
    { type: 'tty-output', data: 'x' },
    { type: 'status', protocol: v, boot: 1, state: 'running', virtualNs: 0, exitStatus: null },
    { type: 'processes', protocol: v, boot: 1, full: true, upsert: [], removed: [] },
    { type: 'trace-batch', protocol: v, boot: 1, from: 0, first: 0, next: 5, head: 9, events: [] },
    {
      type: 'stats', protocol: v, virtualNs: 1, syscalls: 2, syscallsPerSec: 3, contextSwitches: 4, faults: 5,
      timerInterrupts: 6, tasks: 2, traceHead: 7, running: true,
    },
    { type: 'stepped', protocol: v, seq: 1, pid: 2, tid: 2, nr: 0, text: 'read(0, ' },
  ])('accepts %j', (e) => expect(validateEvent(e)).toBeNull());

  it.each([
    [null, 'must be an object'],
    [{ type: 'explode' }, 'unknown event type'],
    [{ type: 'processes', protocol: v, boot: 1, full: true, upsert: {}, removed: [] }, 'field "upsert"'],
    [{ type: 'trace-batch', protocol: v, boot: 1, from: 0, first: 0, head: 9, events: [] }, 'field "next"'],
    [{ type: 'status', protocol: 1, boot: 1, state: 'running', virtualNs: 0, exitStatus: null }, 'protocol v1, expected'],
    [{ type: 'status', protocol: v, boot: 1, state: 'running', virtualNs: NaN, exitStatus: null }, 'field "virtualNs"'],
  ])('rejects %j', (e, problem) => expect(validateEvent(e)).toContain(problem));

  it('never throws, even on a hostile object', () => {
    const hostile = new Proxy({}, { get: () => { throw new Error('boom'); } });
    expect(validateEvent(hostile)).toContain('plain object');
  });
});
