// What the UI benchmark figures share: a fresh browser build of the current sources, served on
// localhost, in Debian's headless Chromium, and a page whose machine has booted to its prompt.

import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright';
import { createStaticServer, listen } from '../../main/cli/web_server.mjs';
import { CHROMIUM_PATH, HAS_CHROMIUM, PROMPT } from '../e2e/env';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/** A fresh browser build of the current sources, in dist/web. */
function buildWeb(): string {
  const vite = join(repoRoot, 'node_modules', 'vite', 'bin', 'vite.js');
  const r = spawnSync(process.execPath, [vite, 'build', '--config', 'renderer/vite.web.config.ts', '--logLevel', 'warn'], {
    cwd: repoRoot,
    encoding: 'utf8',
  });
  // Quiet on success: `npm run bench` prints one JSON object and nothing else.
  if (r.status !== 0) throw new Error(`bench: the browser build failed:\n${r.stdout}${r.stderr}`);
  return join(repoRoot, 'dist', 'web');
}

/** Run `measure` with a browser and the build's URL; null (no figure) without Chromium. */
export async function withBrowser<T>(measure: (browser: Browser, url: string) => Promise<T>): Promise<T | null> {
  if (!HAS_CHROMIUM) return null;
  const server = createStaticServer(buildWeb());
  const url = await listen(server, { port: 4189, anyPortIfTaken: true });
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--no-sandbox', '--headless', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
  try {
    return await measure(browser, url);
  } finally {
    await browser.close();
    server.close();
  }
}

/** A 1600×1000 page of the app whose machine shows its shell prompt. */
export async function pageAtPrompt(browser: Browser, url: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  await page.goto(url);
  await page.waitForFunction((prompt) => (window.__ringsideTerminalText?.() ?? '').includes(prompt), PROMPT, { timeout: 60_000 });
  return page;
}
