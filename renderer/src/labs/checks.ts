// Evaluating a lab step's check against the state the UI holds. Scans are incremental: a check
// remembers how far into the trace table it has looked, so a lab stays cheap with a million rows.

import type { ProcessInfo } from '../../../emulator/api/introspection';
import type { TraceRow } from '../trace/table';
import type { LabCheck } from './lab';

/** The live state a check may look at. */
export interface LabWorld {
  /** Trace rows so far (the table's length and a row reader). */
  traceLength: number;
  traceRow(i: number): TraceRow;
  processes: Iterable<ProcessInfo>;
  /** The console output seen since the lab was opened, escape sequences removed. */
  terminal: string;
}

/** One check's progress: how far it has scanned, and the calls it saw that had not returned yet. */
export interface CheckState {
  scanned: number;
  pending: number[];
}

export const freshCheckState = (): CheckState => ({ scanned: 0, pending: [] });

export function evaluateCheck(check: LabCheck, world: LabWorld, state: CheckState): boolean {
  switch (check.kind) {
    case 'syscall':
    case 'exit': {
      if (state.scanned > world.traceLength) {
        // The table was replaced (a reset): look again from the start.
        state.scanned = 0;
        state.pending = [];
      }
      const stillPending: number[] = [];
      for (const i of state.pending) {
        const verdict = rowMatches(check, world.traceRow(i));
        if (verdict === true) return true;
        if (verdict === 'pending') stillPending.push(i);
      }
      for (let i = state.scanned; i < world.traceLength; i++) {
        const verdict = rowMatches(check, world.traceRow(i));
        state.scanned = i + 1;
        if (verdict === true) return true;
        if (verdict === 'pending') stillPending.push(i);
      }
      state.pending = stillPending;
      return false;
    }
    case 'process':
      for (const p of world.processes) {
        if (p.comm !== check.comm || p.state === 'Z') continue;
        if (check.fdTarget === undefined || p.fds.some((fd) => fd.target.includes(check.fdTarget!))) return true;
      }
      return false;
    case 'terminal':
      return new RegExp(check.pattern, 'm').test(world.terminal);
  }
}

/** true: this row satisfies the check · 'pending': it might, once the call returns · false. */
function rowMatches(check: LabCheck, row: TraceRow): boolean | 'pending' {
  if (check.kind === 'exit') return row.kind === 'exit' && row.comm === check.comm;
  if (check.kind !== 'syscall' || row.kind !== 'syscall' || row.name !== check.name) return false;
  if (check.argsInclude !== undefined && !row.argsText.includes(check.argsInclude)) return false;
  if (check.comm !== undefined && row.comm !== check.comm && row.comm !== '?') return false;
  if (row.ret === null) return 'pending';
  if (check.comm !== undefined && row.comm !== check.comm) return false;
  if (check.retAtLeast !== undefined && row.ret < check.retAtLeast) return false;
  switch (check.result ?? 'any') {
    case 'ok':
      return !row.failed;
    case 'error':
      return row.failed;
    case 'zero':
      return row.ret === 0;
    case 'any':
      return true;
  }
}

/** Console output as text: CSI and OSC escape sequences and carriage returns removed. */
export function stripEscapes(s: string): string {
  return s.replace(/\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(\x07|\x1b\\)|\x1b[()][0-9A-B]|\x1b[=>78]|\r/g, '');
}
