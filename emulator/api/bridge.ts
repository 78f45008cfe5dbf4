// What the desktop shell exposes to the renderer as `window.ringside` (preload/index.ts), and the
// Electron IPC channel names behind it. The browser build implements the same interface over a
// Web Worker, so the renderer talks to one API wherever the machine runs.

import type { Command, HostEvent } from './protocol';

export interface RingsideApi {
  /** Sends a command to the machine host. */
  send(command: Command): void;
  /**
   * Calls `cb` for every event from the host; returns a function that stops doing so. Events start
   * flowing when the first listener is added, so nothing the machine prints before that is lost.
   */
  onEvent(cb: (event: HostEvent) => void): () => void;
}

export const IPC_CHANNELS = {
  /** renderer → main: a Command. */
  command: 'ringside:command',
  /** renderer → main: the renderer now listens; deliver (queued) events to it. */
  attach: 'ringside:attach',
  /** main → renderer: a HostEvent. */
  event: 'ringside:event',
} as const;
