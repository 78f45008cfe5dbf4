// Trace sessions in the UI: File → Export trace… asks the machine for its session file (an
// `export` command, answered in session-chunk events) and saves it; File → Open session… reads
// one and shows it read-only — its trace, process table and console — in place of the live
// machine, until "Back to the live machine". In Electron the native dialogs do the file part
// (window.ringside.saveSession/openSession); in a browser a download and a file input do.

import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import type { SessionChunkEvent } from '../../../emulator/api/protocol';
import { parseSession, sessionFileName } from '../../../emulator/api/session';
import type { Session } from '../../../emulator/api/session';
import type { TraceBatchEvent } from '../../../emulator/api/introspection';
import { useMachineStore } from './machine';
import { useProcessesStore } from './processes';
import { SESSION_BOOT, useTraceStore } from './trace';

export const useSessionStore = defineStore('session', () => {
  /** The session shown instead of the live machine, or null. */
  const session = shallowRef<Session | null>(null);
  const name = ref('');
  /** The last problem (a bad file, a failed save), shown in the banner until dismissed. */
  const error = ref<string | null>(null);
  /** The last thing done (e.g. where a session was saved). */
  const notice = ref<string | null>(null);
  const exporting = ref(false);
  let nextExportId = 1;

  /** The machine's session file, as its host writes it. */
  function requestSession(): Promise<string> {
    const machine = useMachineStore();
    const id = nextExportId++;
    return new Promise((resolve, reject) => {
      const parts: string[] = [];
      let received = 0;
      const stop = machine.onHostEvent((e) => {
        if (e.type !== 'session-chunk' || e.id !== id) return;
        const chunk: SessionChunkEvent = e;
        if (chunk.error !== undefined) {
          stop();
          reject(new Error(chunk.error));
          return;
        }
        parts[chunk.index] = chunk.data;
        if (++received === chunk.count) {
          stop();
          resolve(parts.join(''));
        }
      });
      machine.send({ type: 'export', id });
    });
  }

  /** File → Export trace…: the live machine's session, saved through a dialog or downloaded. */
  async function exportTrace(): Promise<void> {
    if (exporting.value) return;
    exporting.value = true;
    error.value = null;
    try {
      const text = await requestSession();
      const fileName = sessionFileName(new Date());
      const api = window.ringside;
      if (api?.saveSession) {
        const r = await api.saveSession(fileName, text);
        if (r.saved) notice.value = `Saved ${r.path}`;
        else if (r.error) error.value = r.error;
      } else {
        download(fileName, text);
        notice.value = `Downloaded ${fileName}`;
      }
    } catch (err) {
      error.value = `Export failed: ${err instanceof Error ? err.message : String(err)}`;
    } finally {
      exporting.value = false;
    }
  }

  /** Shows a session file's contents read-only; a bad file leaves the view as it was, with the reason. */
  function openText(fileName: string, text: string): boolean {
    const r = parseSession(text);
    if (!r.ok) {
      error.value = `${fileName}: ${r.error}`;
      return false;
    }
    error.value = null;
    notice.value = null;
    name.value = fileName;
    session.value = r.session;
    useTraceStore().loadSession(r.session.events as unknown as TraceBatchEvent['events'], r.session.header.counts.lost);
    useProcessesStore().loadSession(r.session.processes, SESSION_BOOT);
    return true;
  }

  /** Electron's File → Open session…: the native dialog. */
  async function openWithDialog(): Promise<void> {
    const api = window.ringside;
    if (!api?.openSession) return;
    const r = await api.openSession();
    if (r.opened) openText(r.name, r.text);
    else if (r.error) error.value = r.error;
  }

  /** The browser's file input. */
  async function openFile(file: File): Promise<void> {
    openText(file.name, await file.text());
  }

  /** Back to the live machine. */
  function leave(): void {
    if (!session.value) return;
    session.value = null;
    name.value = '';
    useTraceStore().leaveSession();
    useProcessesStore().leaveSession();
  }

  /**
   * File → New machine: a fresh boot. Anything typed since this boot is work the user may want to
   * keep (or export first), so ask before throwing it away.
   */
  function newMachine(confirm: (question: string) => boolean = (q) => window.confirm(q)): boolean {
    const machine = useMachineStore();
    if (machine.inputSinceBoot > 0 && !confirm('Start a new machine? Everything in the current one is lost (export its trace first to keep it).')) {
      return false;
    }
    leave();
    machine.reset();
    return true;
  }

  return { session, name, error, notice, exporting, requestSession, exportTrace, openText, openWithDialog, openFile, leave, newMachine };
});

/** Saves `text` as a download (the browser build's File → Export trace…). */
function download(fileName: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/x-ndjson' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Revoked later: some browsers read the URL after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
