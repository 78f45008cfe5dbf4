// Trace export as strace text: the decoded syscalls of the machine-wide trace laid out the way
// `strace -f -o FILE` lays out its file — every line prefixed with the thread id in five columns,
// a call interrupted by another thread's line split into `<unfinished ...>` and
// `<... name resumed>`, `--- SIGCHLD {…} ---` when a signal is delivered, and `+++ exited with N +++`
// when a thread ends. The text comes from the kernel's decoding (TraceRing.decode), which is the
// decoder strace itself uses.

import { syscallDisplayName, syscallSignature } from '../uapi/syscall_signatures';
import type { SysEnterEvent, TraceEvent } from './events';
import { alignLine, formatExitLine } from './decode';

export interface StraceExportOptions {
  /** Only these thread ids (default: every one). */
  tids?: ReadonlySet<number>;
  /** Prefix each line with the tid (`strace -f -o`); without, lines are bare (`strace -o`). */
  pidPrefix?: boolean;
}

/** Lines of strace text for the syscall events of `events` (decoded with TraceRing.decode on). */
export function traceToStrace(events: readonly TraceEvent[], opts: StraceExportOptions = {}): string {
  const prefixOf = (tid: number) => (opts.pidPrefix ?? true ? `${String(tid).padEnd(5)} ` : '');
  const pending = new Map<number, SysEnterEvent>();
  /** The tid whose call was printed without its end, waiting for `<... resumed>`. */
  const unfinished = new Set<number>();
  let lastTid = -1;
  const lines: string[] = [];
  /** Threads with decoded calls: only they get an exit line. */
  const decoded = new Set<number>();

  /** Another thread's line is about to interrupt: the pending call so far ends in `<unfinished ...>`. */
  const interrupt = (tid: number) => {
    if (lastTid === tid || lastTid < 0) return;
    const enter = pending.get(lastTid);
    if (enter && !unfinished.has(lastTid)) {
      lines.push(`${prefixOf(lastTid)}${enter.text} <unfinished ...>`);
      unfinished.add(lastTid);
    }
  };

  for (const e of events) {
    if (opts.tids && !opts.tids.has(e.tid)) continue;
    switch (e.kind) {
      case 'sys_enter': {
        if (e.text === undefined) continue;
        decoded.add(e.tid);
        interrupt(e.tid);
        pending.set(e.tid, e);
        // A call that never returns (exit, exit_group) ends here with `= ?`.
        if (syscallSignature(e.nr)?.ret === 'none') {
          pending.delete(e.tid);
          lines.push(alignLine(`${prefixOf(e.tid)}${e.text})`, '= ?'));
        }
        lastTid = e.tid;
        break;
      }
      case 'sys_exit': {
        const enter = pending.get(e.tid);
        if (!enter || e.text === undefined || e.retText === undefined) continue;
        interrupt(e.tid);
        pending.delete(e.tid);
        const head = unfinished.delete(e.tid) ? `<... ${syscallDisplayName(e.nr)} resumed>` : enter.text;
        lines.push(alignLine(`${prefixOf(e.tid)}${head}${e.text}`, e.retText));
        lastTid = e.tid;
        break;
      }
      case 'signal_deliver': {
        if (e.text === undefined || !decoded.has(e.tid)) continue;
        interrupt(e.tid);
        lines.push(`${prefixOf(e.tid)}${e.text}`);
        lastTid = e.tid;
        break;
      }
      case 'exit': {
        if (!decoded.has(e.tid)) continue;
        interrupt(e.tid);
        // Killed in the middle of a call: strace closes it with `= ?`.
        const enter = pending.get(e.tid);
        if (enter) {
          pending.delete(e.tid);
          const head = unfinished.delete(e.tid) ? '' : `${enter.text} `;
          lines.push(alignLine(`${prefixOf(e.tid)}${head}<unfinished ...>)`, '= ?'));
        }
        lines.push(`${prefixOf(e.tid)}${formatExitLine(e.status)}`);
        lastTid = e.tid;
        break;
      }
      default:
    }
  }
  return lines.length ? lines.join('\n') + '\n' : '';
}

