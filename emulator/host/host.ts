// The machine host: the message loop a worker runs around one Machine.
//
// It knows nothing of the worker it lives in — worker_node.ts (Electron main's worker_threads) and
// worker_web.ts (the browser's Web Worker) hand it a Port — so the same loop runs everywhere.
//
// Interactive pacing: the machine runs in short slices (`run(budgetMs)`), and between slices the
// host yields to the event loop so commands (keystrokes, pause) are handled promptly. When every
// task sleeps, `run` reports the next timer's virtual deadline and the host waits the same amount
// of real time before jumping the virtual clock there — so `sleep 2` takes two seconds. Input wakes
// it early, and the clock then moves on by the real time that passed.
//
// Introspection (when the machine exposes its kernel): the host reads kernel state from outside,
// like a kernel debugger — snapshot.ts for the process table, trace_log.ts for the trace — and
// never runs anything inside the machine to do it. Process diffs go out at most every
// `snapshotMs` and only when something changed; trace events go out only as answers to the UI's
// trace-fetch, one outstanding request at a time, so a busy machine cannot flood the channel.

import { bytesToLatin1, latin1ToBytes } from '../api/latin1';
import { PROTOCOL_VERSION, SESSION_CHUNK_CHARS, validateCommand } from '../api/protocol';
import type { Command, HostEvent, MachineState, StatusEvent } from '../api/protocol';
import type { TraceEvent } from '../trace/events';
import { DEFAULT_DECODE_OPTIONS } from '../trace/decode/types';
import type { Kernel } from '../kernel/kernel';
import { realClock } from './clock';
import type { HostClock } from './clock';
import { diffProcesses, snapshotProcesses } from './snapshot';
import { GraphTracker } from './graph_snapshot';
import { files_list, files_read, files_stat, type FilesAnswer } from './file_browser';
import type { FilesCommand } from '../api/files';
import { TraceLog } from './trace_log';
import { runSlices } from './run_slices';
import { traceDetailAnswer } from './trace_detail';
import { syscall_detail_enable } from '../kernel/trace/syscall_detail';
import { chunkText, Transcript, writeSession } from './session_writer';

/** The part of machine/machine.ts's Machine the host drives. */
export interface HostedMachine {
  boot(): void;
  consoleInput(bytes: Uint8Array): void;
  onConsoleOutput(cb: (bytes: Uint8Array) => void): void;
  resizeConsole(cols: number, rows: number): void;
  run(budgetMs: number): {
    state: 'running' | 'idle' | 'halted';
    nextTimerNs: number | null;
    exitStatus: number | null;
  };
  advanceTo(ns: number): void;
  now(): number;
  /** The kernel, for introspection (process table, trace, counters, stepping); absent in test doubles. */
  readonly kernel?: Kernel;
  /** The virtual consoles tty1..tty6 (kernel/drivers/tty/console.ts), once booted; absent in test doubles. */
  readonly vts?: VirtualConsoles | null;
}

/** What the host uses of the virtual consoles: further terminals beside tty1, and flow control. */
export interface VirtualConsoles {
  input(bytes: Uint8Array, vt: number): void;
  onOutput(cb: (bytes: Uint8Array, vt: number) => void): void;
  resize(cols: number, rows: number, vt: number): void;
  activate(vt: number): void;
  setFlowControl(limit: number | null): void;
  ack(bytes: number, vt: number): void;
}

/**
 * Flow control: at most this many bytes of a console's output may be on their way to (or queued
 * in) the UI's terminal before writers block — about 1/8 s of xterm.js drawing, so ^C is seen at once.
 */
const TTY_FLOW_LIMIT = 128 * 1024;

export interface HostPort {
  post(msg: HostEvent): void;
  onMessage(cb: (msg: unknown) => void): void;
}

export interface HostOptions {
  clock?: HostClock;
  /** Wall ms per run slice: long enough to get work done, short enough to stay responsive. */
  budgetMs?: number;
  /** Console output and status are posted at most once per this many ms (one frame). */
  batchMs?: number;
  /** While the machine keeps running, a status with the current virtual time this often. */
  statusIntervalMs?: number;
  /** Process-table diffs at most this often (100 ms: ≤ 10 Hz). */
  snapshotMs?: number;
  /** The seed and init command line the machines are built with, recorded in exported sessions. */
  machineInfo?: { seed: number | null; init: string[] | null };
  /** Wall-clock time for a session's "created" (injectable for tests). */
  wallDate?: () => Date;
}

