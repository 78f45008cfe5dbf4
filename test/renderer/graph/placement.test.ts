import { describe, expect, it } from 'vitest';
import { NODE_SPACING, placeNew, relaxNew, type Point } from '../../../renderer/src/graph/placement';

const adj = (pairs: [string, string][]) => (id: string) => pairs.flatMap(([a, b]) => (a === id ? [b] : b === id ? [a] : []));
const dist = (p: Point, q: Point) => Math.hypot(p.x - q.x, p.y - q.y);

describe('graph placement', () => {
  it('puts a new object beside its placed neighbours and leaves old nodes alone', () => {
    const placed = new Map<string, Point>([['proc:1', { x: 0, y: 0 }], ['proc:2', { x: 400, y: 0 }]]);
    const links = adj([['proc:1', 'pipe:9'], ['proc:2', 'pipe:9']]);
    const at = placeNew(['pipe:9'], placed, links);
    expect([...at.keys()]).toEqual(['pipe:9']);
    const p = at.get('pipe:9')!;
    expect(p.x).toBeGreaterThan(100);
    expect(p.x).toBeLessThan(300);
    // Deterministic: the same input, the same picture.
    expect(placeNew(['pipe:9'], placed, links).get('pipe:9')).toEqual(p);
  });

  it('chains new nodes off each other, and starts an unconnected one on a ring outside the drawing', () => {
    const placed = new Map<string, Point>([['msg:0', { x: 0, y: 0 }]]);
    const links = adj([['proc:3', 'pipe:1'], ['pipe:1', 'proc:4']]);
    const at = placeNew(['proc:3', 'proc:4', 'pipe:1'], placed, links);
    expect(at.size).toBe(3);
    expect(dist(at.get('pipe:1')!, at.get('proc:3')!)).toBeLessThan(NODE_SPACING * 2);
    expect(dist(at.get('pipe:1')!, at.get('proc:4')!)).toBeLessThan(NODE_SPACING * 2);
    for (const p of at.values()) expect(dist(p, { x: 0, y: 0 })).toBeGreaterThan(NODE_SPACING / 2);
  });

  it('relaxation moves only new nodes, off the old ones and toward their neighbours', () => {
    const placed = new Map<string, Point>([['a', { x: 0, y: 0 }], ['b', { x: 300, y: 0 }]]);
    // A new node right on top of an old one, connected to the other.
    const fresh = new Map<string, Point>([['n', { x: 1, y: 0 }]]);
    const out = relaxNew(fresh, placed, adj([['n', 'b']]));
    expect([...out.keys()]).toEqual(['n']);
    const n = out.get('n')!;
    expect(dist(n, placed.get('a')!)).toBeGreaterThan(NODE_SPACING / 2);
    expect(dist(n, placed.get('b')!)).toBeLessThan(300);
    expect(placed.get('a')).toEqual({ x: 0, y: 0 });
  });
});
