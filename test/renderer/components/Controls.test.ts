// @vitest-environment happy-dom
import { createTestingPinia } from '@pinia/testing';
import { mount } from '@vue/test-utils';
import { describe, expect, it, vi } from 'vitest';
import MachineControls from '../../../renderer/src/components/MachineControls.vue';
import StatusBar from '../../../renderer/src/components/StatusBar.vue';
import { shortcutFor, installShortcuts } from '../../../renderer/src/shortcuts';
import { useMachineStore } from '../../../renderer/src/stores/machine';

describe('MachineControls', () => {
  it('has labelled buttons that pause, step and reset', async () => {
    const pinia = createTestingPinia({ stubActions: false, createSpy: vi.fn });
    const machine = useMachineStore(pinia);
    const sent: string[] = [];
    machine.connect({ send: (c) => void sent.push(c.type), onEvent: () => () => {} });
    machine.state = 'running';
    const w = mount(MachineControls, { props: { theme: 'dark' }, global: { plugins: [pinia] } });
    expect(w.find('[data-testid="pause"]').attributes('aria-label')).toBe('Pause (F8)');
    expect(w.find('[data-testid="step"]').attributes('aria-label')).toContain('Step to the next system call');
    await w.find('[data-testid="pause"]').trigger('click');
    await w.find('[data-testid="step"]').trigger('click');
    await w.find('[data-testid="reset"]').trigger('click');
    machine.state = 'paused';
    await w.vm.$nextTick();
    await w.find('[data-testid="resume"]').trigger('click');
    expect(sent).toEqual(['pause', 'step', 'reset', 'resume']);
    await w.find('[data-testid="theme"]').trigger('click');
    expect(w.emitted('toggleTheme')).toHaveLength(1);
  });

  it('disables pause and step while the machine is off', () => {
    const pinia = createTestingPinia({ stubActions: false, createSpy: vi.fn });
    useMachineStore(pinia).state = 'halted';
    const w = mount(MachineControls, { props: { theme: 'light' }, global: { plugins: [pinia] } });
    expect(w.find('[data-testid="pause"]').attributes('disabled')).toBeDefined();
    expect(w.find('[data-testid="step"]').attributes('disabled')).toBeDefined();
  });
});

describe('StatusBar', () => {
  it('shows state, virtual time and the counters', () => {
    const pinia = createTestingPinia({ stubActions: false, createSpy: vi.fn });
    const machine = useMachineStore(pinia);
    machine.state = 'paused';
    machine.virtualNs = 2.5e9;
    machine.stats = {
      type: 'stats', protocol: 2, virtualNs: 2.5e9, syscalls: 10, syscallsPerSec: 1234, contextSwitches: 56, faults: 7,
      timerInterrupts: 8, tasks: 3, traceHead: 99, running: false,
    };
    const text = mount(StatusBar, { global: { plugins: [pinia] } }).text();
    expect(text).toContain('Paused');
    expect(text).toContain('2.500 s');
    expect(text).toContain('1,234 syscalls/s');
    expect(text).toContain('56 ctx switches');
    expect(text).toContain('8 timer irqs');
  });
});

describe('shortcuts', () => {
  it('maps keys to actions and leaves the rest to the terminal', () => {
    const k = (key: string, mods: Partial<KeyboardEvent> = {}) => ({ key, ctrlKey: false, shiftKey: false, altKey: false, metaKey: false, ...mods });
    expect(shortcutFor(k('F8'))).toBe('togglePause');
    expect(shortcutFor(k('F10'))).toBe('step');
    expect(shortcutFor(k('F5', { ctrlKey: true, shiftKey: true }))).toBe('reset');
    expect(shortcutFor(k('c', { ctrlKey: true }))).toBeNull();
    expect(shortcutFor(k('F8', { ctrlKey: true }))).toBeNull();
  });

  it('catches them before anything else on the page', () => {
    const actions = { togglePause: vi.fn(), step: vi.fn(), reset: vi.fn(), toggleTheme: vi.fn() };
    const stop = installShortcuts(window, actions);
    const inner = vi.fn();
    document.body.addEventListener('keydown', inner);
    document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'F10', bubbles: true }));
    document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'a', bubbles: true }));
    expect(actions.step).toHaveBeenCalledTimes(1);
    expect(inner).toHaveBeenCalledTimes(1);
    stop();
  });
});