export function startHost(port: HostPort, createMachine: () => HostedMachine, options: HostOptions = {}): void {
  new Host(port, createMachine, options).boot();
}

/** An idle machine waiting for real time to reach its next timer. */
interface IdleWait {
  timer: unknown;
  startWallMs: number;
  startNs: number;
  nextTimerNs: number | null;
}

class Host {
  private readonly clock: HostClock;
  private readonly budgetMs: number;
  private readonly batchMs: number;
  private readonly statusIntervalMs: number;

  private machine: HostedMachine | null = null;
  /** Bumped on reset, so output callbacks of a discarded machine are ignored. */
  private generation = 0;
  private state: MachineState = 'booting';
  private exitStatus: number | null = null;
  private errorMessage: string | undefined;
  private paused = false;
  private stepScheduled = false;
  private idleWait: IdleWait | null = null;
  private consoleSize: { cols: number; rows: number } | null = null;
  /** Sizes of the other consoles (tty2..tty6), put back after a reset. */
  private vtSizes = new Map<number, { cols: number; rows: number }>();
  /** The UI acknowledges drawn output (tty-ack): the consoles do flow control. */
  private flowControl = false;
  /** Output of tty2..tty6 waiting for the next flush, by console. */
  private pendingVtOutput = new Map<number, string[]>();

  private pendingOutput: string[] = [];
  private statusDirty = false;
  private lastStatusWallMs = -Infinity;
  private flushTimer: unknown = null;

  /** Introspection of the current machine (null when it has no kernel to look at). */
  private trace: TraceLog | null = null;
  private readonly snapshotMs: number;
  private procKeys = new Map<number, string>();
  private procFull = true;
  private lastSnapshotWallMs = -Infinity;
  private snapshotTimer: unknown = null;
  /** The object graph's diffs for the current machine (graph_snapshot.ts), sent with the process diffs. */
  private graph: GraphTracker | null = null;
  /** The trace-fetch waiting for events (only the latest one counts). */
  private pendingFetch: { from: number; max: number } | null = null;
  /** A step-to-next-syscall is in progress; `stepHit` is the entry that ends it. */
  private stepping = false;
  private stepHit: TraceEvent | null = null;
  private lastStats = { wallMs: 0, syscalls: 0 };
  /** Arms the kernel's syscall-entry break for a step (set per machine in attachIntrospection). */
  private entryBreak: (() => void) | null = null;
  /** The UI asked for each call's kernel path and user memory to be recorded (trace-detail-capture). */
  private detailCapture = false;
  /** The console output since boot, for an exported session. */
  private readonly transcript = new Transcript();
  private readonly machineInfo: { seed: number | null; init: string[] | null };
  private readonly wallDate: () => Date;

  constructor(
    private readonly port: HostPort,
    private readonly createMachine: () => HostedMachine,
    options: HostOptions,
  ) {
    this.clock = options.clock ?? realClock();
    this.budgetMs = options.budgetMs ?? 8;
    this.batchMs = options.batchMs ?? 16;
    this.statusIntervalMs = options.statusIntervalMs ?? 250;
    this.snapshotMs = options.snapshotMs ?? 100;
    this.machineInfo = options.machineInfo ?? { seed: null, init: null };
    this.wallDate = options.wallDate ?? (() => new Date());
    port.onMessage((msg) => this.receive(msg));
  }

  boot(): void {
    const generation = ++this.generation;
    this.exitStatus = null;
    this.errorMessage = undefined;
    this.paused = false;
    this.stepping = false;
    this.stepHit = null;
    this.transcript.clear();
    this.setState('booting');
    this.guard(() => {
      const machine = this.createMachine();
      this.machine = machine;
      this.attachIntrospection(machine);
      machine.onConsoleOutput((bytes) => {
        if (generation === this.generation) this.queueOutput(bytes);
      });
      machine.boot();
      if (this.consoleSize) machine.resizeConsole(this.consoleSize.cols, this.consoleSize.rows);
      const vts = machine.vts;
      if (vts) {
        // tty1's output comes through onConsoleOutput (with what it printed at boot); the others' here.
        vts.onOutput((bytes, vt) => {
          if (vt !== 1 && generation === this.generation) this.queueVtOutput(vt, bytes);
        });
        for (const [vt, size] of this.vtSizes) vts.resize(size.cols, size.rows, vt);
        if (this.flowControl) vts.setFlowControl(TTY_FLOW_LIMIT);
      }
      this.setState('running');
      this.scheduleStep();
    });
  }

