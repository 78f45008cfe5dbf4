// The trace as the trace view holds it: one row per system call (entry and exit joined, as strace
// prints a line) or per lifecycle event (fork, exec, exit, reap, signal, fault, vDSO call).
//
// Built to hold a million rows without the UI slowing down: numbers live in typed-array columns
// grown in fixed-size chunks (no per-row objects, nothing reactive — Vue only sees a version
// counter), strings in plain arrays. Filtering makes an index of the matching rows (Int32Array),
// extended as rows arrive instead of rescanned.

import type { TraceEvent } from '../../../emulator/api/syscall_info';
import { syscallDisplayName } from '../../../emulator/api/syscall_info';

export const KIND = {
  syscall: 0, fork: 1, exec: 2, exit: 3, reap: 4, signal_generate: 5, signal_deliver: 6, fault: 7, vdso: 8,
} as const;
export type RowKind = keyof typeof KIND;
const KIND_NAMES = Object.keys(KIND) as RowKind[];

/** Rows per chunk: 64 Ki rows, so a million rows are 16 chunks per column. */
const CHUNK_BITS = 16;
const CHUNK = 1 << CHUNK_BITS;
const MASK = CHUNK - 1;

/** A growable column of numbers, in chunks. */
class Column<A extends Float64Array | Int32Array | Uint8Array> {
  private readonly chunks: A[] = [];
  constructor(private readonly make: (n: number) => A) {}
  get(i: number): number {
    return this.chunks[i >>> CHUNK_BITS]?.[i & MASK] ?? 0;
  }
  set(i: number, v: number): void {
    const c = i >>> CHUNK_BITS;
    while (this.chunks.length <= c) this.chunks.push(this.make(CHUNK));
    this.chunks[c]![i & MASK] = v;
  }
}

/** What the detail pane shows of one row. */
export interface TraceRow {
  index: number;
  seq: number;
  kind: RowKind;
  ts: number;
  pid: number;
  tid: number;
  /** Syscall number (syscall rows), or the signal number (signal rows); -1 otherwise. */
  nr: number;
  name: string;
  /** The six argument registers at entry (syscall rows). */
  args: number[];
  /** rax at exit; null while the call has not returned. */
  ret: number | null;
  /** The command name of the process when the event happened ('?' if not known yet). */
  comm: string;
  /** Virtual ns from entry to exit; null while unfinished. */
  durationNs: number | null;
  /** The decoded arguments, as strace prints them between the parentheses. */
  argsText: string;
  /** The result as strace prints it (`= 3`, `= -1 ENOENT (…)`) or the event's description. */
  resultText: string;
  failed: boolean;
}

export interface TraceFilter {
  pid: number | null;
  /** Syscall names to keep (empty: all). */
  names: ReadonlySet<string>;
  /** Syscall numbers of the chosen class, or null for every class. */
  classNrs: ReadonlySet<number> | null;
  failedOnly: boolean;
  /** Include lifecycle/signal/fault/vdso rows (they have no syscall, so name/class filters drop them). */
  events: boolean;
}

export const NO_FILTER: TraceFilter = { pid: null, names: new Set(), classNrs: null, failedOnly: false, events: true };

/** A failed call: -4095..-1 is an errno (Linux's IS_ERR_VALUE). */
export const isErrorReturn = (ret: number) => ret < 0 && ret >= -4095;

export class TraceTable {
  private readonly seq = new Column((n) => new Float64Array(n));
  private readonly ts = new Column((n) => new Float64Array(n));
  private readonly dur = new Column((n) => new Float64Array(n));
  private readonly ret = new Column((n) => new Float64Array(n));
  private readonly args = new Column((n) => new Float64Array(n));
  private readonly pid = new Column((n) => new Int32Array(n));
  private readonly tid = new Column((n) => new Int32Array(n));
  private readonly nr = new Column((n) => new Int32Array(n));
  private readonly kind = new Column((n) => new Uint8Array(n));
  /** The comm at the time of the row, as an index into `comms`. */
  private readonly commId = new Column((n) => new Int32Array(n));
  private readonly comms: string[] = ['?'];
  private readonly commIndex = new Map<string, number>([['?', 0]]);
  /** What each pid is called now: from process snapshots (setComm), forks and execs. */
  private readonly commOf = new Map<number, number>();
  /** 1: has returned (syscall rows). */
  private readonly done = new Column((n) => new Uint8Array(n));
  private readonly argsText: string[] = [];
  private readonly resultText: string[] = [];
  /** Rows of calls still running, by thread: the exit joins the row its entry made. */
  private readonly open = new Map<number, number>();
  /** Per syscall number: calls, failures, total virtual ns. */
  readonly summary = new Map<number, { calls: number; errors: number; totalNs: number }>();
  length = 0;
  /** Events lost between batches (the host's log wrapped before we asked). */
  lost = 0;

  private filter: TraceFilter = NO_FILTER;
  private matches = new Int32Array(1024);
  private matchCount = 0;
  /** Rows up to here have been tested against the filter (a row still open may change: see add). */
  private filtered = 0;

