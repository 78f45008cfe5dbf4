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
  /**
   * Desktop only (the browser build uses a download and a file input instead). Shows the native
   * save dialog, then writes `text` (a session file, session.ts) where the user chose.
   */
  saveSession?(suggestedName: string, text: string): Promise<SaveSessionResult>;
  /** Desktop only: shows the native open dialog and reads the chosen session file. */
  openSession?(): Promise<OpenSessionResult>;
  /** Desktop only: calls `cb` when an application-menu item the page acts on is chosen. */
  onMenu?(cb: (action: MenuAction) => void): () => void;
}

export type SaveSessionResult = { saved: true; path: string } | { saved: false; error?: string };
export type OpenSessionResult = { opened: true; name: string; text: string } | { opened: false; error?: string };

/** The application-menu items the page carries out (it knows whether there is work to lose). */
export type MenuAction =
  | { type: 'new-machine' }
  | { type: 'open-session' }
  | { type: 'export-trace' }
  | { type: 'show-lab'; id: string };

/** Checks a MenuAction from the main process (the page trusts its data no more than any other). */
export function isMenuAction(x: unknown): x is MenuAction {
  if (typeof x !== 'object' || x === null) return false;
  const a = x as { type?: unknown; id?: unknown };
  if (a.type === 'show-lab') return typeof a.id === 'string' && /^[a-z0-9-]{1,64}$/.test(a.id);
  return a.type === 'new-machine' || a.type === 'open-session' || a.type === 'export-trace';
}

export const IPC_CHANNELS = {
  /** renderer → main: a Command. */
  command: 'ringside:command',
  /** renderer → main: the renderer now listens; deliver (queued) events to it. */
  attach: 'ringside:attach',
  /** main → renderer: a HostEvent. */
  event: 'ringside:event',
  /** main → renderer: a MenuAction. */
  menu: 'ringside:menu',
  /** renderer → main (invoke): save a session file through the native dialog. */
  saveSession: 'ringside:save-session',
  /** renderer → main (invoke): open a session file through the native dialog. */
  openSession: 'ringside:open-session',
} as const;
