import { expect, test } from '@playwright/test';
import { decodeEscPos } from '../../drivers/printer/escpos-decoder.ts';
import { SerialScannerSimulator } from '../../drivers/simulators/serial-scanner-simulator.ts';
import { startDeviceOnPty, type DeviceOnPty } from '../support/device-on-pty.ts';
import { startKioskUnderTest, type KioskUnderTest } from '../support/kiosk-under-test.ts';
import { startSimulatedPrinterSide } from '../support/simulated-printer.ts';
import { axeViolations } from './axe.ts';

/**
 * Scan a receipt: a serial scanner on a pty and a keyboard-wedge scanner typing into the page both lead to the
 * case on the reference platform, whose progress slip prints on the simulated printer.
 */
const TRACKING = 'https://zwfw.example.gov.cn/q?case=';
let scannerSide: DeviceOnPty<SerialScannerSimulator>;
let scanner: SerialScannerSimulator;
let printerSide: Awaited<ReturnType<typeof startSimulatedPrinterSide>>;
let kiosk: KioskUnderTest;

test.beforeAll(async () => {
  scannerSide = await startDeviceOnPty('ttyACM0', (simulatorPath) => SerialScannerSimulator.start(simulatorPath));
  scanner = scannerSide.simulator;
  printerSide = await startSimulatedPrinterSide();
  kiosk = await startKioskUnderTest({
    home: { entries: ['scan-receipt', 'my-cases'] },
    receipt: { paper: '80mm', hotline: '12345', trackingUrl: TRACKING },
    devices: [
      { id: 'scanner', kind: 'qr-scanner', connection: { type: 'serial', path: scannerSide.pty.devicePath, baudRate: 115200 } },
      { id: 'wedge', kind: 'qr-scanner', connection: { type: 'keyboard' } },
      { id: 'printer', kind: 'receipt-printer', connection: { type: 'serial', path: printerSide.pty.devicePath, baudRate: 115200 } },
    ],
  });
});
test.afterAll(async () => {
  await kiosk?.stop();
  await printerSide?.stop();
  await scannerSide?.stop();
});

test('scan a receipt with a serial scanner and with a keyboard wedge; print the case progress', async ({ page }) => {
  await page.goto(kiosk.url);
  await page.getByTestId('attract').click();
  // No reader on this terminal: "my cases" needs identification, so only "scan a receipt" is offered.
  await expect(page.locator('[data-entry]')).toHaveCount(1);
  await page.locator('[data-entry="scan-receipt"]').click();
  const status = page.getByTestId('scan-status');
  await expect(status).toHaveText('正在等待扫码…');
  expect(await axeViolations(page)).toEqual([]);

  await scanner.scan('hello, not a receipt', { terminator: 'crlf' });
  await expect(status).toContainText('这不是办件回执上的二维码');
  await page.getByRole('button', { name: '再扫一次' }).click();
  await expect(status).toHaveText('正在等待扫码…');

  await scanner.scan(`${TRACKING}SH310115202609300456`, { chunkSize: 5, chunkGapMs: 2 });
  const found = page.locator('[data-case="SH310115202609300456"]');
  await expect(found).toContainText('港澳台居民居住证签注');
  await expect(found).toContainText('已办结');
  await found.getByRole('button', { name: '打印办件进度' }).click();
  await expect(found.getByTestId('print-outcome')).toHaveText('已打印，请从出纸口取走凭条。');
  const lines = decodeEscPos(printerSide.simulator.printed).elements.flatMap((e) => (e.type === 'text' ? [e.text] : []));
  expect(lines).toContainEqual(expect.stringMatching(/^当前状态 +已办结$/));
  expect(lines.some((line) => line.startsWith('申请人'))).toBe(false);

  // A keyboard-wedge scanner types the code fast and presses Enter.
  await page.getByRole('button', { name: '再扫一次' }).click();
  await expect(status).toHaveText('正在等待扫码…');
  await page.keyboard.type(`${TRACKING}SH310115202611180007`, { delay: 3 });
  await page.keyboard.press('Enter');
  await expect(page.locator('[data-case="SH310115202611180007"]')).toContainText('审批中');

  // A person typing slowly is not a scanner.
  await page.getByRole('button', { name: '再扫一次' }).click();
  await page.keyboard.type('SH310115202610150102', { delay: 120 });
  await page.keyboard.press('Enter');
  await expect(status).toHaveText('正在等待扫码…');
});