  private receive(msg: unknown): void {
    const error = validateCommand(msg);
    if (error !== null) {
      this.port.post({ type: 'command-rejected', error });
      return;
    }
    this.apply(msg as Command);
  }

  private apply(command: Command): void {
    if (command.type === 'reset') return this.reset();
    // A halted or failed machine can still be saved: that is often when it is most interesting.
    if (command.type === 'export') return this.exportSession(command.id);
    const machine = this.machine;
    if (!machine || this.state === 'halted' || this.state === 'error') return;
    switch (command.type) {
      case 'tty-input': {
        const vt = command.tty ?? 1;
        if (vt === 1) this.guard(() => machine.consoleInput(latin1ToBytes(command.data)));
        else this.guard(() => machine.vts?.input(latin1ToBytes(command.data), vt));
        this.wake();
        break;
      }
      case 'resize': {
        const vt = command.tty ?? 1;
        if (vt === 1) {
          this.consoleSize = { cols: command.cols, rows: command.rows };
          this.guard(() => machine.resizeConsole(command.cols, command.rows));
        } else {
          this.vtSizes.set(vt, { cols: command.cols, rows: command.rows });
          this.guard(() => machine.vts?.resize(command.cols, command.rows, vt));
        }
        this.wake();
        break;
      }
      case 'tty-activate':
        this.guard(() => machine.vts?.activate(command.tty));
        this.wake();
        break;
      case 'tty-ack': {
        const vts = machine.vts;
        if (!vts) break;
        if (!this.flowControl) {
          this.flowControl = true;
          this.guard(() => vts.setFlowControl(TTY_FLOW_LIMIT));
        }
        this.guard(() => vts.ack(command.bytes, command.tty ?? 1));
        this.wake();
        break;
      }
      case 'pause':
        if (this.paused) break;
        this.paused = true;
        this.endIdleWait(false);
        this.setState('paused');
        break;
      case 'resume':
        this.stepping = false;
        if (machine.kernel) machine.kernel.syscall_entry_break = null;
        if (!this.paused) break;
        this.paused = false;
        this.setState('running');
        this.scheduleStep();
        break;
      case 'step':
        if (!this.trace) {
          this.port.post({ type: 'command-rejected', error: 'step: this machine cannot be introspected' });
          break;
        }
        this.stepping = true;
        this.stepHit = null;
        this.entryBreak?.();
        if (this.paused) {
          this.paused = false;
          this.setState('running');
        }
        this.wake();
        this.scheduleStep();
        break;
      case 'trace-fetch':
        // Answered at once if there is something to send, else as soon as there is.
        this.pendingFetch = { from: command.from, max: command.max };
        this.postTraceBatch();
        if (this.pendingFetch) this.scheduleFlush();
        break;
      case 'processes-refresh':
        this.procFull = true;
        this.procKeys = new Map();
        this.lastSnapshotWallMs = -Infinity;
        this.scheduleSnapshot();
        break;
      case 'graph-refresh':
        this.graph?.refresh();
        this.lastSnapshotWallMs = -Infinity;
        this.scheduleSnapshot();
        break;
      case 'trace-detail-capture':
        this.detailCapture = command.on;
        if (machine.kernel) syscall_detail_enable(machine.kernel, command.on);
        break;
      case 'trace-detail': {
        const answer = machine.kernel ? traceDetailAnswer(machine.kernel, command.seq) : { detail: null, reason: 'not-recorded' };
        this.port.post({ type: 'trace-detail', protocol: PROTOCOL_VERSION, boot: this.generation, seq: command.seq, ...answer });
        break;
      }
      case 'files-list':
      case 'files-read':
      case 'files-stat':
        this.answerFiles(command);
        break;
    }
  }

  /**
   * A look at the machine's file trees (file_browser.ts), answered at once: between slices the
   * kernel is at rest, and the look runs nothing in the machine.
   */
  private answerFiles(command: FilesCommand): void {
    const kernel = this.machine?.kernel;
    const op = command.type === 'files-list' ? 'list' : command.type === 'files-read' ? 'read' : 'stat';
    let answer: FilesAnswer;
    if (!kernel) answer = { error: 'this machine cannot be introspected' };
    else {
      try {
        answer = op === 'list' ? files_list(kernel, command.path) : op === 'read' ? files_read(kernel, command.path) : files_stat(kernel, command.path);
      } catch (err) {
        // A bug in looking, not in the machine: say so, and let the machine run on.
        console.error('ringside: could not look at', command.path, err);
        answer = { error: `the host failed to look: ${err instanceof Error ? err.message : String(err)}` };
      }
    }
    this.port.post({ type: 'files-result', protocol: PROTOCOL_VERSION, boot: this.generation, id: command.id, op, path: command.path, ...answer });
  }

