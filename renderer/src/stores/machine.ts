// The machine as the UI sees it: its status (reactive, for the status bar and menus) and a stream
// of console output (not reactive — the terminal consumes it directly, as it may be megabytes).

import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { RingsideApi } from '../../../emulator/api/bridge';
import { validateEvent } from '../../../emulator/api/protocol';
import type { Command, HostEvent, MachineState } from '../../../emulator/api/protocol';

export const useMachineStore = defineStore('machine', () => {
  /** 'connecting' until the host's first status arrives. */
  const state = ref<MachineState | 'connecting'>('connecting');
  const virtualNs = ref(0);
  const exitStatus = ref<number | null>(null);
  const message = ref<string | null>(null);

  let transport: RingsideApi | null = null;
  const outputListeners = new Set<(data: string) => void>();
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
      if (raw?.type === 'status') {
        state.value = 'error';
        message.value = problem;
      }
      return;
    }
    const event = raw;
    switch (event.type) {
      case 'tty-output':
        if (outputListeners.size === 0) unheardOutput.push(event.data);
        outputListeners.forEach((cb) => cb(event.data));
        break;
      case 'status':
        state.value = event.state;
        virtualNs.value = event.virtualNs;
        exitStatus.value = event.exitStatus;
        message.value = event.message ?? null;
        break;
      case 'command-rejected':
        console.warn('ringside: the machine rejected a command:', event.error);
        break;
    }
  }

  function send(command: Command): void {
    transport?.send(command);
  }

  /** Calls `cb` with console output (latin1 bytes); returns a function that stops it. */
  function onTtyOutput(cb: (data: string) => void): () => void {
    outputListeners.add(cb);
    unheardOutput.forEach(cb);
    unheardOutput = [];
    return () => void outputListeners.delete(cb);
  }

  return { state, virtualNs, exitStatus, message, connect, send, onTtyOutput };
});
