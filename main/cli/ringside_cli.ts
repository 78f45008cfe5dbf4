// The headless CLI: boot a machine, run a command on its console, print what the console shows.
//
//   ringside run [--seed N] [--put HOSTFILE:GUESTPATH]… [--trace FILE [--trace-format jsonl|strace]]
//                [--pcap FILE] [--session FILE] [--timeout S] [--] COMMAND-LINE
//   ringside shell [--seed N] [--put HOSTFILE:GUESTPATH]…
//
// The CLI is outside the machine, like a serial line and a power button: it writes console input,
// reads console output, and gets init's status at power-off. Nothing here reaches into the kernel.

import { closeSync, openSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { Machine, type GuestFile } from '../../emulator/machine/machine';
import { startHost, type HostPort } from '../../emulator/host/host';
import type { HostEvent } from '../../emulator/api/protocol';
import { bytesToLatin1, latin1ToBytes } from '../../emulator/api/latin1';
import { traceToJsonLines } from '../../emulator/trace/export_jsonl';
import { traceToStrace } from '../../emulator/trace/export_strace';
import { DEFAULT_DECODE_OPTIONS } from '../../emulator/trace/decode';
import type { TraceEvent } from '../../emulator/trace/events';
import { net_capture_start } from '../../emulator/kernel/net/capture/capture';
import { snapshotProcesses } from '../../emulator/host/snapshot';
import { writeSession } from '../../emulator/host/session_writer';

export const USAGE = `Usage: ringside run [--seed N] [--put HOSTFILE:GUESTPATH]... [--trace FILE [--trace-format jsonl|strace]] [--pcap FILE] [--session FILE] [--timeout S] [--] COMMAND-LINE
       ringside shell [--seed N] [--put HOSTFILE:GUESTPATH]...
       ringside --help | --version`;

export interface CliIo {
  stdout: { write(s: string | Uint8Array): unknown; isTTY?: boolean; columns?: number; rows?: number; on?(ev: 'resize', cb: () => void): unknown };
  stderr: { write(s: string): unknown };
  stdin?: NodeJS.ReadStream;
  /** Wall-clock milliseconds (injectable for tests). */
  now?: () => number;
}

export interface RunOptions {
  seed: number;
  puts: GuestFile[];
  trace: string | null;
  traceFormat: 'jsonl' | 'strace';
  /** Where to write a pcapng capture of lo, Netlink and Unix socket traffic. */
  pcap: string | null;
  /** Where to write a trace session (emulator/api/session.ts), as the desktop app's File → Export trace. */
  session: string | null;
  timeoutS: number;
  command: string;
}

class UsageError extends Error {}

function parseNumber(flag: string, v: string | undefined, min: number): number {
  if (v === undefined) throw new UsageError(`option '${flag}' requires an argument`);
  const n = Number(v);
  if (!/^\d+(\.\d+)?$/.test(v) || !Number.isFinite(n) || n < min) throw new UsageError(`invalid value for ${flag}: '${v}'`);
  return n;
}

function parsePut(v: string | undefined): GuestFile {
  if (v === undefined) throw new UsageError(`option '--put' requires an argument`);
  const i = v.lastIndexOf(':');
  if (i <= 0 || i === v.length - 1) throw new UsageError(`--put wants HOSTFILE:GUESTPATH, got '${v}'`);
  const host = v.slice(0, i);
  const guest = v.slice(i + 1);
  if (!guest.startsWith('/')) throw new UsageError(`--put: the guest path must be absolute: '${guest}'`);
  try {
    const data = readFileSync(host);
    // Keep the host file's executable bits, so a copied script or binary can run.
    const mode = statSync(host).mode & 0o111 ? 0o755 : 0o644;
    return { path: guest, data, mode };
  } catch (e) {
    throw new UsageError(`--put: cannot read '${host}': ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

function checkWritable(flag: string, file: string): void {
  try {
    closeSync(openSync(file, 'w'));
  } catch (e) {
    throw new UsageError(`${flag}: cannot write '${file}': ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

/** Parse the options; `run` also wants a COMMAND-LINE after them, `shell` none. */
export function parseRunArgs(args: string[], wantCommand = true): RunOptions {
  const o: RunOptions = { seed: 1, puts: [], trace: null, traceFormat: 'jsonl', pcap: null, session: null, timeoutS: 60, command: '' };
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') {
      i++;
      break;
    }
    if (!a.startsWith('--')) break;
    const [flag, inline] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const value = () => inline ?? args[++i];
    // `shell` takes --seed and --put only (USAGE): a run option there would be silently ignored.
    if (!wantCommand && flag !== '--seed' && flag !== '--put') throw new UsageError(`unrecognized option '${flag}'`);
    switch (flag) {
      case '--seed': o.seed = parseNumber('--seed', value(), 0); break;
      case '--put': o.puts.push(parsePut(value())); break;
      case '--trace': {
        const f = value();
        if (!f) throw new UsageError(`option '--trace' requires an argument`);
        o.trace = f;
        break;
      }
      case '--trace-format': {
        const f = value();
        if (f !== 'jsonl' && f !== 'strace') throw new UsageError(`unknown trace format '${f ?? ''}' (available: jsonl, strace)`);
        o.traceFormat = f;
        break;
      }
      case '--pcap': {
        const f = value();
        if (!f) throw new UsageError(`option '--pcap' requires an argument`);
        o.pcap = f;
        break;
      }
      case '--session': {
        const f = value();
        if (!f) throw new UsageError(`option '--session' requires an argument`);
        o.session = f;
        break;
      }
      case '--timeout': o.timeoutS = parseNumber('--timeout', value(), 0); break;
      default: throw new UsageError(`unrecognized option '${flag}'`);
    }
  }
  const rest = args.slice(i);
  if (!wantCommand) {
    if (rest.length) throw new UsageError(`unexpected argument '${rest[0]}'`);
    return o;
  }
  if (rest.length === 0) throw new UsageError('missing COMMAND-LINE');
  o.command = rest.join(' ');
  return o;
}

/** `ringside run`: returns the exit status for the host process. */
export function runCommand(o: RunOptions, io: CliIo): number {
  const now = io.now ?? Date.now;
  // An output file that cannot be written is told before the machine runs, not as an exception after.
  for (const [flag, file] of [['--trace', o.trace], ['--pcap', o.pcap], ['--session', o.session]] as const) {
    if (file) checkWritable(flag, file);
  }
  const init = ['/sbin/init', '-c', o.command];
  const m = new Machine({ seed: o.seed, init, files: o.puts });
  const toText = !io.stdout.isTTY;
  const transcript: string[] = [];
  m.onConsoleOutput((bytes) => {
    if (o.session) transcript.push(bytesToLatin1(bytes));
    if (!toText) {
      io.stdout.write(bytes);
      return;
    }
    // A terminal needs \r\n; a file or pipe wants plain lines.
    io.stdout.write(Buffer.from(bytesToLatin1(bytes).replace(/\r\n/g, '\n'), 'latin1'));
  });
  const events: TraceEvent[] = [];
  if (o.trace || o.session) {
    m.kernel.trace.decode = DEFAULT_DECODE_OPTIONS;
    m.kernel.trace.subscribe((e) => events.push(e));
  }
  // The capture watches the machine's sockets from outside, as tcpdump on a mirror port would.
  const capture = o.pcap ? net_capture_start(m.kernel) : null;
  m.boot();
  const deadline = now() + o.timeoutS * 1000;
  let status: number;
  /** How the machine was when the CLI stopped, for the session's header. */
  let finalState: 'running' | 'idle' | 'halted';
  for (;;) {
    const r = m.run(100);
    finalState = r.state;
    if (r.state === 'halted') {
      status = r.exitStatus ?? 0;
      break;
    }
    if (r.state === 'idle') {
      io.stderr.write('ringside: every process in the machine is waiting for console input; stopping it\n');
      status = 124;
      break;
    }
    if (now() >= deadline) {
      io.stderr.write(`ringside: the command did not finish within ${o.timeoutS} s; the machine was stopped\n`);
      status = 124;
      break;
    }
  }
  if (o.pcap && capture) {
    capture.stop();
    writeFileSync(o.pcap, capture.toPcapng());
    if (capture.dropped) io.stderr.write(`ringside: the capture kept ${capture.packets.length} packets; ${capture.dropped} more did not fit\n`);
  }
  if (o.session) {
    const text = writeSession({
      created: new Date(),
      seed: o.seed,
      boot: 1,
      init,
      virtualNs: m.now(),
      state: finalState,
      exitStatus: finalState === 'halted' ? status : null,
      transcript: transcript.join(''),
      transcriptDropped: 0,
      processes: snapshotProcesses(m.kernel),
      events,
      lost: 0,
    });
    writeFileSync(o.session, text);
  }
  if (o.trace) writeFileSync(o.trace, o.traceFormat === 'strace' ? traceToStrace(events) : traceToJsonLines(events));
  return status;
}

/** `ringside shell`: the console in your terminal (raw mode; ^C goes to the machine). */
export function runShell(o: RunOptions, io: CliIo): Promise<number> {
  return new Promise((resolve) => {
    const stdin = io.stdin ?? process.stdin;
    const listeners: ((msg: unknown) => void)[] = [];
    const port: HostPort = {
      post: (msg: HostEvent) => {
        if (msg.type === 'tty-output') io.stdout.write(latin1ToBytes(msg.data));
        else if (msg.type === 'status' && (msg.state === 'halted' || msg.state === 'error')) {
          if (stdin.isTTY) stdin.setRawMode(false);
          stdin.pause();
          if (msg.state === 'error') io.stderr.write(`ringside: ${msg.message ?? 'emulator error'}\n`);
          resolve(msg.exitStatus ?? (msg.state === 'error' ? 1 : 0));
        }
      },
      onMessage: (cb) => listeners.push(cb),
    };
    startHost(port, () => new Machine({ seed: o.seed, mode: 'interactive', files: o.puts, init: ['/sbin/init', 'single'] }));
    const send = (msg: unknown) => listeners.forEach((l) => l(msg));
    const resize = () => {
      if (io.stdout.columns && io.stdout.rows) send({ type: 'resize', cols: io.stdout.columns, rows: io.stdout.rows });
    };
    resize();
    io.stdout.on?.('resize', resize);
    if (stdin.isTTY) stdin.setRawMode(true);
    stdin.on('data', (chunk: Buffer) => send({ type: 'tty-input', data: bytesToLatin1(chunk) }));
    stdin.resume();
  });
}

/** The CLI entry: parse, dispatch, map errors to exit status 2 with the usage. */
export async function main(argv: string[], io: CliIo): Promise<number> {
  const [cmd, ...rest] = argv;
  try {
    switch (cmd) {
      case 'run':
        return runCommand(parseRunArgs(rest), io);
      case 'shell':
        return await runShell(parseRunArgs(rest, false), io);
      case '--help':
      case '-h':
        io.stdout.write(USAGE + '\n');
        return 0;
      case '--version':
        io.stdout.write('ringside 0.1.0\n');
        return 0;
      default:
        throw new UsageError(cmd === undefined ? 'missing command' : `unknown command '${cmd}'`);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr.write(`ringside: ${e.message}\n${USAGE}\n`);
      return 2;
    }
    throw e;
  }
}
