// @vitest-environment happy-dom
import { createTestingPinia } from '@pinia/testing';
import { mount } from '@vue/test-utils';
import { describe, expect, it, vi } from 'vitest';
import type { TraceEvent } from '../../../emulator/api/syscall_info';
import TraceDetail from '../../../renderer/src/components/TraceDetail.vue';
import TraceView from '../../../renderer/src/components/TraceView.vue';
import SyscallSummary from '../../../renderer/src/components/SyscallSummary.vue';
import { useTraceStore } from '../../../renderer/src/stores/trace';
import { call } from '../fixtures';

function setup(rows: number) {
  const pinia = createTestingPinia({ stubActions: false, createSpy: vi.fn });
  const trace = useTraceStore(pinia);
  const events: TraceEvent[] = [];
  for (let i = 0; i < rows; i++) events.push(...call(2 * i, 2, 0, 'read(0, ', 1, '= 1'));
  events.push(...call(2 * rows, 3, 257, 'openat(AT_FDCWD, "/nope", O_RDONLY', -2, '= -1 ENOENT (No such file or directory)'));
  events.push({ seq: 2 * rows + 2, ts: 1, pid: 3, tid: 3, cpu: 0, kind: 'vdso', name: 'clock_gettime' });
  trace.table.addEvents(events);
  trace.version++;
  const view = mount(TraceView, { global: { plugins: [pinia] }, attachTo: document.body });
  const detail = mount(TraceDetail, { global: { plugins: [pinia] } });
  return { trace, view, detail, pinia };
}

describe('TraceView', () => {
  it('puts only the visible rows in the DOM, whatever the trace holds', () => {
    const { view } = setup(100_000);
    const rendered = view.findAll('.row').length;
    expect(rendered).toBeGreaterThan(0);
    expect(rendered).toBeLessThan(200);
    expect(view.find('[data-testid="trace-count"]').text()).toContain('100,002 rows');
    view.unmount();
  });

  it('filters by name and opens a call in the detail pane: registers, arguments, errno', async () => {
    const { trace, view, detail } = setup(10);
    const names = view.find('[data-testid="trace-filter-names"]');
    await names.setValue('openat');
    await names.trigger('change');
    expect(trace.table.matchLength).toBe(1);
    await view.vm.$nextTick();
    const row = view.find('.row[data-syscall="openat"]');
    expect(row.text()).toContain('AT_FDCWD, "/nope", O_RDONLY');
    expect(row.classes()).toContain('failed');
    await row.trigger('click');
    await detail.vm.$nextTick();
    const text = detail.text();
    expect(text).toContain('__NR_openat = 257');
    expect(text).toContain('rdi0xffffff9c');
    expect(text).toContain('ENOENT (2): No such file or directory');
    expect(text).toContain('rax0xfffffffffffffffe');
    expect(detail.findAll('table[aria-label="Decoded arguments"] tr').map((r) => r.find('th').text())).toEqual(['dfd', 'filename', 'flags']);
    view.unmount();
  });

  it('marks a vDSO call as one that never entered the kernel', async () => {
    const { trace, detail, view } = setup(1);
    trace.selectedIndex = trace.table.length - 1;
    await detail.vm.$nextTick();
    expect(detail.find('[data-testid="vdso-note"]').text()).toContain('no kernel entry');
    view.unmount();
  });

  it('summarises per syscall', () => {
    const { pinia, view } = setup(5);
    const summary = mount(SyscallSummary, { global: { plugins: [pinia] } });
    const lines = summary.findAll('tbody tr').map((r) => r.findAll('td').map((d) => d.text()).slice(0, 3));
    expect(lines).toEqual([
      ['read', '5', ''],
      ['openat', '1', '1'],
    ]);
    view.unmount();
  });
});
