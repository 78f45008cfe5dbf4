// @vitest-environment happy-dom
import { createPinia, setActivePinia } from 'pinia';
import { mount } from '@vue/test-utils';
import { beforeEach, describe, expect, it } from 'vitest';
import FileBrowser from '../../../renderer/src/components/FileBrowser.vue';
import { useMachineStore } from '../../../renderer/src/stores/machine';
import { useProcessesStore } from '../../../renderer/src/stores/processes';
import { proc, processes } from '../fixtures';
import { connectFakeHost } from '../files/fake_host';

function mountBrowser() {
  const pinia = createPinia();
  setActivePinia(pinia);
  const { sent } = connectFakeHost(useMachineStore());
  const wrapper = mount(FileBrowser, { global: { plugins: [pinia] }, attachTo: document.body });
  return { wrapper, sent };
}

describe('FileBrowser', () => {
  beforeEach(() => (document.body.innerHTML = ''));

  it('shows /proc and /sys as trees, symlinks with their targets', async () => {
    const { wrapper } = mountBrowser();
    const roots = wrapper.findAll('li[aria-level="1"]').map((li) => li.attributes('data-path'));
    expect(roots).toEqual(['/proc', '/sys']);
    expect(wrapper.find('li[data-path="/proc/self"]').text()).toContain('self → 1');
    await wrapper.find('li[data-path="/sys/class"] .twisty').trigger('click');
    await wrapper.find('li[data-path="/sys/class/tty"] .twisty').trigger('click');
    expect(wrapper.find('li[data-path="/sys/class/tty/console"]').text()).toContain('console → ../../devices/virtual/tty/console');
  });

  it('reads a file into the right pane; binary as a hex dump, text on request', async () => {
    const { wrapper } = mountBrowser();
    await wrapper.find('li[data-path="/proc/1"] .twisty').trigger('click');
    await wrapper.find('li[data-path="/proc/1/status"]').trigger('click');
    expect(wrapper.find('[data-testid="file-content"]').text()).toBe('Name:\tinit\nPid:\t1');
    expect(wrapper.find('[data-testid="file-path"]').text()).toBe('/proc/1/status');
    expect(wrapper.find('[data-testid="file-meta"]').text()).toContain('-r--r--r--');
    await wrapper.find('li[data-path="/proc/1/cmdline"]').trigger('click');
    expect(wrapper.find('[data-testid="file-content"]').text()).toMatch(/^00000000: 2f73 6269 6e2f 696e 6974 002d 6300 7368 {2}\/sbin\/init\.-c\.sh/);
    await wrapper.find('[data-testid="file-as-text"]').setValue(true);
    expect(wrapper.find('[data-testid="file-content"]').text()).toBe('/sbin/init␀-c␀sh␀');
  });

  it('says why a file was not read', async () => {
    const { wrapper } = mountBrowser();
    await wrapper.find('li[data-path="/proc/kmsg"]').trigger('click');
    expect(wrapper.find('[data-testid="file-error"]').text()).toMatch(/^Not read: reading \/proc\/kmsg consumes/);
    expect(wrapper.find('[data-testid="file-content"]').exists()).toBe(false);
  });

  it('jumps to /proc/<pid> of the selected process; refresh reads the file again', async () => {
    const { wrapper, sent } = mountBrowser();
    const procs = useProcessesStore();
    expect(wrapper.find('[data-testid="files-goto-process"]').exists()).toBe(false);
    procs.apply(processes([proc(1, 0, 'init')], [], true));
    procs.select(1);
    await wrapper.vm.$nextTick();
    await wrapper.find('[data-testid="files-goto-process"]').trigger('click');
    expect(wrapper.find('li[aria-selected="true"]').attributes('data-path')).toBe('/proc/1');
    expect(wrapper.find('li[data-path="/proc/1/status"]').exists()).toBe(true);
    await wrapper.find('li[data-path="/proc/1/status"]').trigger('click');
    const reads = () => sent.filter((c) => c.type === 'files-read' && c.path === '/proc/1/status').length;
    const before = reads();
    await wrapper.find('[data-testid="files-refresh"]').trigger('click');
    expect(reads()).toBe(before + 1);
  });

  it('arrow keys walk the tree', async () => {
    const { wrapper } = mountBrowser();
    const tree = wrapper.find('ul[role="tree"]');
    await tree.trigger('keydown', { key: 'Home' });
    await tree.trigger('keydown', { key: 'ArrowDown' });
    expect(wrapper.find('li[aria-selected="true"]').attributes('data-path')).toBe('/proc/1');
    await tree.trigger('keydown', { key: 'End' });
    expect(wrapper.find('li[aria-selected="true"]').attributes('data-path')).toBe('/sys/class');
  });
});
