// @vitest-environment happy-dom
// The terminal pane: a tab per virtual console (switching sends tty-activate), the search box
// (Enter / Shift+Enter, "No results"), and the context menu — over a stand-in for xterm.js.
import { createPinia, setActivePinia } from 'pinia';
import { flushPromises, mount } from '@vue/test-utils';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Command } from '../../../emulator/api/protocol';
import type { TerminalHandle } from '../../../renderer/src/terminal/terminal';

const handles: (TerminalHandle & { calls: string[] })[] = [];
vi.mock('../../../renderer/src/terminal/terminal', () => ({
  mountTerminal: (_el: HTMLElement, _m: unknown, opts: { tty?: number }) => {
    const calls: string[] = [];
    const h = {
      tty: opts.tty ?? 1, calls,
      renderer: () => 'dom' as const,
      findNext: (t: string) => (calls.push(`next ${t}`), t === 'hello'),
      findPrevious: (t: string) => (calls.push(`prev ${t}`), t === 'hello'),
      clearSearch: () => void calls.push('clear'),
      copy: async () => (calls.push('copy'), true),
      paste: async () => void calls.push('paste'),
      selectAll: () => void calls.push('select-all'),
      hasSelection: () => false,
      focus: () => {},
      fit: () => {},
      text: () => '',
      size: () => ({ rows: 24, cols: 80 }),
      dispose: () => void calls.push('dispose'),
    };
    handles.push(h);
    return h;
  },
}));

const { default: TerminalPane } = await import('../../../renderer/src/components/TerminalPane.vue');
const { useMachineStore } = await import('../../../renderer/src/stores/machine');

function setup() {
  const sent: Command[] = [];
  const machine = useMachineStore();
  machine.connect({ send: (c) => void sent.push(c), onEvent: () => () => {} });
  const pane = mount(TerminalPane, { attachTo: document.body });
  return { pane, sent };
}

describe('TerminalPane', () => {
  beforeEach(() => {
    setActivePinia(createPinia());
    handles.length = 0;
  });

  it('opens a tab on the next console and switches consoles in the machine', async () => {
    const { pane, sent } = setup();
    expect(handles.map((h) => h.tty)).toEqual([1]);
    await pane.find('[data-testid="terminal-tab-add"]').trigger('click');
    await flushPromises();
    expect(handles.map((h) => h.tty)).toEqual([1, 2]);
    expect(sent.at(-1)).toEqual({ type: 'tty-activate', tty: 2 });
    expect(pane.find('[data-testid="terminal-tab-2"]').attributes('aria-selected')).toBe('true');
    expect(pane.find('[data-testid="terminal-2"]').isVisible()).toBe(true);
    expect(pane.find('[data-testid="terminal"]').isVisible()).toBe(false);
    await pane.find('[data-testid="terminal-tab-1"]').trigger('click');
    await flushPromises();
    expect(sent.at(-1)).toEqual({ type: 'tty-activate', tty: 1 });
    // Closing a tab disposes its terminal; the console and its shell stay in the machine.
    await pane.find('[data-testid="terminal-tab-2"] .close').trigger('click');
    await flushPromises();
    expect(handles[1]!.calls).toContain('dispose');
    expect(pane.find('[data-testid="terminal-tab-2"]').exists()).toBe(false);
    pane.unmount();
  });

  it('searches the terminal in front: next, previous, and says when nothing matches', async () => {
    const { pane } = setup();
    await pane.find('[data-testid="terminal-find"]').trigger('click');
    await flushPromises();
    const input = pane.find('[data-testid="terminal-search-input"]');
    await input.setValue('hello');
    await input.trigger('keydown', { key: 'Enter' });
    await input.trigger('keydown', { key: 'Enter', shiftKey: true });
    expect(handles[0]!.calls).toEqual(['next hello', 'prev hello']);
    expect(pane.text()).not.toContain('No results');
    await input.setValue('absent');
    await input.trigger('keydown', { key: 'Enter' });
    expect(pane.text()).toContain('No results');
    await input.trigger('keydown', { key: 'Escape' });
    expect(pane.find('[data-testid="terminal-search"]').exists()).toBe(false);
    expect(handles[0]!.calls.at(-1)).toBe('clear');
    pane.unmount();
  });

  it('offers copy, paste and select all in a context menu', async () => {
    const { pane } = setup();
    await pane.find('.screens').trigger('contextmenu', { clientX: 10, clientY: 10 });
    const menu = pane.find('[data-testid="terminal-menu"]');
    expect(menu.text()).toContain('Copy');
    await menu.findAll('li')[2]!.trigger('click');
    await pane.find('.screens').trigger('contextmenu', { clientX: 10, clientY: 10 });
    await pane.find('[data-testid="terminal-menu"]').findAll('li')[0]!.trigger('click');
    await pane.find('.screens').trigger('contextmenu', { clientX: 10, clientY: 10 });
    await pane.find('[data-testid="terminal-menu"]').findAll('li')[1]!.trigger('click');
    await flushPromises();
    expect(handles[0]!.calls).toEqual(['select-all', 'copy', 'paste']);
    expect(pane.find('[data-testid="terminal-menu"]').exists()).toBe(false);
    pane.unmount();
  });
});
