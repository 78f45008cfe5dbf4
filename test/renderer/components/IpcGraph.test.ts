// @vitest-environment happy-dom
import { createTestingPinia } from '@pinia/testing';
import { mount } from '@vue/test-utils';
import { describe, expect, it, vi } from 'vitest';
import type { GraphEdge, GraphEvent, GraphNode } from '../../../emulator/api/graph';
import { PROTOCOL_VERSION } from '../../../emulator/api/protocol';
import IpcGraph from '../../../renderer/src/components/IpcGraph.vue';
import { useGraphStore } from '../../../renderer/src/stores/graph';
import { useProcessesStore } from '../../../renderer/src/stores/processes';

const node = (id: string, kind: GraphNode['kind'], label: string, extra: Partial<GraphNode> = {}): GraphNode => ({ id, kind, label, details: {}, ...extra });
const fd = (pid: number, n: number, target: string, dir: GraphEdge['dir']): GraphEdge => ({ id: `fd:${pid}:${n}`, kind: 'fd', source: `proc:${pid}`, target, label: `fd ${n}`, dir });
const diff = (part: Partial<GraphEvent>): GraphEvent => ({
  type: 'graph', protocol: PROTOCOL_VERSION, boot: 1, full: false, nodes: [], removedNodes: [], edges: [], removedEdges: [], flows: [], ...part,
});

// happy-dom has no canvas: cytoscape draws into a context that accepts every call and does nothing.
function fakeContext(): CanvasRenderingContext2D {
  const store: Record<string | symbol, unknown> = {};
  const ctx: object = new Proxy(store, {
    get: (t, k) => (k in t ? t[k] : k === 'measureText' ? () => ({ width: 6 }) : k === 'getImageData' ? () => ({ data: new Uint8ClampedArray(4) }) : () => ctx),
    set: (t, k, v) => ((t[k] = v), true),
  });
  return ctx as CanvasRenderingContext2D;
}
HTMLCanvasElement.prototype.getContext = (() => fakeContext()) as unknown as HTMLCanvasElement['getContext'];

function mountGraph() {
  const pinia = createTestingPinia({ stubActions: false, createSpy: vi.fn });
  const graph = useGraphStore(pinia);
  const processes = useProcessesStore(pinia);
  const wrapper = mount(IpcGraph, { global: { plugins: [pinia] }, attachTo: document.body });
  return { wrapper, graph, processes };
}

describe('IpcGraph', () => {
  it('draws the diffs it is given, lists them for screen readers, and shows a selected node in detail', async () => {
    const { wrapper, graph } = mountGraph();
    graph.apply(diff({
      full: true,
      nodes: [node('proc:3', 'process', '3 sleep', { pid: 3 }), node('proc:4', 'process', '4 cat', { pid: 4 }), node('pipe:9', 'pipe', 'pipe:[9]', { details: { buffered: 0, readers: 1 } })],
      edges: [fd(3, 1, 'pipe:9', 'w'), fd(4, 0, 'pipe:9', 'r')],
    }));
    await wrapper.vm.$nextTick();
    const section = wrapper.get('[data-testid="ipc-graph"]');
    expect(section.attributes('data-drawn-nodes')).toBe('3');
    expect(section.attributes('data-drawn-edges')).toBe('2');
    expect(wrapper.findAll('[data-testid="graph-node"]').map((n) => n.text())).toEqual(['3 sleep', '4 cat', 'pipe:[9]']);
    expect(wrapper.get('[data-id="fd:3:1"]').attributes()).toMatchObject({ 'data-source': 'proc:3', 'data-target': 'pipe:9', 'data-dir': 'w' });

    graph.select('pipe:9');
    await wrapper.vm.$nextTick();
    const details = wrapper.get('[data-testid="graph-details"]');
    expect(details.text()).toContain('pipe:[9]');
    expect(details.text()).toContain('readers');
    expect(details.findAll('li').map((l) => l.text())).toEqual(['fd 1 (w) — 3 sleep', 'fd 0 (r) — 4 cat']);

    // The pipeline ends: its elements fade out and are counted out at once.
    graph.apply(diff({ removedNodes: ['proc:3', 'proc:4', 'pipe:9'], removedEdges: ['fd:3:1', 'fd:4:0'] }));
    await wrapper.vm.$nextTick();
    expect(section.attributes('data-drawn-nodes')).toBe('0');
    expect(wrapper.findAll('[data-testid="graph-node"]')).toHaveLength(0);
    expect(wrapper.find('[data-testid="graph-details"]').exists()).toBe(false);
    wrapper.unmount();
  });

  it('tabs between the process tree and the graph in the window', async () => {
    const { default: App } = await import('../../../renderer/src/App.vue');
    const pinia = createTestingPinia({ stubActions: false, createSpy: vi.fn });
    const app = mount(App, { global: { plugins: [pinia], stubs: { TerminalPane: true, TraceView: true, IpcGraph: { template: '<div data-testid="ipc-graph-stub" />' } } } });
    const tab = (id: string) => app.get(`[data-testid="view-tab-${id}"]`);
    expect(tab('processes').attributes('aria-selected')).toBe('true');
    expect(app.find('[data-testid="process-tree"]').exists()).toBe(true);
    await tab('graph').trigger('click');
    expect(tab('graph').attributes('aria-selected')).toBe('true');
    expect(app.find('[data-testid="process-tree"]').exists()).toBe(false);
    expect(app.find('[data-testid="ipc-graph-stub"]').exists()).toBe(true);
    expect(tab('graph').element.parentElement!.getAttribute('role')).toBe('tablist');
    app.unmount();
  });
});
