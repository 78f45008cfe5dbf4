// Objects that no shipped tool makes yet — eventfd and epoll — drawn from a task's fd table: each
// its own node (they share one anonymous inode, so they are told apart by the object), and an
// epoll instance's interest list as watch edges. And a POSIX message queue: one node by its name,
// reached by its descriptor.

import { describe, expect, it } from 'vitest';
import { eventfdSyscalls } from '../../../emulator/kernel/fs/eventfd';
import { eventpollSyscalls, EPOLL_CTL_ADD } from '../../../emulator/kernel/fs/eventpoll';
import { pipeSyscalls } from '../../../emulator/kernel/fs/pipe';
import { init_mqueue_fs, mqueueSyscalls } from '../../../emulator/kernel/ipc/mqueue';
import { O_CREAT, O_RDWR } from '../../../emulator/uapi/fcntl';
import { snapshotGraph } from '../../../emulator/host/graph_snapshot';
import { addGroups, fsKernel, ITask } from '../kernel/ipc/fixture';

addGroups(eventfdSyscalls, eventpollSyscalls, pipeSyscalls, mqueueSyscalls);

describe('snapshotGraph: eventfd and epoll', () => {
  it('draws each eventfd and epoll instance, and what the epoll watches', () => {
    const k = fsKernel();
    const a = new ITask(k);
    const e1 = a.sys('eventfd2', 3, 0);
    const e2 = a.sys('eventfd2', 0, 0);
    const fds = a.alloc(8);
    expect(a.sys('pipe2', fds, 0)).toBe(0);
    const rd = a.i32(fds);
    const ep = a.sys('epoll_create1', 0);
    const ev = a.alloc(12);
    a.poke32(ev, 1); // EPOLLIN
    expect(a.sys('epoll_ctl', ep, EPOLL_CTL_ADD, e1, ev)).toBe(0);
    expect(a.sys('epoll_ctl', ep, EPOLL_CTL_ADD, rd, ev)).toBe(0);

    const g = snapshotGraph(k);
    const efds = [...g.nodes.values()].filter((n) => n.kind === 'eventfd');
    expect(efds).toHaveLength(2);
    const first = g.edges.get(`fd:${a.t.tgid}:${e1}`)!;
    const second = g.edges.get(`fd:${a.t.tgid}:${e2}`)!;
    expect(first.target).not.toBe(second.target);
    expect(g.nodes.get(first.target)!.details).toMatchObject({ count: '3', semaphore: false });
    expect(first.dir).toBe('rw');
    const epoll = g.edges.get(`fd:${a.t.tgid}:${ep}`)!.target;
    expect(g.nodes.get(epoll)).toMatchObject({ kind: 'epoll', details: { watched: 2 } });
    const watches = [...g.edges.values()].filter((e) => e.kind === 'watch');
    expect(watches.map((w) => [w.source, w.target, w.label]).sort()).toEqual(
      [[epoll, first.target, `watch fd ${e1}`], [epoll, g.edges.get(`fd:${a.t.tgid}:${rd}`)!.target, `watch fd ${rd}`]].sort(),
    );
    // Stable identities: the same objects, the same ids.
    expect([...snapshotGraph(k).nodes.keys()]).toEqual([...g.nodes.keys()]);
  });

  it('draws an open POSIX message queue once, by its name, with the descriptor as its edge', () => {
    const k = fsKernel();
    init_mqueue_fs(k);
    const a = new ITask(k);
    const mq = a.sys('mq_open', 'lab', O_RDWR | O_CREAT, 0o600, 0);
    expect(mq).toBeGreaterThanOrEqual(0);
    expect(a.sys('mq_timedsend', mq, a.bytes('hello'), 5, 1, 0)).toBe(0);
    const g = snapshotGraph(k);
    expect(g.nodes.get('mqueue:/lab')).toMatchObject({ kind: 'mqueue', label: 'mq /lab', details: { key: '/lab', messages: 1, bytes: 5 } });
    const edges = [...g.edges.values()].filter((e) => e.target === 'mqueue:/lab');
    expect(edges.map((e) => [e.id, e.label, e.dir])).toEqual([[`fd:${a.t.tgid}:${mq}`, `fd ${mq}`, 'rw']]);
  });
});
