import { expect, test } from '@playwright/test';
import { freePort } from '../support/free-port.ts';
import { saveScreenshot } from './screenshots.ts';
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

// Walk finding: the offline home showed every entry as available. Each says what it can do without the network;
// one that cannot work waits, looks it, and says so when tapped.
test('offline, each home entry says what it can do; one that needs the network waits until it is back', async ({ page }) => {
  const port = await freePort();
  const entries = await testTerminal({
    platform: { baseUrl: `http://127.0.0.1:${port}/`, timeoutMs: 500, healthIntervalSeconds: 1 },
    home: { entries: ['scan-receipt', 'my-cases'] },
    devices: [
      { id: 'idcard', kind: 'idcard-reader', connection: { type: 'serial', path: '/dev/ttyUSB-absent', baudRate: 115200 } },
      { id: 'wedge', kind: 'qr-scanner', connection: { type: 'keyboard' } },
    ],
  });
  const running = await startKiosk(entries.configFile);
  let back: RunningProcess | undefined;
  try {
    await page.goto(running.url);
    await page.getByTestId('attract').click();
    await expect(page.getByTestId('offline-notice')).toBeVisible();
    const scan = page.locator('[data-entry="scan-receipt"]');
    const mine = page.locator('[data-entry="my-cases"]');
    await expect(scan).toHaveAttribute('aria-disabled', 'true');
    await expect(scan).toHaveAccessibleDescription('网络中断，暂时无法查询进度，网络恢复后可用');
    await expect(mine).not.toHaveAttribute('aria-disabled', 'true');
    await expect(mine).toContainText('只能查看在本机提交、尚未送达的办件');
    await saveScreenshot(page, 'home-offline');
    // It looks unavailable: a dashed, muted border, unlike the entry that works.
    const border = (entry: typeof scan) => entry.evaluate((element) => element.ownerDocument.defaultView?.getComputedStyle(element).borderStyle);
    expect(await border(scan)).toBe('dashed');
    expect(await border(mine)).toBe('solid');
    // Tapped anyway (Playwright will not click an aria-disabled control; a finger will, and so will Enter).
    await scan.focus();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('home')).toBeVisible();
    await expect(page.getByTestId('entry-waits')).toHaveText('“扫描回执”需要联网，网络恢复后即可使用。您可以稍后再试，或点“呼叫工作人员”。');

    ({ platform: back } = await startPlatform(port));
    await expect(page.getByTestId('offline-notice')).toBeHidden({ timeout: 5000 });
    await expect(scan).not.toHaveAttribute('aria-disabled', 'true');
    await expect(scan).toContainText('扫描回执上的二维码查询进度');
    await expect(page.getByTestId('entry-waits')).toBeHidden();
  } finally {
    await running.kiosk.stop();
    await back?.stop();
    await entries.remove();
  }
});
