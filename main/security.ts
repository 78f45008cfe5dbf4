// Who the main process listens to. The renderer is loaded from app://ringside/ (see
// app_protocol.ts); only its main frame may send IPC — never a subframe, never another origin.

export const APP_SCHEME = 'app';
export const APP_HOST = 'ringside';
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

export interface IpcSender {
  /** webContents id of the sender. */
  senderId: number;
  /** URL of the frame that sent the message (null if the frame is gone). */
  frameUrl: string | null;
  /** Whether that frame is the page's top-level frame. */
  isMainFrame: boolean;
}

/** True if an IPC message comes from our window's own page. */
export function isTrustedSender(sender: IpcSender, windowId: number): boolean {
  return sender.senderId === windowId && sender.isMainFrame && isAppUrl(sender.frameUrl);
}

export function isAppUrl(url: string | null): boolean {
  if (url === null) return false;
  try {
    const u = new URL(url);
    return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST;
  } catch {
    return false;
  }
}
