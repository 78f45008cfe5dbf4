// The renderer's Vite settings, and the browser build (dist/web): the same renderer, with the
// machine in a Web Worker the page starts itself. `npm run web` serves it in development;
// `npm start` serves the build where Electron is not available. The Electron build
// (electron.vite.config.ts) reuses rendererConfig with its own output directory.

import { fileURLToPath } from 'node:url';
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';
import type { Plugin, UserConfig } from 'vite';
import { META_CONTENT_SECURITY_POLICY } from '../main/static_files.mjs';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));

/** The renderer's page. */
export const rendererEntry = fileURLToPath(new URL('index.html', import.meta.url));

/**
 * The built page also carries the CSP the server and app:// send as a header, as a <meta> tag:
 * a second line of defence should the page be loaded some other way, and visible to audits
 * that read the HTML (npm run audit:electron). Not in the dev server, whose client injects code.
 */
function cspMeta(): Plugin {
  const policy = META_CONTENT_SECURITY_POLICY;
  return {
    name: 'ringside-csp-meta',
    apply: 'build',
    transformIndexHtml: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: policy }, injectTo: 'head-prepend' }],
  };
}

/** @param outDir relative to the repository root */
export function rendererConfig(outDir: string) {
  return {
    root: fileURLToPath(new URL('.', import.meta.url)),
    // Relative asset URLs: the page is served from app://ringside/ or any http path.
    base: './',
    plugins: [vue(), cspMeta()],
    // The machine's Web Worker (emulator/host/worker_web.ts) is an ES module.
    worker: { format: 'es' },
    build: { outDir: fileURLToPath(new URL(outDir, `file://${repoRoot}`)), emptyOutDir: true },
    // The dev server may serve the emulator, which lives outside renderer/.
    server: { fs: { allow: [repoRoot] } },
  } satisfies UserConfig;
}

export default defineConfig(rendererConfig('dist/web'));
