// @vitest-environment happy-dom
// The session store: export over session-chunk events, opening a file into the views (and
// ignoring the live machine meanwhile), back to live, and New machine's confirmation.
import { createPinia, setActivePinia } from 'pinia';
import { nextTick } from 'vue';
import { beforeEach, describe, expect, it } from 'vitest';
import type { RingsideApi } from '../../../emulator/api/bridge';
import { PROTOCOL_VERSION } from '../../../emulator/api/protocol';
import type { Command, HostEvent } from '../../../emulator/api/protocol';
import { writeSession } from '../../../emulator/host/session_writer';
import type { TraceEvent } from '../../../emulator/trace/events';
import { useMachineStore } from '../../../renderer/src/stores/machine';
import { useProcessesStore } from '../../../renderer/src/stores/processes';
import { useSessionStore } from '../../../renderer/src/stores/session';
import { useTraceStore } from '../../../renderer/src/stores/trace';
import { batch, call, proc, processes, status } from '../fixtures';

function setup() {
  const sent: Command[] = [];
  let emit: (e: HostEvent) => void = () => {};
  const api: RingsideApi = { send: (c) => void sent.push(c), onEvent: (cb) => ((emit = cb), () => {}) };
  const trace = useTraceStore();
  trace.attach();
  const procs = useProcessesStore();
  procs.attach();
  const machine = useMachineStore();
  machine.connect(api);
  emit(status('running'));
  emit(processes([proc(1, 0, 'init'), proc(2, 1, 'sh')], [], true));
  emit(batch(0, call(0, 2, 257, 'openat(AT_FDCWD, "/etc/passwd", O_RDONLY', 3, '= 3')));
  return { sent, emit: (e: HostEvent) => emit(e), trace, procs, machine, session: useSessionStore() };
}

const SAVED = writeSession({
  created: new Date('2026-02-03T04:05:06Z'), seed: 1, boot: 1, init: null, virtualNs: 9, state: 'halted', exitStatus: 0,
  transcript: '# cat /etc/hostname\r\nringside\r\n', transcriptDropped: 0,
  processes: [proc(1, 0, 'init'), proc(7, 1, 'cat')],
  events: call(10, 7, 257, 'openat(AT_FDCWD, "/etc/hostname", O_RDONLY', 3, '= 3') as TraceEvent[],
  lost: 10,
});

describe('session store', () => {
  beforeEach(() => setActivePinia(createPinia()));

  it('exports by asking the host and joining its chunks in order', async () => {
    const { sent, emit, session } = setup();
    const text = session.requestSession();
    const ask = sent.at(-1)!;
    expect(ask).toMatchObject({ type: 'export' });
    const id = (ask as { id: number }).id;
    emit({ type: 'session-chunk', protocol: PROTOCOL_VERSION, id: id + 1, index: 0, count: 1, data: 'other' });
    emit({ type: 'session-chunk', protocol: PROTOCOL_VERSION, id, index: 0, count: 2, data: 'ab' });
    emit({ type: 'session-chunk', protocol: PROTOCOL_VERSION, id, index: 1, count: 2, data: 'cd' });
    await expect(text).resolves.toBe('abcd');
  });

  it('shows an opened session in the trace and process views, ignores the live machine, and goes back', async () => {
    const { sent, emit, trace, procs, session } = setup();
    expect(session.openText('run.ringside', SAVED)).toBe(true);
    expect(session.session?.transcript).toContain('ringside');
    expect(trace.table.length).toBe(1);
    expect(trace.table.row(0)).toMatchObject({ name: 'openat', ret: 3, pid: 7 });
    expect(trace.table.lost).toBe(10);
    expect([...procs.byPid.keys()]).toEqual([1, 7]);
    // The live machine goes on; the views stay on the session.
    emit(batch(2, call(2, 2, 0, 'read(0, ', 1, '= 1')));
    emit(processes([proc(9, 2, 'ls')]));
    expect(trace.table.length).toBe(1);
    expect(procs.byPid.has(9)).toBe(false);
    // A selected call has no recorded detail in a session; the live machine is not asked.
    sent.length = 0;
    trace.selectedIndex = 0;
    await nextTick();
    expect(trace.callDetail).toMatchObject({ seq: 10, detail: null, reason: 'not-recorded' });
    expect(sent.filter((c) => c.type === 'trace-detail')).toEqual([]);
    // Back to live: the whole trace and table are asked for again.
    trace.selectedIndex = null;
    sent.length = 0;
    session.leave();
    expect(session.session).toBeNull();
    expect(sent).toEqual([{ type: 'trace-fetch', from: 0, max: expect.any(Number) }, { type: 'processes-refresh' }]);
    emit({ ...batch(0, [...call(0, 2, 257, 'openat(AT_FDCWD, "/etc/passwd", O_RDONLY', 3, '= 3'), ...call(2, 2, 0, 'read(0, ', 1, '= 1')]) });
    expect(trace.table.length).toBe(0); // a batch for the live boot resets, then refetches from 0
    emit(batch(0, [...call(0, 2, 257, 'openat(AT_FDCWD, "/etc/passwd", O_RDONLY', 3, '= 3'), ...call(2, 2, 0, 'read(0, ', 1, '= 1')]));
    expect(trace.table.length).toBe(2);
  });

  it('keeps the live view and says why when a file is not a session', () => {
    const { trace, session } = setup();
    expect(session.openText('notes.txt', 'hello')).toBe(false);
    expect(session.error).toMatch(/^notes\.txt: not a Ringside session/);
    expect(session.session).toBeNull();
    expect(trace.table.length).toBe(1);
  });

  it('asks before a new machine only when something was typed', () => {
    const { sent, machine, session } = setup();
    let asked = 0;
    expect(session.newMachine(() => (asked++, false))).toBe(true);
    expect(asked).toBe(0);
    expect(sent.at(-1)).toEqual({ type: 'reset' });
    machine.send({ type: 'tty-input', data: 'ls\r' });
    expect(session.newMachine(() => (asked++, false))).toBe(false);
    expect(asked).toBe(1);
    expect(sent.at(-1)).toEqual({ type: 'tty-input', data: 'ls\r' });
    expect(session.newMachine(() => true)).toBe(true);
    expect(sent.at(-1)).toEqual({ type: 'reset' });
  });
});
