import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { RingsideApi } from '../../../emulator/api/bridge';
import type { GraphEdge, GraphEvent, GraphNode } from '../../../emulator/api/graph';
import type { Command, HostEvent } from '../../../emulator/api/protocol';
import { PROTOCOL_VERSION } from '../../../emulator/api/protocol';
import { useGraphStore, type GraphChange } from '../../../renderer/src/stores/graph';
import { useMachineStore } from '../../../renderer/src/stores/machine';
import { status } from '../fixtures';

const node = (id: string, kind: GraphNode['kind'], label = id, pid?: number): GraphNode => ({ id, kind, label, details: {}, ...(pid ? { pid } : {}) });
const fd = (pid: number, n: number, target: string, dir: GraphEdge['dir']): GraphEdge => ({
  id: `fd:${pid}:${n}`, kind: 'fd', source: `proc:${pid}`, target, label: `fd ${n}`, dir,
});
function diff(part: Partial<GraphEvent>, boot = 1): GraphEvent {
  return { type: 'graph', protocol: PROTOCOL_VERSION, boot, full: false, nodes: [], removedNodes: [], edges: [], removedEdges: [], flows: [], ...part };
}

describe('graph store', () => {
  beforeEach(() => setActivePinia(createPinia()));

  const pipeline = diff({
    full: true,
    nodes: [node('proc:4', 'process', '4 sleep', 4), node('proc:5', 'process', '5 cat', 5), node('pipe:9', 'pipe', 'pipe:[9]')],
    edges: [fd(4, 1, 'pipe:9', 'w'), fd(5, 0, 'pipe:9', 'r')],
  });

  it('applies a full graph and reports what was added', () => {
    const s = useGraphStore();
    const changes: GraphChange[] = [];
    s.onChange((c) => changes.push(c));
    s.apply(pipeline);
    expect([...s.nodes.keys()]).toEqual(['proc:4', 'proc:5', 'pipe:9']);
    expect(s.edgesOf('pipe:9').map((e) => e.id)).toEqual(['fd:4:1', 'fd:5:0']);
    expect(changes).toHaveLength(1);
    expect(changes[0]!.reset).toBe(true);
    expect(changes[0]!.addedEdges).toHaveLength(2);
  });

  it('tells changed from added, drops edges of removed nodes, and keeps flows only for known edges', () => {
    const s = useGraphStore();
    s.apply(pipeline);
    const changes: GraphChange[] = [];
    s.onChange((c) => changes.push(c));
    s.apply(diff({ nodes: [{ ...node('pipe:9', 'pipe', 'pipe:[9]'), details: { buffered: 5 } }], flows: [{ edge: 'fd:4:1', bytes: 5 }, { edge: 'nope', bytes: 1 }] }));
    expect(changes[0]!.changedNodes.map((n) => n.id)).toEqual(['pipe:9']);
    expect(changes[0]!.addedNodes).toEqual([]);
    expect(changes[0]!.flows).toEqual([{ edge: 'fd:4:1', bytes: 5 }]);
    // The host forgot the edges: the store removes them with the node anyway.
    s.apply(diff({ removedNodes: ['proc:4', 'pipe:9'] }));
    expect([...s.nodes.keys()]).toEqual(['proc:5']);
    expect(s.edges.size).toBe(0);
    expect(changes[1]!.removedEdges.sort()).toEqual(['fd:4:1', 'fd:5:0']);
  });

  it('ignores an edge whose ends are unknown and a malformed diff', () => {
    const s = useGraphStore();
    s.apply(pipeline);
    s.apply(diff({ edges: [fd(7, 3, 'pipe:9', 'r')] }));
    expect(s.edges.has('fd:7:3')).toBe(false);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    s.apply(diff({ nodes: [{ id: 'x', kind: 'bogus', label: 'x', details: {} } as unknown as GraphNode] }));
    expect(warn).toHaveBeenCalled();
    expect(s.nodes.has('x')).toBe(false);
    warn.mockRestore();
  });

  it('selection follows the nodes, and a new boot starts over', () => {
    const s = useGraphStore();
    s.apply(pipeline);
    s.select('pipe:9');
    expect(s.selected?.label).toBe('pipe:[9]');
    s.select('missing');
    expect(s.selectedId).toBe(null);
    s.select('proc:5');
    s.apply(diff({ nodes: [node('msg:0', 'msg')] }, 2));
    expect([...s.nodes.keys()]).toEqual(['msg:0']);
    expect(s.selectedId).toBe(null);
  });

  it('asks for the whole graph on a new boot and takes graph events through the machine store', () => {
    const sent: Command[] = [];
    let emit: (e: HostEvent) => void = () => {};
    const api: RingsideApi = { send: (c) => void sent.push(c), onEvent: (cb) => ((emit = cb), () => {}) };
    const s = useGraphStore();
    s.attach();
    useMachineStore().connect(api);
    emit(status('running'));
    expect(sent).toContainEqual({ type: 'graph-refresh' });
    emit(pipeline);
    expect(s.nodes.size).toBe(3);
    // A diff the protocol check refuses never reaches the store.
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    emit({ ...diff({}), edges: [{ id: 'e' }] } as unknown as HostEvent);
    expect(warn).toHaveBeenCalled();
    warn.mockRestore();
  });
});
