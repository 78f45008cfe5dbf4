// The browser build's transport: the machine host runs in a Web Worker owned by this page, and
// this module gives it the same shape as the preload's `window.ringside`.

import type { RingsideApi } from '../../../emulator/api/bridge';
import { PROTOCOL_VERSION } from '../../../emulator/api/protocol';
import type { Command, HostEvent } from '../../../emulator/api/protocol';

export function createWebWorkerTransport(): RingsideApi {
  const listeners = new Set<(event: HostEvent) => void>();
  const emit = (event: HostEvent) => listeners.forEach((cb) => cb(event));
  let worker: Worker | null = null;
  let failed = false;

  // Started when first needed, so the first listener sees every event from boot on.
  const ensureWorker = (): Worker => {
    if (worker) return worker;
    // The one place the renderer names a file of the emulator beyond its API: the worker's entry,
    // which Vite bundles separately (this `new Worker(new URL(...))` form is how it finds it).
    const w = new Worker(new URL('../../../emulator/host/worker_web.ts', import.meta.url), {
      type: 'module',
      name: 'ringside-machine',
    });
    w.onmessage = (e: MessageEvent<HostEvent>) => emit(e.data);
    w.onerror = (e: ErrorEvent) => {
      failed = true;
      emit({
        type: 'status',
        protocol: PROTOCOL_VERSION,
          boot: 0,
        state: 'error',
        virtualNs: 0,
        exitStatus: null,
        message: `The machine's worker failed: ${e.message || 'it could not be loaded'}`,
      });
    };
    worker = w;
    return w;
  };

  return {
    send(command: Command) {
      // After a worker failure, a reset starts a fresh worker (which boots a fresh machine).
      if (failed && command.type === 'reset') {
        worker?.terminate();
        worker = null;
        failed = false;
        ensureWorker();
        return;
      }
      ensureWorker().postMessage(command);
    },
    onEvent(cb) {
      listeners.add(cb);
      ensureWorker();
      return () => void listeners.delete(cb);
    },
  };
}
