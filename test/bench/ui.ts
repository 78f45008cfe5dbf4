// The UI's benchmark figures (`npm run bench`): the browser build in headless Chromium, measured
// from the page's navigation to the moment the shell's prompt is in the terminal's buffer.
// Without Chromium (/usr/bin/chromium) there is no figure (null).

import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright';
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

/**
 * ui_first_prompt_ms: page load to the shell prompt on screen, median of `reps` loads (each a
 * new page, so a new worker and a freshly booted machine). Times are the page's own clock
 * (performance.now(), whose origin is the navigation's start).
 */
export async function uiFirstPromptMs(reps = 3): Promise<number | null> {
  if (!HAS_CHROMIUM) return null;
  const server = createStaticServer(buildWeb());
  const url = await listen(server, { port: 4189, anyPortIfTaken: true });
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--no-sandbox', '--headless', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
  try {
    const samples: number[] = [];
    for (let i = 0; i < reps; i++) {
      const page = await browser.newPage();
      await page.goto(url);
      const handle = await page.waitForFunction(
        (prompt) => {
          const text = window.__ringsideTerminalText?.() ?? '';
          return text.includes(prompt) ? performance.now() : false;
        },
        PROMPT,
        { polling: 'raf', timeout: 60_000 },
      );
      samples.push((await handle.jsonValue()) as number);
      await page.close();
    }
    samples.sort((a, b) => a - b);
    return samples[Math.floor(samples.length / 2)]!;
  } finally {
    await browser.close();
    server.close();
  }
}

// `npx tsx test/bench/ui.ts`: this figure alone.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  console.log(JSON.stringify({ ui_first_prompt_ms: await uiFirstPromptMs() }));
}
