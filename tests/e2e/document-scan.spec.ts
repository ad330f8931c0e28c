import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { SAMPLE_CARDS } from '../../drivers/simulators/sample-cards.ts';
import type { KioskBridge } from '../../main/api/index.ts';
import { decodeImage } from '../../main/documents/page-image.ts';
import { DEMO_SIGNING_KEY } from '../../reference-platform/catalogue/demo-signing-key.ts';
import { chromiumTestFlags } from '../support/chromium-flags.ts';
import { startKioskUnderTest, type KioskUnderTest } from '../support/kiosk-under-test.ts';
import { startSimulatedSam, type SimulatedSam } from '../support/simulated-reader.ts';
import { measurePage, skewedDocumentFrame, SKEWED_CORNERS, y4mVideo } from '../support/skewed-document.ts';
import { axeViolations } from './axe.ts';
import { personalDataLeft, probedKioskOptions } from './privacy-probe.ts';
import { saveScreenshot } from './screenshots.ts';

/**
 * Scanning a material with a 高拍仪 in real Chromium: the camera is Chromium's fake device playing a video the
 * suite makes (an A4 page, skewed and in perspective on a dark desk). The page is found, captured by itself once
 * it lies still, and comes out straight and cropped — measured on the page's pixels: the first text line is level
 * and the corners are paper, not desk. Then it is attached to the application and the case is accepted.
 */
const VIDEO = path.resolve(import.meta.dirname, '../../test-results/fake-camera/skewed-document.y4m');
// The video exists before the browser starts (it is on the browser's command line).
mkdirSync(path.dirname(VIDEO), { recursive: true });
writeFileSync(VIDEO, y4mVideo(skewedDocumentFrame({ seal: true }), 5));

