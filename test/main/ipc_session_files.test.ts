// The session-file handlers connectBridge registers (ipcMain.handle), with Electron mocked: only
// our page may open the dialogs.

import { ipcMain } from 'electron';
import { EventEmitter } from 'node:events';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { IPC_CHANNELS } from '../../emulator/api/bridge';
import { writeSession } from '../../emulator/host/session_writer';
import { connectBridge } from '../../main/ipc';
import type { SessionFileDeps } from '../../main/session_files';
import { WorkerBridge } from '../../main/worker_bridge';

type Handler = (event: unknown, ...args: unknown[]) => unknown;

vi.mock('electron', async () => {
  const { EventEmitter } = await import('node:events');
  const handlers = new Map<string, Handler>();
  return {
    ipcMain: Object.assign(new EventEmitter(), {
      handlers,
      handle: (channel: string, fn: Handler) => void handlers.set(channel, fn),
    }),
  };
});

const handlers = (ipcMain as unknown as { handlers: Map<string, Handler> }).handlers;
const WINDOW_ID = 3;
const SESSION = writeSession({
  created: new Date(0), seed: 1, boot: 1, init: null, virtualNs: 0, state: 'idle', exitStatus: null,
  transcript: '', transcriptDropped: 0, processes: [], events: [], lost: 0,
});

function setup() {
  const dialogs: string[] = [];
  const files: SessionFileDeps = {
    showSaveDialog: async () => (dialogs.push('save'), { canceled: false, filePath: '/tmp/x.ringside' }),
    showOpenDialog: async () => (dialogs.push('open'), { canceled: false, filePaths: ['/tmp/x.ringside'] }),
    writeFile: async () => {},
    fileSize: async () => 10,
    readFile: async () => SESSION,
  };
  const bridge = new WorkerBridge(() => ({ postMessage: () => {}, terminate: () => {} }));
  const contents = Object.assign(new EventEmitter(), { id: WINDOW_ID, send: () => {} });
  connectBridge({ webContents: contents } as never, bridge, files);
  return { dialogs };
}

const from = (url: string, senderId = WINDOW_ID) => ({ sender: { id: senderId }, senderFrame: { url, parent: null } });

beforeEach(() => handlers.clear());

describe('session-file IPC', () => {
  it('lets our page save and open through the dialogs', async () => {
    const { dialogs } = setup();
    const page = from('app://ringside/index.html');
    expect(await handlers.get(IPC_CHANNELS.saveSession)!(page, 'a.ringside', SESSION)).toEqual({ saved: true, path: '/tmp/x.ringside' });
    expect(await handlers.get(IPC_CHANNELS.openSession)!(page)).toEqual({ opened: true, name: 'x.ringside', text: SESSION });
    expect(dialogs).toEqual(['save', 'open']);
  });

  it('refuses other origins and other windows without showing a dialog', async () => {
    const { dialogs } = setup();
    for (const event of [from('https://evil.example/'), from('app://ringside/index.html', 99)]) {
      expect(await handlers.get(IPC_CHANNELS.saveSession)!(event, 'a.ringside', SESSION)).toEqual({ saved: false, error: 'refused' });
      expect(await handlers.get(IPC_CHANNELS.openSession)!(event)).toEqual({ opened: false, error: 'refused' });
    }
    expect(dialogs).toEqual([]);
  });
});
