// Relays between the machine host (a worker_threads worker running emulator/host/worker_node.ts)
// and the renderer. Commands from the renderer are untrusted and checked before they reach the
// worker; events are queued until a renderer listens, so the boot messages are not lost while the
// window loads. If the worker dies, the renderer is told, and a reset command starts a new one.

import { Worker } from 'node:worker_threads';
import { PROTOCOL_VERSION, validateCommand } from '../emulator/api/protocol';
import type { HostEvent } from '../emulator/api/protocol';

/** A running worker, as the bridge sees it. */
export interface WorkerHandle {
  postMessage(msg: unknown): void;
  terminate(): void;
}

export interface WorkerCallbacks {
  onMessage(msg: unknown): void;
  /** The worker is gone: it threw, or exited. */
  onExit(reason: string): void;
}

export type SpawnWorker = (callbacks: WorkerCallbacks) => WorkerHandle;

export type EventSink = (event: HostEvent) => void;

/** Console output kept for a renderer that is not listening yet; beyond this the oldest is dropped. */
const MAX_QUEUED_OUTPUT = 1 << 20;

/**
 * Events about the machine's inside, and answers to a renderer's requests (file reads, call
 * details, an export): not queued for a renderer that is away — one that comes back asks afresh,
 * and a large export would otherwise sit in memory for nobody.
 */
const INTROSPECTION_EVENTS: ReadonlySet<HostEvent['type']> = new Set([
  'processes', 'graph', 'trace-batch', 'stats', 'stepped', 'files-result', 'trace-detail', 'session-chunk',
]);

export class WorkerBridge {
  private worker: WorkerHandle | null = null;
  private sink: EventSink | null = null;
  private queue: HostEvent[] = [];
  private queuedOutput = 0;
  private lastVirtualNs = 0;

  constructor(private readonly spawn: SpawnWorker) {}

  start(): void {
    const handle: WorkerHandle = this.spawn({
      onMessage: (msg) => this.fromWorker(msg as HostEvent),
      onExit: (reason) => {
        if (this.worker !== handle) return; // an old worker we already replaced or stopped
        this.worker = null;
        this.fromWorker({
          type: 'status',
          protocol: PROTOCOL_VERSION,
          boot: 0,
          state: 'error',
          virtualNs: this.lastVirtualNs,
          exitStatus: null,
          message: `The machine's worker stopped: ${reason}. Reset the machine to start a new one.`,
        });
      },
    });
    this.worker = handle;
  }

  /** A message from the renderer: forwarded if it is a well-formed command. */
  command(msg: unknown): void {
    const error = validateCommand(msg);
    if (error !== null) return this.deliver({ type: 'command-rejected', error });
    if (this.worker) this.worker.postMessage(msg);
    else if ((msg as { type: string }).type === 'reset') this.start();
  }

  /** From now on events go to `sink`, starting with those queued while nobody listened. */
  attach(sink: EventSink): void {
    this.sink = sink;
    const queued = this.queue;
    this.queue = [];
    this.queuedOutput = 0;
    for (const event of queued) sink(event);
  }

  /** The renderer went away (reload, crash, closed): queue events until one attaches again. */
  detach(): void {
    this.sink = null;
  }

  stop(): void {
    const worker = this.worker;
    this.worker = null;
    worker?.terminate();
  }

  private fromWorker(event: HostEvent): void {
    if (event.type === 'status') this.lastVirtualNs = event.virtualNs;
    this.deliver(event);
  }

  private deliver(event: HostEvent): void {
    if (this.sink) return this.sink(event);
    // Introspection is state, not history: a renderer that attaches asks for the process table
    // and the trace afresh, so nothing of it is kept for one.
    if (INTROSPECTION_EVENTS.has(event.type)) return;
    this.queue.push(event);
    if (event.type === 'tty-output') this.queuedOutput += event.data.length;
    while (this.queuedOutput > MAX_QUEUED_OUTPUT) {
      const i = this.queue.findIndex((e) => e.type === 'tty-output');
      const dropped = this.queue.splice(i, 1)[0] as { data: string };
      this.queuedOutput -= dropped.data.length;
    }
  }
}

/** Spawns the real worker from its built file (out/main/worker_node.js). */
export function spawnNodeWorker(file: string): SpawnWorker {
  return ({ onMessage, onExit }) => {
    const worker = new Worker(file);
    worker.on('message', onMessage);
    worker.on('error', (err) => onExit(err.message));
    worker.on('exit', (code) => onExit(`exit code ${code}`));
    return {
      postMessage: (msg) => worker.postMessage(msg),
      terminate: () => void worker.terminate(),
    };
  };
}
