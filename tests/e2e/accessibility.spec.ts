import { expect, test } from '@playwright/test';
import { axeViolations } from './axe.ts';
import { startKioskUnderTest, type KioskUnderTest } from '../support/kiosk-under-test.ts';

/**
 * Every screen passes axe (contrast, names, roles), and the whole walk works from a keyboard alone, as on a
 * bank terminal with function keys and no touch screen.
 */
let kiosk: KioskUnderTest;

test.beforeAll(async () => {
  kiosk = await startKioskUnderTest({ session: { idleTimeoutSeconds: 4, warningSeconds: 30 } });
});
test.afterAll(() => kiosk?.stop());

test('attract, home and the idle warning pass axe, and are operable by keyboard alone', async ({ page }) => {
  await page.goto(kiosk.url);
  const attract = page.getByTestId('attract');
  await expect(attract.getByRole('button', { name: /轻触屏幕开始办理/ })).toBeFocused();
  expect(await axeViolations(page)).toEqual([]);

  await page.keyboard.press('Enter');
  await expect(page.getByTestId('home')).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
  expect(await axeViolations(page)).toEqual([]);

  // Focus order: the services (none here), then the toolbar: languages, then "finish".
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: '中文' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'English' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hello. What would you like to do?');

  // The warning traps focus between its two buttons and starts on "more time".
  const warning = page.getByTestId('idle-warning');
  await expect(warning).toBeVisible({ timeout: 8000 });
  await expect(page.getByRole('button', { name: 'More time' })).toBeFocused();
  expect(await axeViolations(page)).toEqual([]);
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Finish now' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'More time' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(warning).toBeHidden();

  await page.getByRole('button', { name: 'Finish' }).focus();
  await page.keyboard.press('Enter');
  await expect(attract).toBeVisible();
});
