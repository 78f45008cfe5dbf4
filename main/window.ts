// The main window and the hardening every web contents gets: a sandboxed renderer with no Node,
// no navigation away from the app, no new windows, no webviews, no permissions.

import { BrowserWindow } from 'electron';
import type { Session, WebContents } from 'electron';
import { APP_ENTRY_URL } from './security';

export function createMainWindow(preload: string): BrowserWindow {
  const win = new BrowserWindow({
    width: 1100,
    height: 720,
    title: 'Ringside',
    backgroundColor: '#1e1e1e',
    show: false,
    webPreferences: {
      // Reviewed (electronegativity's PRELOAD_JS_CHECK, see main/audit/electron_audit.ts): the
      // preload exposes plain functions through contextBridge, no Electron object, and main
      // checks every message's sender and content.
      preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      spellcheck: false,
      // A middle click opens links in a new window without a 'new-window' navigation: switch it off.
      disableBlinkFeatures: 'Auxclick',
    },
  });
  win.once('ready-to-show', () => win.show());
  void win.loadURL(APP_ENTRY_URL);
  return win;
}

/** For every web contents the app creates. The app is one page: it never needs to go elsewhere. */
export function lockDownWebContents(contents: WebContents): void {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** The lab needs no camera, notifications, clipboard-read or any other permission. */
export function denyPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}
