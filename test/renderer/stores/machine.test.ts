import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { RingsideApi } from '../../../emulator/api/bridge';
import type { Command, HostEvent } from '../../../emulator/api/protocol';
import { useMachineStore } from '../../../renderer/src/stores/machine';
import { status } from '../fixtures';

function fakeApi() {
  const sent: Command[] = [];
  let emit: (e: HostEvent) => void = () => {};
  const api: RingsideApi = { send: (c) => void sent.push(c), onEvent: (cb) => ((emit = cb), () => {}) };
  return { api, sent, emit: (e: unknown) => emit(e as HostEvent) };
}

describe('machine store', () => {
  beforeEach(() => setActivePinia(createPinia()));

  it('takes status and stats, and sends the controls as commands', () => {
    const m = useMachineStore();
    const { api, sent, emit } = fakeApi();
    m.connect(api);
    emit(status('running'));
    expect(m.state).toBe('running');
    expect(m.boot).toBe(1);
    emit({ type: 'stats', protocol: 2, virtualNs: 5, syscalls: 9, syscallsPerSec: 3, contextSwitches: 4, faults: 1, timerInterrupts: 2, tasks: 3, traceHead: 20, running: true });
    expect(m.stats?.syscallsPerSec).toBe(3);
    m.togglePause();
    emit(status('paused'));
    m.togglePause();
    m.step();
    m.reset();
    expect(sent.map((c) => c.type)).toEqual(['pause', 'resume', 'step', 'reset']);
  });

  it('ignores malformed events, and says so for a status from another protocol version', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const m = useMachineStore();
    const { api, emit } = fakeApi();
    const seen: string[] = [];
    m.onHostEvent((e) => seen.push(e.type));
    m.connect(api);
    emit({ type: 'processes', protocol: 2, boot: 1, full: true, upsert: 'x', removed: [] });
    emit({ ...status('running'), protocol: 1 });
    expect(seen).toEqual([]);
    expect(m.state).toBe('error');
    expect(m.message).toContain('protocol v1');
    expect(warn).toHaveBeenCalled();
    warn.mockRestore();
  });

  it('remembers where a step stopped, until the next boot', () => {
    const m = useMachineStore();
    const { api, emit } = fakeApi();
    m.connect(api);
    emit(status('paused'));
    emit({ type: 'stepped', protocol: 2, seq: 7, pid: 2, tid: 2, nr: 0, text: 'read(0, ' });
    expect(m.lastStep?.text).toBe('read(0, ');
    emit(status('running', 2));
    expect(m.lastStep).toBeNull();
  });
});
