import { expect, test } from '@playwright/test';
import jsqr from 'jsqr';
import { PNG } from 'pngjs';
import { decodeEscPos } from '../../drivers/printer/escpos-decoder.ts';
import { SAMPLE_CARDS } from '../../drivers/simulators/sample-cards.ts';
import { startKioskUnderTest, type KioskUnderTest } from '../support/kiosk-under-test.ts';
import { startSimulatedPrinterSide } from '../support/simulated-printer.ts';
import { startSimulatedSam, type SimulatedSam } from '../support/simulated-reader.ts';
import { axeViolations } from './axe.ts';
import { saveScreenshot } from './screenshots.ts';

const jsQR = (jsqr as unknown as { default: (data: Uint8ClampedArray, width: number, height: number) => { data: string } | null }).default;

/**
 * The demo flow that ends with a printed slip: attract → "my cases" → identify with the ID card → the citizen's
 * cases from the reference platform → print a progress slip on the simulated printer, whose captured bytes the
 * test decodes; then the printer runs out of paper and the slip's QR is shown on screen instead.
 */
let sam: SimulatedSam;
let printerSide: Awaited<ReturnType<typeof startSimulatedPrinterSide>>;
let kiosk: KioskUnderTest;
const TRACKING = 'https://zwfw.example.gov.cn/q?case=';

test.beforeAll(async () => {
  sam = await startSimulatedSam();
  printerSide = await startSimulatedPrinterSide();
  kiosk = await startKioskUnderTest({
    home: { entries: ['find-service', 'my-cases'] },
    receipt: { paper: '80mm', hotline: '12345', trackingUrl: TRACKING },
    devices: [
      { id: 'idcard', kind: 'idcard-reader', connection: { type: 'serial', path: sam.pty.devicePath, baudRate: 115200 } },
      { id: 'printer', kind: 'receipt-printer', connection: { type: 'serial', path: printerSide.pty.devicePath, baudRate: 115200 } },
    ],
  });
});
test.afterAll(async () => {
  await kiosk?.stop();
  await printerSide?.stop();
  await sam?.stop();
});

test('my cases: identify, list, print a progress slip; the QR on screen when the printer is out of paper', async ({ page }) => {
  await page.goto(kiosk.url);
  await page.getByTestId('attract').click();
  // Only what this terminal provides is offered: "find a service" is configured, but it has no catalogue.
  await expect(page.locator('[data-entry]')).toHaveCount(1);
  await page.locator('[data-entry="my-cases"]').click();

  await expect(page.getByTestId('identify')).toBeVisible();
  sam.simulator.place(SAMPLE_CARDS.resident);

  const screen = page.getByTestId('my-cases');
  await expect(screen).toBeVisible();
  const cases = screen.locator('[data-case]');
  await expect(cases).toHaveCount(3);
  await expect(cases.first()).toContainText('居民身份证换领（有效期满换领）');
  await expect(cases.first()).toContainText('审批中');
  await expect(screen.locator('[data-case="SH310115202610150102"]')).toContainText('请补交：房屋租赁合同登记备案证明');
  // Walk finding: "请补交…" was 20 px grey. What the citizen must act on is body text, bold, not muted.
  const note = await screen.locator('[data-case="SH310115202610150102"] .case__note').evaluate((line) => {
    const style = line.ownerDocument.defaultView?.getComputedStyle(line);
    const root = line.ownerDocument.defaultView?.getComputedStyle(line.ownerDocument.documentElement);
    return { size: style?.fontSize, weight: style?.fontWeight, body: root?.getPropertyValue('--kiosk-font-size-body').trim() };
  });
  expect(note).toEqual({ size: note.body, weight: '700', body: note.body });
  expect(await axeViolations(page)).toEqual([]);
  await saveScreenshot(page, 'my-cases');

  await cases.first().getByRole('button', { name: '打印办件进度' }).click();
  await expect(cases.first().getByTestId('print-outcome')).toHaveText('已打印，请从出纸口取走凭条。');
  const slip = decodeEscPos(printerSide.simulator.printed);
  const lines = slip.elements.flatMap((e) => (e.type === 'text' ? [e.text] : []));
  expect(lines).toContain('办件进度');
  expect(lines).toContainEqual(expect.stringMatching(/^办件编号 +SH310115202611180007$/));
  expect(lines).toContainEqual(expect.stringMatching(/^当前状态 +审批中$/));
  expect(lines).toContainEqual(expect.stringMatching(/^申请人 +王\*\* 1101\*{10}1237$/));
  expect(lines.join('\n')).not.toContain('110101199001011237');
  expect(slip.elements).toContainEqual(expect.objectContaining({ type: 'qr', payload: `${TRACKING}SH310115202611180007` }));
  expect(slip.elements.at(-1)).toEqual({ type: 'cut', kind: 'partial' });

  printerSide.simulator.setState('out');
  const second = screen.locator('[data-case="SH310115202611020031"]');
  await second.getByRole('button', { name: '打印办件进度' }).click();
  await expect(second.getByTestId('print-outcome')).toContainText('打印机缺纸');
  const qr = second.getByTestId('slip-qr');
  await expect(qr).toBeVisible();
  const shot = PNG.sync.read(await qr.screenshot());
  expect(jsQR(new Uint8ClampedArray(shot.data), shot.width, shot.height)?.data).toBe(`${TRACKING}SH310115202611020031`);
});
