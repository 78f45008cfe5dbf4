// @vitest-environment happy-dom
// The session bar in the desktop build: the application menu's items arrive through
// window.ringside.onMenu and go through the native dialogs (mocked here).
import { createPinia, setActivePinia } from 'pinia';
import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MenuAction, RingsideApi } from '../../../emulator/api/bridge';
import { PROTOCOL_VERSION } from '../../../emulator/api/protocol';
import type { Command, HostEvent } from '../../../emulator/api/protocol';
import { writeSession } from '../../../emulator/host/session_writer';
import SessionBanner from '../../../renderer/src/components/SessionBanner.vue';
import { useLabsStore } from '../../../renderer/src/stores/labs';
import { useMachineStore } from '../../../renderer/src/stores/machine';
import { useProcessesStore } from '../../../renderer/src/stores/processes';
import { useTraceStore } from '../../../renderer/src/stores/trace';
import { proc, status } from '../fixtures';

const SAVED = writeSession({
  created: new Date('2026-02-03T04:05:06Z'), seed: 1, boot: 1, init: null, virtualNs: 9, state: 'halted', exitStatus: 0,
  transcript: '# ', transcriptDropped: 0, processes: [proc(1, 0, 'init')], events: [], lost: 0,
});

function setup() {
  setActivePinia(createPinia());
  const sent: Command[] = [];
  const saves: [string, string][] = [];
  let emit: (e: HostEvent) => void = () => {};
  let menu: (a: MenuAction) => void = () => {};
  const api: RingsideApi = {
    send: (c) => void sent.push(c),
    onEvent: (cb) => ((emit = cb), () => {}),
    onMenu: (cb) => ((menu = cb), () => {}),
    saveSession: async (name, text) => (saves.push([name, text]), { saved: true, path: `/home/me/${name}` }),
    openSession: async () => ({ opened: true, name: 'old.ringside', text: SAVED }),
  };
  window.ringside = api;
  useTraceStore().attach();
  useProcessesStore().attach();
  useMachineStore().connect(api);
  emit(status('running'));
  const bar = mount(SessionBanner);
  return { sent, saves, emit: (e: HostEvent) => emit(e), menu: (a: MenuAction) => menu(a), bar };
}

describe('SessionBanner in the desktop app', () => {
  beforeEach(() => setActivePinia(createPinia()));
  afterEach(() => delete window.ringside);

  it('File → Export Trace… asks the machine, then the save dialog', async () => {
    const { sent, saves, emit, menu, bar } = setup();
    menu({ type: 'export-trace' });
    const ask = sent.at(-1) as { type: string; id: number };
    expect(ask.type).toBe('export');
    emit({ type: 'session-chunk', protocol: PROTOCOL_VERSION, id: ask.id, index: 0, count: 1, data: SAVED });
    await flushPromises();
    expect(saves).toHaveLength(1);
    expect(saves[0]![0]).toMatch(/^ringside-.*\.ringside$/);
    expect(saves[0]![1]).toBe(SAVED);
    expect(bar.text()).toContain(`Saved /home/me/${saves[0]![0]}`);
  });

  it('File → Open Session… shows the session under a banner, and the way back', async () => {
    const { menu, bar } = setup();
    menu({ type: 'open-session' });
    await flushPromises();
    const banner = bar.get('[data-testid="session-banner"]');
    expect(banner.text()).toContain('old.ringside');
    expect(banner.text()).toContain('2026-02-03 04:05:06 UTC');
    await bar.get('[data-testid="leave-session"]').trigger('click');
    expect(bar.find('[data-testid="session-banner"]').exists()).toBe(false);
  });

  it('Help → Labs → a lab opens it; File → New Machine resets', async () => {
    const { sent, menu, bar } = setup();
    menu({ type: 'show-lab', id: 'devices' });
    expect(useLabsStore().lab?.id).toBe('devices');
    expect(bar.emitted('showLabs')).toHaveLength(1);
    menu({ type: 'new-machine' });
    expect(sent.at(-1)).toEqual({ type: 'reset' });
  });
});
