// The browser build end to end: the page boots the machine in a Web Worker, the shell prompts, and
// a command typed into the terminal runs; the process tree follows a pipeline as it starts and is
// killed; the trace view finds a cat's openat and explains it; the machine can be stepped one
// syscall at a time. Served by playwright.config.ts's webServer. Screenshots of each view are
// saved with the test's results (test-results/).

import { expect, test } from 'playwright/test';
import type { Page, TestInfo } from 'playwright/test';
import { HAS_CHROMIUM, NO_CHROMIUM_REASON } from './env';
import { checkEcho, terminalText, waitForPrompt } from './terminal';

test.skip(!HAS_CHROMIUM, NO_CHROMIUM_REASON);

/** Anything the page reports as an error (an exception, a CSP violation) fails the test. */
function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(msg.text());
  });
  return errors;
}

async function typeLine(page: Page, line: string): Promise<void> {
  await page.getByTestId('terminal').click();
  await page.keyboard.type(line);
  await page.keyboard.press('Enter');
}

async function screenshot(page: Page, testInfo: TestInfo, testId: string, name: string): Promise<void> {
  const path = testInfo.outputPath(`${name}.png`);
  await page.getByTestId(testId).screenshot({ path });
  await testInfo.attach(name, { path, contentType: 'image/png' });
}

test('boots to a shell prompt and runs echo', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto('/');
  await waitForPrompt(page);
  await checkEcho(page);
  await expect(page.getByTestId('status-bar')).not.toContainText('error', { ignoreCase: true });
  expect(errors).toEqual([]);
});

test('the process tree shows a pipeline with its pipe, and loses it when it is killed', async ({ page }, testInfo) => {
  const errors = collectErrors(page);
  await page.goto('/');
  await waitForPrompt(page);
  await typeLine(page, 'sleep 100 | cat &');
  const tree = page.getByTestId('process-tree');
  const sleep = tree.locator('li[data-comm="sleep"]');
  const cat = tree.locator('li[data-comm="cat"]');
  await expect(sleep).toHaveCount(1, { timeout: 30_000 });
  await expect(cat).toHaveCount(1);
  // Both are children of the shell.
  const shPid = await tree.locator('li[data-comm="sh"]').first().getAttribute('data-pid');
  expect(shPid).not.toBeNull();
  await expect(sleep).toHaveAttribute('data-state', 'S');
  await screenshot(page, testInfo, 'process-tree', 'process-tree');

  // Its details: the write end of the pipe on fd 1, the nanosleep it blocks in.
  await sleep.click();
  const details = page.getByTestId('process-details');
  await expect(details).toContainText('sleep 100');
  await expect(details.locator('tr[data-fd="1"]')).toContainText(/pipe:\[\d+\]/);
  await expect(details.getByTestId('current-syscall')).toContainText('nanosleep');
  await screenshot(page, testInfo, 'process-details', 'process-details');

  const pids = [await sleep.getAttribute('data-pid'), await cat.getAttribute('data-pid')];
  await typeLine(page, `kill ${pids.join(' ')}`);
  // Dead but not yet reaped: zombies, until the shell collects them (it does so before its next prompt).
  await expect(sleep).toHaveAttribute('data-state', 'Z', { timeout: 30_000 });
  await expect(cat).toHaveAttribute('data-state', 'Z', { timeout: 30_000 });
  await screenshot(page, testInfo, 'process-tree', 'process-tree-zombies');
  await typeLine(page, '');
  await expect(sleep).toHaveCount(0, { timeout: 30_000 });
  await expect(cat).toHaveCount(0, { timeout: 30_000 });
  expect(errors).toEqual([]);
});

test('the trace view finds the openat of a cat and explains it', async ({ page }, testInfo) => {
  const errors = collectErrors(page);
  await page.goto('/');
  await waitForPrompt(page);
  await typeLine(page, 'cat /etc/hostname');
  await expect.poll(async () => (await terminalText(page)).split('\n').map((l) => l.trimEnd()), { timeout: 30_000 }).toContain('ringside');

  const view = page.getByTestId('trace-view');
  await view.getByTestId('trace-filter-names').fill('openat');
  await view.getByTestId('trace-filter-names').press('Enter');
  const row = view.locator('.row[data-syscall="openat"]', { hasText: '"/etc/hostname"' });
  await expect(row.first()).toBeVisible({ timeout: 30_000 });
  await screenshot(page, testInfo, 'trace-view', 'trace-view');

  await row.first().click();
  const detail = page.getByTestId('trace-detail');
  await expect(detail).toContainText('openat');
  await expect(detail).toContainText('Registers at entry');
  await expect(detail).toContainText('rax');
  await expect(detail).toContainText('__NR_openat = 257');
  await expect(detail).toContainText('"/etc/hostname"');
  await screenshot(page, testInfo, 'trace-detail', 'trace-detail');

  await page.getByTestId('tab-summary').click();
  await expect(page.getByTestId('syscall-summary')).toContainText('openat');
  await screenshot(page, testInfo, 'syscall-summary', 'syscall-summary');
  expect(errors).toEqual([]);
});

test('pause, step to the next syscall, resume', async ({ page }, testInfo) => {
  const errors = collectErrors(page);
  await page.goto('/');
  await waitForPrompt(page);
  await page.getByTestId('pause').click();
  await expect(page.getByTestId('machine-state')).toHaveText('Paused');
  // The shell is blocked reading the terminal: typing makes its read return, and a step stops at
  // the next call it enters.
  await page.getByTestId('terminal').click();
  await page.keyboard.type('true');
  await page.keyboard.press('Enter');
  await page.getByTestId('step').click();
  await expect(page.getByTestId('last-step')).toContainText(/pid \d+: \w+\(/, { timeout: 30_000 });
  await expect(page.getByTestId('machine-state')).toHaveText('Paused');
  await screenshot(page, testInfo, 'status-bar', 'status-bar-stepped');
  await page.keyboard.press('F8');
  await expect(page.getByTestId('machine-state')).not.toHaveText('Paused');
  await waitForPrompt(page);
  await screenshot(page, testInfo, 'app', 'whole-window');
  expect(errors).toEqual([]);
});
