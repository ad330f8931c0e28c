import { expect, test, type Page } from '@playwright/test';
import type { MethodName } from '../../main/api/index.ts';
import { decodeEscPos } from '../../drivers/printer/escpos-decoder.ts';
import { SAMPLE_CARDS } from '../../drivers/simulators/sample-cards.ts';
import { RESIDENT_CASE, STAFF_ID, STAFF_PASSWORD, startLockerKiosk, type LockerKiosk } from '../support/locker-kiosk.ts';
import { axeViolations } from './axe.ts';
import { callFromPage } from './contract-call.ts';
import { personalDataLeft, probedKioskOptions } from './privacy-probe.ts';
import { saveScreenshot } from './screenshots.ts';

/**
 * Citizen pickup at the certificate locker, in Chromium against a kiosk process whose cabinet is simulated lock
 * boards on a pty and whose platform is the reference platform in its own process: staff deposit a certificate
 * (through the contract, as the maintenance screen does; its own spec drives that screen), the platform "sends"
 * the pickup code by SMS, and the citizen — identified with the simulated ID card — types it on the number pad:
 * the door opens, is closed, the certificate is collected and the platform records the collection exactly once.
 * Then a door that will not open, and five wrong codes.
 */
let lockers: LockerKiosk;
let page: Page;
const resident = SAMPLE_CARDS.resident;
const probe = probedKioskOptions();
test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ browser }) => {
  lockers = await startLockerKiosk({ session: { finishSeconds: 8 } }, probe.options);
  // A machine clock zone far from the hall's: what the citizen sees must still be in the hall's (Asia/Shanghai).
  page = await (await browser.newContext({ timezoneId: 'America/New_York' })).newPage();
  await page.goto(lockers.kiosk.url);
});
test.afterAll(async () => {
  await page?.context().close();
  await lockers?.stop();
});
test.afterEach(async () => {
  await call('session.end', {});
  lockers.sam.simulator.remove();
});

const call = async (method: MethodName, params: object): Promise<unknown> => {
  const response = await callFromPage(page, method, params);
  if (!response.ok) throw new Error(`${method}: ${response.error.code} ${response.error.message}`);
  return response.result;
};

/** Staff deposit a certificate for the resident: the door that opened, and the code the platform's SMS carried. */
const deposit = async (itemName: string): Promise<{ door: number; code: string }> => {
  const sent = (await lockers.smsFor(RESIDENT_CASE)).length;
  expect(await call('staff.signIn', { staffId: STAFF_ID, password: STAFF_PASSWORD })).toMatchObject({ status: 'signed-in' });
  const opening = (await call('lockers.deposit.begin', { caseNumber: RESIDENT_CASE, recipientIdNumber: resident.idNumber, itemName, size: 'small' })) as { status: string; door: number };
  expect(opening.status).toBe('open');
  lockers.lockers.simulator.board(1).close(opening.door);
  let sms: string[] = [];
  await expect
    .poll(async () => (sms = await lockers.smsFor(RESIDENT_CASE)).length, { timeout: 15_000 })
    .toBe(sent + 1);
  await call('staff.signOut', {});
  const code = /取件码(\d{6})/.exec(sms.at(-1) ?? '')?.[1];
  if (code === undefined) throw new Error(`no pickup code in ${sms.at(-1)}`);
  return { door: opening.door, code };
};

const startPickup = async () => {
  await page.getByTestId('attract').click();
  await page.locator('[data-entry="locker-pickup"]').click();
  await expect(page.getByTestId('identify')).toBeVisible();
  lockers.sam.simulator.place(resident);
  await expect(page.getByTestId('pickup-code')).toBeVisible({ timeout: 15_000 });
};

/** The code on the touch keyboard's number pad, as a citizen would, then "open". */
const typeCode = async (code: string) => {
  const field = page.getByTestId('pickup-code');
  await field.getByRole('textbox').click();
  for (const digit of code) await field.locator(`[data-skbtn="${digit}"]`).click();
  await expect(field.getByRole('textbox')).toHaveValue(code);
  await page.getByRole('button', { name: '开柜取件' }).click();
};

