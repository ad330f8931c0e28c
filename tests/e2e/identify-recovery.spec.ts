import { expect, test, type Page } from '@playwright/test';
import { SAMPLE_CARDS } from '../../drivers/simulators/sample-cards.ts';
import { startKioskUnderTest, type KioskUnderTest } from '../support/kiosk-under-test.ts';
import { startSimulatedSam, type SimulatedSam } from '../support/simulated-reader.ts';
import { axeViolations } from './axe.ts';
import { saveScreenshot } from './screenshots.ts';

/**
 * Walk findings on the identify screen (citizens, part 2), in Chromium with the reader simulated on a real pty:
 * no countdown before the 30 s timeout; a card left on the reader not read again, with "no card detected"; the
 * screen stuck on "the reader cannot be used" after the reader was back, with no retry button.
 */
let sam: SimulatedSam;
let kiosk: KioskUnderTest;
// One page for the file, as on a terminal: each test is a citizen of its own (it ends its session).
let page: Page;
test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ browser }) => {
  sam = await startSimulatedSam();
  kiosk = await startKioskUnderTest({
    session: { idleTimeoutSeconds: 120, warningSeconds: 20, identifyTimeoutSeconds: 12 },
    devices: [{ id: 'idcard', kind: 'idcard-reader', connection: { type: 'serial', path: sam.pty.devicePath, baudRate: 115200 } }],
  });
  page = await (await browser.newContext()).newPage();
  await page.goto(kiosk.url);
});
test.afterAll(async () => {
  await page?.context().close();
  await kiosk?.stop();
  await sam?.stop();
});
/** 结束办理, and yes (an identified citizen is asked first). */
const endVisit = async () => {
  await page.getByTestId('home').getByRole('button', { name: '结束办理' }).click();
  await page.getByTestId('confirm-finish').getByRole('button', { name: '结束办理' }).click();
  await expect(page.getByTestId('attract')).toBeVisible();
};

test.afterEach(() => {
  sam.simulator.clearFaults();
  sam.simulator.remove();
});

test('the wait for a card counts down; a card left on the reader is asked to be lifted and placed again, then read', async () => {
  await page.getByTestId('attract').click();
  await page.getByTestId('start-identify').click();
  const countdown = page.getByTestId('identify-seconds-left');
  await expect(countdown).toHaveText(/^还剩 1[0-2] 秒$/);
  const first = Number(await countdown.getAttribute('data-seconds'));
  await expect.poll(async () => Number(await countdown.getAttribute('data-seconds')), { timeout: 4000 }).toBeLessThan(first);

  sam.simulator.place(SAMPLE_CARDS.resident);
  await expect(page.getByTestId('citizen-greeting')).toContainText('王测试');
  await endVisit();

  // The next citizen: the card read before still lies there.
  await page.getByTestId('attract').click();
  await page.getByTestId('start-identify').click();
  const status = page.getByTestId('identify-status');
  await expect(status).toHaveText('读卡区上的身份证已经读过了。请拿起身份证，再重新放上。');
  await expect(status).toHaveClass(/notice--warning/);
  await saveScreenshot(page, 'identify-card-left');
  expect(await axeViolations(page)).toEqual([]);
  sam.simulator.remove();
  await expect(status).toHaveText('正在等待身份证…');
  sam.simulator.place(SAMPLE_CARDS.hkMoTw);
  await expect(page.getByTestId('citizen-greeting')).toContainText('陈样本');
  await endVisit();

  // Left there until the wait runs out: the failure says what to do, not "no card".
  await page.getByTestId('attract').click();
  await page.getByTestId('start-identify').click();
  await expect(status).toHaveText(/已经读过/);
  await expect(status).toHaveText('身份证一直放在读卡区上，没有重新放。请拿起身份证，点“重新读卡”，再把身份证放上。', { timeout: 15_000 });
  sam.simulator.remove();
  await page.getByRole('button', { name: '重新读卡' }).click();
  await expect(status).toHaveText('正在等待身份证…');
  sam.simulator.place(SAMPLE_CARDS.hkMoTw);
  await expect(page.getByTestId('citizen-greeting')).toContainText('陈样本');
  await endVisit();
});

test('a reader that stops answering: retry offered meanwhile, and the screen carries on by itself once it is back', async () => {
  await page.getByTestId('attract').click();
  await page.getByTestId('start-identify').click();
  const status = page.getByTestId('identify-status');
  await expect(status).toHaveText('正在等待身份证…');
  sam.simulator.setFaults({ silent: true });
  await expect(status).toHaveText(/^读卡器暂时无法使用。读卡器恢复后会自动继续/, { timeout: 10_000 });
  await expect(page.getByRole('button', { name: '重新读卡' })).toBeVisible();
  await expect(page.getByRole('button', { name: '呼叫工作人员' })).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);

  sam.simulator.clearFaults();
  await expect(status).toHaveText('正在等待身份证…', { timeout: 10_000 });
  await expect(page.getByRole('button', { name: '重新读卡' })).toBeHidden();
  sam.simulator.place(SAMPLE_CARDS.resident);
  await expect(page.getByTestId('citizen-greeting')).toContainText('王测试');
  await endVisit();
});
