// The message protocol between the machine host (a worker) and the UI.
//
// The UI sends *commands* — the same inputs a real machine has: keyboard bytes on the console, a
// new window size, the power and pause buttons. The host answers with *events*: what the console
// printed and how the machine is doing. Messages are plain JSON-able objects, so they cross
// worker_threads, Web Workers and Electron IPC unchanged (structured clone).
//
// Console bytes travel as latin1 strings (one char per byte, 0–255; see latin1.ts): a string is
// cheap to clone and log, and unlike UTF-8 text it can carry any byte sequence.
//
// Version 2 adds introspection (introspection.ts): process-table diffs the host pushes at most ten
// times a second, trace ranges the UI pulls (so a busy machine never floods the channel: the next
// range is asked for only when the last one has been taken in), machine counters, and a "step to
// the next syscall" command. Both sides check what they receive: the host with validateCommand,
// the UI with validateEvent. The files-* commands (files.ts) list and read the machine's file
// trees (/dev, /proc, /sys) from outside, each answered by one files-result.

import type { ProcessesEvent, StatsEvent, SteppedEvent, TraceBatchEvent, TraceDetailEvent } from './introspection';
import { MAX_TRACE_BATCH } from './introspection';
import type { FilesCommand, FilesResultEvent } from './files';
import type { GraphEvent } from './graph';
import { validateGraphEvent } from './graph';
import { checkFilesId, checkFilesPath } from './files';

/** Bumped on every incompatible change; the host announces it in every status event. */
export const PROTOCOL_VERSION = 2;

/** Largest tty-input a single command may carry (a big paste is split by the sender). */
export const MAX_TTY_INPUT = 64 * 1024;

/** A terminal dimension must fit `struct winsize`'s unsigned short. */
const MAX_DIMENSION = 0xffff;

export type Command =
  /** Keys typed on virtual console `tty` (1..6; 1, the console, when absent). */
  | { type: 'tty-input'; data: string; tty?: number }
  | { type: 'resize'; cols: number; rows: number; tty?: number }
  /** The user turned to console `tty` (a terminal tab): it comes to the front; init starts a shell there. */
  | { type: 'tty-activate'; tty: number }
  /**
   * The terminal of console `tty` has drawn `bytes` more bytes of its output. Once a UI sends
   * these, the console blocks writers while too much is undrawn (flow control).
   */
  | { type: 'tty-ack'; bytes: number; tty?: number }
  | { type: 'pause' }
  | { type: 'resume' }
  /** Run until some process enters a syscall, then pause (from paused or running). */
  | { type: 'step' }
  | { type: 'reset' }
  /** Ask for up to `max` trace events with seq ≥ `from`; answered by one trace-batch. */
  | { type: 'trace-fetch'; from: number; max: number }
  /** Ask for the whole process table again (a new view, or after a reset). */
  | { type: 'processes-refresh' }
  /** Ask for the whole object graph again (graph.ts). */
  | { type: 'graph-refresh' }
  /** Record (or stop recording) each syscall's kernel path and user memory, for trace-detail. */
  | { type: 'trace-detail-capture'; on: boolean }
  /** Ask for the detail of the call whose sys_enter event has `seq`; answered by one trace-detail. */
  | { type: 'trace-detail'; seq: number }
  /** List a directory, read a file or describe an entry of the machine's VFS (files.ts). */
  | FilesCommand
  /** Save the machine as a trace session (session.ts); answered by session-chunk events with this id. */
  | { type: 'export'; id: number };

/**
 * booting: building the machine · running: executing · idle: every task sleeps until a timer or
 * input · paused: stopped by the user · halted: init exited (the power is off) · error: the
 * emulator itself failed (a bug, not a guest crash).
 */
export type MachineState = 'booting' | 'running' | 'idle' | 'paused' | 'halted' | 'error';

export interface StatusEvent {
  type: 'status';
  protocol: typeof PROTOCOL_VERSION;
  /** Counts boots of this host (1, then 2 after a reset…): everything the UI knows of an older boot is stale. */
  boot: number;
  state: MachineState;
  /** The machine's virtual clock, ns since boot. */
  virtualNs: number;
  /** init's exit status once halted, else null. */
  exitStatus: number | null;
  /** Why the state is 'error'. */
  message?: string;
}