  /** Adds a batch of events in seq order. */
  addEvents(events: readonly TraceEvent[]): void {
    for (const e of events) this.addEvent(e);
    this.extendMatches();
  }

  private addEvent(e: TraceEvent): void {
    if (e.kind === 'switch') return;
    if (e.kind === 'sys_exit') {
      const row = this.open.get(e.tid);
      if (row !== undefined && this.nr.get(row) === e.nr) {
        this.open.delete(e.tid);
        this.finish(row, e.ret, e.ts, e.text, e.retText);
        return;
      }
      // An exit whose entry we never saw (it was lost): a row of its own.
      const i = this.push(e.seq, KIND.syscall, e.ts, e.pid, e.tid, e.nr, '', '');
      this.finish(i, e.ret, e.ts, e.text, e.retText);
      this.dur.set(i, -1);
      return;
    }
    switch (e.kind) {
      case 'sys_enter': {
        const name = syscallDisplayName(e.nr);
        const i = this.push(e.seq, KIND.syscall, e.ts, e.pid, e.tid, e.nr, entryArgs(e.text, name, e.args), '');
        for (let a = 0; a < 6; a++) this.args.set(i * 6 + a, e.args[a] ?? 0);
        this.dur.set(i, -1);
        // A thread has one call at a time: an older open row never got its exit (exit, execve).
        this.open.set(e.tid, i);
        break;
      }
      case 'fork':
        // The child starts as a copy of its parent, name included.
        this.commOf.set(e.child, this.commOf.get(e.pid) ?? 0);
        this.push(e.seq, KIND.fork, e.ts, e.pid, e.tid, -1, `child ${e.child}`, `flags 0x${e.flags.toString(16)}`);
        break;
      case 'exec':
        // execve names the process after the file's basename, cut to 15 bytes (TASK_COMM_LEN - 1).
        this.commOf.set(e.pid, this.intern((e.path.split('/').pop() ?? '').slice(0, 15)));
        this.push(e.seq, KIND.exec, e.ts, e.pid, e.tid, -1, `${e.path} [${e.argv.map((a) => JSON.stringify(a)).join(', ')}]`, '');
        break;
      case 'exit':
        this.push(e.seq, KIND.exit, e.ts, e.pid, e.tid, -1, describeWaitStatus(e.status), '');
        break;
      case 'reap':
        this.push(e.seq, KIND.reap, e.ts, e.pid, e.tid, -1, `child ${e.child}`, '');
        break;
      case 'signal_generate':
        this.push(e.seq, KIND.signal_generate, e.ts, e.pid, e.tid, e.sig, `to ${e.target}`, `code ${e.code}`);
        break;
      case 'signal_deliver': {
        const how = e.target === 0 ? 'default action' : e.target === 1 ? 'ignored' : `handler 0x${e.target.toString(16)}`;
        this.push(e.seq, KIND.signal_deliver, e.ts, e.pid, e.tid, e.sig, e.text ?? '', how);
        break;
      }
      case 'fault':
        this.push(e.seq, KIND.fault, e.ts, e.pid, e.tid, -1, `0x${e.addr.toString(16)} ${e.write ? 'write' : 'read'}`, e.result);
        break;
      case 'vdso':
        this.push(e.seq, KIND.vdso, e.ts, e.pid, e.tid, -1, e.name, 'no kernel entry');
        break;
    }
  }

  private push(seq: number, kind: number, ts: number, pid: number, tid: number, nr: number, args: string, result: string): number {
    const i = this.length++;
    this.seq.set(i, seq);
    this.kind.set(i, kind);
    this.ts.set(i, ts);
    this.pid.set(i, pid);
    this.tid.set(i, tid);
    this.nr.set(i, nr);
    this.commId.set(i, this.commOf.get(pid) ?? 0);
    this.done.set(i, kind === KIND.syscall ? 0 : 1);
    this.argsText[i] = args;
    this.resultText[i] = result;
    return i;
  }

  private finish(i: number, ret: number, ts: number, exitText: string | undefined, retText: string | undefined): void {
    this.done.set(i, 1);
    this.ret.set(i, ret);
    const d = ts - this.ts.get(i);
    this.dur.set(i, d);
    this.argsText[i] = joinExitText(this.argsText[i]!, exitText);
    this.resultText[i] = retText ?? `= ${ret}`;
    const nr = this.nr.get(i);
    let s = this.summary.get(nr);
    if (!s) this.summary.set(nr, (s = { calls: 0, errors: 0, totalNs: 0 }));
    s.calls++;
    if (isErrorReturn(ret)) s.errors++;
    s.totalNs += d;
    // A finished call may now pass a failures-only filter it did not pass while running.
    if (this.filter.failedOnly && i < this.filtered && isErrorReturn(ret) && this.accepts(i)) this.insertMatch(i);
  }

  /** What `pid` is called from now on (a process snapshot, or a prctl(PR_SET_NAME) seen there). */
  setComm(pid: number, comm: string): void {
    this.commOf.set(pid, this.intern(comm));
  }

