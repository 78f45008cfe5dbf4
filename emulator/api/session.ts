// Trace sessions: a machine's trace, console and process table saved to a file (`.ringside`), to
// share a run or study it later without the machine.
//
// The file is JSON lines (UTF-8 text, one JSON object per line, no compression), so `head`, `jq`
// and `grep` work on it, and its trace part is exactly what `ringside run --trace FILE` writes:
//
//   line 1     the header:      {"format":"ringside-session","version":1,"app":"ringside 0.1.0",
//                                "created":"2026-…Z","machine":{…},"counts":{…}}
//   line 2     the console:     {"transcript":"…"}   (latin1 text: one char per byte, as the tty sent it)
//   line 3     the processes:   {"processes":[…]}    (ProcessInfo records, as the UI shows them)
//   lines 4…   the trace:       one TraceEvent per line, in seq order (sys_enter/sys_exit with "name")
//
// The header's counts say how many trace lines follow, so a truncated file is told from a whole one.
// A reader rejects a file of another format or a newer version with a message saying so.
//
// parseSession never throws: a bad file gives { ok: false, error } naming the line at fault.

import type { ProcessInfo } from './introspection';
import type { MachineState } from './protocol';

export const SESSION_FORMAT = 'ringside-session';
/** Bumped on an incompatible change of the layout above. */
export const SESSION_VERSION = 1;
/** The file name extension the dialogs offer. */
export const SESSION_EXTENSION = 'ringside';

export interface SessionHeader {
  format: typeof SESSION_FORMAT;
  version: typeof SESSION_VERSION;
  /** What wrote it, e.g. "ringside 0.1.0". */
  app: string;
  /** When it was written (ISO 8601, wall clock of the writer's host). */
  created: string;
  machine: {
    /** The seed the machine was built with (null when the writer did not know it). */
    seed: number | null;
    /** The host's boot counter (1 for the first boot, 2 after a reset…). */
    boot: number;
    /** init's command line. */
    init: string[] | null;
    /** The machine's virtual clock at export, ns since boot. */
    virtualNs: number;
    state: MachineState;
    exitStatus: number | null;
  };
  counts: {
    /** Trace lines that follow the process table. */
    events: number;
    /** Trace events the writer no longer had (its log had wrapped): the first line's seq tells where it starts. */
    lost: number;
    /** Console bytes left out at the start of the transcript (only the last part is kept). */
    transcriptDropped: number;
  };
}

/** A trace event as the file holds it: the kernel's TraceEvent, plus `name` on syscall events. */
export interface SessionTraceEvent {
  seq: number;
  ts: number;
  pid: number;
  tid: number;
  cpu: number;
  kind: string;
  name?: string;
  [field: string]: unknown;
}

export interface Session {
  header: SessionHeader;
  /** The console output (latin1). */
  transcript: string;
  processes: ProcessInfo[];
  events: SessionTraceEvent[];
}

export type ParseResult = { ok: true; session: Session } | { ok: false; error: string };

const MACHINE_STATES: readonly string[] = ['booting', 'running', 'idle', 'paused', 'halted', 'error'];
/** A trace event's kind: the kernel adds kinds over time (signal_generate, vdso…), so any short name is read. */
const EVENT_KIND = /^[a-z][a-z_]{0,31}$/;

const str = (v: unknown) => typeof v === 'string';
const optStr = (v: unknown) => v === undefined || typeof v === 'string';
const num = (v: unknown) => typeof v === 'number' && Number.isFinite(v);
/** The fields the trace views read of each kind the kernel makes (trace/events.ts); other kinds are shown as they are. */
const KIND_FIELDS: Record<string, Record<string, (v: unknown) => boolean>> = {
  sys_enter: { text: optStr, strings: (v) => v === undefined || v === null || (Array.isArray(v) && v.every((x) => x === null || str(x))) },
  sys_exit: { text: optStr, retText: optStr },
  fork: { child: num, flags: num },
  exec: { path: str, argv: (v) => Array.isArray(v) && v.every(str) },
  exit: { status: num },
  reap: { child: num },
  switch: { prev: num },
  fault: { addr: num, write: (v) => typeof v === 'boolean', result: str },
  signal_generate: { sig: num, code: num, target: num, text: optStr },
  signal_deliver: { sig: num, code: num, target: num, text: optStr },
  vdso: { name: str },
  net: { dev: str, proto: str, src: str, dst: str, flags: str, len: num },
};

