import { beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeClock } from './fake_clock';
import { startHost } from '../../../emulator/host/host';
import type { HostedMachine, HostPort } from '../../../emulator/host/host';
import { PROTOCOL_VERSION } from '../../../emulator/api/protocol';
import type { HostEvent } from '../../../emulator/api/protocol';

/** A scripted machine: echoes input, stays busy for `busySlices` run calls, then idles until `timerNs`. */
class FakeMachine implements HostedMachine {
  ns = 0;
  busySlices = 0;
  timerNs: number | null = null;
  halted: number | null = null;
  failNextRun = false;
  runs = 0;
  sizes: [number, number][] = [];
  advances: number[] = [];
  private out: (bytes: Uint8Array) => void = () => {};

  boot = () => this.print('boot\r\n');
  onConsoleOutput = (cb: (bytes: Uint8Array) => void) => void (this.out = cb);
  consoleInput = (bytes: Uint8Array) => this.print(new TextDecoder().decode(bytes));
  resizeConsole = (cols: number, rows: number) => void this.sizes.push([cols, rows]);
  advanceTo = (ns: number) => {
    this.advances.push(ns);
    this.ns = ns;
  };
  now = () => this.ns;
  run = () => {
    this.runs++;
    if (this.failNextRun) throw new TypeError('kernel bug');
    if (this.halted !== null) return { state: 'halted' as const, nextTimerNs: null, exitStatus: this.halted };
    this.ns += 1000;
    if (this.timerNs !== null && this.ns >= this.timerNs) this.timerNs = null;
    if (this.busySlices > 0) {
      this.busySlices--;
      return { state: 'running' as const, nextTimerNs: null, exitStatus: null };
    }
    return { state: 'idle' as const, nextTimerNs: this.timerNs, exitStatus: null };
  };
  print(text: string): void {
    this.out(new TextEncoder().encode(text));
  }
}

let clock: FakeClock;
let machines: FakeMachine[];
let events: HostEvent[];
let send: (msg: unknown) => void;

function start(): FakeMachine {
  const port: HostPort = {
    post: (msg) => events.push(msg),
    onMessage: (cb) => void (send = cb),
  };
  startHost(
    port,
    () => {
      const m = new FakeMachine();
      machines.push(m);
      return m;
    },
    { clock, budgetMs: 8, batchMs: 16 },
  );
  return machines[0];
}

const output = () =>
  events
    .filter((e) => e.type === 'tty-output')
    .map((e) => e.data)
    .join('');
const states = () => events.flatMap((e) => (e.type === 'status' ? [e.state] : []));

beforeEach(() => {
  clock = new FakeClock();
  machines = [];
  events = [];
  vi.spyOn(console, 'error').mockImplementation(() => {});
});

describe('startHost', () => {
  it('boots the machine and posts its output in one batch per frame', () => {
    const m = start();
    m.print('more\r\n');
    expect(events).toEqual([]);
    clock.advance(16);
    expect(events[0]).toEqual({ type: 'tty-output', data: 'boot\r\nmore\r\n' });
    expect(events[1]).toMatchObject({ type: 'status', protocol: PROTOCOL_VERSION, state: 'idle', exitStatus: null });
    expect(events).toHaveLength(2);
  });

  it('runs in slices while busy, yielding between them', () => {
    const m = start();
    m.busySlices = 5;
    clock.advance(3);
    expect(m.runs).toBe(3);
    clock.advance(13);
    expect(m.runs).toBe(6);
    expect(states().at(-1)).toBe('idle');
  });

  it('waits real time for the next timer, then jumps the virtual clock to it', () => {
    const m = start();
    m.timerNs = 2_000_000_000; // sleep 2
    clock.advance(1);
    expect(m.runs).toBe(1);
    clock.advance(1500);
    expect(m.runs).toBe(1);
    expect(m.advances).toEqual([]);
    clock.advance(600);
    expect(m.advances).toEqual([2_000_000_000]);
    expect(m.runs).toBe(2);
  });

  it('wakes on input and moves the clock on by the real time that passed', () => {
    const m = start();
    m.timerNs = 2_000_000_000;
    clock.advance(1); // the first slice runs at wall 0 ms and leaves the machine idle at 1000 ns
    clock.advance(499);
    send({ type: 'tty-input', data: 'ls\r' });
    expect(m.advances).toEqual([1000 + 500 * 1e6]);
    clock.advance(16);
    expect(output()).toBe('boot\r\nls\r');
    expect(m.runs).toBe(2);
  });

  it('waits for input alone when no timer is pending', () => {
    const m = start();
    clock.advance(10_000);
    expect(m.runs).toBe(1);
    send({ type: 'tty-input', data: 'x' });
    clock.advance(1);
    expect(m.runs).toBe(2);
  });

  it('pauses and resumes', () => {
    const m = start();
    m.busySlices = 1000;
    clock.advance(5);
    send({ type: 'pause' });
    const runs = m.runs;
    clock.advance(100);
    expect(m.runs).toBe(runs);
    expect(states().at(-1)).toBe('paused');
    send({ type: 'resume' });
    clock.advance(5);
    expect(m.runs).toBeGreaterThan(runs);
    clock.advance(16);
    expect(states().at(-1)).toBe('running');
  });

  it('applies resizes and keeps them across a reset', () => {
    const m = start();
    send({ type: 'resize', cols: 120, rows: 40 });
    expect(m.sizes).toEqual([[120, 40]]);
    send({ type: 'reset' });
    expect(machines).toHaveLength(2);
    expect(machines[1].sizes).toEqual([[120, 40]]);
  });

  it('reset drops the old machine and its output', () => {
    const old = start();
    send({ type: 'reset' });
    old.print('stale');
    clock.advance(16);
    expect(output()).toBe('boot\r\n');
    expect(machines).toHaveLength(2);
  });

  it('rejects malformed commands without throwing', () => {
    start();
    expect(() => send({ type: 'tty-input', data: 5 })).not.toThrow();
    expect(() => send('reboot')).not.toThrow();
    expect(events.filter((e) => e.type === 'command-rejected')).toHaveLength(2);
  });

  it('reports halt after the final output', () => {
    const m = start();
    m.halted = 0;
    m.print('reboot: Power down\r\n');
    clock.advance(16);
    expect(events.at(-2)).toMatchObject({ type: 'tty-output' });
    expect(events.at(-1)).toMatchObject({ type: 'status', state: 'halted', exitStatus: 0 });
  });

  it('turns an exception in the machine into an error status, and reset recovers', () => {
    const m = start();
    m.failNextRun = true;
    clock.advance(16);
    expect(events.at(-1)).toMatchObject({ type: 'status', state: 'error', message: 'TypeError: kernel bug' });
    send({ type: 'tty-input', data: 'x' });
    clock.advance(16);
    expect(m.runs).toBe(1);
    send({ type: 'reset' });
    clock.advance(16);
    expect(states().at(-1)).toBe('idle');
    expect(events.at(-1)).not.toHaveProperty('message');
  });
});