  /** Writes the session file (session_writer.ts) and posts it in chunks. */
  private exportSession(id: number): void {
    this.flush();
    let text: string;
    try {
      const kernel = this.machine?.kernel;
      const all = this.trace ? this.trace.read(0, this.trace.capacity) : { events: [], first: 0 };
      text = writeSession({
        created: this.wallDate(),
        seed: this.machineInfo.seed,
        init: this.machineInfo.init,
        boot: this.generation,
        virtualNs: this.machine ? this.safeNow(this.machine) : 0,
        state: this.state,
        exitStatus: this.exitStatus,
        transcript: this.transcript.text(),
        transcriptDropped: this.transcript.dropped,
        processes: kernel ? snapshotProcesses(kernel) : [],
        events: all.events,
        lost: all.first,
      });
    } catch (err) {
      console.error('ringside: could not export the session:', err);
      const error = `the host failed to write the session: ${err instanceof Error ? err.message : String(err)}`;
      this.port.post({ type: 'session-chunk', protocol: PROTOCOL_VERSION, id, index: 0, count: 1, data: '', error });
      return;
    }
    const chunks = chunkText(text, SESSION_CHUNK_CHARS);
    chunks.forEach((data, index) =>
      this.port.post({ type: 'session-chunk', protocol: PROTOCOL_VERSION, id, index, count: chunks.length, data }),
    );
  }

  // ---- introspection -------------------------------------------------------------------------

  private attachIntrospection(machine: HostedMachine): void {
    this.trace?.close();
    this.trace = null;
    this.graph?.close();
    this.graph = null;
    this.procKeys = new Map();
    this.procFull = true;
    this.lastSnapshotWallMs = -Infinity;
    this.lastStats = { wallMs: this.clock.now(), syscalls: 0 };
    const kernel = machine.kernel;
    if (!kernel) return;
    // The UI shows calls as strace prints them: have the kernel decode them as they happen.
    kernel.trace.decode ??= DEFAULT_DECODE_OPTIONS;
    if (this.detailCapture) syscall_detail_enable(kernel, true);
    const log = new TraceLog(kernel.trace);
    log.onSysEnter = (e) => {
      if (!this.stepping || this.stepHit) return;
      this.stepHit = e;
      // End the current slice at once; runSlices stops there.
      kernel.yieldRequested = true;
    };
    // While stepping, the first syscall entry stops before its handler runs (entry.ts); once only.
    kernel.syscall_entry_break = null;
    this.entryBreak = () => {
      kernel.syscall_entry_break = (t) => {
        kernel.syscall_entry_break = null;
        return this.stepping && this.stepHit?.tid === t.tid;
      };
    };
    log.onEvent = () => {
      if (this.pendingFetch) this.scheduleFlush();
    };
    this.trace = log;
    this.graph = new GraphTracker(kernel);
    this.scheduleSnapshot();
  }

  /** A process-table diff now if the last one is old enough, else when it will be. */
  private scheduleSnapshot(): void {
    if (!this.trace || this.snapshotTimer !== null) return;
    const wait = Math.max(0, this.lastSnapshotWallMs + this.snapshotMs - this.clock.now());
    this.snapshotTimer = this.clock.setTimer(() => {
      this.snapshotTimer = null;
      this.postSnapshot();
    }, wait);
  }

  private postSnapshot(): void {
    const machine = this.machine;
    if (!machine?.kernel || !this.trace) return;
    this.lastSnapshotWallMs = this.clock.now();
    const kernel = machine.kernel;
    this.postGraph();
    let result: ReturnType<typeof diffProcesses>;
    try {
      result = diffProcesses(this.procKeys, snapshotProcesses(kernel));
    } catch (err) {
      // A bug in looking, not in the machine: the machine runs on, the view goes without this diff.
      console.error('ringside: could not snapshot the process table:', err);
      return;
    }
    const { upsert, removed, keys } = result;
    this.procKeys = keys;
    if (!this.procFull && upsert.length === 0 && removed.length === 0) return;
    // Console output first, so a process seen in the tree has had its output shown.
    this.flush();
    this.port.post({ type: 'processes', protocol: PROTOCOL_VERSION, boot: this.generation, full: this.procFull, upsert, removed });
    this.procFull = false;
  }

