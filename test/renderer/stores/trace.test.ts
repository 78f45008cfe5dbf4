import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import type { RingsideApi } from '../../../emulator/api/bridge';
import type { Command, HostEvent } from '../../../emulator/api/protocol';
import { useMachineStore } from '../../../renderer/src/stores/machine';
import { useTraceStore } from '../../../renderer/src/stores/trace';
import { batch, call, status } from '../fixtures';

function setup() {
  const sent: Command[] = [];
  let emit: (e: HostEvent) => void = () => {};
  const api: RingsideApi = { send: (c) => void sent.push(c), onEvent: (cb) => ((emit = cb), () => {}) };
  const trace = useTraceStore();
  trace.attach();
  useMachineStore().connect(api);
  return { trace, sent, emit };
}

describe('trace store', () => {
  beforeEach(() => setActivePinia(createPinia()));

  it('asks for the trace from seq 0 on boot, then one range after each batch', () => {
    const { trace, sent, emit } = setup();
    emit(status('running'));
    expect(sent).toEqual([{ type: 'trace-detail-capture', on: true }, { type: 'trace-fetch', from: 0, max: 4096 }]);
    emit(batch(0, call(0, 2, 257, 'openat(AT_FDCWD, "/etc/hostname", O_RDONLY', 3, '= 3')));
    expect(sent.at(-1)).toEqual({ type: 'trace-fetch', from: 2, max: 4096 });
    expect(trace.table.length).toBe(1);
    expect(trace.table.row(0).argsText).toBe('AT_FDCWD, "/etc/hostname", O_RDONLY');
    // An answer to a superseded request is dropped.
    emit(batch(0, call(0, 2, 257, 'openat(', 3, '= 3')));
    expect(trace.table.length).toBe(1);
    // A gap: events the host overwrote before we asked.
    emit({ ...batch(2, call(10, 2, 3, 'close(3', 0, '= 0')), first: 10 });
    expect(trace.table.lost).toBe(8);
  });

  it('filters and summarises', async () => {
    const { trace, emit } = setup();
    emit(status('running'));
    emit(batch(0, [...call(0, 2, 257, 'openat(AT_FDCWD, "/x", O_RDONLY', -2, '= -1 ENOENT (No such file or directory)'), ...call(2, 3, 0, 'read(0, ', 1, '= 1')]));
    expect(trace.table.matchLength).toBe(2);
    trace.failedOnly = true;
    await Promise.resolve();
    expect(trace.table.matchLength).toBe(1);
    trace.failedOnly = false;
    trace.filterClass = 'file';
    await Promise.resolve();
    expect(trace.table.row(trace.table.match(0)).name).toBe('openat');
    expect(trace.table.matchLength).toBe(1);
    expect(trace.summary.map((l) => [l.name, l.calls, l.errors])).toEqual([
      ['openat', 1, 1],
      ['read', 1, 0],
    ]);
  });

  it('starts a new table on a new boot', () => {
    const { trace, sent, emit } = setup();
    emit(status('running'));
    emit(batch(0, call(0, 2, 0, 'read(0, ', 1, '= 1')));
    emit(status('running', 2));
    expect(trace.table.length).toBe(0);
    expect(sent.at(-1)).toEqual({ type: 'trace-fetch', from: 0, max: 4096 });
  });
});
