// The preload script: the renderer's only door to the main process. It runs sandboxed, before the
// page, and exposes `window.ringside` (emulator/api/bridge.ts) through contextBridge — plain
// functions and plain data only, so no Electron object (ipcRenderer, events) reaches the page.

import { contextBridge, ipcRenderer } from 'electron';
import type { IpcRendererEvent } from 'electron';
import { IPC_CHANNELS } from '../emulator/api/bridge';
import { isMenuAction } from '../emulator/api/bridge';
import type { MenuAction, OpenSessionResult, RingsideApi, SaveSessionResult } from '../emulator/api/bridge';
import type { Command, HostEvent } from '../emulator/api/protocol';

const api: RingsideApi = {
  send(command: Command) {
    ipcRenderer.send(IPC_CHANNELS.command, command);
  },
  onEvent(cb: (event: HostEvent) => void) {
    const listener = (_event: IpcRendererEvent, hostEvent: HostEvent) => cb(hostEvent);
    ipcRenderer.on(IPC_CHANNELS.event, listener);
    // Ask main for the events, including those queued before the page was listening.
    ipcRenderer.send(IPC_CHANNELS.attach);
    return () => void ipcRenderer.removeListener(IPC_CHANNELS.event, listener);
  },
  saveSession(suggestedName: string, text: string): Promise<SaveSessionResult> {
    return ipcRenderer.invoke(IPC_CHANNELS.saveSession, suggestedName, text) as Promise<SaveSessionResult>;
  },
  openSession(): Promise<OpenSessionResult> {
    return ipcRenderer.invoke(IPC_CHANNELS.openSession) as Promise<OpenSessionResult>;
  },
  onMenu(cb: (action: MenuAction) => void) {
    const listener = (_event: IpcRendererEvent, action: unknown) => {
      if (isMenuAction(action)) cb(action);
    };
    ipcRenderer.on(IPC_CHANNELS.menu, listener);
    return () => void ipcRenderer.removeListener(IPC_CHANNELS.menu, listener);
  },
};

contextBridge.exposeInMainWorld('ringside', api);
