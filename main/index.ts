// Electron main process: app lifecycle. The pieces live next door — the window and its hardening
// (window.ts), the app:// protocol (app_protocol.ts), the machine's worker (worker_bridge.ts), IPC
// (ipc.ts) and the menu (menu.ts).

import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, dialog, Menu, protocol, session } from 'electron';
import type { BrowserWindow } from 'electron';
import labs from '../assets/labs/index.json';
import { IPC_CHANNELS } from '../emulator/api/bridge';
import type { MenuAction } from '../emulator/api/bridge';
import { createAppProtocolHandler } from './app_protocol';
import { connectBridge } from './ipc';
import { buildMenuTemplate } from './menu';
import { APP_SCHEME } from './security';
import { createMainWindow, denyPermissions, lockDownWebContents } from './window';
import { spawnNodeWorker, WorkerBridge } from './worker_bridge';

/** The build output: out/main (this file, the worker), out/preload, out/renderer. */
const outDir = fileURLToPath(new URL('..', import.meta.url));

// Before 'ready': app:// is a standard, secure scheme, like https — the page gets a real origin.
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

app.on('web-contents-created', (_event, contents) => lockDownWebContents(contents));
app.on('window-all-closed', () => app.quit());

void app.whenReady().then(() => {
  denyPermissions(session.defaultSession);
  protocol.handle(APP_SCHEME, createAppProtocolHandler(join(outDir, 'renderer')));

  // The machine boots while the window loads; the bridge holds its output until the page listens.
  const bridge = new WorkerBridge(spawnNodeWorker(join(outDir, 'main', 'worker_node.js')));
  bridge.start();
  app.on('will-quit', () => bridge.stop());

  const win = createMainWindow(join(outDir, 'preload', 'index.cjs'));
  connectBridge(win, bridge, {
    showSaveDialog: (options) => dialog.showSaveDialog(win, options),
    showOpenDialog: (options) => dialog.showOpenDialog(win, options),
    writeFile: (path, text) => writeFile(path, text, 'utf8'),
    fileSize: async (path) => (await stat(path)).size,
    readFile: (path) => readFile(path, 'utf8'),
  });

  const actions = {
    command: bridge.command.bind(bridge),
    about: () => void showAbout(win),
    page: (action: MenuAction) => win.webContents.send(IPC_CHANNELS.menu, action),
  };
  const options = { isMac: process.platform === 'darwin', devTools: !app.isPackaged, labs };
  Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate(actions, options)));
});

function showAbout(win: BrowserWindow) {
  return dialog.showMessageBox(win, {
    type: 'info',
    title: 'About Ringside',
    message: `Ringside ${app.getVersion()}`,
    detail: 'An offline lab for watching Linux user space talk to the kernel.',
  });
}
