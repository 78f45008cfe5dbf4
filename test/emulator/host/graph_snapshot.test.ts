// The object graph read from a running machine: real programs make a pipe, Unix sockets, SysV IPC
// objects; the graph must show them with the processes' fd edges, peers and IPC roles, send them
// as diffs, pulse the edges bytes moved on, and forget them when the processes are gone.

import { describe, expect, it } from 'vitest';
import { Machine } from '../../../emulator/machine/machine';
import { GraphTracker, snapshotGraph, type GraphSnapshot } from '../../../emulator/host/graph_snapshot';
import { kernelBugs } from '../../machine';

/** Boots `sh -c command` and runs it (jumping the clock over sleeps) until `until` holds. */
function runUntil(command: string, until: (g: GraphSnapshot, m: Machine) => boolean, m?: Machine): Machine {
  if (!m) {
    m = new Machine({ mode: 'interactive', init: ['/sbin/init', '-c', command] });
    m.boot();
  }
  for (let i = 0; i < 400; i++) {
    const r = m.run(50);
    if (until(snapshotGraph(m.kernel), m)) return m;
    if (r.state === 'halted') throw new Error('machine halted before the graph was as expected');
    if (r.state === 'idle') {
      if (r.nextTimerNs === null) throw new Error('machine idle with no timer');
      m.advanceTo(Math.min(r.nextTimerNs, m.now() + 50e6));
    }
  }
  throw new Error('the graph never became as expected');
}

const byComm = (g: GraphSnapshot, comm: string) => [...g.nodes.values()].filter((n) => n.kind === 'process' && n.details.comm === comm);
const edgesFrom = (g: GraphSnapshot, id: string) => [...g.edges.values()].filter((e) => e.source === id || e.target === id);

describe('snapshotGraph', () => {
  it('draws a pipeline: two processes, one pipe, the write end and the read end', () => {
    const m = runUntil('sleep 3 | cat', (g) => byComm(g, 'sleep').length === 1 && byComm(g, 'cat').length === 1);
    const g = snapshotGraph(m.kernel);
    const pipes = [...g.nodes.values()].filter((n) => n.kind === 'pipe');
    expect(pipes).toHaveLength(1);
    const pipe = pipes[0]!;
    expect(pipe.id).toMatch(/^pipe:\d+$/);
    expect(pipe.label).toBe(`pipe:[${pipe.id.slice(5)}]`);
    expect(pipe.details).toMatchObject({ readers: 1, writers: 1, buffered: 0 });
    const sleep = byComm(g, 'sleep')[0]!;
    const cat = byComm(g, 'cat')[0]!;
    expect(edgesFrom(g, pipe.id).map((e) => [e.source, e.label, e.dir]).sort()).toEqual(
      [[sleep.id, 'fd 1', 'w'], [cat.id, 'fd 0', 'r']].sort(),
    );
    expect(g.edges.get(`fd:${sleep.pid}:1`)?.target).toBe(pipe.id);
    // The processes go, and so does everything they held.
    runUntil('', (g2) => g2.nodes.size === 0, m);
    expect(kernelBugs(m)).toEqual([]);
  });

  it('draws a Unix stream server and client as two sockets with a peer edge, and the listener', () => {
    const m = runUntil('nc -lU /tmp/s & sleep 1; nc -U /tmp/s', (g) => [...g.edges.values()].some((e) => e.kind === 'peer'));
    const g = snapshotGraph(m.kernel);
    const peer = [...g.edges.values()].find((e) => e.kind === 'peer')!;
    const [a, b] = [g.nodes.get(peer.source)!, g.nodes.get(peer.target)!];
    expect([a.kind, b.kind]).toEqual(['unix', 'unix']);
    expect(a.details.state).toBe('ESTAB');
    expect(b.details.state).toBe('ESTAB');
    // Each end hangs on its own nc by an fd edge.
    const owners = [a, b].map((s) => edgesFrom(g, s.id).find((e) => e.kind === 'fd')!.source).sort();
    expect(owners).toEqual(byComm(g, 'nc').map((n) => n.id).sort());
    const listener = [...g.nodes.values()].find((n) => n.kind === 'unix' && n.details.state === 'LISTEN');
    expect(listener?.label).toBe('unix stream /tmp/s (listen)');
    expect(kernelBugs(m)).toEqual([]);
  });

  it('draws a SysV message queue with its last sender and last receiver, and a held semaphore with its holder and waiter', () => {
    const m = runUntil('/usr/libexec/ringside/ipc-msgqueue 2 --hold 5 & /usr/libexec/ringside/ipc-semaphore 3 --hold 5', (g) => {
      const msg = [...g.nodes.values()].find((n) => n.kind === 'msg');
      const sem = [...g.nodes.values()].find((n) => n.kind === 'sem');
      return !!msg && !!sem && edgesFrom(g, msg.id).length === 2 && edgesFrom(g, sem.id).some((e) => e.label === 'waiting');
    });
    const g = snapshotGraph(m.kernel);
    const msg = [...g.nodes.values()].find((n) => n.kind === 'msg')!;
    expect(msg.label).toMatch(/^msq 0x00000000 \d+$/);
    expect(msg.details).toMatchObject({ key: '0x00000000', owner: '0:0', mode: '0600', messages: 0 });
    const roles = edgesFrom(g, msg.id).map((e) => e.label).sort();
    expect(roles).toEqual(['last-receive', 'last-send']);
    expect(new Set(edgesFrom(g, msg.id).map((e) => e.source)).size).toBe(2);
    const sem = [...g.nodes.values()].find((n) => n.kind === 'sem')!;
    const semRoles = edgesFrom(g, sem.id).filter((e) => e.label === 'undo' || e.label === 'waiting');
    expect(semRoles.map((e) => e.label).sort()).toEqual(['undo', 'waiting']);
    expect(new Set(semRoles.map((e) => e.source)).size).toBe(2);
    const shm = [...g.nodes.values()].find((n) => n.kind === 'shm')!;
    expect(edgesFrom(g, shm.id).filter((e) => e.label === 'attached')).toHaveLength(2);
    expect(kernelBugs(m)).toEqual([]);
  });
});

