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
