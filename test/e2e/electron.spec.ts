// The desktop app end to end: the window opens, the machine (in the main process's worker) boots
// to a prompt, and a command typed into the terminal runs. Needs the Electron binary, which npm's
// `electron` package downloads at install time; skipped where it could not.

import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron as electron } from 'playwright';
import { test } from 'playwright/test';
import { findElectronBinary, resolvePackageDir } from '../../main/cli/electron_runtime.mjs';
import { checkEcho, waitForPrompt } from './terminal';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const binary = findElectronBinary();

test.skip(binary === null, 'no Electron binary: the electron package could not download it on this machine');

test.beforeAll(() => {
  // Test the current sources: build out/ (main, preload, renderer) first.
  const cli = join(resolvePackageDir('electron-vite') ?? '', 'bin', 'electron-vite.js');
  execFileSync(process.execPath, [cli, 'build'], { cwd: repoRoot, stdio: 'inherit' });
});

test('opens the window, boots to a shell prompt and runs echo', async () => {
  const app = await electron.launch({ executablePath: binary ?? '', args: [repoRoot], cwd: repoRoot });
  try {
    const page = await app.firstWindow();
    await waitForPrompt(page);
    await checkEcho(page);
  } finally {
    await app.close();
  }
});
