import { expect, test } from '@playwright/test';
import { freePort } from '../support/free-port.ts';
import { startKiosk, startPlatform, type RunningProcess } from '../support/processes.ts';
import { testTerminal, type TestTerminal } from '../support/test-terminal.ts';

/**
 * A kiosk works without its platform and says so; it notices the platform coming back; and when its own
 * host is gone the citizen sees "service temporarily unavailable", not a browser error page.
 */
let terminal: TestTerminal;
let kiosk: RunningProcess | undefined;
let platform: RunningProcess | undefined;
let url: string;
let platformPort: number;

test.beforeAll(async () => {
  platformPort = await freePort();
  terminal = await testTerminal({
    platform: { baseUrl: `http://127.0.0.1:${platformPort}/`, timeoutMs: 500, healthIntervalSeconds: 1 },
  });
  ({ kiosk, url } = await startKiosk(terminal.configFile));
});
test.afterAll(async () => {
  await kiosk?.stop();
  await platform?.stop();
  await terminal?.remove();
});

test('offline notice until the platform answers; unavailable screen when the host is gone', async ({ page }) => {
  await page.goto(url);
  await page.getByTestId('attract').click();
  const offline = page.getByTestId('offline-notice');
  await expect(offline).toBeVisible();
  await expect(offline).toContainText('网络暂时不可用');
  await expect(page.getByTestId('no-entries')).toBeVisible();

  ({ platform } = await startPlatform(platformPort));
  await expect(offline).toBeHidden({ timeout: 5000 });

  await platform.stop();
  await expect(offline).toBeVisible({ timeout: 5000 });

  await kiosk?.stop();
  const unavailable = page.getByTestId('unavailable');
  await expect(unavailable).toBeVisible({ timeout: 5000 });
  await expect(unavailable).toContainText('服务暂时不可用');
  await expect(unavailable).toContainText('Service temporarily unavailable');
});
