// Small display formatters for the status bar.

import type { MachineState } from '../../emulator/api/protocol';

/** Virtual ns since boot as seconds, e.g. "12.345 s". */
export function formatVirtualTime(ns: number): string {
  return `${(ns / 1e9).toFixed(3)} s`;
}

const STATE_LABELS: Record<MachineState | 'connecting', string> = {
  connecting: 'Connecting…',
  booting: 'Booting',
  running: 'Running',
  idle: 'Idle',
  paused: 'Paused',
  halted: 'Powered off',
  error: 'Emulator error',
};

export function formatState(state: MachineState | 'connecting', exitStatus: number | null): string {
  return state === 'halted' && exitStatus !== null
    ? `${STATE_LABELS.halted} (init exited ${exitStatus})`
    : STATE_LABELS[state];
}

/** A trace timestamp: virtual seconds with microseconds, e.g. "1.234567". */
export function formatTimestamp(ns: number): string {
  return (ns / 1e9).toFixed(6);
}

/** A duration: "850 ns", "12.3 µs", "4.56 ms", "1.20 s". */
export function formatDuration(ns: number | null): string {
  if (ns === null) return '';
  if (ns < 1000) return `${Math.round(ns)} ns`;
  if (ns < 1e6) return `${(ns / 1e3).toFixed(1)} µs`;
  if (ns < 1e9) return `${(ns / 1e6).toFixed(2)} ms`;
  return `${(ns / 1e9).toFixed(2)} s`;
}

/** A register as 0x… (an unsigned 64-bit view of a possibly negative number). */
export function formatRegister(v: number): string {
  return '0x' + BigInt.asUintN(64, BigInt(Math.trunc(v))).toString(16);
}

/** A count with thousands separators. */
export function formatCount(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}