export type HostEvent =
  /** Output of virtual console `tty` (1, the console, when absent). */
  | { type: 'tty-output'; data: string; tty?: number }
  | StatusEvent
  /** A command was malformed and ignored; the UI should log it (it is a bug on the sending side). */
  | { type: 'command-rejected'; error: string }
  | ProcessesEvent
  | TraceBatchEvent
  | StatsEvent
  | SteppedEvent
  | FilesResultEvent
  | TraceDetailEvent
  | GraphEvent
  | SessionChunkEvent;

/** Largest piece of a session file one session-chunk carries (chars). */
export const SESSION_CHUNK_CHARS = 1 << 20;

/**
 * One piece of an exported session file (session.ts), in order: `index` counts from 0 to
 * `count` - 1; the file is the pieces' `data` joined. `error` instead of data if it could not be made.
 */
export interface SessionChunkEvent {
  type: 'session-chunk';
  protocol: typeof PROTOCOL_VERSION;
  id: number;
  index: number;
  count: number;
  data: string;
  error?: string;
}

/** Every field each command type carries besides `type`, with a check for its value. */
const FIELDS: { [T in Command['type']]: Record<string, (v: unknown) => string | null> } = {
  'tty-input': { data: checkTtyData, tty: checkTtyNumber },
  resize: { cols: checkDimension, rows: checkDimension, tty: checkTtyNumber },
  'tty-activate': { tty: (v) => (v === undefined ? 'must be given' : checkTtyNumber(v)) },
  'tty-ack': { bytes: checkSeq, tty: checkTtyNumber },
  pause: {},
  resume: {},
  step: {},
  reset: {},
  'trace-fetch': { from: checkSeq, max: checkBatchSize },
  'processes-refresh': {},
  'graph-refresh': {},
  'trace-detail-capture': { on: (v) => (typeof v === 'boolean' ? null : 'must be a boolean') },
  'trace-detail': { seq: checkSeq },
  'files-list': { id: checkFilesId, path: checkFilesPath },
  'files-read': { id: checkFilesId, path: checkFilesPath },
  'files-stat': { id: checkFilesId, path: checkFilesPath },
  export: { id: checkSeq },
};

/**
 * Checks that `x` is a well-formed Command. Returns null if it is, else a short description of the
 * first problem found. Never throws, whatever `x` is (even a Proxy whose traps throw).
 */
export function validateCommand(x: unknown): string | null {
  try {
    if (typeof x !== 'object' || x === null || Array.isArray(x)) return 'a command must be an object';
    const msg = x as Record<string, unknown>;
    const type = msg.type;
    if (typeof type !== 'string' || !Object.hasOwn(FIELDS, type)) return `unknown command type ${describe(type)}`;
    const fields = FIELDS[type as Command['type']];
    for (const key of Object.keys(msg)) {
      if (key !== 'type' && !Object.hasOwn(fields, key)) return `${type}: unexpected field "${key}"`;
    }
    for (const [key, check] of Object.entries(fields)) {
      const problem = check(msg[key]);
      if (problem !== null) return `${type}: ${key} ${problem}`;
    }
    return null;
  } catch {
    return 'a command must be a plain object';
  }
}

export function isCommand(x: unknown): x is Command {
  return validateCommand(x) === null;
}

/** The tty-input commands that carry `data` (latin1), split to respect MAX_TTY_INPUT. */
export function ttyInput(data: string, tty = 1): Command[] {
  const commands: Command[] = [];
  for (let i = 0; i < data.length; i += MAX_TTY_INPUT) {
    const chunk = data.slice(i, i + MAX_TTY_INPUT);
    commands.push(tty === 1 ? { type: 'tty-input', data: chunk } : { type: 'tty-input', data: chunk, tty });
  }
  return commands;
}

/** The virtual consoles a UI may address: tty1..tty6. */
export const MAX_TTY = 6;

function checkTtyNumber(v: unknown): string | null {
  if (v === undefined) return null;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > MAX_TTY) return `must be an integer between 1 and ${MAX_TTY}`;
  return null;
}

function checkTtyData(v: unknown): string | null {
  if (typeof v !== 'string') return 'must be a string';
  if (v.length > MAX_TTY_INPUT) return `is longer than ${MAX_TTY_INPUT} bytes`;
  for (let i = 0; i < v.length; i++) {
    if (v.charCodeAt(i) > 0xff) return 'must be latin1 (one char per byte, 0-255)';
  }
  return null;
}

