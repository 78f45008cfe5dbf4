// electron-vite builds the desktop app into out/:
//   out/main      the main process (main/index.ts) and the machine's worker_threads entry
//                 (emulator/host/worker_node.ts), which main/worker_bridge.ts spawns
//   out/preload   the sandboxed preload script, as CommonJS (sandboxed preloads cannot be ES modules)
//   out/renderer  the Vue renderer, loaded through app://

import { defineConfig } from 'electron-vite';
import { rendererConfig, rendererEntry } from './renderer/vite.web.config';

const renderer = rendererConfig('out/renderer');

export default defineConfig({
  main: {
    build: {
      rolldownOptions: {
        input: { index: 'main/index.ts', worker_node: 'emulator/host/worker_node.ts' },
      },
    },
  },
  preload: {
    build: {
      rolldownOptions: {
        input: { index: 'preload/index.ts' },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    ...renderer,
    build: { ...renderer.build, rolldownOptions: { input: rendererEntry } },
  },
});
