// The desktop's real machine worker (emulator/host/worker_node.ts) under Node's worker_threads,
// behind the bridge main/ uses: it boots to a prompt, runs a typed command, sends the object
// graph's diffs, and when the worker dies the UI is told and a reset brings up a new machine.

import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { HostEvent } from '../../emulator/api/protocol';
import { spawnNodeWorker, WorkerBridge, type WorkerHandle } from '../../main/worker_bridge';

const WORKER_BOOT = fileURLToPath(new URL('./fixtures/worker_boot.mjs', import.meta.url));

describe('the machine worker under worker_threads', () => {
  it('boots, runs a command, sends graph diffs, and survives its worker dying', async () => {
    const spawn = spawnNodeWorker(WORKER_BOOT);
    const handles: WorkerHandle[] = [];
    const bridge = new WorkerBridge((cb) => {
      const h = spawn(cb);
      handles.push(h);
      return h;
    });
    const events: HostEvent[] = [];
    let console = '';
    bridge.attach((e) => {
      events.push(e);
      if (e.type === 'tty-output') console += e.data;
    });
    bridge.start();
    try {
      await expect.poll(() => console, { timeout: 60_000 }).toContain('# ');
      bridge.command({ type: 'tty-input', data: 'sleep 100 | cat &\n' });
      bridge.command({ type: 'graph-refresh' });
      const pipeNode = () =>
        events.some((e) => e.type === 'graph' && e.nodes.some((n) => n.kind === 'pipe'));
      await expect.poll(pipeNode, { timeout: 60_000 }).toBe(true);

      // The worker dies (as a crash would end it): the UI hears of it once.
      handles[0]!.terminate();
      await expect.poll(() => events.some((e) => e.type === 'status' && e.state === 'error'), { timeout: 30_000 }).toBe(true);
      const promptsBefore = console.split('# ').length;
      bridge.command({ type: 'reset' });
      expect(handles).toHaveLength(2);
      await expect.poll(() => console.split('# ').length, { timeout: 60_000 }).toBeGreaterThan(promptsBefore);
      bridge.command({ type: 'tty-input', data: 'echo again-$((6*7))\n' });
      await expect.poll(() => console, { timeout: 30_000 }).toContain('again-42');
    } finally {
      bridge.stop();
    }
  }, 180_000);
});
