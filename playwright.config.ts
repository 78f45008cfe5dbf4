// End-to-end tests (test/e2e): the browser build in Debian's Chromium, and the Electron app where
// its binary exists. Run with `npx playwright test`.

import { defineConfig } from 'playwright/test';
import { CHROMIUM_PATH, HAS_CHROMIUM, WEB_PORT } from './test/e2e/env';

export default defineConfig({
  testDir: 'test/e2e',
  timeout: 120_000,
  workers: 1,
  forbidOnly: !!process.env.CI,
  reporter: 'list',
  use: { trace: 'retain-on-failure' },
  projects: [
    {
      name: 'web',
      // Every spec but the Electron one runs against the browser build.
      testIgnore: 'electron.spec.ts',
      use: {
        baseURL: `http://127.0.0.1:${WEB_PORT}/`,
        browserName: 'chromium',
        launchOptions: {
          executablePath: CHROMIUM_PATH,
          args: [
            '--no-sandbox',
            '--headless',
            '--disable-gpu',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            '--no-first-run',
          ],
        },
      },
    },
    { name: 'electron', testMatch: 'electron.spec.ts' },
  ],
  // A fresh browser build, served the way `npm start` serves it. Not started without a browser.
  webServer: HAS_CHROMIUM
    ? {
        command: `npx vite build --config renderer/vite.web.config.ts --logLevel warn && node main/cli/start.mjs --web --port ${WEB_PORT}`,
        url: `http://127.0.0.1:${WEB_PORT}/`,
        reuseExistingServer: !process.env.CI,
        timeout: 120_000,
      }
    : undefined,
});
