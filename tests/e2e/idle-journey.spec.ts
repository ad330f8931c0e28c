import { expect, test } from '@playwright/test';
import { SAMPLE_CARDS } from '../../drivers/simulators/sample-cards.ts';
import { startKioskUnderTest, type KioskUnderTest } from '../support/kiosk-under-test.ts';
import { startSimulatedSam } from '../support/simulated-reader.ts';
import { personalDataLeft, probedKioskOptions } from './privacy-probe.ts';
import { saveScreenshot } from './screenshots.ts';

/**
 * The foundation's walk, in Debian's Chromium through the browser shell: attract → home → switch language →
 * idle → countdown → "more time" → idle again → countdown runs out → attract.
 */
let kiosk: KioskUnderTest;

test.beforeAll(async () => {
  kiosk = await startKioskUnderTest({ session: { idleTimeoutSeconds: 3, warningSeconds: 4 } });
});
test.afterAll(() => kiosk?.stop());

test('attract → home → language → idle warning → more time → idle → attract', async ({ page }) => {
  await page.goto(kiosk.url);

  const attract = page.getByTestId('attract');
  await expect(attract).toBeVisible();
  await expect(attract).toContainText('测试政务服务大厅');
  await expect(attract).toContainText('轻触屏幕开始办理');
  await expect(attract).toContainText('Touch the screen to start');
  await saveScreenshot(page, 'attract');

  await attract.click();
  const home = page.getByTestId('home');
  await expect(home).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('您好，请选择要办理的业务');
  await expect(page.getByTestId('offline-notice')).toBeHidden();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');

  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hello. What would you like to do?');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(home.locator('header')).toHaveText('Test Service Hall');
  await expect(page.getByRole('button', { name: 'English' })).toHaveAttribute('aria-pressed', 'true');
  await saveScreenshot(page, 'home-en');

  // No touches: after 3 s the warning counts down from 4.
  const warning = page.getByTestId('idle-warning');
  await expect(warning).toBeVisible({ timeout: 6000 });
  await expect(warning).toContainText('Are you still there?');
  const countdown = page.getByTestId('idle-countdown');
  const first = Number(await countdown.textContent());
  await expect(countdown).not.toHaveText(String(first), { timeout: 2500 });
  expect(Number(await countdown.textContent())).toBeLessThan(first);
  await expect(page.getByRole('button', { name: 'More time' })).toBeFocused();
  await saveScreenshot(page, 'idle-warning');

  await page.getByRole('button', { name: 'More time' }).click();
  await expect(warning).toBeHidden();
  await expect(home).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hello. What would you like to do?');

  // Idle again; this time the countdown runs out and the session ends.
  await expect(warning).toBeVisible({ timeout: 6000 });
  await expect(attract).toBeVisible({ timeout: 8000 });
  await expect(warning).toBeHidden();
  await expect(attract).toContainText('已自动退出');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');

  // A new session starts fresh, in the default language.
  await attract.click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('您好，请选择要办理的业务');
  await saveScreenshot(page, 'home');
});

test('a session that times out with a citizen identified leaves nothing of them: page, renderer heap, storage, host heap, logs, temp files, database bytes', async ({ page }) => {
  const sam = await startSimulatedSam();
  const probe = probedKioskOptions();
  const identified = await startKioskUnderTest(
    {
      home: { entries: ['my-cases'] },
      // Long enough for the first probe (a heap snapshot of host and page) on a loaded CI machine.
      session: { idleTimeoutSeconds: 12, warningSeconds: 4 },
      devices: [{ id: 'idcard', kind: 'idcard-reader', connection: { type: 'serial', path: sam.pty.devicePath, baudRate: 115200 } }],
    },
    probe.options,
  );
  try {
    await page.goto(identified.url);
    await page.getByTestId('attract').click();
    await page.locator('[data-entry="my-cases"]').click();
    await expect(page.getByTestId('identify')).toBeVisible();
    sam.simulator.place(SAMPLE_CARDS.resident);
    await expect(page.getByTestId('my-cases').locator('[data-case]').first()).toBeVisible({ timeout: 15_000 });
    sam.simulator.remove();
    const { name, idNumber, address } = SAMPLE_CARDS.resident;
    // The probe sees what a live session holds (the host has the card), so its empty answer below means something.
    expect(await personalDataLeft({ idNumber }, { page, kiosk: identified, tmpDir: probe.tmpDir })).toContainEqual(expect.stringMatching(/^host heap: idNumber/));
    // Nobody touches the screen: the session times out (the probe above may take the warning's whole time).
    await expect(page.getByTestId('attract')).toBeVisible({ timeout: 30_000 });
    expect(await personalDataLeft({ name, idNumber, address }, { page, kiosk: identified, tmpDir: probe.tmpDir })).toEqual([]);
  } finally {
    await identified.stop();
    await sam.stop();
  }
});