  private intern(comm: string): number {
    let id = this.commIndex.get(comm);
    if (id === undefined) {
      id = this.comms.length;
      this.comms.push(comm);
      this.commIndex.set(comm, id);
    }
    return id;
  }

  row(i: number): TraceRow {
    const kind = KIND_NAMES[this.kind.get(i)]!;
    const nr = this.nr.get(i);
    const done = this.done.get(i) === 1;
    const isCall = kind === 'syscall';
    const ret = isCall && done ? this.ret.get(i) : null;
    const dur = this.dur.get(i);
    const args: number[] = [];
    if (isCall) for (let a = 0; a < 6; a++) args.push(this.args.get(i * 6 + a));
    return {
      index: i,
      seq: this.seq.get(i),
      kind,
      ts: this.ts.get(i),
      pid: this.pid.get(i),
      tid: this.tid.get(i),
      nr,
      name: isCall ? syscallDisplayName(nr) : kind,
      comm: this.comms[this.commId.get(i)]!,
      args,
      ret,
      durationNs: isCall && done && dur >= 0 ? dur : null,
      argsText: this.argsText[i]!,
      resultText: isCall && !done ? '<unfinished …>' : this.resultText[i]!,
      failed: ret !== null && isErrorReturn(ret),
    };
  }

  // ---- filtering -------------------------------------------------------------------------------

  setFilter(f: TraceFilter): void {
    this.filter = f;
    this.matchCount = 0;
    this.filtered = 0;
    this.extendMatches();
  }

  get filterIsEmpty(): boolean {
    const f = this.filter;
    return f.pid === null && f.names.size === 0 && f.classNrs === null && !f.failedOnly && f.events;
  }

  /** How many rows pass the filter. */
  get matchLength(): number {
    return this.filterIsEmpty ? this.length : this.matchCount;
  }

  /** The row index of the n-th row passing the filter. */
  match(n: number): number {
    return this.filterIsEmpty ? n : this.matches[n]!;
  }

  private accepts(i: number): boolean {
    const f = this.filter;
    if (f.pid !== null && this.pid.get(i) !== f.pid) return false;
    const isCall = this.kind.get(i) === KIND.syscall;
    if (!isCall) return f.events && f.names.size === 0 && f.classNrs === null && !f.failedOnly;
    const nr = this.nr.get(i);
    if (f.classNrs !== null && !f.classNrs.has(nr)) return false;
    if (f.names.size > 0 && !f.names.has(syscallDisplayName(nr))) return false;
    if (f.failedOnly && !(this.done.get(i) === 1 && isErrorReturn(this.ret.get(i)))) return false;
    return true;
  }

  private extendMatches(): void {
    if (this.filterIsEmpty) {
      this.filtered = this.length;
      return;
    }
    for (let i = this.filtered; i < this.length; i++) if (this.accepts(i)) this.appendMatch(i);
    this.filtered = this.length;
  }

  private appendMatch(i: number): void {
    if (this.matchCount === this.matches.length) {
      const bigger = new Int32Array(this.matches.length * 2);
      bigger.set(this.matches);
      this.matches = bigger;
    }
    this.matches[this.matchCount++] = i;
  }

  /** Insert out of order (a call that failed after later rows were matched). */
  private insertMatch(i: number): void {
    this.appendMatch(i);
    let k = this.matchCount - 1;
    while (k > 0 && this.matches[k - 1]! > i) {
      this.matches[k] = this.matches[k - 1]!;
      k--;
    }
    this.matches[k] = i;
  }

  /** The first row at or after virtual time… (not needed yet); the row with this seq, or -1. */
  indexOfSeq(seq: number): number {
    let lo = 0;
    let hi = this.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.seq.get(mid) < seq) lo = mid + 1;
      else hi = mid;
    }
    return lo < this.length && this.seq.get(lo) === seq ? lo : -1;
  }
}

/** The entry's decoded arguments without `name(`; raw hex registers when the kernel did not decode. */
function entryArgs(text: string | undefined, name: string, args: readonly number[]): string {
  if (text === undefined) return args.map((a) => '0x' + a.toString(16)).join(', ');
  return text.startsWith(name + '(') ? text.slice(name.length + 1) : text;
}

/** The exit's part (`"data", 5)`) appended, and the closing parenthesis dropped. */
function joinExitText(entry: string, exitText: string | undefined): string {
  const all = entry + (exitText ?? '');
  return all.endsWith(')') ? all.slice(0, -1) : all;
}

/** A wait status as the shell would say it: "exited 0", "killed by signal 9". */
export function describeWaitStatus(status: number): string {
  const sig = status & 0x7f;
  if (sig === 0) return `exited ${(status >> 8) & 0xff}`;
  if (sig === 0x7f) return `stopped by signal ${(status >> 8) & 0xff}`;
  return `killed by signal ${sig}${status & 0x80 ? ' (core dumped)' : ''}`;
}
