import { expect, test } from '@playwright/test';
import jsqr from 'jsqr';
import { PNG } from 'pngjs';
import { loadReceiptBranding } from '../../main/cases/receipts/receipt-branding.ts';
import { acceptanceReceipt } from '../../main/cases/receipts/receipt-templates.ts';
import { readTerminalConfig } from '../../main/config/terminal-config-file.ts';
import { decodeEscPos } from '../../drivers/printer/escpos-decoder.ts';
import { PAPER } from '../../drivers/printer/receipt-layout.ts';
import { renderReceiptSvg } from '../../drivers/printer/receipt-svg.ts';
import { startSimulatedPrinter, type SimulatedPrinter } from '../support/simulated-printer.ts';
import { saveScreenshot } from './screenshots.ts';

// jsqr is CommonJS declaring `export default`: under nodenext the default import is the module object.
const jsQR = (jsqr as unknown as { default: (data: Uint8ClampedArray, width: number, height: number) => { data: string } | null }).default;

/**
 * A 受理回执 printed through the real driver to the simulated printer on a pty; the captured bytes are
 * decoded, drawn, photographed in Chromium, and the QR is read back from the pixels.
 */
let setup: SimulatedPrinter;
test.beforeAll(async () => {
  setup = await startSimulatedPrinter();
});
test.afterAll(() => setup?.stop());

test('a printed 受理回执 renders legibly and its QR scans to the tracking URL', async ({ page }) => {
  const reading = await readTerminalConfig('kiosk-config/terminals/demo.json');
  if (!reading.ok) throw new Error('demo config');
  const { hallName, receipt: settings, timeZone } = reading.config;
  const branding = await loadReceiptBranding({ hallName: hallName['zh-CN'], hotline: settings.hotline, timeZone, logo: settings.logo }, PAPER[settings.paper]);
  const trackingUrl = 'https://zwfw.example.gov.cn/q?case=SH310115202611230001';
  await setup.printer.print(
    acceptanceReceipt(branding, {
      caseNumber: 'SH310115202611230001',
      itemNames: ['居民身份证换领（有效期满换领）'],
      applicantMasked: '王*试 1101**********1237',
      promiseDays: 15,
      acceptedAt: new Date(2026, 10, 23, 14, 5),
      trackingUrl,
    }),
  );

  const decoded = decodeEscPos(setup.simulator.printed);
  expect(decoded.elements.at(-1)).toEqual({ type: 'cut', kind: 'partial' });
  await page.setViewportSize({ width: 640, height: 1400 });
  await page.setContent(`<body style="margin:0">${renderReceiptSvg(decoded, { paperDots: branding.paper.dots })}</body>`);
  const receipt = page.locator('svg');
  await expect(receipt).toContainText('受理回执');
  await expect(receipt).toContainText('SH310115202611230001');

  const shot = PNG.sync.read(await receipt.screenshot());
  const code = jsQR(new Uint8ClampedArray(shot.data), shot.width, shot.height);
  expect(code?.data).toBe(trackingUrl);
  await saveScreenshot(receipt, 'receipt-acceptance');
});
