// What the end-to-end tests need from this machine, shared by playwright.config.ts and the specs.

import { existsSync } from 'node:fs';

/** Debian's Chromium (`apt-get install chromium`); Playwright's own browser download is not used. */
export const CHROMIUM_PATH = '/usr/bin/chromium';
export const HAS_CHROMIUM = existsSync(CHROMIUM_PATH);
export const NO_CHROMIUM_REASON = `${CHROMIUM_PATH} is missing: install Debian's chromium (apt-get install -y chromium)`;

/** Where the config's web server serves the browser build. */
export const WEB_PORT = 4179;

/** The shell's prompt on the machine's console. */
export const PROMPT = 'root@ringside:~# ';
