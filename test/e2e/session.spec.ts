// Trace sessions in the browser build: Export trace… downloads a .ringside file; Open session…
// (a file input here, the native dialog in Electron) shows it read-only — the banner, the saved
// console, and in its trace view the openat of the cat that ran before the export — and the way
// back to the live machine. A file that is not a session is refused with its reason.

import { readFileSync } from 'node:fs';
import { expect, test } from 'playwright/test';
import type { Page, TestInfo } from 'playwright/test';
import { parseSession } from '../../emulator/api/session';
import { HAS_CHROMIUM, NO_CHROMIUM_REASON } from './env';
import { terminalText, waitForPrompt } from './terminal';

test.skip(!HAS_CHROMIUM, NO_CHROMIUM_REASON);

async function typeLine(page: Page, line: string): Promise<void> {
  await page.getByTestId('terminal').click();
  await page.keyboard.type(line);
  await page.keyboard.press('Enter');
}

async function screenshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const path = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path });
  await testInfo.attach(name, { path, contentType: 'image/png' });
}

test('export a session, open it again, and find the cat’s openat in its trace', async ({ page }, testInfo) => {
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  await page.goto('/');
  await waitForPrompt(page);
  await typeLine(page, 'cat /etc/hostname');
  await expect.poll(async () => (await terminalText(page)).split('\n').map((l) => l.trimEnd()), { timeout: 30_000 }).toContain('ringside');

  // Export: a download of a session that parses and holds the openat.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-trace').click()]);
  expect(download.suggestedFilename()).toMatch(/^ringside-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d\.ringside$/);
  const file = testInfo.outputPath(download.suggestedFilename());
  await download.saveAs(file);
  const parsed = parseSession(readFileSync(file, 'utf8'));
  if (!parsed.ok) throw new Error(parsed.error);
  expect(parsed.session.transcript).toContain('cat /etc/hostname');
  expect(parsed.session.events.some((e) => e.kind === 'sys_enter' && e.name === 'openat' && JSON.stringify(e.strings).includes('/etc/hostname'))).toBe(true);

  // Something new on the live machine, so the session view is told apart from it.
  await typeLine(page, 'echo after-export');
  await expect.poll(() => terminalText(page), { timeout: 30_000 }).toContain('after-export\n');

  // Open it: the banner, the saved console (without what came after), the trace with the openat.
  await page.getByTestId('session-file').setInputFiles(file);
  const banner = page.getByTestId('session-banner');
  await expect(banner).toContainText(download.suggestedFilename());
  await expect(banner).toContainText('Saved session');
  await expect(page.getByTestId('session-terminal')).toBeVisible();
  await expect(page.getByTestId('terminal')).toBeHidden();
  const sessionText = await terminalText(page);
  expect(sessionText).toContain('ringside');
  expect(sessionText).not.toContain('after-export');
  const view = page.getByTestId('trace-view');
  await view.getByTestId('trace-filter-names').fill('openat');
  await view.getByTestId('trace-filter-names').press('Enter');
  const row = view.locator('.row[data-syscall="openat"]', { hasText: '"/etc/hostname"' });
  await expect(row.first()).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('process-tree')).toContainText('init');
  await screenshot(page, testInfo, 'session-view');

  // Back to the live machine: its terminal, with what came after the export.
  await page.getByTestId('leave-session').click();
  await expect(banner).toHaveCount(0);
  await expect(page.getByTestId('terminal')).toBeVisible();
  await expect.poll(() => terminalText(page), { timeout: 10_000 }).toContain('after-export');
  await view.getByTestId('trace-filter-names').fill('write');
  await view.getByTestId('trace-filter-names').press('Enter');
  await expect(view.locator('.row[data-syscall="write"]', { hasText: 'after-export' }).first()).toBeVisible({ timeout: 30_000 });

  // A file that is not a session: refused, with its reason, and the live view stays.
  await page.getByTestId('session-file').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello\n') });
  await expect(page.getByTestId('session-error')).toContainText('notes.txt: not a Ringside session');
  await expect(banner).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('New machine asks first once something was typed, then boots a fresh machine', async ({ page }) => {
  await page.goto('/');
  await waitForPrompt(page);
  await typeLine(page, 'echo before-reset');
  await expect.poll(() => terminalText(page), { timeout: 30_000 }).toContain('before-reset\n');
  const questions: string[] = [];
  // Declined: nothing happens.
  page.once('dialog', (d) => void (questions.push(d.message()), d.dismiss()));
  await page.getByTestId('new-machine').click();
  await expect.poll(() => questions.length).toBe(1);
  expect(questions[0]).toMatch(/Start a new machine\?/);
  await page.waitForTimeout(300);
  expect(await terminalText(page)).toContain('before-reset');
  // Accepted: the machine boots again to a prompt; the trace starts over (no echo in it).
  page.once('dialog', (d) => void (questions.push(d.message()), d.accept()));
  await page.getByTestId('new-machine').click();
  await expect.poll(() => questions.length).toBe(2);
  const view = page.getByTestId('trace-view');
  await view.getByTestId('trace-filter-names').fill('write');
  await view.getByTestId('trace-filter-names').press('Enter');
  await expect(view.locator('.row[data-syscall="write"]').first()).toBeVisible({ timeout: 30_000 });
  await expect(view.locator('.row[data-syscall="write"]', { hasText: 'before-reset' })).toHaveCount(0);
});
