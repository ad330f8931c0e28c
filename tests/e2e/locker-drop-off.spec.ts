import { expect, test } from '@playwright/test';
import { decodeEscPos } from '../../drivers/printer/escpos-decoder.ts';
import { SAMPLE_CARDS } from '../../drivers/simulators/sample-cards.ts';
import { startLockerKiosk, type LockerKiosk } from '../support/locker-kiosk.ts';
import { axeViolations } from './axe.ts';

/**
 * Material drop-off (材料投递) in Chromium: the resident identifies, picks their case waiting for 补正 on the
 * reference platform, names the material, chooses a medium door; the simulated board's door opens, the test closes
 * it, the drop-off is received and recorded by the platform, and the 材料接收凭证 prints.
 */
let lockers: LockerKiosk;
const SUPPLEMENT_CASE = 'SH310115202610150102';

test.beforeAll(async () => {
  lockers = await startLockerKiosk();
});
test.afterAll(async () => {
  await lockers?.stop();
});

test('drop-off: case, material, size → a medium door opens → closed → received and recorded, receipt printed', async ({ page }) => {
  await page.goto(lockers.kiosk.url);
  await page.getByTestId('attract').click();
  await page.locator('[data-entry="locker-drop-off"]').click();
  await expect(page.getByTestId('identify')).toBeVisible();
  lockers.sam.simulator.place(SAMPLE_CARDS.resident);

  const screen = page.getByTestId('locker-drop-off');
  const supplement = screen.locator(`[data-case="${SUPPLEMENT_CASE}"]`);
  await expect(supplement).toBeVisible({ timeout: 15_000 });
  await expect(supplement).toContainText('补正');
  await supplement.click();
  await screen.getByTestId('drop-off-material').getByRole('textbox').fill('房屋租赁合同登记备案证明');
  await screen.getByRole('button', { name: '添加材料' }).click();
  await expect(screen.getByRole('list', { name: '已添加的材料' })).toContainText('房屋租赁合同登记备案证明');
  await screen.locator('[data-size="medium"]').click();
  expect(await axeViolations(page)).toEqual([]);
  await screen.getByRole('button', { name: '打开柜门' }).click();

  await expect(page.getByTestId('drop-off-open')).toContainText('请放入装有房屋租赁合同登记备案证明的材料袋', { timeout: 10_000 });
  const title = await screen.getByRole('heading', { level: 1 }).textContent();
  const door = Number(/(\d+)号门/.exec(title ?? '')?.[1]);
  // Doors 5 and 6 are the medium ones of this cabinet.
  expect([5, 6]).toContain(door);
  expect(lockers.lockers.simulator.board(1).isOpen(door)).toBe(true);
  lockers.lockers.simulator.board(1).close(door);

  const received = page.getByTestId('drop-off-received');
  await expect(received).toContainText(`办件 ${SUPPLEMENT_CASE}`, { timeout: 10_000 });
  await expect(received).toHaveAttribute('data-platform', 'recorded');
  expect(await axeViolations(page)).toEqual([]);

  const before = lockers.printerSide.simulator.printed.length;
  await page.getByRole('button', { name: '打印材料接收凭证' }).click();
  await expect(page.getByTestId('print-outcome')).toHaveText('已打印，请从出纸口取走凭条。');
  const lines = decodeEscPos(lockers.printerSide.simulator.printed.subarray(before)).elements.flatMap((e) => (e.type === 'text' ? [e.text] : []));
  expect(lines).toContain('材料接收凭证');
  expect(lines.join('\n')).toContain('房屋租赁合同登记备案证明');

  await page.getByRole('button', { name: '完成' }).click();
  await expect(page.getByTestId('attract')).toBeVisible();
});
