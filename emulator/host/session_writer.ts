// Writes a trace session (the format is described in emulator/api/session.ts): the header, the
// console transcript, the process table and the trace, as JSON lines. The trace lines come from
// the same exporter as `ringside run --trace FILE` (export_jsonl.ts), so both files agree.

import type { ProcessInfo } from '../api/introspection';
import type { MachineState } from '../api/protocol';
import { SESSION_FORMAT, SESSION_VERSION } from '../api/session';
import type { SessionHeader } from '../api/session';
import type { TraceEvent } from '../trace/events';
import { traceToJsonLines } from '../trace/export_jsonl';

/** The version the app reports (package.json's), written into each session's header. */
export const APP_VERSION = 'ringside 0.1.0';

export interface SessionContents {
  created: Date;
  seed: number | null;
  boot: number;
  init: string[] | null;
  virtualNs: number;
  state: MachineState;
  exitStatus: number | null;
  transcript: string;
  transcriptDropped: number;
  processes: readonly ProcessInfo[];
  events: readonly TraceEvent[];
  /** Events the writer no longer had. */
  lost: number;
}

export function writeSession(c: SessionContents): string {
  // Context switches are left out, as the UI's trace leaves them out: most of a busy machine's
  // events, and not part of any process's story.
  const events = c.events.filter((e) => e.kind !== 'switch');
  const header: SessionHeader = {
    format: SESSION_FORMAT,
    version: SESSION_VERSION,
    app: APP_VERSION,
    created: c.created.toISOString(),
    machine: {
      seed: c.seed,
      boot: c.boot,
      init: c.init,
      virtualNs: c.virtualNs,
      state: c.state,
      exitStatus: c.exitStatus,
    },
    counts: { events: events.length, lost: c.lost, transcriptDropped: c.transcriptDropped },
  };
  return (
    JSON.stringify(header) +
    '\n' +
    JSON.stringify({ transcript: c.transcript }) +
    '\n' +
    JSON.stringify({ processes: c.processes }) +
    '\n' +
    traceToJsonLines(events)
  );
}

/**
 * The console output kept for the next export: the last `limit` bytes (latin1 chars). A long
 * session keeps its end, which is what a reader looks at first.
 */
export class Transcript {
  private parts: string[] = [];
  private length = 0;
  dropped = 0;

  constructor(readonly limit = 4 << 20) {}

  append(data: string): void {
    this.parts.push(data);
    this.length += data.length;
    if (this.length > this.limit * 2) this.compact();
  }

  private compact(): void {
    const all = this.parts.join('');
    const cut = Math.max(0, all.length - this.limit);
    this.dropped += cut;
    this.parts = [all.slice(cut)];
    this.length = all.length - cut;
  }

  text(): string {
    if (this.length > this.limit) this.compact();
    return this.parts.join('');
  }

  clear(): void {
    this.parts = [];
    this.length = 0;
    this.dropped = 0;
  }
}

/** A session's text in pieces of at most `size` chars, for messages that must stay small. */
export function chunkText(text: string, size: number): string[] {
  if (text.length === 0) return [''];
  const chunks: string[] = [];
  for (let i = 0; i < text.length; i += size) chunks.push(text.slice(i, i + size));
  return chunks;
}
