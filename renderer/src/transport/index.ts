// How the renderer reaches the machine: in Electron through the preload's `window.ringside`, with
// the machine in the main process; in a plain browser through a Web Worker the page starts itself.

import type { RingsideApi } from '../../../emulator/api/bridge';
import { createWebWorkerTransport } from './web_worker';

export function connectMachine(): RingsideApi {
  return window.ringside ?? createWebWorkerTransport();
}
