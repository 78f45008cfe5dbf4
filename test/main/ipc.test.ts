// connectBridge with Electron mocked: ipcMain is a plain EventEmitter, the window a stub.

import { EventEmitter } from 'node:events';
import { ipcMain } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { IPC_CHANNELS } from '../../emulator/api/bridge';
import type { HostEvent } from '../../emulator/api/protocol';
import { connectBridge } from '../../main/ipc';
import { WorkerBridge } from '../../main/worker_bridge';
import type { WorkerCallbacks } from '../../main/worker_bridge';

vi.mock('electron', async () => {
  const { EventEmitter } = await import('node:events');
  return { ipcMain: new EventEmitter() };
});

const WINDOW_ID = 7;

function setup() {
  const posted: unknown[] = [];
  let worker: WorkerCallbacks | null = null;
  const bridge = new WorkerBridge((callbacks) => {
    worker = callbacks;
    return { postMessage: (m) => void posted.push(m), terminate: () => {} };
  });
  bridge.start();
  const fromWorker = (event: HostEvent) => worker?.onMessage(event);
  const sent: HostEvent[] = [];
  const contents = Object.assign(new EventEmitter(), {
    id: WINDOW_ID,
    send: (channel: string, event: HostEvent) => {
      expect(channel).toBe(IPC_CHANNELS.event);
      sent.push(event);
    },
  });
  connectBridge({ webContents: contents } as never, bridge);
  return { fromWorker, posted, sent, contents };
}

/** An IPC event as Electron builds it, from a frame of a web contents. */
function ipcEvent({ senderId = WINDOW_ID, url = 'app://ringside/index.html', mainFrame = true } = {}) {
  return { sender: { id: senderId }, senderFrame: { url, parent: mainFrame ? null : {} } };
}

beforeEach(() => ipcMain.removeAllListeners());

describe('connectBridge', () => {
  it('relays commands from our page to the worker', () => {
    const { posted } = setup();
    ipcMain.emit(IPC_CHANNELS.command, ipcEvent(), { type: 'pause' });
    expect(posted).toEqual([{ type: 'pause' }]);
  });

  it.each([
    ['another window', { senderId: 8 }],
    ['another origin', { url: 'https://example.com/' }],
    ['a file:// page', { url: 'file:///etc/passwd' }],
    ['a subframe', { mainFrame: false }],
  ])('ignores commands from %s', (_what, from) => {
    const { posted } = setup();
    ipcMain.emit(IPC_CHANNELS.command, ipcEvent(from), { type: 'pause' });
    expect(posted).toEqual([]);
  });

  it('delivers events once the page attaches, and queues them across a reload', () => {
    const { fromWorker, sent, contents } = setup();
    const out = (data: string): HostEvent => ({ type: 'tty-output', data });
    fromWorker(out('early'));
    ipcMain.emit(IPC_CHANNELS.attach, ipcEvent({ url: 'https://evil.example/' }));
    expect(sent).toEqual([]);
    ipcMain.emit(IPC_CHANNELS.attach, ipcEvent());
    expect(sent).toEqual([out('early')]);

    contents.emit('did-start-loading');
    fromWorker(out('during reload'));
    expect(sent).toHaveLength(1);
    ipcMain.emit(IPC_CHANNELS.attach, ipcEvent());
    expect(sent).toEqual([out('early'), out('during reload')]);
  });
});
