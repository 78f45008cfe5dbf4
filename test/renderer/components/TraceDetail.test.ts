// @vitest-environment happy-dom
// The detail pane's kernel path and user memory: asked for by seq when a call is selected, shown
// as a call chain, an indented graph and hexdump -C lines.
import { createPinia, setActivePinia } from 'pinia';
import { mount } from '@vue/test-utils';
import { beforeEach, describe, expect, it } from 'vitest';
import type { RingsideApi } from '../../../emulator/api/bridge';
import type { TraceDetailEvent } from '../../../emulator/api/introspection';
import { PROTOCOL_VERSION, type Command, type HostEvent } from '../../../emulator/api/protocol';
import TraceDetail from '../../../renderer/src/components/TraceDetail.vue';
import { useMachineStore } from '../../../renderer/src/stores/machine';
import { useTraceStore } from '../../../renderer/src/stores/trace';
import { hexdumpLines } from '../../../renderer/src/trace/hexdump';
import { batch, call, status } from '../fixtures';

function setup() {
  const sent: Command[] = [];
  let emit: (e: HostEvent) => void = () => {};
  const api: RingsideApi = { send: (c) => void sent.push(c), onEvent: (cb) => ((emit = cb), () => {}) };
  const trace = useTraceStore();
  trace.attach();
  useMachineStore().connect(api);
  emit(status('running'));
  emit(batch(0, call(0, 2, 257, 'openat(AT_FDCWD, "/etc/hostname", O_RDONLY', 3, '= 3')));
  const detail = mount(TraceDetail);
  return { trace, sent, emit, detail };
}

const openatDetail: TraceDetailEvent = {
  type: 'trace-detail', protocol: PROTOCOL_VERSION, boot: 1, seq: 0,
  detail: {
    calls: [
      { fn: '__x64_sys_openat', depth: 0 }, { fn: 'do_sys_openat2', depth: 1 }, { fn: 'getname', depth: 2 },
      { fn: 'do_filp_open', depth: 2 }, { fn: 'path_openat', depth: 3 },
    ],
    mem: [{ dir: 'read', fn: 'strncpy_from_user', addr: 0x1000, len: 14, bytes: '/etc/hostname\0', ok: true }],
    droppedCalls: 0, droppedMem: 2,
  },
};

describe('TraceDetail: kernel path and user memory', () => {
  beforeEach(() => setActivePinia(createPinia()));

  it('asks the host for the selected call and shows what it answers', async () => {
    const { trace, sent, emit, detail } = setup();
    expect(sent).toContainEqual({ type: 'trace-detail-capture', on: true });
    trace.selectedIndex = 0;
    await detail.vm.$nextTick();
    expect(sent.at(-1)).toEqual({ type: 'trace-detail', seq: 0 });
    emit(openatDetail);
    await detail.vm.$nextTick();
    const path = detail.find('[data-testid="kernel-path"]').text();
    expect(path).toContain('__x64_sys_openat → do_sys_openat2 → getname');
    expect(detail.find('pre.graph').text()).toContain('      path_openat()');
    const mem = detail.find('[data-testid="user-memory"]').text();
    expect(mem).toContain('strncpy_from_user at 0x1000, 14 bytes');
    expect(detail.find('.mem .dir').text()).toBe('read from user');
    expect(mem).toContain('00000000  2f 65 74 63 2f 68 6f 73  74 6e 61 6d 65 00');
    expect(mem).toContain('|/etc/hostname.|');
    expect(mem).toContain('and 2 more accesses');
  });

  it('ignores an answer for another call and says when nothing was recorded', async () => {
    const { trace, emit, detail } = setup();
    trace.selectedIndex = 0;
    emit({ ...openatDetail, seq: 7 });
    await detail.vm.$nextTick();
    expect(detail.find('[data-testid="kernel-path"]').text()).not.toContain('do_sys_openat2');
    emit({ type: 'trace-detail', protocol: PROTOCOL_VERSION, boot: 1, seq: 0, detail: null, reason: 'not-recorded' });
    await detail.vm.$nextTick();
    expect(detail.find('[data-testid="kernel-path"]').text()).toContain('Not recorded');
  });

  it('formats bytes as hexdump -C does', () => {
    const bytes = 'ringside\n' + String.fromCharCode(0, 0xff, 0x7f, 0x20) + 'abcdefghij';
    expect(hexdumpLines(bytes)).toEqual([
      { offset: '00000000', hex: '72 69 6e 67 73 69 64 65  0a 00 ff 7f 20 61 62 63', ascii: 'ringside.... abc' },
      { offset: '00000010', hex: '64 65 66 67 68 69 6a', ascii: 'defghij' },
    ]);
  });
});
