// @vitest-environment happy-dom
import { createPinia, setActivePinia } from 'pinia';
import { mount } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import DeviceBrowser from '../../../renderer/src/components/DeviceBrowser.vue';
import { useMachineStore } from '../../../renderer/src/stores/machine';
import { useFilesStore } from '../../../renderer/src/stores/files';
import { connectFakeHost } from '../files/fake_host';
import { status } from '../fixtures';
import { LIVE_MS } from '../../../renderer/src/files/live';

function mountBrowser() {
  const pinia = createPinia();
  setActivePinia(pinia);
  const { sent } = connectFakeHost(useMachineStore());
  const wrapper = mount(DeviceBrowser, { global: { plugins: [pinia] }, attachTo: document.body });
  return { wrapper, sent, files: useFilesStore() };
}

describe('DeviceBrowser', () => {
  beforeEach(() => (document.body.innerHTML = ''));

  it('shows /dev as a table: type, major:minor, ls -l mode, owner, driver, sys device', () => {
    const { wrapper } = mountBrowser();
    const row = wrapper.find('li[data-path="/dev/null"]');
    expect(row.find('.type').text()).toBe('c');
    expect(row.find('[data-col="numbers"]').text()).toBe('1:3');
    expect(row.find('[data-col="mode"]').text()).toBe('crw-rw-rw-');
    expect(row.find('.owner').text()).toBe('root:root');
    expect(row.find('[data-col="driver"]').text()).toBe('mem');
    expect(row.find('.sys').text()).toBe('/sys/devices/virtual/mem/null');
    const sda = wrapper.find('li[data-path="/dev/sda"]');
    expect(sda.find('[data-col="mode"]').text()).toBe('brw-rw----');
    expect(sda.find('.owner').text()).toBe('root:disk');
    expect(wrapper.find('li[data-path="/dev/fd"]').text()).toContain('fd → /proc/self/fd');
    expect(wrapper.find('ul[role="tree"]').attributes('aria-label')).toBe('Device nodes in /dev');
  });

  it('selecting a node shows its details and uevent; directories open with the twisty', async () => {
    const { wrapper } = mountBrowser();
    await wrapper.find('li[data-path="/dev/null"]').trigger('click');
    const details = wrapper.find('[data-testid="device-details"]');
    expect(details.find('[data-testid="device-numbers"]').text()).toBe('1:3');
    expect(details.find('[data-testid="device-driver"]').text()).toBe('mem');
    expect(details.find('[data-testid="device-syspath"]').text()).toBe('/sys/devices/virtual/mem/null');
    const uevent = details.findAll('[data-testid="device-uevent"] tr').map((tr) => tr.text());
    expect(uevent).toEqual(['MAJOR1', 'MINOR3', 'DEVNAMEnull']);
    // Its other attribute files, read from its /sys directory (not the directory nor the link).
    await wrapper.vm.$nextTick();
    const attrs = details.findAll('[data-testid="device-attrs"] tr');
    expect(attrs.map((tr) => tr.attributes('data-attr'))).toEqual(['dev']);
    expect(attrs[0]!.find('td').text()).toBe('1:3');
    expect(wrapper.find('li[data-path="/dev/pts/ptmx"]').exists()).toBe(false);
    await wrapper.find('li[data-path="/dev/pts"] .twisty').trigger('click');
    expect(wrapper.find('li[data-path="/dev/pts/ptmx"]').exists()).toBe(true);
    expect(wrapper.find('li[data-path="/dev/pts"]').attributes('aria-expanded')).toBe('true');
  });

  it('moves with the arrow keys: down, right opens, left goes back to the parent', async () => {
    const { wrapper, files } = mountBrowser();
    const tree = wrapper.find('ul[role="tree"]');
    await tree.trigger('keydown', { key: 'ArrowDown' });
    expect(files.devices.selection.value?.path).toBe('/dev');
    await tree.trigger('keydown', { key: 'ArrowDown' });
    await tree.trigger('keydown', { key: 'ArrowDown' });
    await tree.trigger('keydown', { key: 'ArrowDown' });
    expect(files.devices.selection.value?.path).toBe('/dev/pts');
    await tree.trigger('keydown', { key: 'ArrowRight' });
    expect(files.devices.expanded.value.has('/dev/pts')).toBe(true);
    await tree.trigger('keydown', { key: 'ArrowRight' });
    expect(files.devices.selection.value?.path).toBe('/dev/pts/ptmx');
    await tree.trigger('keydown', { key: 'ArrowLeft' });
    expect(files.devices.selection.value?.path).toBe('/dev/pts');
    await tree.trigger('keydown', { key: 'ArrowLeft' });
    expect(files.devices.expanded.value.has('/dev/pts')).toBe(false);
    expect(wrapper.find('li[aria-selected="true"]').attributes('data-path')).toBe('/dev/pts');
  });

  it('refresh lists /dev again', async () => {
    const { wrapper, sent } = mountBrowser();
    const before = sent.filter((c) => c.type === 'files-list' && c.path === '/dev').length;
    await wrapper.find('[data-testid="devices-refresh"]').trigger('click');
    expect(sent.filter((c) => c.type === 'files-list' && c.path === '/dev').length).toBe(before + 1);
  });

  describe('live', () => {
    beforeEach(() => vi.useFakeTimers());
    afterEach(() => vi.useRealTimers());

    it('lists /dev again every LIVE_MS while ticked and the machine runs', async () => {
      const { wrapper, sent } = mountBrowser();
      const lists = () => sent.filter((c) => c.type === 'files-list' && c.path === '/dev').length;
      const n = lists();
      vi.advanceTimersByTime(LIVE_MS);
      expect(lists()).toBe(n + 1);
      await wrapper.find('[data-testid="devices-live"]').setValue(false);
      vi.advanceTimersByTime(3 * LIVE_MS);
      expect(lists()).toBe(n + 1);
      await wrapper.find('[data-testid="devices-live"]').setValue(true);
      // The state comes from the host: a paused machine is not asked.
      useMachineStore().receive(status('paused', 1));
      vi.advanceTimersByTime(3 * LIVE_MS);
      expect(lists()).toBe(n + 1);
      wrapper.unmount();
    });
  });
});
