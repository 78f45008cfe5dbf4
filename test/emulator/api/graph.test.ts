import { describe, expect, it } from 'vitest';
import { validateGraphEvent, type GraphEvent } from '../../../emulator/api/graph';
import { PROTOCOL_VERSION, validateCommand, validateEvent } from '../../../emulator/api/protocol';

const good: GraphEvent = {
  type: 'graph', protocol: PROTOCOL_VERSION, boot: 1, full: true,
  nodes: [
    { id: 'proc:3', kind: 'process', label: '3 sleep', pid: 3, details: { comm: 'sleep', uid: 0 } },
    { id: 'pipe:9', kind: 'pipe', label: 'pipe:[9]', details: { buffered: 0, fifo: false } },
  ],
  removedNodes: ['msg:0'],
  edges: [{ id: 'fd:3:1', kind: 'fd', source: 'proc:3', target: 'pipe:9', label: 'fd 1', dir: 'w' }],
  removedEdges: [],
  flows: [{ edge: 'fd:3:1', bytes: 6 }],
};

describe('graph events', () => {
  it('accepts a well-formed diff, through the protocol check too', () => {
    expect(validateGraphEvent(good)).toBe(null);
    expect(validateEvent(good)).toBe(null);
  });

  it('rejects bad nodes, edges, flows and ids, and never throws', () => {
    const bad = (patch: Partial<Record<keyof GraphEvent, unknown>>) => validateEvent({ ...good, ...patch });
    expect(bad({ nodes: [{ ...good.nodes[0], kind: 'tcp6' }] })).toMatch(/unknown kind/);
    expect(bad({ nodes: [{ ...good.nodes[0], details: { x: {} } }] })).toMatch(/bad detail/);
    expect(bad({ nodes: [{ ...good.nodes[0], id: '' }] })).toMatch(/needs an id/);
    expect(bad({ edges: [{ ...good.edges[0], dir: 'x' }] })).toMatch(/bad dir/);
    expect(bad({ edges: [{ ...good.edges[0], kind: 'pipe' }] })).toMatch(/unknown kind/);
    expect(bad({ flows: [{ edge: 'fd:3:1', bytes: -1 }] })).toMatch(/bad flow/);
    expect(bad({ removedNodes: [1] })).toMatch(/removed ids/);
    expect(bad({ nodes: 'x' })).toMatch(/nodes/);
    expect(validateEvent({ ...good, protocol: PROTOCOL_VERSION + 1 })).toMatch(/protocol/);
    const hostile = new Proxy({}, { get: () => { throw new Error('boom'); } });
    expect(validateGraphEvent(hostile)).toBe('a graph event must be a plain object');
    expect(validateGraphEvent(null)).toMatch(/object/);
  });

  it('graph-refresh is a command without fields', () => {
    expect(validateCommand({ type: 'graph-refresh' })).toBe(null);
    expect(validateCommand({ type: 'graph-refresh', all: true })).toMatch(/unexpected field/);
  });
});
