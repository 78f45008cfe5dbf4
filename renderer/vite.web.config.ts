// The renderer's Vite settings, and the browser build (dist/web): the same renderer, with the
// machine in a Web Worker the page starts itself. `npm run web` serves it in development;
// `npm start` serves the build where Electron is not available. The Electron build
// (electron.vite.config.ts) reuses rendererConfig with its own output directory.

import { fileURLToPath } from 'node:url';
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';
import type { UserConfig } from 'vite';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));

/** The renderer's page. */
export const rendererEntry = fileURLToPath(new URL('index.html', import.meta.url));

/** @param outDir relative to the repository root */
export function rendererConfig(outDir: string) {
  return {
    root: fileURLToPath(new URL('.', import.meta.url)),
    // Relative asset URLs: the page is served from app://ringside/ or any http path.
    base: './',
    plugins: [vue()],
    // The machine's Web Worker (emulator/host/worker_web.ts) is an ES module.
    worker: { format: 'es' },
    build: { outDir: fileURLToPath(new URL(outDir, `file://${repoRoot}`)), emptyOutDir: true },
    // The dev server may serve the emulator, which lives outside renderer/.
    server: { fs: { allow: [repoRoot] } },
  } satisfies UserConfig;
}

export default defineConfig(rendererConfig('dist/web'));
