import { rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { AuditFile } from '../../main/audit/audit-file.ts';
import { auditFileIn } from '../../main/audit/audit-log.ts';
import { hashStaffPassword } from '../../main/lockers/staff-accounts.ts';
import { DEMO_SIGNING_KEY } from '../../reference-platform/catalogue/demo-signing-key.ts';
import { startKioskUnderTest, type KioskUnderTest } from '../support/kiosk-under-test.ts';
import { startSimulatedPrinterSide } from '../support/simulated-printer.ts';
import { startSimulatedSam, type SimulatedSam } from '../support/simulated-reader.ts';
import { axeViolations } from './axe.ts';

/**
 * The terminal maintenance screen on a terminal without lockers, only a staff accounts file: a simulated ID card
 * reader and receipt printer on ptys, the reference platform's catalogue. Staff sign in and see each device's
 * health; the reader's SAM goes silent and its card shows the fault and the last error; a test page reaches the
 * printer; the outbox's counts, retry now; the catalogue synced; out of service (the out-of-service screen, no
 * citizen session) and back; sign out. The audit log holds each action.
 */
const STAFF_ID = 'S001';
const STAFF_PASSWORD = 'desk-pass-1';
let kiosk: KioskUnderTest;
let sam: SimulatedSam;
let printerSide: Awaited<ReturnType<typeof startSimulatedPrinterSide>>;
let page: Page;
const staffFile = path.join(os.tmpdir(), `kiosk-staff-${process.pid}.json`);

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ browser }) => {
  sam = await startSimulatedSam();
  printerSide = await startSimulatedPrinterSide();
  const passwordHash = await hashStaffPassword(STAFF_PASSWORD, { log2N: 10, r: 8, p: 1 });
  await writeFile(staffFile, JSON.stringify({ accounts: [{ staffId: STAFF_ID, passwordHash, disabled: false }] }), { mode: 0o600 });
  kiosk = await startKioskUnderTest({
    home: { entries: ['find-service', 'my-cases'] },
    receipt: { paper: '80mm', hotline: '12345', trackingUrl: 'https://zwfw.example.gov.cn/q?case=' },
    catalogue: { platformKey: DEMO_SIGNING_KEY.publicKey, areaCode: '310115', audiences: ['natural'] },
    devices: [
      { id: 'idcard', kind: 'idcard-reader', connection: { type: 'serial', path: sam.pty.devicePath, baudRate: 115200 } },
      { id: 'printer', kind: 'receipt-printer', connection: { type: 'serial', path: printerSide.pty.devicePath, baudRate: 115200 } },
    ],
    staff: { accounts: staffFile },
  });
  page = await (await browser.newContext()).newPage();
  await page.goto(kiosk.url);
});
test.afterAll(async () => {
  await page?.context().close();
  await kiosk?.stop();
  await printerSide?.stop();
  await sam?.stop();
  await rm(staffFile, { force: true });
});

const auditKinds = () =>
  AuditFile.read(auditFileIn(kiosk.terminal.config.dataDir), (audit) => audit.latest(null))
    .filter((record) => record.actor === `staff:${STAFF_ID}`)
    .map((record) => record.kind);

test('staff walk the maintenance device screen, and the audit log holds each action', async () => {
  await expect(page.getByTestId('attract')).toBeVisible();
  await page.keyboard.press('Control+Alt+KeyM');
  await expect(page.getByTestId('staff-sign-in')).toBeVisible();
  await page.getByLabel('工号').fill(STAFF_ID);
  await page.getByLabel('密码').fill(STAFF_PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByTestId('maintenance-terminal')).toBeVisible();

  // Each configured device with its health.
  const reader = page.getByTestId('device-idcard');
  const printer = page.getByTestId('device-printer');
  await expect(reader).toContainText('身份证阅读器');
  await expect(printer).toContainText('凭条打印机');
  await expect(reader).toHaveAttribute('data-state', 'ready', { timeout: 15_000 });
  await expect(printer).toHaveAttribute('data-state', 'ready', { timeout: 15_000 });
  expect(await axeViolations(page)).toEqual([]);

  // The reader's SAM goes silent: its card says so, with the last error.
  sam.simulator.setFaults({ silent: true });
  await expect(async () => {
    await page.getByRole('button', { name: '刷新' }).click();
    await expect(reader).not.toHaveAttribute('data-state', 'ready', { timeout: 1000 });
  }).toPass({ timeout: 30_000 });
  await expect(reader).toContainText('最近一次故障');

  // A test page reaches the printer.
  const before = printerSide.simulator.printed.length;
  await page.getByRole('button', { name: '打印测试页' }).click();
  await expect(page.getByTestId('terminal-notice')).toHaveText('测试页已打印，请查看打印机出纸。');
  expect(printerSide.simulator.printed.length).toBeGreaterThan(before);

  // The outbox, and retry now.
  await expect(page.getByTestId('outbox-state')).toContainText('等待上报 0 件');
  await page.getByRole('button', { name: '立即重试上报' }).click();
  await expect(page.getByTestId('terminal-notice')).toContainText('已开始重新上报');

  // The catalogue synced now.
  await page.getByRole('button', { name: '重新同步目录' }).click();
  await expect(page.getByTestId('terminal-notice')).toContainText(/目录已(更新到版本|是最新)/);

  // Out of service: the screen citizens see, no session; staff come back through maintenance mode.
  await page.getByRole('button', { name: '暂停服务' }).click();
  await expect(page.getByTestId('terminal-notice')).toHaveText('本机已暂停服务。');
  await page.getByRole('button', { name: '退出维护' }).click();
  await expect(page.getByTestId('out-of-service')).toBeVisible();
  await page.getByTestId('out-of-service').click();
  await expect(page.getByTestId('home')).toHaveCount(0);
  expect(await axeViolations(page)).toEqual([]);
  await page.keyboard.press('Control+Alt+KeyM');
  await page.getByLabel('工号').fill(STAFF_ID);
  await page.getByLabel('密码').fill(STAFF_PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByRole('button', { name: '恢复服务' }).click();
  await expect(page.getByTestId('terminal-notice')).toHaveText('本机已恢复服务。');

  await page.getByRole('button', { name: '退出维护' }).click();
  await expect(page.getByTestId('attract')).toBeVisible();

  await expect.poll(auditKinds).toEqual(
    expect.arrayContaining(['staff-signed-in', 'maintenance-test-print', 'outbox-retry', 'catalogue-reload', 'out-of-service-entered', 'out-of-service-left', 'staff-signed-out']),
  );
  const kinds = auditKinds();
  expect(kinds.indexOf('out-of-service-entered')).toBeLessThan(kinds.indexOf('out-of-service-left'));
});

test('restart, asked twice: the kiosk process stops cleanly with status 75, which systemd takes to start it again; recorded first', async () => {
  await expect(page.getByTestId('attract')).toBeVisible();
  await page.keyboard.press('Control+Alt+KeyM');
  await page.getByLabel('工号').fill(STAFF_ID);
  await page.getByLabel('密码').fill(STAFF_PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByRole('button', { name: '重启终端' }).click();
  await page.getByRole('button', { name: '确定重启' }).click();
  expect(await kiosk.kiosk.exited).toEqual({ code: 75, signal: null });
  expect(auditKinds()).toContain('kiosk-restart');
});
