// Reading and driving the terminal of a Ringside page (browser build or Electron window).

import { expect } from 'playwright/test';
import type { Page } from 'playwright/test';
import { PROMPT } from './env';

/** The terminal's text, through the renderer's test hook. */
export function terminalText(page: Page): Promise<string> {
  return page.evaluate(() => window.__ringsideTerminalText?.() ?? '');
}

export async function waitForPrompt(page: Page, timeout = 60_000): Promise<void> {
  await expect.poll(() => terminalText(page), { message: `the prompt "${PROMPT}"`, timeout }).toContain(PROMPT);
}

/** Types `echo hi` and expects `hi` alone on a line. */
export async function checkEcho(page: Page): Promise<void> {
  await page.getByTestId('terminal').click();
  await page.keyboard.type('echo hi');
  await page.keyboard.press('Enter');
  const lines = async () => (await terminalText(page)).split('\n').map((line) => line.trimEnd());
  await expect.poll(lines, { message: '"hi" on a line of its own', timeout: 30_000 }).toContain('hi');
}
