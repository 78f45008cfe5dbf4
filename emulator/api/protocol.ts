// The message protocol between the machine host (a worker) and the UI.
//
// The UI sends *commands* — the same inputs a real machine has: keyboard bytes on the console, a
// new window size, the power and pause buttons. The host answers with *events*: what the console
// printed and how the machine is doing. Messages are plain JSON-able objects, so they cross
// worker_threads, Web Workers and Electron IPC unchanged (structured clone).
//
// Console bytes travel as latin1 strings (one char per byte, 0–255; see latin1.ts): a string is
// cheap to clone and log, and unlike UTF-8 text it can carry any byte sequence.

/** Bumped on every incompatible change; the host announces it in every status event. */
export const PROTOCOL_VERSION = 1;

/** Largest tty-input a single command may carry (a big paste is split by the sender). */
export const MAX_TTY_INPUT = 64 * 1024;

/** A terminal dimension must fit `struct winsize`'s unsigned short. */
const MAX_DIMENSION = 0xffff;

export type Command =
  | { type: 'tty-input'; data: string }
  | { type: 'resize'; cols: number; rows: number }
  | { type: 'pause' }
  | { type: 'resume' }
  | { type: 'reset' };

/**
 * booting: building the machine · running: executing · idle: every task sleeps until a timer or
 * input · paused: stopped by the user · halted: init exited (the power is off) · error: the
 * emulator itself failed (a bug, not a guest crash).
 */
export type MachineState = 'booting' | 'running' | 'idle' | 'paused' | 'halted' | 'error';

export interface StatusEvent {
  type: 'status';
  protocol: typeof PROTOCOL_VERSION;
  state: MachineState;
  /** The machine's virtual clock, ns since boot. */
  virtualNs: number;
  /** init's exit status once halted, else null. */
  exitStatus: number | null;
  /** Why the state is 'error'. */
  message?: string;
}

export type HostEvent =
  | { type: 'tty-output'; data: string }
  | StatusEvent
  /** A command was malformed and ignored; the UI should log it (it is a bug on the sending side). */
  | { type: 'command-rejected'; error: string };

/** Every field each command type carries besides `type`, with a check for its value. */
const FIELDS: { [T in Command['type']]: Record<string, (v: unknown) => string | null> } = {
  'tty-input': { data: checkTtyData },
  resize: { cols: checkDimension, rows: checkDimension },
  pause: {},
  resume: {},
  reset: {},
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
export function ttyInput(data: string): Command[] {
  const commands: Command[] = [];
  for (let i = 0; i < data.length; i += MAX_TTY_INPUT) {
    commands.push({ type: 'tty-input', data: data.slice(i, i + MAX_TTY_INPUT) });
  }
  return commands;
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

function describe(v: unknown): string {
  return typeof v === 'string' ? JSON.stringify(v.slice(0, 40)) : typeof v;
}
