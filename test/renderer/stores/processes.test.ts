import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { HostEvent } from '../../../emulator/api/protocol';
import { useMachineStore } from '../../../renderer/src/stores/machine';
import { HIGHLIGHT_MS, useProcessesStore } from '../../../renderer/src/stores/processes';
import { proc, processes, status } from '../fixtures';

describe('processes store', () => {
  beforeEach(() => {
    setActivePinia(createPinia());
    vi.useFakeTimers();
  });
  afterEach(() => vi.useRealTimers());

  const table = [proc(1, 0, 'init'), proc(2, 1, 'sh'), proc(5, 2, 'cat'), proc(4, 2, 'sleep')];

  it('builds the tree depth first, children by pid, with pstree connectors', () => {
    const s = useProcessesStore();
    s.apply(processes(table, [], true));
    expect(s.tree.map((r) => [r.proc.pid, r.depth, r.last])).toEqual([
      [1, 0, true],
      [2, 1, true],
      [4, 2, false],
      [5, 2, true],
    ]);
  });

  it('marks forks, execs and exits briefly; zombies stay until removed', () => {
    const s = useProcessesStore();
    s.apply(processes(table.slice(0, 2), [], true));
    expect(s.highlights.size).toBe(0); // the first table is not news
    s.apply(processes([proc(4, 2, 'sh')]));
    expect(s.highlights.get(4)).toBe('fork');
    s.apply(processes([proc(4, 2, 'sleep', { cmdline: ['sleep', '100'], exe: '/bin/sleep' })]));
    expect(s.highlights.get(4)).toBe('exec');
    s.apply(processes([proc(4, 2, 'sleep', { state: 'Z', cmdline: [], exe: '/bin/sleep' })]));
    expect(s.highlights.get(4)).toBe('exit');
    expect(s.byPid.get(4)?.state).toBe('Z');
    vi.advanceTimersByTime(HIGHLIGHT_MS + 1);
    expect(s.highlights.size).toBe(0);
    s.select(4);
    s.apply(processes([], [4]));
    expect(s.byPid.has(4)).toBe(false);
    expect(s.selectedPid).toBeNull();
  });

  it('starts over on a new boot', () => {
    const s = useProcessesStore();
    s.apply(processes(table, [], true, 1));
    s.apply(processes([proc(1, 0, 'init')], [], true, 2));
    expect([...s.byPid.keys()]).toEqual([1]);
  });

  it('puts threads under their leader', () => {
    const s = useProcessesStore();
    s.apply(processes([proc(1, 0, 'init'), proc(7, 1, 'app'), { ...proc(8, 1, 'app'), tgid: 7 }], [], true));
    expect(s.tree.map((r) => [r.proc.pid, r.depth])).toEqual([
      [1, 0],
      [7, 1],
      [8, 2],
    ]);
  });

  it('asks for the whole table once per boot it has not seen', () => {
    const s = useProcessesStore();
    const sent: string[] = [];
    let emit: (e: HostEvent) => void = () => {};
    s.attach();
    useMachineStore().connect({ send: (c) => void sent.push(c.type), onEvent: (cb) => ((emit = cb), () => {}) });
    emit(status('running'));
    emit(status('running'));
    expect(sent).toEqual(['processes-refresh']);
    emit(processes([proc(1, 0, 'init')], [], true));
    emit(status('idle'));
    emit(status('running', 2));
    expect(sent).toEqual(['processes-refresh', 'processes-refresh']);
  });
});
