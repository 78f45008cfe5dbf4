// Trace export as JSON lines: one event per line, with the syscall's name next to its number.

import { syscallDisplayName } from '../uapi/syscall_signatures';
import type { TraceEvent } from './events';

export function traceToJsonLines(events: readonly TraceEvent[]): string {
  let out = '';
  for (const e of events) {
    const named = e.kind === 'sys_enter' || e.kind === 'sys_exit' ? { ...e, name: syscallDisplayName(e.nr) } : e;
    out += JSON.stringify(named) + '\n';
  }
  return out;
}