  /** The object graph's diff (graph_snapshot.ts), when something changed or bytes moved. */
  private postGraph(): void {
    const graph = this.graph;
    if (!graph) return;
    let diff: ReturnType<GraphTracker['diff']>;
    try {
      diff = graph.diff();
    } catch (err) {
      // As for the process table: a bug in looking, the machine runs on.
      console.error('ringside: could not snapshot the object graph:', err);
      return;
    }
    if (!diff) return;
    this.flush();
    this.port.post({ type: 'graph', protocol: PROTOCOL_VERSION, boot: this.generation, ...diff });
  }

  private postTraceBatch(): void {
    const fetch = this.pendingFetch;
    const log = this.trace;
    if (!fetch || !log) return;
    // Nothing new yet: keep the request until something is recorded.
    if (!log.hasFrom(fetch.from) && fetch.from <= log.head) return;
    this.pendingFetch = null;
    const { events, first, next } = log.read(fetch.from, fetch.max);
    this.port.post({
      type: 'trace-batch', protocol: PROTOCOL_VERSION, boot: this.generation, from: fetch.from, first, next, head: log.head, events,
    });
  }

  private postStats(): void {
    const kernel = this.machine?.kernel;
    const log = this.trace;
    if (!kernel || !log) return;
    const now = this.clock.now();
    const dt = (now - this.lastStats.wallMs) / 1000;
    const rate = dt > 0 ? (log.syscalls - this.lastStats.syscalls) / dt : 0;
    this.lastStats = { wallMs: now, syscalls: log.syscalls };
    this.port.post({
      type: 'stats',
      protocol: PROTOCOL_VERSION,
      virtualNs: this.safeNow(this.machine!),
      syscalls: log.syscalls,
      syscallsPerSec: Math.round(rate),
      contextSwitches: kernel.sched.switches.reduce((a, b) => a + b, 0),
      faults: log.faults,
      timerInterrupts: kernel.clock.fired,
      tasks: kernel.tasks.size,
      traceHead: log.head,
      running: this.state === 'running' || this.state === 'idle',
    });
  }

  /** The step ended: pause, and say where. */
  private stepDone(hit: TraceEvent): void {
    this.stepping = false;
    if (this.machine?.kernel) this.machine.kernel.syscall_entry_break = null;
    this.stepHit = null;
    this.paused = true;
    this.setState('paused');
    if (hit.kind !== 'sys_enter') return;
    this.port.post({
      type: 'stepped', protocol: PROTOCOL_VERSION, seq: hit.seq, pid: hit.pid, tid: hit.tid, nr: hit.nr, text: hit.text ?? '',
    });
    this.lastSnapshotWallMs = -Infinity;
    this.scheduleSnapshot();
  }

  /** Power-cycles: the old machine and its queued output are dropped, a new one boots. */
  private reset(): void {
    this.cancelIdleWait();
    this.pendingOutput = [];
    this.pendingVtOutput.clear();
    this.pendingFetch = null;
    // The old machine stops recording details (the kernel-wide counter counts machines).
    const old = this.machine?.kernel;
    if (old) syscall_detail_enable(old, false);
    this.machine = null;
    this.boot();
  }

  private scheduleStep(): void {
    if (this.stepScheduled) return;
    this.stepScheduled = true;
    this.clock.yieldThen(() => {
      this.stepScheduled = false;
      this.step();
    });
  }

  /** Runs one slice and decides what comes next. */
  private step(): void {
    const machine = this.machine;
    if (!machine || this.paused || this.idleWait || this.state === 'halted' || this.state === 'error') return;
    this.guard(() => {
      const kernel = machine.kernel;
      // With the kernel at hand, slice by slice (run_slices.ts); a test double runs itself.
      const result = kernel
        ? runSlices(kernel, this.budgetMs, this.clock, () => this.stepHit !== null)
        : machine.run(this.budgetMs);
      if (this.trace) this.scheduleSnapshot();
      if (this.stepHit && result.state !== 'halted') return this.stepDone(this.stepHit);
      switch (result.state) {
        case 'running':
          this.setState('running');
          if (this.clock.now() - this.lastStatusWallMs >= this.statusIntervalMs) this.markStatusDirty();
          this.scheduleStep();
          break;
        case 'idle':
          this.setState('idle');
          this.beginIdleWait(machine, result.nextTimerNs);
          break;
        case 'halted':
          this.exitStatus = result.exitStatus;
          this.setState('halted');
          break;
      }
    });
  }

