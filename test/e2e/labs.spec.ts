// Guided labs in the browser build: open a lab from the Labs tab, press a step's "Type it", and see
// its check turn green once the machine really did it. The walk-through test goes through every
// step of every shipped lab, so a lab whose commands stop working in the machine fails here.

import { readFileSync } from 'node:fs';
import { expect, test } from 'playwright/test';
import type { Page, TestInfo } from 'playwright/test';
import type { Lab, LabIndexEntry } from '../../renderer/src/labs/lab';
import { HAS_CHROMIUM, NO_CHROMIUM_REASON } from './env';
import { waitForPrompt } from './terminal';

test.skip(!HAS_CHROMIUM, NO_CHROMIUM_REASON);

// Read as files (the page bundles the same JSON; Playwright's loader would want import attributes).
const labsDir = new URL('../../assets/labs/', import.meta.url);
const readJson = <T>(name: string): T => JSON.parse(readFileSync(new URL(name, labsDir), 'utf8')) as T;
const LAB_INDEX = readJson<LabIndexEntry[]>('index.json');

async function openLab(page: Page, id: string): Promise<void> {
  await page.getByTestId('show-labs').click();
  const pane = page.getByTestId('lab-pane');
  if (await pane.getByRole('button', { name: 'All labs' }).count()) await pane.getByRole('button', { name: 'All labs' }).click();
  await pane.getByTestId(`lab-open-${id}`).click();
}

async function screenshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const path = testInfo.outputPath(`${name}.png`);
  await page.getByTestId('lab-pane').screenshot({ path });
  await testInfo.attach(name, { path, contentType: 'image/png' });
}

test('a lab step’s "Type it" runs its command and its check turns green', async ({ page }, testInfo) => {
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  await page.goto('/');
  await waitForPrompt(page);
  await openLab(page, 'first-syscall');
  const check = page.getByTestId('lab-check-0');
  await expect(check).toHaveAttribute('data-passed', 'no');
  await page.getByTestId('lab-type-0').click();
  await expect(check).toHaveAttribute('data-passed', 'yes', { timeout: 30_000 });
  await expect(page.getByTestId('lab-step-0')).toContainText('returning a descriptor');
  await expect(page.getByTestId('lab-check-1')).toHaveAttribute('data-passed', 'no');
  await screenshot(page, testInfo, 'lab-first-step');
  expect(errors).toEqual([]);
});

test('every step of every shipped lab works in the machine', async ({ page }) => {
  test.setTimeout(300_000);
  await page.goto('/');
  await waitForPrompt(page);
  for (const entry of LAB_INDEX) {
    const lab = readJson<Lab>(`${entry.id}.json`);
    await openLab(page, lab.id);
    for (let i = 0; i < lab.steps.length; i++) {
      await page.getByTestId(`lab-type-${i}`).click();
      await expect(page.getByTestId(`lab-check-${i}`), `${lab.id} step ${i + 1}: ${lab.steps[i]!.title}`).toHaveAttribute('data-passed', 'yes', {
        timeout: 30_000,
      });
    }
    await expect(page.getByTestId('lab-progress')).toHaveText(`${lab.steps.length}/${lab.steps.length}`);
  }
});