function checkDimension(v: unknown): string | null {
  if (typeof v !== 'number' || !Number.isInteger(v)) return 'must be an integer';
  if (v < 1 || v > MAX_DIMENSION) return `must be between 1 and ${MAX_DIMENSION}`;
  return null;
}

function checkSeq(v: unknown): string | null {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) return 'must be a non-negative integer';
  return null;
}

function checkBatchSize(v: unknown): string | null {
  if (typeof v !== 'number' || !Number.isInteger(v)) return 'must be an integer';
  if (v < 1 || v > MAX_TRACE_BATCH) return `must be between 1 and ${MAX_TRACE_BATCH}`;
  return null;
}

// ---- events, checked by the UI on receipt ----------------------------------------------------------

type FieldCheck = (v: unknown) => boolean;
const isNum: FieldCheck = (v) => typeof v === 'number' && Number.isFinite(v);
const isStr: FieldCheck = (v) => typeof v === 'string';
const isBool: FieldCheck = (v) => typeof v === 'boolean';
const isArr: FieldCheck = (v) => Array.isArray(v);
const isNumOrNull: FieldCheck = (v) => v === null || isNum(v);

/** The fields every event type must carry, and their checks (extra fields are allowed: forward compatible). */
const EVENT_FIELDS: { [T in HostEvent['type']]: Record<string, FieldCheck> } = {
  'tty-output': { data: isStr },
  status: { protocol: isNum, boot: isNum, state: isStr, virtualNs: isNum, exitStatus: isNumOrNull },
  'command-rejected': { error: isStr },
  processes: { protocol: isNum, boot: isNum, full: isBool, upsert: isArr, removed: isArr },
  'trace-batch': { protocol: isNum, boot: isNum, from: isNum, first: isNum, next: isNum, head: isNum, events: isArr },
  stats: {
    protocol: isNum, virtualNs: isNum, syscalls: isNum, syscallsPerSec: isNum, contextSwitches: isNum, faults: isNum,
    timerInterrupts: isNum, tasks: isNum, traceHead: isNum, running: isBool,
  },
  stepped: { protocol: isNum, seq: isNum, pid: isNum, tid: isNum, nr: isNum, text: isStr },
  graph: { protocol: isNum, boot: isNum, full: isBool, nodes: isArr, removedNodes: isArr, edges: isArr, removedEdges: isArr, flows: isArr },
  'files-result': { protocol: isNum, boot: isNum, id: isNum, op: isStr, path: isStr, error: (v) => v === null || isStr(v) },
  'trace-detail': { protocol: isNum, boot: isNum, seq: isNum, detail: (v) => v === null || (typeof v === 'object' && !Array.isArray(v)) },
  'session-chunk': { protocol: isNum, id: isNum, index: isNum, count: isNum, data: isStr },
};

/**
 * Checks an event from the host: a known type with its fields, and — for the types that carry one —
 * this protocol's version. Returns null if it is well formed, else the first problem. Never throws.
 * (The contents of process and trace records are trusted as far as their container's shape: they
 * come from our own host, and the views read them defensively.)
 */
export function validateEvent(x: unknown): string | null {
  try {
    if (typeof x !== 'object' || x === null || Array.isArray(x)) return 'an event must be an object';
    const msg = x as Record<string, unknown>;
    const type = msg.type;
    if (typeof type !== 'string' || !Object.hasOwn(EVENT_FIELDS, type)) return `unknown event type ${describe(type)}`;
    for (const [key, check] of Object.entries(EVENT_FIELDS[type as HostEvent['type']])) {
      if (!check(msg[key])) return `${type}: bad or missing field "${key}"`;
    }
    if ('protocol' in msg && msg.protocol !== PROTOCOL_VERSION) {
      return `${type}: protocol v${String(msg.protocol)}, expected v${PROTOCOL_VERSION}`;
    }
    // A graph diff's nodes and edges are checked whole: the view hands them to cytoscape as they are.
    if (type === 'graph') return validateGraphEvent(msg);
    return null;
  } catch {
    return 'an event must be a plain object';
  }
}

function describe(v: unknown): string {
  return typeof v === 'string' ? JSON.stringify(v.slice(0, 40)) : typeof v;
}