  private beginIdleWait(machine: HostedMachine, nextTimerNs: number | null): void {
    const startNs = machine.now();
    const wait: IdleWait = { timer: null, startWallMs: this.clock.now(), startNs, nextTimerNs };
    if (nextTimerNs !== null) {
      const delayMs = Math.max(0, (nextTimerNs - startNs) / 1e6);
      wait.timer = this.clock.setTimer(() => {
        wait.timer = null;
        this.endIdleWait(true);
        this.scheduleStep();
      }, delayMs);
    }
    this.idleWait = wait;
  }

  /** Input arrived: stop waiting and let the machine handle it. */
  private wake(): void {
    if (!this.idleWait) return;
    this.endIdleWait(false);
    this.scheduleStep();
  }

  /**
   * Ends an idle wait, moving the virtual clock on by the real time that passed (up to the timer
   * deadline; exactly to it when the timer fired, as real timers may fire a little early).
   */
  private endIdleWait(timerFired: boolean): void {
    const wait = this.idleWait;
    const machine = this.machine;
    if (!wait || !machine) return;
    this.cancelIdleWait();
    const elapsedNs = (this.clock.now() - wait.startWallMs) * 1e6;
    let target = wait.startNs + elapsedNs;
    if (wait.nextTimerNs !== null) target = timerFired ? wait.nextTimerNs : Math.min(target, wait.nextTimerNs);
    target = Math.floor(target);
    if (target > machine.now()) this.guard(() => machine.advanceTo(target));
  }

  private cancelIdleWait(): void {
    if (this.idleWait?.timer != null) this.clock.clearTimer(this.idleWait.timer);
    this.idleWait = null;
  }

  /** Runs a call into the machine; an exception there is an emulator bug and stops the machine. */
  private guard(fn: () => void): void {
    try {
      fn();
    } catch (err) {
      console.error('ringside: the machine failed:', err);
      this.cancelIdleWait();
      this.errorMessage = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
      this.setState('error');
    }
  }

  private setState(state: MachineState): void {
    if (state === this.state && state !== 'booting') return;
    this.state = state;
    this.markStatusDirty();
  }

  private queueOutput(bytes: Uint8Array): void {
    const text = bytesToLatin1(bytes);
    this.transcript.append(text);
    this.pendingOutput.push(text);
    this.scheduleFlush();
  }

  private queueVtOutput(vt: number, bytes: Uint8Array): void {
    let q = this.pendingVtOutput.get(vt);
    if (!q) this.pendingVtOutput.set(vt, (q = []));
    q.push(bytesToLatin1(bytes));
    this.scheduleFlush();
  }

  private markStatusDirty(): void {
    this.statusDirty = true;
    this.scheduleFlush();
  }

  private scheduleFlush(): void {
    if (this.flushTimer !== null) return;
    this.flushTimer = this.clock.setTimer(() => {
      this.flushTimer = null;
      this.flush();
    }, this.batchMs);
  }

  /** Posts the batched output, then the status (so 'halted' comes after init's last words). */
  private flush(): void {
    if (this.pendingOutput.length > 0) {
      this.port.post({ type: 'tty-output', data: this.pendingOutput.join('') });
      this.pendingOutput = [];
    }
    for (const [vt, q] of this.pendingVtOutput) this.port.post({ type: 'tty-output', data: q.join(''), tty: vt });
    this.pendingVtOutput.clear();
    if (this.statusDirty) {
      this.statusDirty = false;
      this.lastStatusWallMs = this.clock.now();
      const status: StatusEvent = {
        type: 'status',
        protocol: PROTOCOL_VERSION,
        boot: this.generation,
        state: this.state,
        virtualNs: this.machine ? this.safeNow(this.machine) : 0,
        exitStatus: this.exitStatus,
      };
      if (this.errorMessage !== undefined) status.message = this.errorMessage;
      this.port.post(status);
      this.postStats();
    }
    this.postTraceBatch();
  }

  private safeNow(machine: HostedMachine): number {
    try {
      return machine.now();
    } catch {
      return 0;
    }
  }
}
