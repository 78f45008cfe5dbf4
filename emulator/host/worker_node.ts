// The machine host in a Node worker_threads worker (Electron's main process spawns it; see
// main/worker_bridge.ts). The only emulator file besides worker_web.ts allowed to touch its
// environment: it adapts the worker's parentPort to the host's Port and nothing more.

// eslint-disable-next-line no-restricted-imports -- the Node adapter is the one place for worker_threads
import { parentPort } from 'node:worker_threads';
import { Machine } from '../machine/machine';
import { startHost } from './host';

if (!parentPort) throw new Error('worker_node must run inside a worker_threads Worker');
const port = parentPort;

/** The machine every desktop window runs. */
const SEED = 1;
const INIT = ['/sbin/init'];

startHost(
  { post: (msg) => port.postMessage(msg), onMessage: (cb) => port.on('message', cb) },
  () => new Machine({ mode: 'interactive', seed: SEED, init: INIT }),
  // An exported session records how its machine was made.
  { machineInfo: { seed: SEED, init: INIT } },
);
