// ftrace's buffer and its text (kernel/trace/trace.c, trace_output.c, trace_syscalls.c,
// trace_functions_graph.c): what /sys/kernel/tracing/trace and trace_pipe show.
//
// There is one tracing mechanism in this kernel: the machine-wide event stream (kernel.trace,
// emulator/trace/ring.ts) that every syscall entry and exit already goes through. ftrace is a
// consumer of it: when a syscall event is enabled (events/syscalls/sys_enter_openat/enable) or the
// function_graph tracer is current, it subscribes to the stream and turns each event it wants into
// a line in its own bounded buffer; when nothing is enabled it is not subscribed at all, so it
// costs nothing.
//
// Simplified: one buffer for all CPUs (Linux has one per CPU; the CPU column still says where each
// event happened); function_graph shows the syscall entry points (__x64_sys_*) with their virtual
// durations and, inside them, the kernel functions instrumented with ftrace_graph_call (open:
// do_sys_openat2, getname, do_filp_open, path_openat, link_path_walk, open_last_lookups, do_open,
// vfs_open; read/write: ksys_*, vfs_*; fork: kernel_clone, copy_process; execve:
// do_execveat_common, getname, copy_strings, bprm_execve, load_elf_binary); no filters, triggers or
// instances; no
// context-switch markers between tasks (set_ftrace_pid keeps one task's calls together).

import type { TraceEvent } from '../../trace/events';
import { syscallName } from '../../uapi/unistd_64';
import { syscallSignature, type ArgKind } from '../../uapi/syscall_signatures';
import type { Kernel } from '../kernel';
import { WaitQueue } from '../sched/waitqueue';
import type { Task } from '../sched/task';
import { syscall_detail_call, syscall_detail_return } from './syscall_detail';

/** The tracers this kernel has, in the order available_tracers lists them (newest registered first). */
export const TRACERS = ['function_graph', 'nop'] as const;
export type TracerName = (typeof TRACERS)[number];

/** buffer_size_kb per CPU once expanded (Linux's default 1408 KiB), and before (7 KiB). */
export const TRACE_BUF_SIZE_KB = 1408;
export const TRACE_BUF_SIZE_MIN_KB = 7;
/** About how many bytes one entry takes in Linux's ring (header + syscall record). */
const ENTRY_BYTES = 64;

export interface FtraceEntry {
  /** Virtual ns since boot. */
  ts: number;
  pid: number;
  comm: string;
  cpu: number;
  /** The text after the context columns ("sys_openat -> 0x3"), or a function_graph line body. */
  text: string;
  /** function_graph: the duration column (ns), or -1 for an entry line ("func() {"). */
  graph?: { depth: number; duration: number; kind: 'entry' | 'return' | 'leaf' };
}

/** struct trace_array: the state behind the tracefs files. */
export class TraceArray {
  tracingOn = true;
  tracer: TracerName = 'nop';
  /** buffer_size_kb, per CPU; `expanded` once anything used the buffer. */
  bufferSizeKb = TRACE_BUF_SIZE_KB;
  expanded = false;
  /** set_ftrace_pid: the pids function_graph traces (empty: all). */
  readonly ftracePids = new Set<number>();
  /** Enabled syscall events, by syscall number. */
  readonly enterEnabled = new Set<number>();
  readonly exitEnabled = new Set<number>();
  readonly entries: FtraceEntry[] = [];
  /** entries-written: everything recorded since the last reset (overwritten ones included). */
  written = 0;
  /** trace_pipe readers wait here. */
  readonly wait = new WaitQueue();
  /** Per task: syscall entry times of the calls function_graph is inside. */
  readonly graphStack = new Map<number, { ts: number; entry: FtraceEntry }[]>();
  unsubscribe: (() => void) | null = null;
  /** Counted in ftrace_graph_active. */
  private graphCounted = false;

  constructor(readonly kernel: Kernel) {}

  get maxEntries(): number {
    return Math.max(1, Math.floor((this.bufferSizeKb * 1024 * this.kernel.sched.nrCpus) / ENTRY_BYTES));
  }

  /** tracing_reset_online_cpus: empty the buffer. */
  reset(): void {
    this.entries.length = 0;
    this.written = 0;
    this.graphStack.clear();
  }

  push(e: FtraceEntry): void {
    this.entries.push(e);
    this.written++;
    const max = this.maxEntries;
    if (this.entries.length > max) this.entries.splice(0, this.entries.length - max);
    this.wait.wakeAll();
  }

  /** Subscribe to the event stream only while something wants events (zero cost otherwise). */
  update(): void {
    const wanted = this.enterEnabled.size > 0 || this.exitEnabled.size > 0 || this.tracer === 'function_graph';
    if (wanted) this.expanded = true;
    const graph = this.tracer === 'function_graph';
    if (graph !== this.graphCounted) {
      ftrace_graph_active += graph ? 1 : -1;
      this.graphCounted = graph;
    }
    if (wanted && !this.unsubscribe) this.unsubscribe = this.kernel.trace.subscribe((e) => this.onEvent(e));
    else if (!wanted && this.unsubscribe) {
      this.unsubscribe();
      this.unsubscribe = null;
    }
  }

