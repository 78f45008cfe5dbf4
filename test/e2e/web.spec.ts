// The browser build end to end: the page boots the machine in a Web Worker, the shell prompts, and
// a command typed into the terminal runs. Served by playwright.config.ts's webServer.

import { expect, test } from 'playwright/test';
import { HAS_CHROMIUM, NO_CHROMIUM_REASON } from './env';
import { checkEcho, waitForPrompt } from './terminal';

test.skip(!HAS_CHROMIUM, NO_CHROMIUM_REASON);

test('boots to a shell prompt and runs echo', async ({ page }) => {
  // Anything the page reports as an error (an exception, a CSP violation) fails the test.
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(msg.text());
  });

  await page.goto('/');
  await waitForPrompt(page);
  await checkEcho(page);
  await expect(page.getByTestId('status-bar')).not.toContainText('error', { ignoreCase: true });
  expect(errors).toEqual([]);
});
