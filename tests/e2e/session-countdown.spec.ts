import { expect, test, type Page } from '@playwright/test';
import { DEMO_SIGNING_KEY } from '../../reference-platform/catalogue/demo-signing-key.ts';
import { startKioskUnderTest, type KioskUnderTest } from '../support/kiosk-under-test.ts';

/**
 * Walk finding (citizens, part 2): only the idle warning showed a countdown. Now every step of a session shows
 * how long the kiosk waits (the idle timeout and the warning), counting down, and 延长时间 gives the full time again.
 */
let kiosk: KioskUnderTest;

test.beforeAll(async () => {
  kiosk = await startKioskUnderTest(
    {
      home: { entries: ['find-service'] },
      catalogue: { platformKey: DEMO_SIGNING_KEY.publicKey, areaCode: '310115', audiences: ['natural'] },
      session: { idleTimeoutSeconds: 40, warningSeconds: 20 },
    },
    { platformArgs: ['--guides', '50'] },
  );
});
test.afterAll(() => kiosk?.stop());

const secondsLeft = async (page: Page) => Number(await page.getByTestId('session-seconds-left').getAttribute('data-seconds'));

test('every step shows the session countdown; it counts down, and "more time" or a touch starts it over', async ({ page }) => {
  await page.goto(kiosk.url);
  await page.getByTestId('attract').click();
  const timer = page.getByRole('timer');
  await expect(timer).toHaveText(/^剩余 [01]:\d\d$/);
  expect(await secondsLeft(page)).toBeGreaterThan(55);

  // It counts down by itself, about a second a second.
  const before = await secondsLeft(page);
  await page.waitForTimeout(2500);
  const after = await secondsLeft(page);
  expect(before - after).toBeGreaterThanOrEqual(2);
  expect(before - after).toBeLessThanOrEqual(3);

  // 延长时间 asks the host; its answer starts the countdown over at the full minute.
  await page.getByRole('button', { name: '延长时间' }).click();
  await expect.poll(() => secondsLeft(page)).toBeGreaterThanOrEqual(59);

  // On the next step too, and a touch there restarts it as well.
  await page.locator('[data-entry="find-service"]').click();
  await expect(page.getByTestId('find-service')).toBeVisible();
  await expect(timer).toBeVisible();
  await page.waitForTimeout(2500);
  expect(await secondsLeft(page)).toBeLessThanOrEqual(58);
  await page.getByRole('heading', { level: 1 }).click();
  await expect.poll(() => secondsLeft(page)).toBeGreaterThanOrEqual(59);

  // The countdown is in the top bar, reachable by keyboard: more time is one Tab before call staff.
  await page.getByRole('button', { name: '呼叫工作人员' }).focus();
  await page.keyboard.press('Shift+Tab');
  await expect(page.getByRole('button', { name: '延长时间' })).toBeFocused();
});

test('the countdown stands out in its last half minute, and is gone on the attract screen', async ({ page }) => {
  const short = await startKioskUnderTest({ session: { idleTimeoutSeconds: 5, warningSeconds: 20 } });
  try {
    await page.goto(short.url);
    await page.getByTestId('attract').click();
    await expect(page.getByTestId('session-timer')).toHaveClass(/session-timer--low/);
    await page.getByRole('button', { name: '结束办理' }).click();
    await expect(page.getByTestId('attract')).toBeVisible();
    await expect(page.getByRole('timer')).toHaveCount(0);
  } finally {
    await short.stop();
  }
});
