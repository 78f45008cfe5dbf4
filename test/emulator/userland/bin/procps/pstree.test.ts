import { describe, expect, it } from 'vitest';
import {
  ASCII,
  drawTree,
  sortChildren,
  truncateLine,
  UTF8,
  type DrawOptions,
  type TreeNode,
} from '../../../../../emulator/userland/bin/procps/pstree_draw';

let nextPid = 100;
function node(name: string, children: TreeNode[] = [], extra: Partial<TreeNode> = {}): TreeNode {
  return { pid: nextPid++, name, args: [], noCmdline: false, thread: false, children, ...extra };
}
const compact: DrawOptions = { symbols: ASCII, showPids: false, compact: true, args: false };

describe('pstree drawing', () => {
  it('a chain', () => {
    expect(drawTree(node('init', [node('sh', [node('pstree')])]), compact)).toEqual(['init---sh---pstree']);
  });
  it('several children, sorted by name, identical ones merged (psmisc 23.6, LANG=C)', () => {
    const tree = node('bash', [
      node('bash', [node('bash', [node('bash', [node('sleep'), node('pstree'), node('sleep'), node('sleep')])])]),
    ]);
    sortChildren(tree.children, false);
    expect(drawTree(tree, compact)).toEqual([
      'bash---bash---bash---bash-+-pstree',
      '                          `-3*[sleep]',
    ]);
  });
  it('-p: pids, nothing merged, the vertical line passing by', () => {
    const root = node('bash', [node('bash', [node('sleep'), node('pstree')]), node('sleep')], { pid: 1 });
    root.children[0]!.pid = 2;
    root.children[0]!.children[0]!.pid = 4;
    root.children[0]!.children[1]!.pid = 3;
    root.children[1]!.pid = 5;
    sortChildren(root.children, false);
    expect(drawTree(root, { ...compact, showPids: true, compact: false })).toEqual([
      'bash(1)-+-bash(2)-+-pstree(3)',
      '        |         `-sleep(4)',
      '        `-sleep(5)',
    ]);
  });
  it('threads in braces, merged subtrees spanning lines', () => {
    const t = node('init', [
      node('sh', [node('a'), node('b')]),
      node('sh', [node('a'), node('b')]),
      node('init', [], { thread: true }),
      node('init', [], { thread: true }),
    ]);
    expect(drawTree(t, compact)).toEqual(['init-+-2*[sh-+-a', '     |       `-b]', '     `-2*[{init}]']);
  });
  it('UTF-8 line drawing', () => {
    const t = node('init', [node('getty'), node('sh', [node('ps')])]);
    expect(drawTree(t, { ...compact, symbols: UTF8 })).toEqual(['init─┬─getty', '     └─sh───ps']);
  });
  it('-a: one process per line with its arguments', () => {
    const t = node(
      'bash',
      [
        node('bash', [node('pstree', [], { args: ['-a'] }), node('sleep', [], { args: ['5'] })], {
          args: ['/dev/fd/3'],
        }),
        node('sh', [node('x')], { noCmdline: true }),
      ],
      {
        args: ['/dev/fd/3'],
      },
    );
    expect(drawTree(t, { ...compact, args: true, compact: false })).toEqual([
      'bash /dev/fd/3',
      '  |-bash /dev/fd/3',
      '  |   |-pstree -a',
      '  |   `-sleep 5',
      '  `-(sh)',
      '      `-x',
    ]);
  });
  it('-n sorts by pid; long lines end in +', () => {
    const t = node('init', [node('b', [], { pid: 2 }), node('a', [], { pid: 3 })]);
    sortChildren(t.children, true);
    expect(t.children.map((c) => c.name)).toEqual(['b', 'a']);
    expect(truncateLine('|-memfd:sealed-91(16936)-+-bash', 10)).toBe('|-memfd:s+');
    expect(truncateLine('short', 10)).toBe('short');
  });
});
