// The terminal: its size follows the window (the tty's winsize, as `stty size` reads it), search
// finds earlier output, a second tab is a second console with its own shell, and `yes` stops at
// once on ^C (flow control keeps the terminal from falling behind).

import { expect, test } from 'playwright/test';
import type { Page } from 'playwright/test';
import { HAS_CHROMIUM, NO_CHROMIUM_REASON, PROMPT } from './env';
import { terminalText, waitForPrompt } from './terminal';

test.skip(!HAS_CHROMIUM, NO_CHROMIUM_REASON);

function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(msg.text());
  });
  return errors;
}

const ttyText = (page: Page, tty: number) => page.evaluate((n) => window.__ringsideTtyText?.(n) ?? '', tty);
const lines = async (page: Page) => (await terminalText(page)).split('\n').map((l) => l.trimEnd());

async function typeLine(page: Page, line: string, testId = 'terminal'): Promise<void> {
  await page.getByTestId(testId).click();
  await page.keyboard.type(line);
  await page.keyboard.press('Enter');
}

/** The rows and columns xterm.js lays out for tty1, as `stty size` prints them. */
async function termSize(page: Page): Promise<string> {
  const size = await page.evaluate(() => window.__ringsideTtySize?.(1) ?? null);
  return size ? `${size.rows} ${size.cols}` : '';
}

test('the window size reaches the tty: stty size follows a resize', async ({ page }) => {
  const errors = collectErrors(page);
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.goto('/');
  await waitForPrompt(page);
  await typeLine(page, 'stty size');
  await expect.poll(() => lines(page), { timeout: 30_000 }).toContainEqual(expect.stringMatching(/^\d+ \d+$/));
  const first = (await lines(page)).find((l) => /^\d+ \d+$/.test(l))!;
  const rows1 = await termSize(page);
  expect(first).toBe(rows1);

  await page.setViewportSize({ width: 900, height: 600 });
  await expect.poll(() => termSize(page)).not.toBe(rows1);
  await typeLine(page, 'clear; stty size');
  await expect.poll(async () => (await lines(page)).find((l) => /^\d+ \d+$/.test(l)) ?? '', { timeout: 30_000 }).not.toBe(first);
  const second = (await lines(page)).find((l) => /^\d+ \d+$/.test(l))!;
  expect(second).toBe(await termSize(page));
  expect(Number(second.split(' ')[1])).toBeLessThan(Number(first.split(' ')[1]));
  expect(errors).toEqual([]);
});

test('search finds a word printed earlier', async ({ page }) => {
  await page.goto('/');
  await waitForPrompt(page);
  await typeLine(page, 'echo needle-in-the-haystack; seq 1 200');
  await expect.poll(() => lines(page), { timeout: 30_000 }).toContain('200');
  await page.getByTestId('terminal').click();
  await page.keyboard.press('Control+Shift+F');
  const input = page.getByTestId('terminal-search-input');
  await expect(input).toBeFocused();
  await input.fill('needle-in-the');
  await input.press('Enter');
  await expect(page.getByTestId('terminal-search')).not.toContainText('No results');
  await input.fill('no-such-word-anywhere');
  await input.press('Enter');
  await expect(page.getByTestId('terminal-search')).toContainText('No results');
});

test('a second tab is a second console with its own shell', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto('/');
  await waitForPrompt(page);
  await page.getByTestId('terminal-tab-add').click();
  await expect(page.getByTestId('terminal-tab-2')).toHaveAttribute('aria-selected', 'true');
  await expect.poll(() => ttyText(page, 2), { timeout: 30_000 }).toContain(PROMPT);
  await typeLine(page, 'tty; echo $$', 'terminal-2');
  await expect.poll(async () => (await ttyText(page, 2)).split('\n'), { timeout: 30_000 }).toContain('/dev/tty2');
  // The console's terminal did not see it; its shell is another process.
  expect(await terminalText(page)).not.toContain('/dev/tty2');
  await page.getByTestId('terminal-tab-1').click();
  await typeLine(page, 'tty');
  await expect.poll(() => lines(page), { timeout: 30_000 }).toContain('/dev/tty1');
  expect(errors).toEqual([]);
});

test('yes, then Ctrl+C, returns to the prompt quickly', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto('/');
  await waitForPrompt(page);
  await typeLine(page, 'yes');
  await expect.poll(async () => (await lines(page)).filter((l) => l === 'y').length, { timeout: 30_000 }).toBeGreaterThan(20);
  await page.waitForTimeout(1000);
  const t0 = Date.now();
  await page.keyboard.press('Control+C');
  await expect.poll(async () => (await terminalText(page)).endsWith(PROMPT), { timeout: 10_000, intervals: [50] }).toBe(true);
  const ms = Date.now() - t0;
  expect(ms).toBeLessThan(3000);
  // The UI stayed responsive: the page answers at once.
  const t1 = Date.now();
  await page.evaluate(() => 1);
  expect(Date.now() - t1).toBeLessThan(500);
  expect(errors).toEqual([]);
});

test('copy and paste: Ctrl+Shift+V types the clipboard, the context menu copies the selection', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('/');
  await waitForPrompt(page);
  await page.getByTestId('terminal').click();
  await page.evaluate(() => navigator.clipboard.writeText('echo pasted-$((2+3))'));
  await page.keyboard.press('Control+Shift+V');
  // The clipboard is read asynchronously: the pasted line is on the prompt before Enter goes.
  await expect.poll(() => terminalText(page), { timeout: 10_000 }).toContain(`${PROMPT}echo pasted-$((2+3))`);
  await page.keyboard.press('Enter');
  await expect.poll(() => lines(page), { timeout: 30_000 }).toContain('pasted-5');
  await page.getByTestId('terminal').click({ button: 'right' });
  await page.getByTestId('terminal-menu').getByText('Select all').click();
  await page.getByTestId('terminal').click({ button: 'right' });
  await page.getByTestId('terminal-menu').getByText('Copy').click();
  await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toContain('pasted-5');
});

test('draws with WebGL where it can, and falls back to the DOM renderer when the context is lost', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto('/');
  await waitForPrompt(page);
  const screen = page.getByTestId('terminal');
  const renderer = await screen.getAttribute('data-renderer');
  expect(['webgl', 'dom']).toContain(renderer);
  if (renderer === 'webgl') {
    await page.evaluate(() => {
      for (const canvas of document.querySelectorAll<HTMLCanvasElement>('[data-testid="terminal"] canvas')) {
        canvas.getContext('webgl2')?.getExtension('WEBGL_lose_context')?.loseContext();
      }
    });
    await expect(screen).toHaveAttribute('data-renderer', 'dom', { timeout: 10_000 });
  }
  await typeLine(page, 'echo still-$((6*7))');
  await expect.poll(() => lines(page), { timeout: 30_000 }).toContain('still-42');
  expect(errors.filter((e) => !/WebGL|context/i.test(e))).toEqual([]);
});