  private comm(tid: number): string {
    return this.kernel.tasks.get(tid)?.comm ?? '<...>';
  }

  private onEvent(e: TraceEvent): void {
    if (!this.tracingOn) return;
    if (e.kind === 'sys_enter') {
      if (this.enterEnabled.has(e.nr)) this.push({ ts: e.ts, pid: e.tid, comm: this.comm(e.tid), cpu: e.cpu, text: print_syscall_enter(e.nr, e.args) });
      if (this.tracer === 'function_graph' && this.graphWants(e.pid)) this.graphEnter(e.tid, e.cpu, e.ts, `__x64_sys_${syscallName.get(e.nr) ?? 'ni_syscall'}`);
    } else if (e.kind === 'sys_exit') {
      if (this.exitEnabled.has(e.nr)) this.push({ ts: e.ts, pid: e.tid, comm: this.comm(e.tid), cpu: e.cpu, text: print_syscall_exit(e.nr, e.ret) });
      if (this.tracer === 'function_graph') this.graphReturn(e.tid, e.cpu, e.ts, this.graphWants(e.pid));
    }
  }

  graphWants(pid: number): boolean {
    return this.ftracePids.size === 0 || this.ftracePids.has(pid);
  }

  /** ftrace_graph_entry: "func() {" now; it becomes "func();" if nothing is logged inside. */
  graphEnter(tid: number, cpu: number, ts: number, fn: string): void {
    let frames = this.graphStack.get(tid);
    if (!frames) this.graphStack.set(tid, (frames = []));
    const entry: FtraceEntry = { ts, pid: tid, comm: this.comm(tid), cpu, text: fn, graph: { depth: frames.length, duration: 0, kind: 'entry' } };
    this.push(entry);
    frames.push({ ts, entry });
  }

  /** ftrace_graph_return: close the innermost open call of `tid` with its duration. */
  graphReturn(tid: number, cpu: number, ts: number, show = true): void {
    const frame = this.graphStack.get(tid)?.pop();
    // A call entered before set_ftrace_pid left this task out closes without a line.
    if (!frame || !show) return;
    const duration = ts - frame.ts;
    if (this.entries[this.entries.length - 1] === frame.entry) {
      frame.entry.graph = { depth: frame.entry.graph!.depth, duration, kind: 'leaf' };
      return;
    }
    this.push({ ts, pid: tid, comm: this.comm(tid), cpu, text: '', graph: { depth: frame.entry.graph!.depth, duration, kind: 'return' } });
  }
}

/**
 * How many machines have the function_graph tracer on: the one check an instrumented kernel
 * function makes (`if (ftrace_graph_active)`), so a path costs nothing more while it is off.
 */
export let ftrace_graph_active = 0;

/**
 * Run `body` as kernel function `fn` for function_graph: an entry line, and on return its
 * duration (what the mcount/fentry hooks and the return trampoline do on Linux).
 */
export function ftrace_graph_call<T>(t: Task, fn: string, body: () => T): T {
  // The other graph user: the syscall detail the UI shows (syscall_detail.ts).
  const detail = t.kernel.trace.details ? syscall_detail_call(t, fn) : undefined;
  const tr = arrays.get(t.kernel);
  if (!tr || tr.tracer !== 'function_graph' || !tr.tracingOn || !tr.graphWants(t.tgid)) {
    if (!detail) return body();
    try {
      return body();
    } finally {
      syscall_detail_return(detail);
    }
  }
  const clock = t.kernel.clock;
  tr.graphEnter(t.tid, t.cpu, clock.now(), fn);
  try {
    return body();
  } finally {
    tr.graphReturn(t.tid, t.cpu, clock.now());
    if (detail) syscall_detail_return(detail);
  }
}

/** register_ftrace_graph / unregister_ftrace_graph for another graph user (+1 / -1). */
export function ftrace_graph_register(delta: 1 | -1): void {
  ftrace_graph_active += delta;
}

const arrays = new WeakMap<Kernel, TraceArray>();

/** global_trace: the machine's trace array. */
export function global_trace(kernel: Kernel): TraceArray {
  let tr = arrays.get(kernel);
  if (!tr) arrays.set(kernel, (tr = new TraceArray(kernel)));
  return tr;
}

