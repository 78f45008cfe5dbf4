// The machine host in a browser Web Worker (the browser build; renderer/src/transport/web_worker.ts
// starts it). Like worker_node.ts, only an adapter: the worker's global scope becomes the host's Port.

import { Machine } from '../machine/machine';
import { startHost } from './host';

// eslint-disable-next-line no-restricted-globals -- the Web Worker adapter is the one place for `self`
const scope = self as unknown as DedicatedWorkerGlobalScope;

/** The machine every desktop window runs. */
const SEED = 1;
const INIT = ['/sbin/init'];

startHost(
  {
    post: (msg) => scope.postMessage(msg),
    onMessage: (cb) => scope.addEventListener('message', (e: MessageEvent) => cb(e.data)),
  },
  () => new Machine({ mode: 'interactive', seed: SEED, init: INIT }),
  // An exported session records how its machine was made.
  { machineInfo: { seed: SEED, init: INIT } },
);
