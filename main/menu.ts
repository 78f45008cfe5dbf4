// The application menu, as data: buildMenuTemplate is pure, so its shape is tested without Electron.

import type { MenuItemConstructorOptions } from 'electron';
import type { MenuAction } from '../emulator/api/bridge';
import type { Command } from '../emulator/api/protocol';

export interface MenuActions {
  command(command: Command): void;
  about(): void;
  /** An item the page carries out (it knows the session and whether there is work to lose). */
  page(action: MenuAction): void;
}

export interface MenuOptions {
  isMac: boolean;
  /** Offer the developer tools (unpackaged builds only). */
  devTools: boolean;
  /** The guided labs (assets/labs/index.json), listed under Help → Labs. */
  labs?: readonly { id: string; title: string }[];
}

export function buildMenuTemplate(
  actions: MenuActions,
  { isMac, devTools, labs = [] }: MenuOptions,
): MenuItemConstructorOptions[] {
  // A terminal needs every Ctrl+letter (Ctrl+R searches history, Ctrl+W erases a word), so outside
  // macOS, where shortcuts use Cmd, ours all add Shift.
  const key = (k: string) => (isMac ? `Cmd+${k}` : `Ctrl+Shift+${k}`);
  return [
    {
      label: '&File',
      submenu: [
        { label: 'New Machine', accelerator: key('N'), click: () => actions.page({ type: 'new-machine' }) },
        { label: 'Open Session…', accelerator: key('O'), click: () => actions.page({ type: 'open-session' }) },
        { label: 'Export Trace…', accelerator: key('E'), click: () => actions.page({ type: 'export-trace' }) },
        { type: 'separator' },
        { role: 'quit', accelerator: key('Q') },
      ],
    },
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
    {
      label: '&Help',
      submenu: [
        {
          label: 'Labs',
          submenu: labs.map((lab) => ({ label: lab.title, click: () => actions.page({ type: 'show-lab', id: lab.id }) })),
          enabled: labs.length > 0,
        },
        { type: 'separator' },
        { label: 'About Ringside', click: () => actions.about() },
      ],
    },
  ];
}
