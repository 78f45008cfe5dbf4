// The application menu, as data: buildMenuTemplate is pure, so its shape is tested without Electron.

import type { MenuItemConstructorOptions } from 'electron';
import type { Command } from '../emulator/api/protocol';

export interface MenuActions {
  command(command: Command): void;
  about(): void;
}

export interface MenuOptions {
  isMac: boolean;
  /** Offer the developer tools (unpackaged builds only). */
  devTools: boolean;
}

export function buildMenuTemplate(
  actions: MenuActions,
  { isMac, devTools }: MenuOptions,
): MenuItemConstructorOptions[] {
  // A terminal needs every Ctrl+letter (Ctrl+R searches history, Ctrl+W erases a word), so outside
  // macOS, where shortcuts use Cmd, ours all add Shift.
  const key = (k: string) => (isMac ? `Cmd+${k}` : `Ctrl+Shift+${k}`);
  return [
    { label: '&File', submenu: [{ role: 'quit', accelerator: key('Q') }] },
    {
      label: '&Machine',
      submenu: [
        { label: 'Pause', accelerator: key('P'), click: () => actions.command({ type: 'pause' }) },
        { label: 'Resume', accelerator: key('U'), click: () => actions.command({ type: 'resume' }) },
        { label: 'Step One Syscall', accelerator: key('S'), click: () => actions.command({ type: 'step' }) },
        { type: 'separator' },
        { label: 'Reset', click: () => actions.command({ type: 'reset' }) },
      ],
    },
    {
      label: '&View',
      submenu: [
        { role: 'reload', accelerator: key('R') },
        ...(devTools ? [{ role: 'toggleDevTools' } as const] : []),
        { type: 'separator' },
        { role: 'resetZoom', accelerator: key('0') },
        { role: 'zoomIn', accelerator: key('=') },
        { role: 'zoomOut', accelerator: key('-') },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { label: '&Help', submenu: [{ label: 'About Ringside', click: () => actions.about() }] },
  ];
}
