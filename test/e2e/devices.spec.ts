// The device browser and the /proc and /sys browser in the browser build: /dev/null is a
// character device 1:3 of the "mem" driver with its place in /sys; /proc/1/status reads as text;
// /sys/class/tty lists the terminals. Everything is read from outside: the trace does not move.
// Screenshots of both views are saved with the test's results.

import { expect, test } from 'playwright/test';
import type { Page, TestInfo } from 'playwright/test';
import { HAS_CHROMIUM, NO_CHROMIUM_REASON } from './env';
import { waitForPrompt } from './terminal';

test.skip(!HAS_CHROMIUM, NO_CHROMIUM_REASON);

function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(msg.text());
  });
  return errors;
}

async function screenshot(page: Page, testInfo: TestInfo, testId: string, name: string): Promise<void> {
  const path = testInfo.outputPath(`${name}.png`);
  await page.getByTestId(testId).screenshot({ path });
  await testInfo.attach(name, { path, contentType: 'image/png' });
}

async function typeLine(page: Page, line: string): Promise<void> {
  await page.getByTestId('terminal').click();
  await page.keyboard.type(line);
  await page.keyboard.press('Enter');
}

/** Opens a directory row of a tree by its twisty (if it is not open yet). */
async function open(page: Page, scope: string, path: string): Promise<void> {
  const row = page.getByTestId(scope).locator(`li[data-path="${path}"]`);
  await expect(row).toHaveCount(1, { timeout: 30_000 });
  if ((await row.getAttribute('aria-expanded')) !== 'true') await row.locator('.twisty').click();
  await expect(row).toHaveAttribute('aria-expanded', 'true');
}

test('the device browser shows /dev/null as 1:3 of the mem driver, with its /sys device', async ({ page }, testInfo) => {
  const errors = collectErrors(page);
  await page.goto('/');
  await waitForPrompt(page);
  await page.getByTestId('view-tab-devices').click();
  const browser = page.getByTestId('device-browser');
  const nul = browser.locator('li[data-path="/dev/null"]');
  await expect(nul).toHaveCount(1, { timeout: 30_000 });
  await expect(nul.locator('[data-col="numbers"]')).toHaveText('1:3');
  await expect(nul.locator('[data-col="mode"]')).toHaveText('crw-rw-rw-');
  await expect(nul.locator('[data-col="driver"]')).toHaveText('mem');
  await nul.click();
  const details = page.getByTestId('device-details');
  await expect(details.getByTestId('device-numbers')).toHaveText('1:3');
  await expect(details.getByTestId('device-driver')).toHaveText('mem');
  await expect(details.getByTestId('device-syspath')).toHaveText('/sys/devices/virtual/mem/null');
  await expect(details.getByTestId('device-uevent')).toContainText('DEVNAME');
  await expect(details.locator('[data-testid="device-attrs"] tr[data-attr="dev"] td')).toHaveText('1:3');
  // A disk's attributes: its size in 512-byte sectors, read-only flag…
  await browser.locator('li[data-path="/dev/sda"]').click();
  await expect(details.locator('[data-testid="device-attrs"] tr[data-attr="size"] td')).toHaveText(/^\d+$/);
  await expect(details.locator('[data-testid="device-attrs"] tr[data-attr="ro"] td')).toHaveText('0');
  await screenshot(page, testInfo, 'device-details', 'device-details-disk');
  // The keyboard walks the tree.
  await browser.locator('ul[role="tree"]').focus();
  await page.keyboard.press('ArrowDown');
  await expect(browser.locator('li[aria-selected="true"]')).not.toHaveAttribute('data-path', '/dev/null');
  await nul.click();
  await screenshot(page, testInfo, 'device-browser', 'device-browser');
  // And in the other theme.
  const first = await page.locator('html').getAttribute('data-theme');
  const other = first === 'light' ? 'dark' : 'light';
  await page.getByTestId('theme').click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', other);
  await screenshot(page, testInfo, 'device-browser', `device-browser-${other}`);

  // Live: a pseudo-terminal opened in the machine shows up in /dev/pts without a click.
  await open(page, 'device-browser', '/dev/pts');
  await expect(browser.locator('li[data-path="/dev/pts/0"]')).toHaveCount(0);
  await typeLine(page, '/usr/libexec/ringside/ptydemo "sleep 100" &');
  const pts0 = browser.locator('li[data-path="/dev/pts/0"]');
  await expect(pts0).toHaveCount(1, { timeout: 15_000 });
  await expect(pts0.locator('[data-col="numbers"]')).toHaveText('136:0');
  await expect(pts0.locator('[data-col="driver"]')).toHaveText('pts');
  expect(errors).toEqual([]);
});

test('the file browser reads /proc/1/status and lists /sys/class/tty', async ({ page }, testInfo) => {
  const errors = collectErrors(page);
  await page.goto('/');
  await waitForPrompt(page);
  await page.getByTestId('view-tab-files').click();
  const browser = page.getByTestId('file-browser');
  await open(page, 'file-browser', '/proc/1');
  await browser.locator('li[data-path="/proc/1/status"]').click();
  await expect(browser.getByTestId('file-content')).toContainText('Name:\tinit', { timeout: 30_000 });
  await expect(browser.getByTestId('file-content')).toContainText('Pid:\t1');
  await screenshot(page, testInfo, 'file-browser', 'file-browser-proc');

  await open(page, 'file-browser', '/sys/class');
  await open(page, 'file-browser', '/sys/class/tty');
  const console = browser.locator('li[data-path="/sys/class/tty/console"]');
  await expect(console).toContainText('→ ../../devices/virtual/tty/console');
  await expect(browser.locator('li[data-path^="/sys/class/tty/"]')).not.toHaveCount(0);
  await open(page, 'file-browser', '/sys/class/tty/console');
  await browser.locator('li[data-path="/sys/class/tty/console/uevent"]').click();
  await expect(browser.getByTestId('file-content')).toContainText('DEVNAME=console');
  await screenshot(page, testInfo, 'file-browser', 'file-browser-sys');
  expect(errors).toEqual([]);
});