/** Reads a session file's text. Never throws. */
export function parseSession(text: string): ParseResult {
  try {
    return parse(text);
  } catch (err) {
    // Only reachable through a bug above; still an answer, not an exception.
    return { ok: false, error: `not a Ringside session: ${err instanceof Error ? err.message : String(err)}` };
  }
}

function parse(text: string): ParseResult {
  if (typeof text !== 'string') return fail('not a Ringside session: the file is not text');
  const lines = text.split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  if (lines.length === 0) return fail('not a Ringside session: the file is empty');

  const first = json(lines[0]!);
  if (!isObject(first) || first.format !== SESSION_FORMAT) {
    return fail(`not a Ringside session: line 1 does not start with {"format":"${SESSION_FORMAT}",…}`);
  }
  if (first.version !== SESSION_VERSION) {
    const v = typeof first.version === 'number' ? first.version : String(first.version);
    return fail(
      typeof v === 'number' && v > SESSION_VERSION
        ? `this session was written in format version ${v} by a newer Ringside; this one reads version ${SESSION_VERSION}`
        : `unknown session format version ${v} (this Ringside reads version ${SESSION_VERSION})`,
    );
  }
  const headerProblem = checkHeader(first);
  if (headerProblem) return fail(`line 1 (header): ${headerProblem}`);
  const header = first as unknown as SessionHeader;

  if (lines.length < 3) return fail('the session is truncated: the console transcript or process table is missing');
  const second = json(lines[1]!);
  if (!isObject(second) || typeof second.transcript !== 'string') return fail('line 2: expected {"transcript": "…"}');
  if (!isLatin1(second.transcript)) return fail('line 2: the transcript must be latin1 text (characters 0-255)');
  const third = json(lines[2]!);
  if (!isObject(third) || !Array.isArray(third.processes)) return fail('line 3: expected {"processes": […]}');
  for (let i = 0; i < third.processes.length; i++) {
    const p: unknown = third.processes[i];
    const problem = checkProcess(p);
    if (problem) return fail(`line 3: process ${i} is not a process record: ${problem}`);
  }

  const events: SessionTraceEvent[] = [];
  let lastSeq = -1;
  for (let i = 3; i < lines.length; i++) {
    const e = json(lines[i]!);
    const where = `line ${i + 1}`;
    if (!isObject(e)) return fail(`${where}: not a JSON object`);
    if (typeof e.kind !== 'string' || !EVENT_KIND.test(e.kind)) return fail(`${where}: unknown trace event kind ${JSON.stringify(e.kind)}`);
    for (const f of ['seq', 'ts', 'pid', 'tid', 'cpu'] as const) {
      if (!isInt(e[f]) || (e[f] as number) < 0) return fail(`${where}: "${f}" must be a non-negative integer`);
    }
    if ((e.kind === 'sys_enter' || e.kind === 'sys_exit') && !isInt(e.nr)) return fail(`${where}: a ${e.kind} needs "nr"`);
    if (e.kind === 'sys_enter' && !(Array.isArray(e.args) && e.args.length === 6 && e.args.every((a) => typeof a === 'number'))) {
      return fail(`${where}: a sys_enter needs six numeric "args"`);
    }
    if (e.kind === 'sys_exit' && typeof e.ret !== 'number') return fail(`${where}: a sys_exit needs "ret"`);
    const wrong = Object.entries(KIND_FIELDS[e.kind] ?? {}).find(([f, ok]) => !ok(e[f]));
    if (wrong) return fail(`${where}: a ${e.kind} needs a valid "${wrong[0]}"`);
    if ((e.seq as number) <= lastSeq) return fail(`${where}: seq ${String(e.seq)} is not after the previous line's ${lastSeq}`);
    lastSeq = e.seq as number;
    events.push(e as SessionTraceEvent);
  }
  if (events.length !== header.counts.events) {
    return fail(`the session is truncated: the header announces ${header.counts.events} trace events, the file holds ${events.length}`);
  }
  return {
    ok: true,
    session: { header, transcript: second.transcript, processes: third.processes as ProcessInfo[], events },
  };
}

