import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION } from '../../emulator/api/protocol';
import type { HostEvent } from '../../emulator/api/protocol';
import { spawnNodeWorker, WorkerBridge } from '../../main/worker_bridge';
import type { WorkerCallbacks } from '../../main/worker_bridge';

/** A worker that records what it is sent; the test plays its side through `callbacks`. */
function fakeSpawn() {
  const spawned: { posted: unknown[]; terminated: boolean; callbacks: WorkerCallbacks }[] = [];
  const spawn = (callbacks: WorkerCallbacks) => {
    const worker = { posted: [] as unknown[], terminated: false, callbacks };
    spawned.push(worker);
    return {
      postMessage: (msg: unknown) => void worker.posted.push(msg),
      terminate: () => void (worker.terminated = true),
    };
  };
  return { spawn, spawned };
}

const output = (data: string): HostEvent => ({ type: 'tty-output', data });

describe('WorkerBridge', () => {
  it('forwards valid commands to the worker and rejects malformed ones', () => {
    const { spawn, spawned } = fakeSpawn();
    const bridge = new WorkerBridge(spawn);
    const events: HostEvent[] = [];
    bridge.start();
    bridge.attach((e) => events.push(e));
    bridge.command({ type: 'tty-input', data: 'ls\r' });
    bridge.command({ type: 'tty-input', data: 'ls\r', extra: 1 });
    bridge.command('rm -rf /');
    expect(spawned[0].posted).toEqual([{ type: 'tty-input', data: 'ls\r' }]);
    expect(events.map((e) => e.type)).toEqual(['command-rejected', 'command-rejected']);
  });

  it('queues events until a renderer attaches, then delivers them in order', () => {
    const { spawn, spawned } = fakeSpawn();
    const bridge = new WorkerBridge(spawn);
    bridge.start();
    spawned[0].callbacks.onMessage(output('boot '));
    spawned[0].callbacks.onMessage(output('login'));
    const events: HostEvent[] = [];
    bridge.attach((e) => events.push(e));
    spawned[0].callbacks.onMessage(output('# '));
    expect(events).toEqual([output('boot '), output('login'), output('# ')]);
  });

  it('keeps no introspection for a renderer that is away (it asks afresh when it attaches)', () => {
    const { spawn, spawned } = fakeSpawn();
    const bridge = new WorkerBridge(spawn);
    bridge.start();
    const processes: HostEvent = { type: 'processes', protocol: PROTOCOL_VERSION, boot: 1, full: true, upsert: [], removed: [] };
    spawned[0].callbacks.onMessage(processes);
    spawned[0].callbacks.onMessage(output('x'));
    // Nor the answer to an export its earlier page asked for.
    spawned[0].callbacks.onMessage({ type: 'session-chunk', protocol: PROTOCOL_VERSION, id: 1, index: 0, count: 1, data: 'x'.repeat(1000) });
    const events: HostEvent[] = [];
    bridge.attach((e) => events.push(e));
    expect(events.map((e) => e.type)).toEqual(['tty-output']);
    spawned[0].callbacks.onMessage(processes);
    expect(events.map((e) => e.type)).toEqual(['tty-output', 'processes']);
  });

  it('queues again after the renderer detaches (a reload), dropping the oldest output past 1 MiB', () => {
    const { spawn, spawned } = fakeSpawn();
    const bridge = new WorkerBridge(spawn);
    bridge.start();
    bridge.attach(() => {});
    bridge.detach();
    const chunk = 'x'.repeat(300 * 1024);
    for (let i = 0; i < 5; i++) spawned[0].callbacks.onMessage(output(`${i}${chunk}`));
    const status: HostEvent = { type: 'status', protocol: PROTOCOL_VERSION, boot: 1, state: 'idle', virtualNs: 5, exitStatus: null };
    spawned[0].callbacks.onMessage(status);
    const events: HostEvent[] = [];
    bridge.attach((e) => events.push(e));
    expect(events.map((e) => (e.type === 'tty-output' ? e.data[0] : e.type))).toEqual(['2', '3', '4', 'status']);
  });

  it('reports a dead worker and starts a new one on reset', () => {
    const { spawn, spawned } = fakeSpawn();
    const bridge = new WorkerBridge(spawn);
    const events: HostEvent[] = [];
    bridge.start();
    bridge.attach((e) => events.push(e));
    spawned[0].callbacks.onMessage({ type: 'status', protocol: 1, state: 'running', virtualNs: 42, exitStatus: null });
    spawned[0].callbacks.onExit('out of memory');
    spawned[0].callbacks.onExit('exit code 1'); // 'error' is followed by 'exit': reported once
    expect(events.at(-1)).toMatchObject({ type: 'status', state: 'error', virtualNs: 42 });
    expect(events.filter((e) => e.type === 'status' && e.state === 'error')).toHaveLength(1);
    expect((events.at(-1) as { message: string }).message).toContain('out of memory');

    bridge.command({ type: 'tty-input', data: 'x' }); // nobody to take it
    bridge.command({ type: 'reset' });
    expect(spawned).toHaveLength(2);
    bridge.command({ type: 'pause' });
    expect(spawned[1].posted).toEqual([{ type: 'pause' }]);
  });

  it('stop terminates the worker without reporting an error', () => {
    const { spawn, spawned } = fakeSpawn();
    const bridge = new WorkerBridge(spawn);
    const events: HostEvent[] = [];
    bridge.start();
    bridge.attach((e) => events.push(e));
    bridge.stop();
    spawned[0].callbacks.onExit('exit code 1');
    expect(spawned[0].terminated).toBe(true);
    expect(events).toEqual([]);
  });
});

describe('spawnNodeWorker', () => {
  it('relays through a real worker_threads worker', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ringside-worker-'));
    const file = join(dir, 'echo_worker.mjs');
    writeFileSync(
      file,
      `import { parentPort } from 'node:worker_threads';
       parentPort.on('message', (m) => m.type === 'reset' ? process.exit(3) : parentPort.postMessage({ type: 'tty-output', data: m.data }));`,
    );
    const bridge = new WorkerBridge(spawnNodeWorker(file));
    const events: HostEvent[] = [];
    bridge.start();
    const got = (n: number) => expect.poll(() => events.length, { timeout: 5000 }).toBe(n);
    bridge.attach((e) => events.push(e));
    bridge.command({ type: 'tty-input', data: 'hello' });
    await got(1);
    expect(events[0]).toEqual({ type: 'tty-output', data: 'hello' });
    bridge.command({ type: 'reset' }); // our fake worker exits on it
    await got(2);
    expect(events[1]).toMatchObject({ type: 'status', state: 'error' });
    expect((events[1] as { message: string }).message).toContain('exit code 3');
    bridge.stop();
  });
});
