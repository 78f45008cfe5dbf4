// @vitest-environment happy-dom
// The lab pane: the list, a lab's steps, "Type it" sending the command to the console, and checks
// turning green only when the machine's state shows what they ask for.
import { createPinia, setActivePinia } from 'pinia';
import { mount } from '@vue/test-utils';
import { nextTick } from 'vue';
import { beforeEach, describe, expect, it } from 'vitest';
import type { RingsideApi } from '../../../emulator/api/bridge';
import type { Command, HostEvent } from '../../../emulator/api/protocol';
import LabPane from '../../../renderer/src/components/LabPane.vue';
import { LAB_DATA, LAB_INDEX } from '../../../renderer/src/labs/catalog';
import { parseLab } from '../../../renderer/src/labs/lab';
import { stripEscapes } from '../../../renderer/src/labs/checks';
import { useLabsStore } from '../../../renderer/src/stores/labs';
import { useMachineStore } from '../../../renderer/src/stores/machine';
import { useProcessesStore } from '../../../renderer/src/stores/processes';
import { useTraceStore } from '../../../renderer/src/stores/trace';
import { batch, call, proc, processes, status } from '../fixtures';

const LAB = {
  id: 'test-lab',
  title: 'A test lab',
  summary: 'Checks against fixtures.',
  steps: [
    { title: 'Open it', text: 'cat opens the file.', command: 'cat /etc/hostname', check: { kind: 'syscall', name: 'openat', argsInclude: '/etc/hostname', result: 'ok', comm: 'cat' } },
    { title: 'A pipe', text: 'cat reads a pipe.', check: { kind: 'process', comm: 'cat', fdTarget: 'pipe:' } },
    { title: 'Output', text: 'It prints.', command: 'echo hi\nthere', check: { kind: 'terminal', pattern: '^ringside$' } },
  ],
};

function setup() {
  setActivePinia(createPinia());
  const sent: Command[] = [];
  let emit: (e: HostEvent) => void = () => {};
  const api: RingsideApi = { send: (c) => void sent.push(c), onEvent: (cb) => ((emit = cb), () => {}) };
  useTraceStore().attach();
  useProcessesStore().attach();
  useMachineStore().connect(api);
  // A terminal listens first (it takes the output from boot on).
  useMachineStore().onTtyOutput(() => {});
  const labs = useLabsStore();
  labs.useData({ 'test-lab': LAB }, [{ id: 'test-lab', title: LAB.title }]);
  labs.attach();
  emit(status('running'));
  const pane = mount(LabPane);
  return { labs, sent, emit, pane };
}

const passedMarks = (pane: ReturnType<typeof mount>) => pane.findAll('[data-testid^="lab-check-"]').map((m) => m.attributes('data-passed'));

describe('LabPane', () => {
  beforeEach(() => setActivePinia(createPinia()));

  it('lists the labs, opens one and types a step’s command into the console', async () => {
    const { sent, pane } = setup();
    expect(pane.text()).toContain('A test lab');
    await pane.get('[data-testid="lab-open-test-lab"]').trigger('click');
    expect(pane.get('h2').text()).toBe('A test lab');
    expect(pane.findAll('li[data-testid^="lab-step-"]')).toHaveLength(3);
    await pane.get('[data-testid="lab-type-0"]').trigger('click');
    await pane.get('[data-testid="lab-type-2"]').trigger('click');
    const typed = sent.flatMap((c) => (c.type === 'tty-input' ? [c.data] : [])).join('');
    expect(typed).toBe('cat /etc/hostname\recho hi\rthere\r');
  });

  it('turns a check green only when the machine shows it', async () => {
    const { emit, pane, labs } = setup();
    labs.open('test-lab');
    await nextTick();
    expect(passedMarks(pane)).toEqual(['no', 'no', 'no']);
    // A failed openat of the file, and a successful one of another: not yet.
    emit(processes([proc(5, 1, 'cat')], [], true));
    emit(batch(0, [...call(0, 5, 257, 'openat(AT_FDCWD, "/etc/hostname", O_RDONLY', -2, '= -1 ENOENT'), ...call(2, 5, 257, 'openat(AT_FDCWD, "/etc/passwd", O_RDONLY', 3, '= 3')]));
    await nextTick();
    expect(passedMarks(pane)).toEqual(['no', 'no', 'no']);
    emit(batch(4, call(4, 5, 257, 'openat(AT_FDCWD, "/etc/hostname", O_RDONLY', 3, '= 3')));
    await nextTick();
    expect(passedMarks(pane)).toEqual(['yes', 'no', 'no']);
    // cat with a pipe on fd 0; the console printing the line.
    emit(processes([proc(5, 1, 'cat', { fds: [{ fd: 0, target: 'pipe:[12]', mode: 'r', cloexec: false, flags: 0, pos: 0 }] })]));
    emit({ type: 'tty-output', data: '\x1b[1mringside\x1b[0m\r\n# ' });
    await nextTick();
    expect(passedMarks(pane)).toEqual(['yes', 'yes', 'yes']);
    expect(pane.get('[data-testid="lab-progress"]').text()).toBe('3/3');
    // A new machine starts the lab over.
    emit(status('running', 2));
    emit(processes([proc(1, 0, 'init')], [], true, 2));
    await nextTick();
    expect(passedMarks(pane)).toEqual(['no', 'no', 'no']);
  });

  it('counts only what the machine does after the lab is opened', async () => {
    const { emit, pane, labs } = setup();
    emit(processes([proc(5, 1, 'cat')], [], true));
    emit(batch(0, call(0, 5, 257, 'openat(AT_FDCWD, "/etc/hostname", O_RDONLY', 3, '= 3')));
    labs.open('test-lab');
    await nextTick();
    expect(passedMarks(pane)[0]).toBe('no');
    emit(batch(2, call(2, 5, 257, 'openat(AT_FDCWD, "/etc/hostname", O_RDONLY', 3, '= 3')));
    await nextTick();
    expect(passedMarks(pane)[0]).toBe('yes');
  });

  it('shows why a lab cannot be opened', async () => {
    const { pane, labs } = setup();
    labs.open('nope');
    await nextTick();
    expect(pane.get('[role="alert"]').text()).toContain('there is no lab "nope"');
  });
});

describe('the shipped labs', () => {
  it('are all well formed, listed in the index, and each step has a command and a check', () => {
    expect(LAB_INDEX.map((e) => e.id).sort()).toEqual(Object.keys(LAB_DATA).sort());
    for (const entry of LAB_INDEX) {
      const r = parseLab(LAB_DATA[entry.id]);
      if (!r.ok) throw new Error(r.error);
      expect(r.value.title).toBe(entry.title);
      expect(r.value.steps.length).toBeGreaterThanOrEqual(3);
      for (const s of r.value.steps) expect(s.command).toBeTruthy();
    }
  });

  it('rejects bad lab data with a reason', () => {
    expect(parseLab({ id: 'x', title: 't', summary: 's', steps: [{ title: 'a', text: 'b', check: { kind: 'magic' } }] })).toEqual({ ok: false, error: 'x: step 1: unknown check kind "magic"' });
    expect(parseLab({ id: 'x', title: 't', summary: 's', steps: [{ title: 'a', text: 'b', check: { kind: 'terminal', pattern: '(' } }] })).toMatchObject({ ok: false });
    expect(parseLab(null)).toMatchObject({ ok: false });
  });

  it('strips terminal escapes for terminal checks', () => {
    expect(stripEscapes('\x1b[01;34mdir\x1b[0m\r\n\x1b]0;title\x07x')).toBe('dir\nx');
  });
});
