#!/usr/bin/env node
// `npm start`: the desktop app if the Electron runtime is here, else the same UI in a browser.
//
//   npm start [-- --web] [-- --port N]
//     --web      serve the browser build even if Electron is available
//     --port N   port for the browser build (default 4173, or $PORT; a free one if 4173 is taken)

import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { findElectronBinary, resolvePackageDir } from './electron_runtime.mjs';
import { createStaticServer, ensureWebBuild, listen } from './web_server.mjs';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const { values } = parseArgs({ options: { web: { type: 'boolean' }, port: { type: 'string' } } });

if (!values.web && findElectronBinary()) {
  // electron-vite builds main, preload and renderer, then runs the app with this binary.
  const cli = join(resolvePackageDir('electron-vite') ?? '', 'bin', 'electron-vite.js');
  const child = spawn(process.execPath, [cli, 'preview'], { cwd: repoRoot, stdio: 'inherit' });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
} else {
  if (!values.web) console.log('The Electron runtime is not available here; serving the browser build instead.');
  const requested = values.port ?? process.env.PORT;
  const root = ensureWebBuild(repoRoot);
  const url = await listen(createStaticServer(root), {
    port: requested ? Number(requested) : 4173,
    anyPortIfTaken: !requested,
  });
  console.log(`Ringside (browser build): ${url}`);
}
