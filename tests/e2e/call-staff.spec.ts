import { expect, test, type Page } from '@playwright/test';
import { axeViolations } from './axe.ts';
import { startKioskUnderTest, type KioskUnderTest } from '../support/kiosk-under-test.ts';
import { saveScreenshot } from './screenshots.ts';

/**
 * 呼叫工作人员 on every screen, in Chromium through the browser shell: the citizen is told someone is coming (or, with
 * no staff on site, the hotline), the host raises the operator's alert, and the button and its answer work from a
 * keyboard alone and pass axe.
 */
let kiosk: KioskUnderTest | null = null;
test.afterEach(async () => {
  await kiosk?.stop();
  kiosk = null;
});

const helpAlerts = (running: KioskUnderTest) =>
  running.kiosk
    .errors()
    .split('\n')
    .filter((line) => line.includes('"kind":"help-requested"'));

const dialogOf = (page: Page) => page.getByTestId('call-staff-dialog');

test('staff on site: called from the attract screen without starting a session, and from home by keyboard', async ({ page }) => {
  const running = await startKioskUnderTest({ help: { staffOnSite: 'always' } }, { withPlatform: false });
  kiosk = running;
  await page.goto(running.url);
  const attract = page.getByTestId('attract');
  await attract.getByRole('button', { name: '呼叫工作人员' }).click();
  const dialog = dialogOf(page);
  await expect(dialog).toContainText('工作人员马上就到');
  await expect(dialog.getByRole('button', { name: '知道了' })).toBeFocused();
  expect(await axeViolations(page)).toEqual([]);
  await saveScreenshot(page, 'call-staff-coming');
  await expect.poll(() => helpAlerts(running).length).toBe(1);
  expect(helpAlerts(running)[0]).toContain('on the attract screen (before starting)');

  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  // The press called for help and nothing else: no session started.
  await expect(attract).toBeVisible();

  await attract.click();
  await expect(page.getByTestId('home')).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
  // Before the title in the page: one Shift+Tab from the title reaches it.
  await page.keyboard.press('Shift+Tab');
  await expect(page.getByRole('button', { name: '呼叫工作人员' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(dialog).toContainText('已经通知现场工作人员');
  // Tab stays on the dialog's one button; Escape closes it.
  await page.keyboard.press('Tab');
  await expect(dialog.getByRole('button', { name: '知道了' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('home')).toBeVisible();
  // Told again, but the operator was alerted a moment ago: no second alert.
  expect(helpAlerts(running)).toHaveLength(1);
});

test('no staff on site: the hall hotline, in every language', async ({ page }) => {
  const running = await startKioskUnderTest({ help: { staffOnSite: 'never', hotline: '021-12345' } }, { withPlatform: false });
  kiosk = running;
  await page.goto(running.url);
  await page.getByTestId('attract').click();
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('button', { name: 'Call staff' }).click();
  const dialog = dialogOf(page);
  await expect(dialog).toContainText('No staff are on site now');
  await expect(page.getByTestId('call-staff-hotline')).toHaveText('021-12345');
  expect(await axeViolations(page)).toEqual([]);
  await saveScreenshot(page, 'call-staff-hotline-en');
  await dialog.getByRole('button', { name: 'OK' }).click();
  await expect(dialog).toBeHidden();
  await expect.poll(() => helpAlerts(running).length).toBe(1);
  expect(helpAlerts(running)[0]).toContain('no staff on site: told to call 021-12345');
});