describe('snapshotGraph: named objects', () => {
  it('draws a FIFO by its path and a file on tmpfs, each with its fd edges', () => {
    const m = runUntil('mkfifo /tmp/f; cat /tmp/f > /tmp/out & sleep 9 > /tmp/f', (g) => [...g.nodes.values()].some((n) => n.kind === 'fifo') && byComm(g, 'cat').length === 1);
    const g = snapshotGraph(m.kernel);
    const fifo = [...g.nodes.values()].find((n) => n.kind === 'fifo')!;
    expect(fifo.id).toMatch(/^fifo:\d+:\d+$/);
    expect(fifo.label).toBe('fifo /tmp/f');
    const cat = byComm(g, 'cat')[0]!;
    const sleep = byComm(g, 'sleep')[0]!;
    expect(edgesFrom(g, fifo.id).map((e) => [e.source, e.label, e.dir]).sort()).toEqual([[cat.id, 'fd 3', 'r'], [sleep.id, 'fd 1', 'w']].sort());
    const out = [...g.nodes.values()].find((n) => n.kind === 'file')!;
    expect(out).toMatchObject({ label: '/tmp/out', details: { path: '/tmp/out' } });
    expect(edgesFrom(g, out.id)).toMatchObject([{ source: cat.id, label: 'fd 1', dir: 'w' }]);
    // Files elsewhere (the console, /bin) are not drawn.
    expect([...g.nodes.values()].every((n) => n.kind !== 'file' || n.label.startsWith('/tmp/'))).toBe(true);
    expect(kernelBugs(m)).toEqual([]);
  });
});

describe('snapshotGraph: POSIX shared memory and semaphores', () => {
  it('draws the /dev/shm files both processes map, and the futex word one of them waits on', () => {
    const m = runUntil('/usr/libexec/ringside/ipc-semaphore 3 --posix --hold 5', (g) => [...g.nodes.values()].some((n) => n.kind === 'futex'));
    const g = snapshotGraph(m.kernel);
    const sems = byComm(g, 'ipc-semaphore').map((n) => n.id).sort();
    expect(sems).toHaveLength(2);
    for (const path of ['/dev/shm/ipc-counter', '/dev/shm/sem.ipc-lock']) {
      const file = [...g.nodes.values()].find((n) => n.kind === 'file' && n.label === path)!;
      expect(file).toBeDefined();
      const maps = edgesFrom(g, file.id).filter((e) => e.kind === 'map');
      expect(maps.map((e) => e.source).sort()).toEqual(sems);
      expect(maps.every((e) => e.dir === 'rw' && e.label === 'mmap')).toBe(true);
    }
    const futex = [...g.nodes.values()].find((n) => n.kind === 'futex')!;
    const waiting = edgesFrom(g, futex.id);
    expect(waiting).toHaveLength(1);
    expect(waiting[0]).toMatchObject({ kind: 'ipc', label: 'waiting' });
    expect(sems).toContain(waiting[0]!.source);
    expect(kernelBugs(m)).toEqual([]);
  });
});

