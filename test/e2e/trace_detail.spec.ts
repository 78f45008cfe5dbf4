// The trace's detail pane shows what happened inside a call: for the openat of `cat /etc/hostname`,
// the kernel path it took (do_sys_openat2 …) and the path bytes the kernel read from user memory.

import { expect, test } from 'playwright/test';
import type { Page } from 'playwright/test';
import { HAS_CHROMIUM, NO_CHROMIUM_REASON } from './env';
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

test('the detail of an openat shows its kernel path and the user memory it read', async ({ page }, testInfo) => {
  const errors = collectErrors(page);
  await page.goto('/');
  await waitForPrompt(page);
  await page.getByTestId('terminal').click();
  await page.keyboard.type('cat /etc/hostname');
  await page.keyboard.press('Enter');
  await expect.poll(async () => (await terminalText(page)).split('\n').map((l) => l.trimEnd()), { timeout: 30_000 }).toContain('ringside');

  const view = page.getByTestId('trace-view');
  await view.getByTestId('trace-filter-names').fill('openat');
  await view.getByTestId('trace-filter-names').press('Enter');
  const row = view.locator('.row[data-syscall="openat"]', { hasText: '"/etc/hostname"' });
  await expect(row.first()).toBeVisible({ timeout: 30_000 });
  await row.first().click();

  const path = page.getByTestId('kernel-path');
  await expect(path).toContainText('__x64_sys_openat → do_sys_openat2', { timeout: 30_000 });
  await expect(path).toContainText('do_filp_open');
  const memory = page.getByTestId('user-memory');
  await expect(memory).toContainText('strncpy_from_user');
  await expect(memory).toContainText('|/etc/hostname.|');
  await expect(memory).toContainText('2f 65 74 63 2f 68 6f 73  74 6e 61 6d 65 00');
  const shot = testInfo.outputPath('trace-detail-inside.png');
  await page.getByTestId('trace-detail').screenshot({ path: shot });
  await testInfo.attach('trace-detail-inside', { path: shot, contentType: 'image/png' });
  expect(errors).toEqual([]);
});
