// The graph view's benchmark figure (`npm run bench`): the browser build in headless Chromium with
// the IPC graph holding 500 real objects. Without Chromium (/usr/bin/chromium) there is no figure.

import { fileURLToPath } from 'node:url';
import { pageAtPrompt, withBrowser } from './ui_page';

/**
 * ui_graph_500_update_ms: the IPC graph holding 500 real objects (SysV message queues made by
 * ipcmk in the machine), then one more queue at a time: from the diff reaching the graph view to
 * the end of the frame after it (cytoscape drew it), median of 7; also the longest diff applied.
 * Null without Chromium.
 */
export async function uiGraph500Update(objects = 500): Promise<{ ms: number; maxApplyMs: number } | null> {
  return withBrowser(async (browser, url) => {
    const page = await pageAtPrompt(browser, url);
    await page.getByTestId('view-tab-graph').click();
    await page.getByTestId('terminal').click();
    await page.keyboard.type(`for i in $(seq ${objects}); do ipcmk -Q >/dev/null; done`);
    await page.keyboard.press('Enter');
    await page.waitForFunction((n) => (window.__ringsideGraphStats?.nodes ?? 0) >= n, objects, { timeout: 300_000 });
    const samples: number[] = [];
    let maxApplyMs = 0;
    for (let i = 0; i < 7; i++) {
      const before = await page.evaluate(() => window.__ringsideGraphStats?.applies ?? 0);
      await page.keyboard.type('ipcmk -Q >/dev/null');
      await page.keyboard.press('Enter');
      const handle = await page.waitForFunction(
        (n) => {
          const s = window.__ringsideGraphStats;
          return s && s.applies > n && s.lastFrameMs >= 0 ? { frame: s.lastFrameMs, apply: s.lastApplyMs } : false;
        },
        before,
        { timeout: 60_000 },
      );
      const { frame, apply } = (await handle.jsonValue()) as { frame: number; apply: number };
      samples.push(frame);
      maxApplyMs = Math.max(maxApplyMs, apply);
    }
    samples.sort((a, b) => a - b);
    return { ms: samples[Math.floor(samples.length / 2)]!, maxApplyMs };
  });
}

// `npx tsx test/bench/ui_graph.ts`: this figure alone.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  console.log(JSON.stringify(await uiGraph500Update()));
}
