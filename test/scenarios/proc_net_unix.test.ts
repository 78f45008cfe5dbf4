// /proc/net/unix against the sockets that exist: its format (linux-facts §4.5), a listener's flags
// and state, a connection's two ends, abstract names, and inode numbers that agree with the
// socket:[ino] links in /proc/<pid>/fd.

import { describe, expect, test } from 'vitest';
import { kernelBugs, runInMachine } from '../machine';

describe('/proc/net/unix', () => {
  test('lists listeners and connections with the inodes /proc/<pid>/fd shows', () => {
    const r = runInMachine(
      'nc -lU /tmp/srv & a=$!; sleep 0.1; sleep 1 | nc -U /tmp/srv & b=$!; nc -lU @abs & c=$!; sleep 0.2; ' +
        'cat /proc/net/unix; echo ---; for p in $a $b $c; do ls -l /proc/$p/fd; done | grep -o "socket:\\[[0-9]*\\]" | sort; kill $a $b $c',
    );
    expect(kernelBugs(r.machine)).toEqual([]);
    const [table, links] = r.output.split('---\n') as [string, string];
    const lines = table.trimEnd().split('\n');
    expect(lines[0]).toBe('Num       RefCount Protocol Flags    Type St Inode Path');
    const row = /^([0-9a-f]{16}): ([0-9A-F]{8}) 00000000 ([0-9A-F]{8}) (000[125]) (0[1-4]) ([ \d]{5,})(?: (.*))?$/;
    const rows = lines.slice(1).map((l) => {
      const m = row.exec(l);
      expect(m, l).not.toBeNull();
      return { refs: m![2], flags: m![3], type: m![4], st: m![5], ino: Number(m![6]), path: m![7] ?? '' };
    });
    // The two listeners: __SO_ACCEPTCON, unconnected, with their names.
    expect(rows.filter((x) => x.flags === '00010000').map((x) => [x.st, x.path])).toEqual([['01', '/tmp/srv'], ['01', '@abs']]);
    // The connection: both ends connected; the accepted end carries the listener's name.
    const connected = rows.filter((x) => x.st === '03');
    expect(connected.map((x) => x.path).sort()).toEqual(['', '/tmp/srv']);
    expect(connected.every((x) => x.refs === '00000003')).toBe(true);
    // Every socket a process holds is in the table under the same inode number.
    const held = links.trim().split('\n').map((l) => Number(/\d+/.exec(l)![0]));
    expect(held.length).toBe(4);
    for (const ino of held) expect(rows.some((x) => x.ino === ino)).toBe(true);
  });
});
