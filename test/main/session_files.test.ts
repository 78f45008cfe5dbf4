// File → Export trace… / Open session… with the dialogs and the file system mocked.

import { describe, expect, it } from 'vitest';
import { MAX_SESSION_BYTES, openSessionFile, saveSessionFile } from '../../main/session_files';
import type { SessionFileDeps } from '../../main/session_files';
import { writeSession } from '../../emulator/host/session_writer';

const SESSION = writeSession({
  created: new Date('2026-01-01T00:00:00Z'), seed: 1, boot: 1, init: null, virtualNs: 0, state: 'idle', exitStatus: null,
  transcript: '# ', transcriptDropped: 0, processes: [], events: [], lost: 0,
});

function deps(over: Partial<SessionFileDeps> = {}) {
  const written = new Map<string, string>();
  const asked: unknown[] = [];
  const d: SessionFileDeps = {
    showSaveDialog: async (o) => (asked.push(o), { canceled: false, filePath: '/home/me/run.ringside' }),
    showOpenDialog: async (o) => (asked.push(o), { canceled: false, filePaths: ['/home/me/run.ringside'] }),
    writeFile: async (p, t) => void written.set(p, t),
    fileSize: async () => SESSION.length,
    readFile: async () => SESSION,
    ...over,
  };
  return { d, written, asked };
}

describe('session files', () => {
  it('saves where the user chose, offering the suggested name and the .ringside filter', async () => {
    const { d, written, asked } = deps();
    expect(await saveSessionFile(d, 'ringside-x.ringside', SESSION)).toEqual({ saved: true, path: '/home/me/run.ringside' });
    expect(written.get('/home/me/run.ringside')).toBe(SESSION);
    expect(asked[0]).toMatchObject({ defaultPath: 'ringside-x.ringside', filters: [{ extensions: ['ringside'] }, { extensions: ['*'] }] });
  });

  it('writes nothing when the dialog is cancelled, and only session text, and never a path the page named', async () => {
    const cancelled = deps({ showSaveDialog: async () => ({ canceled: true }) });
    expect(await saveSessionFile(cancelled.d, 'a.ringside', SESSION)).toEqual({ saved: false });
    expect(cancelled.written.size).toBe(0);
    const other = deps();
    expect(await saveSessionFile(other.d, 'a.ringside', '#!/bin/sh\nrm -rf ~\n')).toMatchObject({ saved: false, error: expect.stringMatching(/not a Ringside session/) });
    expect(await saveSessionFile(other.d, 'a.ringside', 42)).toMatchObject({ saved: false });
    expect(other.written.size).toBe(0);
    await saveSessionFile(other.d, '../../etc/passwd', SESSION);
    expect(other.asked[0]).toMatchObject({ defaultPath: 'session.ringside' });
  });

  it('reports a write failure', async () => {
    const { d } = deps({ writeFile: async () => Promise.reject(Object.assign(new Error('no'), { code: 'EACCES' })) });
    expect(await saveSessionFile(d, 'a.ringside', SESSION)).toEqual({ saved: false, error: 'could not write /home/me/run.ringside: EACCES' });
  });

  it('opens the chosen file, refusing huge ones, and says when it cannot be read', async () => {
    expect(await openSessionFile(deps().d)).toEqual({ opened: true, name: 'run.ringside', text: SESSION });
    expect(await openSessionFile(deps({ showOpenDialog: async () => ({ canceled: true, filePaths: [] }) }).d)).toEqual({ opened: false });
    expect(await openSessionFile(deps({ fileSize: async () => MAX_SESSION_BYTES + 1 }).d)).toMatchObject({ opened: false, error: expect.stringMatching(/too large/) });
    const enoent = deps({ fileSize: async () => Promise.reject(Object.assign(new Error('x'), { code: 'ENOENT' })) });
    expect(await openSessionFile(enoent.d)).toEqual({ opened: false, error: 'could not read /home/me/run.ringside: ENOENT' });
  });
});