test.use({
  launchOptions: {
    executablePath: '/usr/bin/chromium',
    args: [...chromiumTestFlags, '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${VIDEO}`, '--use-fake-ui-for-media-stream'],
  },
});
test.describe.configure({ mode: 'serial' });
const probe = probedKioskOptions();

let sam: SimulatedSam;
let kiosk: KioskUnderTest;
let page: Page;

test.beforeAll(async ({ browser }) => {
  sam = await startSimulatedSam();
  kiosk = await startKioskUnderTest(
    {
      home: { entries: ['find-service'] },
      session: { idleTimeoutSeconds: 600, warningSeconds: 20, identifyTimeoutSeconds: 60 },
      catalogue: { platformKey: DEMO_SIGNING_KEY.publicKey, areaCode: '310115', audiences: ['natural'] },
      devices: [
        { id: 'idcard', kind: 'idcard-reader', connection: { type: 'serial', path: sam.pty.devicePath, baudRate: 115200 } },
        { id: 'doccam', kind: 'document-scanner', connection: { type: 'camera' }, dpi: 200, colour: 'auto' },
      ],
    },
    { platformArgs: ['--guides', '3000'], ...probe.options },
  );
  page = await (await browser.newContext({ permissions: ['camera'] })).newPage();
  await page.goto(kiosk.url);
});
test.afterAll(async () => {
  await page?.context().close();
  await kiosk?.stop();
  await sam?.stop();
});
test.afterEach(async () => {
  await page.evaluate(() => (globalThis as { kiosk?: KioskBridge }).kiosk?.call('session.end', {}));
  sam.simulator.remove();
});

test('a skewed page under the document camera is captured by itself, straight and cropped, and attached as the material', async () => {
  // The skew the camera sees.
  const [[x1, y1], [x2, y2]] = SKEWED_CORNERS;
  expect((Math.atan2(y2 - y1, x2 - x1) * 180) / Math.PI).toBeGreaterThan(5);

  await page.getByTestId('attract').click();
  await page.locator('[data-entry="find-service"]').click();
  await expect(page.getByRole('searchbox')).toBeVisible({ timeout: 30_000 });
  await page.getByRole('button', { name: /新生儿出生“一件事”/ }).click();
  await page.getByTestId('bundle').locator('[data-task-code]').first().click();
  await page.getByTestId('guide').getByRole('button', { name: '开始办理' }).click();
  await expect(page.getByTestId('identify')).toBeVisible();
  sam.simulator.place(SAMPLE_CARDS.resident);
  await expect(page.getByTestId('apply-form')).toBeVisible({ timeout: 15_000 });
  await page.getByTestId('field-contact_mobile').getByRole('textbox').fill('13800000000');
  await page.locator('[data-field="delivery"]').getByRole('button', { name: '窗口领取' }).click();
  await page.getByRole('button', { name: '下一步' }).click();

  const photo = page.getByTestId('apply-materials').locator('[data-material="近期免冠照片"]');
  await photo.getByRole('button', { name: '扫描材料' }).click();
  await expect(page.getByTestId('apply-scan')).toBeVisible();
  // The sheet is outlined in the live preview, then taken by itself once it has lain still.
  await expect(page.getByTestId('page-outline')).toBeVisible({ timeout: 20_000 });
  const pages = page.getByTestId('scan-pages').locator('[data-page-id]');
  await expect(pages).toHaveCount(1, { timeout: 20_000 });
  expect(await axeViolations(page)).toEqual([]);
  await saveScreenshot(page, 'scan-camera');
  // Walk finding: disabled buttons on the scan page looked enabled. One page: it cannot move, and it looks it.
  const looks = (name: string) =>
    pages.first().getByRole('button', { name }).evaluate((button) => {
      const style = button.ownerDocument.defaultView?.getComputedStyle(button);
      return { disabled: button.hasAttribute('disabled'), border: style?.borderStyle, colour: style?.color };
    });
  const earlier = await looks('前移');
  const remove = await looks('删除');
  expect(earlier).toMatchObject({ disabled: true, border: 'dashed' });
  expect(remove).toMatchObject({ disabled: false, border: 'solid' });
  expect(earlier.colour).not.toBe(remove.colour);

  // The page as the host made it (its preview), measured: level lines, paper in every corner, A4 proportions.
  const preview = (await pages.first().locator('img').getAttribute('src')) ?? '';
  const image = await decodeImage(Buffer.from(preview.slice(preview.indexOf(',') + 1), 'base64'));
  const measured = measurePage(image);
  expect(Math.abs(measured.skewDegrees)).toBeLessThan(1);
  expect(measured.darkestCorner).toBeGreaterThan(170);
  expect(image.height / image.width).toBeCloseTo(11.69 / 8.27, 1);

  await page.getByRole('button', { name: /完成/ }).click();
  // Back on the materials, the photo is provided by the scan (the host holds it as a one-page PDF for the case).
  await expect(photo.getByTestId('material-state')).toHaveText('已扫描');
  await expect(photo.getByRole('button', { name: '扫描材料' })).toHaveAttribute('aria-pressed', 'true');
});

test('once the scanning session has ended, nothing of the citizen is left: page, renderer heap, storage, host heap, logs, temp files, database bytes', async () => {
  await page.evaluate(() => (globalThis as { kiosk?: KioskBridge }).kiosk?.call('session.end', {}));
  await expect(page.getByTestId('attract')).toBeVisible();
  const { name, idNumber, address } = SAMPLE_CARDS.resident;
  expect(await personalDataLeft({ name, idNumber, address, phone: '13800000000' }, { page, kiosk, tmpDir: probe.tmpDir })).toEqual([]);
});

test('the host refuses a scan with no application in progress', async () => {
  await page.getByTestId('attract').click();
  const response = await page.evaluate(() => (globalThis as { kiosk?: KioskBridge }).kiosk?.call('document.start', { materialId: 'm4' }));
  expect(response).toMatchObject({ ok: false, error: { code: 'invalid-state' } });
});
