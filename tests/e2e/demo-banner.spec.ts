import { expect, test } from '@playwright/test';
import { startKioskUnderTest, type KioskUnderTest } from '../support/kiosk-under-test.ts';
import { axeViolations } from './axe.ts';

/** A demo terminal (no OS-level lockdown) says so on every screen; a terminal that requires the lockdown does not. */
let demo: KioskUnderTest;
let terminal: KioskUnderTest;

test.beforeAll(async () => {
  [demo, terminal] = await Promise.all([
    startKioskUnderTest({ browserShell: { requireLockdown: false } }, { withPlatform: false }),
    startKioskUnderTest({}, { withPlatform: false }),
  ]);
});
test.afterAll(async () => {
  await demo?.stop();
  await terminal?.stop();
});

test('a demo terminal shows "not locked down" in a corner of every screen, in the citizen\'s language', async ({ page }) => {
  await page.goto(demo.url);
  const banner = page.getByTestId('demo-banner');
  await expect(page.getByTestId('attract')).toBeVisible();
  await expect(banner).toHaveText('演示终端 · 未锁定，请勿办理真实业务');
  expect(await axeViolations(page)).toEqual([]);

  await page.getByTestId('attract').click();
  await expect(page.getByTestId('home')).toBeVisible();
  await expect(banner).toBeVisible();
  await page.getByRole('button', { name: 'English' }).click();
  await expect(banner).toHaveText('Demo terminal · not locked down: not for real cases');
  // It is not a control: the citizen's touches and Tab go past it.
  await expect(banner).toHaveCSS('pointer-events', 'none');
  expect(await axeViolations(page)).toEqual([]);
});

test('a terminal that requires the lockdown shows no such banner', async ({ page }) => {
  await page.goto(terminal.url);
  await expect(page.getByTestId('attract')).toBeVisible();
  await expect(page.getByTestId('demo-banner')).toHaveCount(0);
});
