// The UI's benchmark figures (`npm run bench`): the browser build in headless Chromium, measured
// from the page's navigation to the moment the shell's prompt is in the terminal's buffer.
// Without Chromium (/usr/bin/chromium) there is no figure (null).

import { fileURLToPath } from 'node:url';
import { PROMPT } from '../e2e/env';
import { pageAtPrompt, withBrowser } from './ui_page';

/**
 * ui_first_prompt_ms: page load to the shell prompt on screen, median of `reps` loads (each a
 * new page, so a new worker and a freshly booted machine). Times are the page's own clock
 * (performance.now(), whose origin is the navigation's start).
 */
export async function uiFirstPromptMs(reps = 3): Promise<number | null> {
  return withBrowser(async (browser, url) => {
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
  });
}

/**
 * ui_trace_1m_scroll_fps: the trace view holding a million rows (a million real getpid calls of
 * the machine's bench program), scrolled by 1500 px every frame for two seconds: frames per second
 * and the longest frame. Null without Chromium.
 */
export async function uiTraceScroll(rows = 1_000_000): Promise<{ fps: number; maxFrameMs: number } | null> {
  return withBrowser(async (browser, url) => {
    const page = await pageAtPrompt(browser, url);
    await page.getByTestId('terminal').click();
    // Far more calls than rows wanted: the machine makes them faster than the UI takes them in,
    // and the host's log drops what the UI has not asked for in time (the view counts it as lost).
    await page.keyboard.type(`/usr/libexec/ringside/bench getpid ${rows * 8}\n`);
    await page.waitForFunction(
      (n) => Number(document.querySelector('[data-testid="trace-count"]')?.textContent?.split(' ')[0]?.replace(/,/g, '')) >= n,
      rows,
      { timeout: 180_000, polling: 500 },
    );
    await page.keyboard.press('Control+C');
    // Measure the view holding the rows, not the view still taking in the host's backlog.
    let seen: string | null = null;
    for (;;) {
      const now = await page.getByTestId('trace-count').textContent();
      if (now === seen) break;
      seen = now;
      await page.waitForTimeout(1000);
    }
    // A string, not a function: tsx's helpers (__name) do not exist in the page.
    return (await page.evaluate(`new Promise((resolve) => {
      const list = document.querySelector('[data-testid="trace-view"] .virtual-list');
      const frames = [];
      const start = performance.now();
      let last = start;
      const tick = (now) => {
        frames.push(now - last);
        last = now;
        list.scrollTop += 1500;
        if (now - start < 2000) requestAnimationFrame(tick);
        else resolve({ fps: (frames.length * 1000) / (now - start), maxFrameMs: Math.max(...frames.slice(1)) });
      };
      requestAnimationFrame((t) => { last = t; requestAnimationFrame(tick); });
    })`)) as { fps: number; maxFrameMs: number };
  });
}

/**
 * ui_yes_throughput_mb_s: `yes | head -c 8 MB` on the console, from Enter to the prompt back on
 * screen: megabytes of the program's output per second through the tty, the host's batches, the
 * UI's flow-control acknowledgements and xterm.js's drawing. Null without Chromium.
 */
export async function uiYesThroughputMbS(bytes = 8_000_000): Promise<number | null> {
  return withBrowser(async (browser, url) => {
    const page = await pageAtPrompt(browser, url);
    await page.getByTestId('terminal').click();
    await page.keyboard.type(`clear; yes | head -c ${bytes}`);
    const t0 = await page.evaluate('performance.now()') as number;
    await page.keyboard.press('Enter');
    // The prompt back after the last "y": the whole output has been drawn.
    const handle = await page.waitForFunction(
      (prompt) => {
        const text = window.__ringsideTerminalText?.() ?? '';
        return text.endsWith(`y\n${prompt}`) ? performance.now() : false;
      },
      PROMPT,
      { polling: 100, timeout: 300_000 },
    );
    const ms = ((await handle.jsonValue()) as number) - t0;
    return bytes / 1e6 / (ms / 1000);
  });
}

// `npx tsx test/bench/ui.ts`: these figures alone.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const scroll = await uiTraceScroll();
  console.log(JSON.stringify({
    ui_first_prompt_ms: await uiFirstPromptMs(), ui_yes_throughput_mb_s: await uiYesThroughputMbS(),
    ui_trace_1m_scroll_fps: scroll?.fps, ui_trace_1m_max_frame_ms: scroll?.maxFrameMs,
  }));
}
