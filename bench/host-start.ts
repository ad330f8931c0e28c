import { chromium } from '@playwright/test';
import { chromiumTestFlags } from '../tests/support/chromium-flags.ts';
import { startKiosk } from '../tests/support/processes.ts';
import { testTerminal } from '../tests/support/test-terminal.ts';

export interface HostStartRun {
  /** Process spawn → the launcher prints the kiosk URL (host, config, loopback server ready). */
  hostReadyMs: number;
  /** Process spawn → the home screen is shown and its heading has focus, after one tap on attract. */
  homeInteractiveMs: number;
}

/**
 * Host start → home screen interactive, in headless Debian Chromium through the browser shell. The browser
 * is started once beforehand (a kiosk's browser start is not the host's), each run starts a new host process.
 */
export const measureHostStart = async (runs: number): Promise<HostStartRun[]> => {
  const terminal = await testTerminal();
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumTestFlags });
  const results: HostStartRun[] = [];
  try {
    for (let run = 0; run < runs; run++) {
      const page = await browser.newPage();
      const started = performance.now();
      const { kiosk, url } = await startKiosk(terminal.configFile);
      const hostReadyMs = performance.now() - started;
      try {
        await page.goto(url);
        await page.getByTestId('attract').click();
        await page.getByRole('heading', { level: 1 }).and(page.locator(':focus')).waitFor();
        results.push({ hostReadyMs, homeInteractiveMs: performance.now() - started });
      } finally {
        await page.close();
        await kiosk.stop();
      }
    }
  } finally {
    await browser.close();
    await terminal.remove();
  }
  return results;
};
