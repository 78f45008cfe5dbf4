// @vitest-environment happy-dom
// The window's tab groups: a tab moves to the other group from the keyboard, is shown there, and
// the arrangement (with swapped columns) is remembered for the next window.

import { afterEach, describe, expect, it, vi } from 'vitest';
import { mount } from '@vue/test-utils';
import { createTestingPinia } from '@pinia/testing';

const STUBS = { TerminalPane: true, TraceView: true, IpcGraph: true, DeviceBrowser: true, FileBrowser: true, ProcessTree: true, ProcessDetails: true, TraceDetail: true, SyscallSummary: true, LabPane: true };

async function mountApp() {
  const { default: App } = await import('../../../renderer/src/App.vue');
  const pinia = createTestingPinia({ stubActions: false, createSpy: vi.fn });
  return mount(App, { global: { plugins: [pinia], stubs: STUBS } });
}

afterEach(() => localStorage.clear());

describe('tab groups', () => {
  it('moves a tab to the other group with Alt+Down, shows it there, and remembers it', async () => {
    const app = await mountApp();
    const views = () => app.get('[role="tablist"][aria-label="Views"]');
    const details = () => app.get('[role="tablist"][aria-label="Details"]');
    expect(views().findAll('[role="tab"]').map((t) => t.attributes('data-pane'))).toEqual(['processes', 'graph', 'devices', 'files']);
    await app.get('[data-testid="view-tab-graph"]').trigger('keydown', { key: 'ArrowDown', altKey: true });
    expect(views().findAll('[role="tab"]').map((t) => t.attributes('data-pane'))).toEqual(['processes', 'devices', 'files']);
    const moved = details().get('[data-testid="view-tab-graph"]');
    expect(moved.attributes('aria-selected')).toBe('true');
    expect(app.find('ipc-graph-stub').exists()).toBe(true);
    // Alt+Left puts it before the tab on its left.
    await moved.trigger('keydown', { key: 'ArrowLeft', altKey: true });
    expect(details().findAll('[role="tab"]').map((t) => t.attributes('data-pane')).slice(-2)).toEqual(['graph', 'labs']);
    await app.get('[data-testid="swap-columns"]').trigger('click');
    expect(app.get('[data-testid="swap-columns"]').attributes('aria-pressed')).toBe('true');
    app.unmount();

    const again = await mountApp();
    const tabs = again.get('[role="tablist"][aria-label="Details"]').findAll('[role="tab"]').map((t) => t.attributes('data-pane'));
    expect(tabs).toContain('graph');
    expect(again.get('.split.row').classes()).toContain('reverse');
    again.unmount();
  });

  it('selects the next tab with the arrow keys', async () => {
    const app = await mountApp();
    await app.get('[data-testid="tab-process"]').trigger('keydown', { key: 'ArrowLeft' });
    expect(app.get('[data-testid="tab-labs"]').attributes('aria-selected')).toBe('true');
    app.unmount();
  });
});
