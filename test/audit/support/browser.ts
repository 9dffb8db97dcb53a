/**
 * Launches headless Chromium for the audit's browser tests. It uses the shared launcher
 * (test/support/chromium.ts) and, when that launcher's `--user-data-dir` flag is refused by
 * playwright-core ("Pass userDataDir parameter to launchPersistentContext"), launches the same
 * Debian Chromium with the same flags minus that one. Never downloads a browser.
 */
import { mkdirSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_PATH, launchChromium, SCREENSHOT_DIR } from '../../support/chromium';

/** Returns a launched headless Chromium; close it in afterAll. */
export async function launchBrowser(): Promise<Browser> {
  try {
    return await launchChromium();
  } catch (err) {
    if (!/userDataDir/.test(String((err as Error).message))) throw err;
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    return chromium.launch({
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  }
}