describe('snapshotGraph: TCP over loopback', () => {
  it('draws a socat server and client as two tcp sockets with a peer edge, and the listener', () => {
    const m = runUntil(
      'sleep 9 | socat TCP-LISTEN:5000 STDIO & sleep 1; sleep 9 | socat STDIO TCP:127.0.0.1:5000',
      (g) => [...g.edges.values()].some((e) => e.kind === 'peer'),
    );
    const g = snapshotGraph(m.kernel);
    const peer = [...g.edges.values()].find((e) => e.kind === 'peer')!;
    const ends = [g.nodes.get(peer.source)!, g.nodes.get(peer.target)!];
    expect(ends.map((n) => n.kind)).toEqual(['tcp', 'tcp']);
    expect(ends.map((n) => n.details.state)).toEqual(['ESTAB', 'ESTAB']);
    const server = ends.find((n) => n.details.local === '127.0.0.1:5000')!;
    const client = ends.find((n) => n !== server)!;
    expect(server.details.remote).toBe(client.details.local);
    expect(client.details.remote).toBe('127.0.0.1:5000');
    expect(client.label).toBe(`tcp ${client.details.local as string} → 127.0.0.1:5000`);
    expect(new Set(ends.map((s) => edgesFrom(g, s.id).find((e) => e.kind === 'fd')!.source)).size).toBe(2);
    expect(kernelBugs(m)).toEqual([]);
  });
});

describe('snapshotGraph: UDP over loopback', () => {
  it('draws a connected UDP client and the socat that answered it as udp sockets joined by a peer edge', () => {
    const m = runUntil(
      'sleep 9 | socat UDP-LISTEN:5001 STDIO & sleep 1; (echo hi; sleep 9) | socat STDIO UDP:127.0.0.1:5001',
      (g) => [...g.edges.values()].some((e) => e.kind === 'peer'),
    );
    const g = snapshotGraph(m.kernel);
    const peer = [...g.edges.values()].find((e) => e.kind === 'peer')!;
    const ends = [g.nodes.get(peer.source)!, g.nodes.get(peer.target)!];
    expect(ends.map((n) => [n.kind, n.details.state])).toEqual([['udp', 'ESTAB'], ['udp', 'ESTAB']]);
    expect(ends.map((n) => n.details.local)).toContain('127.0.0.1:5001');
    expect(kernelBugs(m)).toEqual([]);
  });
});

describe('snapshotGraph: Netlink', () => {
  it('draws ip monitor link as a route socket that is a member of the link group', () => {
    const m = runUntil('ip monitor link', (g) => [...g.nodes.values()].some((n) => n.kind === 'netlink-group'));
    const g = snapshotGraph(m.kernel);
    const sock = [...g.nodes.values()].find((n) => n.kind === 'netlink')!;
    const ip = byComm(g, 'ip')[0]!;
    expect(sock.label).toBe(`netlink route ${ip.pid}`);
    expect(sock.details).toMatchObject({ family: 'AF_NETLINK', protocol: 'route', portid: ip.pid, groups: '1' });
    const group = g.nodes.get('nlgroup:0:1')!;
    expect(group).toMatchObject({ kind: 'netlink-group', label: 'route group 1 (link)' });
    expect(g.edges.get(`member:${sock.id}:nlgroup:0:1`)).toMatchObject({ kind: 'member', source: sock.id, target: group.id });
    expect(edgesFrom(g, sock.id).some((e) => e.kind === 'fd' && e.source === ip.id && e.dir === 'rw')).toBe(true);
    expect(kernelBugs(m)).toEqual([]);
  });
});

describe('GraphTracker', () => {
  it('sends the whole graph, then only changes, flow marks for bytes moved, and nothing when idle', () => {
    const m = new Machine({ mode: 'interactive', init: ['/sbin/init', '-c', '(echo hello; sleep 2) | cat'] });
    const tracker = new GraphTracker(m.kernel);
    m.boot();
    const first = tracker.diff()!;
    expect(first.full).toBe(true);
    const flows = new Map<string, number>();
    let sawPipe = false;
    for (let i = 0; i < 200 && !(sawPipe && flows.size >= 2); i++) {
      const r = m.run(20);
      const d = tracker.diff();
      if (d) {
        expect(d.full).toBe(false);
        for (const f of d.flows) flows.set(f.edge, (flows.get(f.edge) ?? 0) + f.bytes);
        if (d.nodes.some((n) => n.kind === 'pipe')) sawPipe = true;
      }
      if (r.state === 'idle' && r.nextTimerNs !== null) m.advanceTo(Math.min(r.nextTimerNs, m.now() + 10e6));
    }
    expect(sawPipe).toBe(true);
    // "hello\n" went in through the subshell's fd 1 and out through cat's fd 0.
    expect([...flows.entries()].filter(([id]) => /:1$/.test(id)).map(([, n]) => n)).toContain(6);
    expect([...flows.entries()].filter(([id]) => /:0$/.test(id)).map(([, n]) => n)).toContain(6);
    const pipe = [...snapshotGraph(m.kernel).nodes.values()].find((n) => n.kind === 'pipe');
    expect(tracker.diff()).toBe(null);
    expect(pipe).toBeDefined();
    tracker.refresh();
    const again = tracker.diff()!;
    expect(again.full).toBe(true);
    expect(again.nodes.find((n) => n.kind === 'pipe')?.details['bytes moved']).toBe(12);
    tracker.close();
  });
});
