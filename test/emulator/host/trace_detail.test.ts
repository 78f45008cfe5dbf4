// The host's trace-detail: capture switched by the UI, one call's detail answered by seq.

import { describe, expect, it } from 'vitest';
import type { SysEnterEvent } from '../../../emulator/trace/events';
import { Machine } from '../../../emulator/machine/machine';
import { bootHost as boot } from './boot_host';

function lastOpenat(m: Machine, path: string): SysEnterEvent {
  const e = m.kernel.trace.since(0).reverse().find((x): x is SysEnterEvent => x.kind === 'sys_enter' && x.nr === 257 && x.strings?.[1] === path);
  expect(e).toBeDefined();
  return e!;
}

describe('host trace-detail', () => {
  it('answers with the kernel path and the user memory of a call recorded while capture was on', () => {
    const h = boot();
    h.runUntil(() => h.output().includes('# '));
    h.send({ type: 'trace-detail-capture', on: true });
    h.send({ type: 'tty-input', data: 'cat /etc/hostname\n' });
    h.runUntil(() => h.output().includes('ringside\r\n'));
    const open = lastOpenat(h.machine(), '/etc/hostname');
    h.send({ type: 'trace-detail', seq: open.seq });
    const answer = h.of('trace-detail').at(-1)!;
    expect(answer.seq).toBe(open.seq);
    expect(answer.boot).toBe(1);
    const d = answer.detail!;
    expect(d.calls.map((c) => c.fn)).toEqual(expect.arrayContaining(['__x64_sys_openat', 'do_sys_openat2', 'do_filp_open']));
    expect(d.mem[0]).toMatchObject({ dir: 'read', fn: 'strncpy_from_user', addr: open.args[1], bytes: '/etc/hostname\0', ok: true });
    // The wire form is plain data (crosses structured clone and JSON alike).
    expect(JSON.parse(JSON.stringify(answer))).toEqual(answer);
  });

  it('says not-recorded for a call made while capture was off, and stops recording when asked', () => {
    const h = boot();
    h.runUntil(() => h.output().includes('# '));
    h.send({ type: 'tty-input', data: 'cat /etc/hostname\n' });
    h.runUntil(() => h.output().includes('ringside\r\n'));
    const open = lastOpenat(h.machine(), '/etc/hostname');
    h.send({ type: 'trace-detail', seq: open.seq });
    expect(h.of('trace-detail').at(-1)).toMatchObject({ seq: open.seq, detail: null, reason: 'not-recorded' });
    h.send({ type: 'trace-detail-capture', on: true });
    expect(h.machine().kernel.trace.details).not.toBeNull();
    h.send({ type: 'trace-detail-capture', on: false });
    expect(h.machine().kernel.trace.details).toBeNull();
  });

  it('keeps capturing on the new machine after a reset', () => {
    const h = boot();
    h.send({ type: 'trace-detail-capture', on: true });
    const first = h.machine();
    h.send({ type: 'reset' });
    expect(h.machine()).not.toBe(first);
    expect(first.kernel.trace.details).toBeNull();
    expect(h.machine().kernel.trace.details).not.toBeNull();
    h.send({ type: 'trace-detail-capture', on: false });
  });

  it('rejects a malformed request', () => {
    const h = boot();
    h.send({ type: 'trace-detail', seq: -1 });
    h.send({ type: 'trace-detail-capture', on: 'yes' });
    expect(h.of('command-rejected').map((e) => e.error)).toEqual(['trace-detail: seq must be a non-negative integer', 'trace-detail-capture: on must be a boolean']);
  });
});