test('pickup with the SMS code and the ID card: the door opens, is closed, the certificate is collected; the platform records it once', async () => {
  const { door, code } = await deposit('营业执照（正本）');
  await startPickup();
  expect(await axeViolations(page)).toEqual([]);
  await typeCode(code);

  const screen = page.getByTestId('locker-pickup');
  await expect(screen.getByRole('heading', { level: 1 })).toHaveText(`A柜 ${door}号门已打开`);
  await expect(page.getByTestId('pickup-open')).toContainText('请取出您的营业执照（正本）');
  expect(await axeViolations(page)).toEqual([]);
  await saveScreenshot(page, 'locker-pickup-open');
  // The door really stands open on the board (the driver confirmed it), until the citizen closes it.
  expect(lockers.lockers.simulator.board(1).isOpen(door)).toBe(true);
  lockers.lockers.simulator.board(1).close(door);

  await expect(page.getByTestId('pickup-collected')).toContainText(`办件编号 ${RESIDENT_CASE}`, { timeout: 10_000 });
  await expect(screen.getByRole('heading', { level: 1 })).toHaveText('领取完成');
  await expect.poll(() => lockers.collectionsOf(RESIDENT_CASE), { timeout: 15_000 }).toBe(1);

  const before = lockers.printerSide.simulator.printed.length;
  await page.getByRole('button', { name: '打印取件凭证' }).click();
  await expect(page.getByTestId('print-outcome')).toHaveText('已打印，请从出纸口取走凭条。');
  const lines = decodeEscPos(lockers.printerSide.simulator.printed.subarray(before)).elements.flatMap((e) => (e.type === 'text' ? [e.text] : []));
  expect(lines).toContain('取件凭证');
  expect(lines.join('\n')).toContain(`A柜 ${door}号门`);
  expect(lines.join('\n')).not.toContain(resident.idNumber);

  // Walk finding: pickup ended with 完成 and no reminder to take the ID card, and never ended by itself.
  const reminder = page.getByTestId('finish-reminder');
  await expect(reminder).toContainText('请带好您的身份证（在读卡区上）和凭证（在出纸口）。');
  await expect(reminder.getByRole('timer')).toHaveText(/^\d 秒后自动结束/);
  await expect(page.getByRole('button', { name: '完成' })).toBeVisible();
  await expect(page.getByTestId('attract')).toBeVisible({ timeout: 12_000 });
  // Still exactly once, with the outbox drained and the platform asked nothing more.
  await page.waitForTimeout(1500);
  expect(await lockers.collectionsOf(RESIDENT_CASE)).toBe(1);
});

test('once the pickup session has ended, nothing of the citizen is left: page, renderer heap, storage, host heap, logs, temp files, database bytes', async () => {
  await call('session.end', {});
  await expect(page.getByTestId('attract')).toBeVisible();
  const { name, idNumber, address } = resident;
  expect(await personalDataLeft({ name, idNumber, address }, { page, kiosk: lockers.kiosk, tmpDir: probe.tmpDir })).toEqual([]);
});

test('a jammed door: the citizen is told the certificate is safe inside and staff were told; nothing is collected', async () => {
  const { door, code } = await deposit('社会保障卡');
  lockers.lockers.simulator.board(1).jam(door, true);
  await startPickup();
  await typeCode(code);
  const stopped = page.getByTestId('pickup-stopped');
  await expect(stopped).toHaveAttribute('data-status', 'door-failed', { timeout: 10_000 });
  await expect(stopped).toContainText(`A柜 ${door}号门未能打开`);
  await expect(stopped).toContainText('未标记为已领取');
  expect(await axeViolations(page)).toEqual([]);
  expect(await lockers.collectionsOf(RESIDENT_CASE)).toBe(1);
  expect(lockers.lockers.simulator.board(1).isOpen(door)).toBe(false);
  lockers.lockers.simulator.board(1).jam(door, false);
});

test('five wrong codes lock pickup, with the tries left said each time and the time it ends', async () => {
  await startPickup();
  for (const triesLeft of [4, 3, 2, 1]) {
    await typeCode('000000');
    await expect(page.getByTestId('pickup-code')).toContainText(`还可以再试 ${triesLeft} 次`);
  }
  const lockedAt = Date.now();
  await typeCode('000000');
  const stopped = page.getByTestId('pickup-stopped');
  await expect(stopped).toHaveAttribute('data-status', 'locked');
  await expect(stopped).toContainText(/\d{2}:\d{2} 前暂停取件/);
  // Walk finding: times were in the machine's zone, not the hall's. 15 minutes on, in Shanghai time.
  expect(await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone)).toBe('America/New_York');
  const shanghai = (at: number) => new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hour12: false }).format(at);
  const shown = /(\d{2}:\d{2}) 前暂停取件/.exec((await stopped.textContent()) ?? '')?.[1];
  expect([shanghai(lockedAt + 15 * 60_000), shanghai(lockedAt + 16 * 60_000)]).toContain(shown);
  expect(await axeViolations(page)).toEqual([]);
  await call('session.end', {});
  lockers.sam.simulator.remove();

  // A new session of the same citizen is still locked out, even before a code is typed in full.
  await startPickup();
  await typeCode('111111');
  await expect(page.getByTestId('pickup-stopped')).toHaveAttribute('data-status', 'locked');
});
