import { describe, expect, it } from 'vitest';
import { defaultLayout, groupOf, movePane, parseLayout } from '../../renderer/src/layout';

describe('window layout', () => {
  it('moves a pane to the other group and within its group', () => {
    let l = defaultLayout();
    l = movePane(l, 'graph', 1, 0);
    expect(l.groups).toEqual([['processes', 'devices', 'files'], ['graph', 'process', 'call', 'summary', 'labs']]);
    expect(groupOf(l, 'graph')).toBe(1);
    l = movePane(l, 'graph', 1, 99);
    expect(l.groups[1]).toEqual(['process', 'call', 'summary', 'labs', 'graph']);
    l = movePane(l, 'files', 0, 0);
    expect(l.groups[0]).toEqual(['files', 'processes', 'devices']);
  });

  it('keeps the last pane of a group where it is', () => {
    let l = defaultLayout();
    for (const p of ['graph', 'devices', 'files'] as const) l = movePane(l, p, 1);
    expect(l.groups[0]).toEqual(['processes']);
    expect(movePane(l, 'processes', 1)).toBe(l);
  });

  it('accepts a stored layout only if it lists every pane once', () => {
    const good = JSON.stringify(movePane(defaultLayout(), 'labs', 0));
    expect(parseLayout(good)?.groups[0]).toContain('labs');
    expect(parseLayout(null)).toBeNull();
    expect(parseLayout('{')).toBeNull();
    expect(parseLayout(JSON.stringify({ groups: [['processes'], ['call']], swapColumns: false }))).toBeNull();
    const dup = defaultLayout();
    dup.groups[0].push('call');
    expect(parseLayout(JSON.stringify(dup))).toBeNull();
    expect(parseLayout(JSON.stringify({ ...defaultLayout(), swapColumns: 'yes' }))).toBeNull();
    expect(parseLayout(JSON.stringify({ groups: [[], [...defaultLayout().groups.flat()]], swapColumns: false }))).toBeNull();
  });
});