/** Arguments of these kinds are C ints: the tracer shows the register's low 32 bits, as glibc loads them. */
const INT_KINDS = new Set<ArgKind>([
  'int', 'uint', 'fd', 'dirfd', 'open_flags', 'mode', 'at_flags', 'access_mode', 'whence', 'signal', 'pid', 'uid', 'gid',
  'wait_options', 'sigprocmask_how', 'clockid', 'idtype', 'rename_flags', 'dup3_flags', 'pipe_flags', 'rlimit_resource',
  'grnd_flags', 'timer_flags', 'reboot_cmd', 'reboot_magic', 'prctl_option', 'arch_prctl_code',
]);

function hex64(v: number): string {
  return (BigInt.asUintN(64, BigInt(Math.trunc(v)))).toString(16);
}

/** print_syscall_enter (6.1): "sys_openat(dfd: ffffff9c, filename: 7ffd…, flags: 0, mode: 0)". */
export function print_syscall_enter(nr: number, args: readonly number[]): string {
  const sig = syscallSignature(nr);
  const name = syscallName.get(nr) ?? String(nr);
  const parts = (sig?.args ?? []).map(([argName, kind], i) => {
    const v = args[i] ?? 0;
    return `${argName}: ${INT_KINDS.has(kind) ? (v >>> 0).toString(16) : hex64(v)}`;
  });
  return `sys_${name}(${parts.join(', ')})`;
}

/** print_syscall_exit: "sys_openat -> 0x3" (an error is the 64-bit two's complement). */
export function print_syscall_exit(nr: number, ret: number): string {
  return `sys_${syscallName.get(nr) ?? String(nr)} -> 0x${hex64(ret)}`;
}

// ---- the text of trace and trace_pipe ----

function ts_text(ns: number): string {
  const usec = Math.floor(ns / 1000);
  return `${String(Math.floor(usec / 1e6)).padStart(5)}.${String(usec % 1e6).padStart(6, '0')}`;
}

/** trace_print_context: "            bash-15974   [001] ..... 21793.837266: ". */
function print_context(e: FtraceEntry): string {
  const comm = e.comm.length > 16 ? e.comm.slice(0, 16) : e.comm;
  return `${comm.padStart(16)}-${String(e.pid).padEnd(7)} [${String(e.cpu).padStart(3, '0')}] ..... ${ts_text(e.ts)}: `;
}

/** trace_print_graph_duration + print_graph_duration's overhead mark. */
function graph_duration(ns: number): string {
  const us = Math.floor(ns / 1000);
  const mark = ns > 1e9 ? '$' : ns > 1e8 ? '@' : ns > 1e7 ? '*' : ns > 1e6 ? '#' : ns > 1e5 ? '!' : ns > 1e4 ? '+' : ' ';
  let s = String(us);
  let len = s.length;
  if (len < 7) {
    const frac = String(Math.floor(ns % 1000)).padStart(3, '0').slice(0, Math.min(3, 7 - len));
    s += `.${frac}`;
    len += frac.length + 1;
  }
  s += ' us ';
  for (let i = len; i < 8; i++) s += ' ';
  return `${mark} ${s}|  `;
}

/** One function_graph line: " 0)   1.234 us    |  __x64_sys_openat();". */
function print_graph_line(e: FtraceEntry, cpuWidth: number): string {
  const g = e.graph!;
  const cpu = ` ${String(e.cpu).padStart(cpuWidth)}) `;
  const indent = ' '.repeat(g.depth * 2);
  if (g.kind === 'entry') return `${cpu}              |  ${indent}${e.text}() {\n`;
  if (g.kind === 'return') return `${cpu}${graph_duration(g.duration)}${indent}}\n`;
  return `${cpu}${graph_duration(g.duration)}${indent}${e.text}();\n`;
}

const IRQ_HEADER = `#                                _-----=> irqs-off/BH-disabled
#                               / _----=> need-resched
#                              | / _---=> hardirq/softirq
#                              || / _--=> preempt-depth
#                              ||| / _-=> migrate-disable
#                              |||| /     delay
#           TASK-PID     CPU#  |||||  TIMESTAMP  FUNCTION
#              | |         |   |||||     |         |
`;

const GRAPH_HEADER = `# CPU  DURATION                  FUNCTION CALLS
# |     |   |                     |   |   |   |
`;

/** One entry as trace and trace_pipe print it. */
export function print_entry(tr: TraceArray, e: FtraceEntry): string {
  if (e.graph) return print_graph_line(e, String(tr.kernel.sched.nrCpus - 1).length);
  return `${print_context(e)}${e.text}\n`;
}

/** The whole `trace` file: the header for the current tracer, then every entry. */
export function print_trace(tr: TraceArray): string {
  let s = `# tracer: ${tr.tracer}\n#\n`;
  if (tr.tracer === 'function_graph') s += GRAPH_HEADER;
  else {
    s += `# entries-in-buffer/entries-written: ${tr.entries.length}/${tr.written}   #P:${tr.kernel.sched.nrCpus}\n#\n`;
    s += IRQ_HEADER;
  }
  for (const e of tr.entries) s += print_entry(tr, e);
  return s;
}
