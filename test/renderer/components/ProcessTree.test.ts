// @vitest-environment happy-dom
import { createTestingPinia } from '@pinia/testing';
import { mount } from '@vue/test-utils';
import { describe, expect, it, vi } from 'vitest';
import ProcessDetails from '../../../renderer/src/components/ProcessDetails.vue';
import ProcessTree from '../../../renderer/src/components/ProcessTree.vue';
import { useProcessesStore } from '../../../renderer/src/stores/processes';
import { proc, processes } from '../fixtures';

function mountTree() {
  const pinia = createTestingPinia({ stubActions: false, createSpy: vi.fn });
  const store = useProcessesStore(pinia);
  store.apply(
    processes(
      [
        proc(1, 0, 'init', { tty: null }),
        proc(2, 1, 'sh'),
        proc(3, 2, 'sleep', {
          cmdline: ['sleep', '100'],
          fds: [
            { fd: 0, target: '/dev/tty1', mode: 'rw', cloexec: false, flags: 2, pos: 0 },
            { fd: 1, target: 'pipe:[17]', mode: 'w', cloexec: false, flags: 1, pos: 0 },
          ],
          maps: [{ start: 0x400000, end: 0x401000, perms: 'r-xp', offset: 0, name: '/bin/sleep' }],
          syscall: { nr: 230, name: 'clock_nanosleep', args: [0, 0, 0x7ffd0000, 0, 0, 0] },
          handlers: [{ sig: 2, name: 'SIGINT', action: 'ignore', flags: '0x4000000' }],
          sigBlocked: '0000000000010000',
        }),
        proc(4, 2, 'cat', { state: 'Z' }),
      ],
      [],
      true,
    ),
  );
  const tree = mount(ProcessTree, { global: { plugins: [pinia] } });
  const details = mount(ProcessDetails, { global: { plugins: [pinia] } });
  return { store, tree, details };
}

describe('ProcessTree', () => {
  it('draws the tree like pstree, with state, tty and uid', () => {
    const { tree } = mountTree();
    const rows = tree.findAll('li[role="treeitem"]');
    expect(rows.map((r) => r.attributes('data-comm'))).toEqual(['init', 'sh', 'sleep', 'cat']);
    expect(rows[2]!.text()).toContain('├─sleep 100');
    expect(rows[3]!.text()).toContain('└─cat <defunct>');
    expect(rows[3]!.classes()).toContain('zombie');
    expect(rows[0]!.find('.tty').text()).toBe('?');
    expect(rows[2]!.attributes('aria-level')).toBe('3');
  });

  it('selects on click and with the arrow keys; the details pane shows the selection', async () => {
    const { store, tree, details } = mountTree();
    expect(details.text()).toContain('Select a process');
    await tree.findAll('li')[2]!.trigger('click');
    expect(store.selectedPid).toBe(3);
    await details.vm.$nextTick();
    expect(details.text()).toContain('sleep 100');
    expect(details.find('tr[data-fd="1"]').text()).toContain('pipe:[17]');
    expect(details.find('[data-testid="current-syscall"]').text()).toContain('clock_nanosleep(0x0, 0x0, 0x7ffd0000, 0x0)');
    expect(details.text()).toContain('SIGINT → ignore');
    expect(details.text()).toContain('blocked'); // SIGCHLD (bit 16) is blocked
    expect(details.text()).toContain('SIGCHLD');
    expect(details.text()).toContain('/bin/sleep');
    await tree.find('ul').trigger('keydown', { key: 'ArrowDown' });
    expect(store.selectedPid).toBe(4);
    await tree.find('ul').trigger('keydown', { key: 'Escape' });
    expect(store.selectedPid).toBeNull();
  });
});
