import { expect, test } from '@playwright/test';
import { startKioskUnderTest, type KioskUnderTest } from '../support/kiosk-under-test.ts';
import { axeViolations } from './axe.ts';
import { saveScreenshot } from './screenshots.ts';

/**
 * Walk findings (citizens, part 2): the attract screen's content was fixed, and it used a third of a portrait
 * screen. The hall's information slides come from the config, in turn, and the screen is filled top to bottom.
 */
let kiosk: KioskUnderTest;

test.beforeAll(async () => {
  kiosk = await startKioskUnderTest({
    home: { entries: ['find-service'] },
    attract: {
      slideSeconds: 4,
      slides: [
        { title: { 'zh-CN': '24小时自助办', en: 'Open around the clock' }, body: { 'zh-CN': '社保、医保、公积金、户籍等 200 多项业务', en: 'Over 200 services' } },
        { title: { 'zh-CN': '工作人员在岗时间' }, body: { 'zh-CN': '工作日 8:30–20:00，其余时间请拨打 12345' } },
      ],
    },
  });
});
test.afterAll(() => kiosk?.stop());

test.use({ viewport: { width: 1080, height: 1920 } });

test('the configured slides show in turn, and the attract screen fills a portrait screen', async ({ page }) => {
  await page.goto(kiosk.url);
  const slide = page.getByTestId('attract-slide');
  await expect(slide.getByRole('heading', { level: 2 })).toHaveText('24小时自助办');
  await expect(slide).toContainText('社保、医保、公积金、户籍等 200 多项业务');
  await expect(slide).toContainText('Open around the clock · Over 200 services');
  expect(await axeViolations(page)).toEqual([]);
  await saveScreenshot(page, 'attract-portrait');
  await expect(slide.getByRole('heading', { level: 2 })).toHaveText('工作人员在岗时间', { timeout: 6000 });
  await expect(slide).toContainText('工作日 8:30–20:00');

  // From the hall's name to the call to action, the content spans most of the screen's height.
  const top = (await page.locator('.attract__hall').boundingBox())?.y ?? 0;
  const cta = await page.getByRole('button', { name: /轻触屏幕开始办理/ }).boundingBox();
  expect(cta).not.toBeNull();
  expect(((cta?.y ?? 0) + (cta?.height ?? 0) - top) / 1920).toBeGreaterThan(0.75);
  // Still one touch to start.
  await page.getByTestId('attract').click();
  await expect(page.getByTestId('home')).toBeVisible();
});

test('without configured slides, it shows what the terminal offers', async ({ page }) => {
  const plain = await startKioskUnderTest(
    { home: { entries: ['scan-receipt'] }, devices: [{ id: 'wedge', kind: 'qr-scanner', connection: { type: 'keyboard' } }] },
    { withPlatform: false },
  );
  try {
    await page.goto(plain.url);
    await expect(page.getByTestId('attract-slide')).toContainText('扫描回执');
    await expect(page.getByTestId('attract-slide')).toContainText('扫描回执上的二维码查询进度');
  } finally {
    await plain.stop();
  }
});
