// Rearranging the window: a tab dragged from the Views group into the Details group stays there
// and is shown, the columns swap sides, and both survive a reload.

import { expect, test } from 'playwright/test';
import { HAS_CHROMIUM, NO_CHROMIUM_REASON } from './env';
import { waitForPrompt } from './terminal';

test.skip(!HAS_CHROMIUM, NO_CHROMIUM_REASON);

test('a tab dragged to the other group stays there; the columns swap; both are remembered', async ({ page }, testInfo) => {
  await page.goto('/');
  await waitForPrompt(page);
  const details = page.getByRole('tablist', { name: 'Details' });
  await page.getByTestId('view-tab-graph').dragTo(details.getByTestId('tab-summary'));
  await expect(details.getByTestId('view-tab-graph')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('tablist', { name: 'Views' }).getByTestId('view-tab-graph')).toHaveCount(0);

  const terminalX = async () => (await page.getByTestId('terminal').boundingBox())!.x;
  const before = await terminalX();
  await page.getByTestId('swap-columns').click();
  await expect.poll(terminalX).toBeGreaterThan(before + 100);

  const path = testInfo.outputPath('layout.png');
  await page.screenshot({ path });
  await testInfo.attach('layout', { path, contentType: 'image/png' });

  await page.reload();
  await waitForPrompt(page);
  await expect(page.getByRole('tablist', { name: 'Details' }).getByTestId('view-tab-graph')).toHaveCount(1);
  await expect.poll(terminalX).toBeGreaterThan(before + 100);
});
