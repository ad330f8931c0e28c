import { defineConfig } from '@playwright/test';
import { chromiumTestFlags } from './tests/support/chromium-flags.ts';

/**
 * Journeys in Debian's Chromium through the browser shell (never `npx playwright install`). Each test file
 * starts its own host processes, so files run in parallel on separate ports.
 */
export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'test-results/e2e',
  timeout: 60_000,
  workers: 2,
  reporter: process.env['CI'] ? [['list']] : [['list']],
  use: {
    viewport: { width: 1280, height: 800 },
    launchOptions: { executablePath: '/usr/bin/chromium', args: chromiumTestFlags },
    trace: 'retain-on-failure',
  },
});
