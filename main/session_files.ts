// File → Export trace… and File → Open session… on the desktop: the native dialogs and the file
// system, behind an interface so the logic is tested with both mocked (test/main/session_files.test.ts).
//
// The page makes the session text (it asked the machine with an `export` command) and hands it over;
// main only asks the user where, and reads or writes that one file. The page never names a path:
// a page that went bad could otherwise read or overwrite any file the user can.

import { basename } from 'node:path';
import type { OpenSessionResult, SaveSessionResult } from '../emulator/api/bridge';
import { parseSession, SESSION_EXTENSION } from '../emulator/api/session';

/** Larger files are refused: a session holds at most the host's 256 Ki events, well under this. */
export const MAX_SESSION_BYTES = 512 << 20;

/** The few Electron and fs calls this needs (dialog.showSaveDialog / showOpenDialog, fs/promises). */
export interface SessionFileDeps {
  showSaveDialog(options: { title: string; defaultPath: string; filters: { name: string; extensions: string[] }[] }): Promise<{ canceled: boolean; filePath?: string }>;
  showOpenDialog(options: { title: string; properties: 'openFile'[]; filters: { name: string; extensions: string[] }[] }): Promise<{ canceled: boolean; filePaths: string[] }>;
  writeFile(path: string, text: string): Promise<void>;
  /** The file's size in bytes (checked before reading it whole). */
  fileSize(path: string): Promise<number>;
  readFile(path: string): Promise<string>;
}

const FILTERS = [
  { name: 'Ringside sessions', extensions: [SESSION_EXTENSION] },
  { name: 'All files', extensions: ['*'] },
];

export async function saveSessionFile(deps: SessionFileDeps, suggestedName: unknown, text: unknown): Promise<SaveSessionResult> {
  if (typeof text !== 'string' || typeof suggestedName !== 'string') return { saved: false, error: 'nothing to save' };
  // Only a session is written (a page cannot use this to drop any other content on disk).
  const parsed = parseSession(text);
  if (!parsed.ok) return { saved: false, error: `not saved: ${parsed.error}` };
  const name = basename(suggestedName).endsWith(`.${SESSION_EXTENSION}`) ? basename(suggestedName) : `session.${SESSION_EXTENSION}`;
  const choice = await deps.showSaveDialog({ title: 'Export trace', defaultPath: name, filters: FILTERS });
  if (choice.canceled || !choice.filePath) return { saved: false };
  try {
    await deps.writeFile(choice.filePath, text);
    return { saved: true, path: choice.filePath };
  } catch (err) {
    return { saved: false, error: `could not write ${choice.filePath}: ${errorText(err)}` };
  }
}

export async function openSessionFile(deps: SessionFileDeps): Promise<OpenSessionResult> {
  const choice = await deps.showOpenDialog({ title: 'Open session', properties: ['openFile'], filters: FILTERS });
  const path = choice.filePaths[0];
  if (choice.canceled || !path) return { opened: false };
  try {
    const size = await deps.fileSize(path);
    if (size > MAX_SESSION_BYTES) return { opened: false, error: `${basename(path)} is too large for a session (${size} bytes)` };
    return { opened: true, name: basename(path), text: await deps.readFile(path) };
  } catch (err) {
    return { opened: false, error: `could not read ${path}: ${errorText(err)}` };
  }
}

function errorText(err: unknown): string {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : err instanceof Error ? err.message : String(err);
}
