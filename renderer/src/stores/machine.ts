// The machine as the UI sees it: its status and counters (reactive, for the status bar and
// controls) and a stream of console output (not reactive — the terminal consumes it directly, as
// it may be megabytes). Every event from the host is checked here (validateEvent) before any store
// sees it; the processes and trace stores subscribe to the kinds they handle.

import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import type { RingsideApi } from '../../../emulator/api/bridge';
import type { StatsEvent, SteppedEvent } from '../../../emulator/api/introspection';
import { validateEvent } from '../../../emulator/api/protocol';
import type { Command, HostEvent, MachineState } from '../../../emulator/api/protocol';

export type HostEventListener = (event: HostEvent) => void;

export const useMachineStore = defineStore('machine', () => {
  /** 'connecting' until the host's first status arrives. */
  const state = ref<MachineState | 'connecting'>('connecting');
  const virtualNs = ref(0);
  const exitStatus = ref<number | null>(null);
  const message = ref<string | null>(null);
  /** The host's boot counter: a new value means a new machine (everything older is stale). */
  const boot = ref(0);
  const stats = shallowRef<StatsEvent | null>(null);
  /** Where the last step-to-next-syscall stopped. */
  const lastStep = shallowRef<SteppedEvent | null>(null);
  /** tty-input commands sent since this boot: whether the user has done anything in this machine. */
  const inputSinceBoot = ref(0);

  let transport: RingsideApi | null = null;
  const outputListeners = new Set<(data: string) => void>();
  const eventListeners = new Set<HostEventListener>();
  /** Output that arrived before a terminal listened, replayed to the first one. */
  let unheardOutput: string[] = [];

  function connect(api: RingsideApi): void {
    transport = api;
    api.onEvent(receive);
  }

  function receive(raw: HostEvent): void {
    const problem = validateEvent(raw);
    if (problem !== null) {
      console.warn('ringside: ignoring a malformed event from the machine:', problem);
      if ((raw as { type?: unknown } | null)?.type === 'status') {
        state.value = 'error';
        message.value = `The machine's messages do not match this UI: ${problem}`;
      }
      return;
    }
    const event = raw;
    switch (event.type) {
      case 'tty-output':
        // tty2..tty6 (terminal tabs) have listeners of their own.
        if ((event.tty ?? 1) !== 1) {
          vtListeners.get(event.tty!)?.forEach((cb) => cb(event.data));
          break;
        }
        if (outputListeners.size === 0) unheardOutput.push(event.data);
        outputListeners.forEach((cb) => cb(event.data));
        break;
      case 'status':
        if (event.boot !== boot.value) {
          boot.value = event.boot;
          lastStep.value = null;
          inputSinceBoot.value = 0;
          stats.value = null;
        }
        state.value = event.state;
        virtualNs.value = event.virtualNs;
        exitStatus.value = event.exitStatus;
        message.value = event.message ?? null;
        break;
      case 'stats':
        stats.value = event;
        virtualNs.value = event.virtualNs;
        break;
      case 'stepped':
        lastStep.value = event;
        break;
      case 'command-rejected':
        console.warn('ringside: the machine rejected a command:', event.error);
        break;
    }
    eventListeners.forEach((cb) => cb(event));
  }

  function send(command: Command): void {
    if (command.type === 'tty-input') inputSinceBoot.value++;
    transport?.send(command);
  }

  /** Calls `cb` with console output (latin1 bytes); returns a function that stops it. */
  function onTtyOutput(cb: (data: string) => void): () => void {
    outputListeners.add(cb);
    unheardOutput.forEach(cb);
    unheardOutput = [];
    return () => void outputListeners.delete(cb);
  }

  const vtListeners = new Map<number, Set<(data: string) => void>>();
  /** Calls `cb` with the output of virtual console `tty` (2..6); returns a function that stops it. */
  function onVtOutput(tty: number, cb: (data: string) => void): () => void {
    let set = vtListeners.get(tty);
    if (!set) vtListeners.set(tty, (set = new Set()));
    set.add(cb);
    return () => void set.delete(cb);
  }

  /** Calls `cb` with every well-formed event; returns a function that stops it. */
  function onHostEvent(cb: HostEventListener): () => void {
    eventListeners.add(cb);
    return () => void eventListeners.delete(cb);
  }

  // ---- the controls ------------------------------------------------------------------------------

  const pause = () => send({ type: 'pause' });
  const resume = () => send({ type: 'resume' });
  const step = () => send({ type: 'step' });
  const reset = () => send({ type: 'reset' });
  /** Pause a running machine, resume a paused one. */
  function togglePause(): void {
    if (state.value === 'paused') resume();
    else if (state.value === 'running' || state.value === 'idle') pause();
  }

  return {
    state, virtualNs, exitStatus, message, boot, stats, lastStep, inputSinceBoot,
    connect, receive, send, onTtyOutput, onVtOutput, onHostEvent, pause, resume, step, reset, togglePause,
  };
});
