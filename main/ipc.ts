// Wires the window's IPC to the worker bridge. Every message is checked to come from our own page
// (security.ts); the bridge then validates its content.

import { ipcMain } from 'electron';
import type { BrowserWindow, IpcMainEvent, IpcMainInvokeEvent } from 'electron';
import { IPC_CHANNELS } from '../emulator/api/bridge';
import { isTrustedSender } from './security';
import { openSessionFile, saveSessionFile } from './session_files';
import type { SessionFileDeps } from './session_files';
import type { WorkerBridge } from './worker_bridge';

export function connectBridge(win: BrowserWindow, bridge: WorkerBridge, files?: SessionFileDeps): void {
  const contents = win.webContents;
  const trusted = (event: IpcMainEvent | IpcMainInvokeEvent) =>
    isTrustedSender(
      {
        senderId: event.sender.id,
        frameUrl: event.senderFrame?.url ?? null,
        isMainFrame: event.senderFrame?.parent === null,
      },
      contents.id,
    );

  ipcMain.on(IPC_CHANNELS.command, (event, msg: unknown) => {
    if (trusted(event)) bridge.command(msg);
  });
  ipcMain.on(IPC_CHANNELS.attach, (event) => {
    if (trusted(event)) bridge.attach((hostEvent) => contents.send(IPC_CHANNELS.event, hostEvent));
  });
  // File → Export trace… / Open session…: the native dialogs (session_files.ts).
  if (files) {
    ipcMain.handle(IPC_CHANNELS.saveSession, (event, name: unknown, text: unknown) =>
      trusted(event) ? saveSessionFile(files, name, text) : { saved: false, error: 'refused' },
    );
    ipcMain.handle(IPC_CHANNELS.openSession, (event) => (trusted(event) ? openSessionFile(files) : { opened: false, error: 'refused' }));
  }
  // A reload or a crashed renderer stops listening; the next page attaches again.
  contents.on('did-start-loading', () => bridge.detach());
  contents.on('render-process-gone', () => bridge.detach());
  contents.on('destroyed', () => bridge.detach());
}
