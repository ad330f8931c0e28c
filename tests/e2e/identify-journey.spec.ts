import { expect, test } from '@playwright/test';
import type { KioskBridge } from '../../main/api/index.ts';
import { SAMPLE_CARDS } from '../../drivers/simulators/sample-cards.ts';
import { startKioskUnderTest, type KioskUnderTest } from '../support/kiosk-under-test.ts';
import { startSimulatedSam, type SimulatedSam } from '../support/simulated-reader.ts';
import { axeViolations } from './axe.ts';
import { saveScreenshot } from './screenshots.ts';

/**
 * Identify with an ID card, in Chromium through the browser shell, with the reader simulated on a real
 * pseudo-terminal: the kiosk process opens it as it would /dev/ttyUSB0.
 */
let sam: SimulatedSam;
let simulator: SimulatedSam['simulator'];
let kiosk: KioskUnderTest;

test.beforeAll(async () => {
  sam = await startSimulatedSam();
  simulator = sam.simulator;
  kiosk = await startKioskUnderTest({
    devices: [{ id: 'idcard', kind: 'idcard-reader', connection: { type: 'serial', path: sam.pty.devicePath, baudRate: 115200 } }],
  });
});
test.afterAll(async () => {
  await kiosk?.stop();
  await sam?.stop();
});

test('attract → identify: a bank card is refused, the ID card is read, the greeting shows the masked number', async ({ page }) => {
  await page.goto(kiosk.url);
  await page.getByTestId('attract').click();
  await page.getByTestId('start-identify').click();

  const status = page.getByTestId('identify-status');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('请放置身份证');
  await expect(status).toHaveText('正在等待身份证…');
  await saveScreenshot(page, 'identify');
  expect(await axeViolations(page)).toEqual([]);

  simulator.place('not-an-id-card');
  await expect(status).toHaveText(/这张卡不是身份证/);
  const tryAgain = page.getByRole('button', { name: '重新读卡' });
  await expect(tryAgain).toBeVisible();

  simulator.remove();
  await tryAgain.click();
  await expect(status).toHaveText('正在等待身份证…');
  simulator.place(SAMPLE_CARDS.resident);

  const greeting = page.getByTestId('citizen-greeting');
  await expect(greeting).toBeVisible();
  await expect(greeting).toContainText('王测试，您好');
  await expect(page.getByTestId('masked-id-number')).toHaveText('证件号码 1101**********1237');
  await expect(page.getByTestId('start-identify')).toBeHidden();
  const html = await page.content();
  expect(html).not.toContain('110101199001011237');
  expect(html).not.toContain('东城区示例路');
  await saveScreenshot(page, 'home-identified');
  expect(await axeViolations(page)).toEqual([]);

  // Walk finding: 结束办理 ended an identified session at once. It asks first; the safe answer has the focus.
  await page.getByRole('button', { name: '结束办理' }).click();
  const confirm = page.getByTestId('confirm-finish');
  await expect(confirm).toContainText('确定结束办理吗？');
  await expect(confirm.getByRole('button', { name: '继续办理' })).toBeFocused();
  await saveScreenshot(page, 'home-confirm-finish');
  expect(await axeViolations(page)).toEqual([]);
  await page.keyboard.press('Escape');
  await expect(confirm).toBeHidden();
  await expect(page.getByTestId('citizen-greeting')).toContainText('王测试，您好');
  await page.getByRole('button', { name: '结束办理' }).click();
  await page.keyboard.press('Tab');
  await expect(confirm.getByRole('button', { name: '结束办理' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('attract')).toBeVisible();
  const after = await page.content();
  expect(after).not.toContain('王测试');
  expect(after).not.toContain('1237');
  // What the host will still tell this page about the session: nothing of the citizen.
  const hello = await page.evaluate(() => (globalThis as { kiosk?: KioskBridge }).kiosk?.call('kiosk.hello', { apiVersion: 1 }));
  expect(JSON.stringify(hello)).not.toContain('王测试');
  expect(JSON.stringify(hello)).not.toContain('1237');
  expect(hello).toMatchObject({ ok: true, result: { session: { phase: 'attract' } } });

  // The next citizen starts unidentified, and the reader reads their card (lifted and placed anew).
  await page.getByTestId('attract').click();
  await expect(page.getByTestId('citizen-greeting')).toBeHidden();
  simulator.remove();
  await new Promise((resolve) => setTimeout(resolve, 600));
  await page.getByTestId('start-identify').click();
  simulator.place(SAMPLE_CARDS.hkMoTw);
  await expect(page.getByTestId('citizen-greeting')).toContainText('陈样本');
  await expect(page.getByTestId('citizen-greeting')).toContainText('港澳台居民居住证');
});