function checkHeader(h: Record<string, unknown>): string | null {
  if (typeof h.app !== 'string') return '"app" must be a string';
  if (typeof h.created !== 'string' || Number.isNaN(Date.parse(h.created))) return '"created" must be an ISO date';
  const m = h.machine;
  if (!isObject(m)) return '"machine" must be an object';
  if (!(m.seed === null || isInt(m.seed))) return '"machine.seed" must be an integer or null';
  if (!isInt(m.boot)) return '"machine.boot" must be an integer';
  if (!(m.init === null || (Array.isArray(m.init) && m.init.every((a) => typeof a === 'string')))) return '"machine.init" must be a list of strings or null';
  if (typeof m.virtualNs !== 'number' || !(m.virtualNs >= 0)) return '"machine.virtualNs" must be a non-negative number';
  if (typeof m.state !== 'string' || !MACHINE_STATES.includes(m.state)) return '"machine.state" is not a machine state';
  if (!(m.exitStatus === null || isInt(m.exitStatus))) return '"machine.exitStatus" must be an integer or null';
  const c = h.counts;
  if (!isObject(c)) return '"counts" must be an object';
  for (const f of ['events', 'lost', 'transcriptDropped'] as const) {
    if (!isInt(c[f]) || (c[f] as number) < 0) return `"counts.${f}" must be a non-negative integer`;
  }
  return null;
}

/** Every field of a ProcessInfo (the views read them all), or the first one that is wrong. */
function checkProcess(p: unknown): string | null {
  if (!isObject(p)) return 'not an object';
  for (const f of ['pid', 'tgid', 'ppid', 'pgid', 'sid', 'uid', 'euid', 'gid', 'egid'] as const) if (!isInt(p[f])) return `"${f}" must be an integer`;
  for (const f of ['comm', 'state', 'exe', 'sigBlocked', 'sigPending', 'sigSharedPending'] as const) if (typeof p[f] !== 'string') return `"${f}" must be a string`;
  for (const f of ['tty', 'cwd'] as const) if (!(p[f] === null || typeof p[f] === 'string')) return `"${f}" must be a string or null`;
  for (const f of ['startNs', 'utimeNs', 'stimeNs'] as const) if (!isNum(p[f])) return `"${f}" must be a number`;
  if (!isArrayOf(p.groups, isInt)) return '"groups" must be a list of integers';
  if (!isArrayOf(p.cmdline, (a) => typeof a === 'string')) return '"cmdline" must be a list of strings';
  const fd = (f: unknown) => isObject(f) && isInt(f.fd) && typeof f.target === 'string' && typeof f.mode === 'string' && typeof f.cloexec === 'boolean' && isNum(f.flags) && isNum(f.pos);
  if (!isArrayOf(p.fds, fd)) return '"fds" must be a list of {fd, target, mode, cloexec, flags, pos}';
  const map = (m: unknown) => isObject(m) && isNum(m.start) && isNum(m.end) && typeof m.perms === 'string' && isNum(m.offset) && typeof m.name === 'string';
  if (!isArrayOf(p.maps, map)) return '"maps" must be a list of {start, end, perms, offset, name}';
  const handler = (h: unknown) => isObject(h) && isInt(h.sig) && typeof h.name === 'string' && typeof h.action === 'string' && typeof h.flags === 'string';
  if (!isArrayOf(p.handlers, handler)) return '"handlers" must be a list of {sig, name, action, flags}';
  const c = p.syscall;
  if (!(c === null || (isObject(c) && isInt(c.nr) && typeof c.name === 'string' && isArrayOf(c.args, isNum)))) return '"syscall" must be {nr, name, args} or null';
  return null;
}

function isArrayOf(v: unknown, ok: (x: unknown) => boolean): boolean {
  return Array.isArray(v) && v.every(ok);
}

function isNum(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

function json(line: string): unknown {
  try {
    return JSON.parse(line) as unknown;
  } catch {
    return undefined;
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isInt(v: unknown): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v);
}

function isLatin1(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0xff) return false;
  return true;
}

function fail(error: string): ParseResult {
  return { ok: false, error };
}

/** A file name for a session made now: ringside-2026-11-28T13-45-00.ringside. */
export function sessionFileName(created: Date): string {
  return `ringside-${created.toISOString().slice(0, 19).replace(/:/g, '-')}.${SESSION_EXTENSION}`;
}
