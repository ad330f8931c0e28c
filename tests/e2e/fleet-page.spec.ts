import { expect, test } from '@playwright/test';
import { connectFakeTerminal, type FakeFleetTerminal } from '../support/mqtt-fleet-device.ts';
import { startFleet, type RunningProcess } from '../support/processes.ts';
import { axeViolations } from './axe.ts';
import { saveScreenshot } from './screenshots.ts';

/**
 * The fleet page of the reference platform (docs/fleet-page.md), as an operator uses it: the fleet from its own entry
 * (broker and page), an mqtt.js "terminal" speaking ThingsBoard's device API, and the page in Chromium.
 */
let fleet: RunningProcess;
let brokerUrl: string;
let pageUrl: string;
let terminal: FakeFleetTerminal | undefined;

test.beforeAll(async () => {
  ({ fleet, brokerUrl, pageUrl } = await startFleet());
});
test.afterAll(async () => {
  await terminal?.end().catch(() => undefined);
  await fleet?.stop();
});

test('an operator sees a terminal live, its alert, sends it a command and a shared attribute, and sees it go offline', async ({ page }) => {
  terminal = await connectFakeTerminal(brokerUrl, {
    token: 'HALL7-T1',
    answer: (method) => (method === 'getDeviceStates' ? { devices: [{ id: 'printer', kind: 'receipt-printer', state: 'ready' }] } : undefined),
  });
  await terminal.publish('attributes', { terminalId: 'SH-310115-0007', hall: '浦东新区24小时政务服务大厅', appVersion: '0.1.0', nodeVersion: 'v24.21.0', configHash: 'abc123', online: true });
  await terminal.publish('telemetry', {
    ts: Date.now(),
    values: { appVersion: '0.1.0', uptimeS: 30, platformReachable: true, outboxQueued: 4, outboxNeedsAttention: 0, printerPaper: 'ok', 'device.printer.state': 'ready', 'device.idcard.state': 'degraded', outOfService: false },
  });

  await page.goto(pageUrl);
  await expect(page).toHaveTitle('终端监控');
  const row = page.locator('tr[data-terminal="HALL7-T1"]');
  await expect(row).toContainText('● 在线');
  await expect(row).toContainText('SH-310115-0007');
  await expect(row).toContainText('0.1.0');
  await expect(row).toContainText('idcard：降级');
  await expect(row.getByRole('cell').nth(1)).toHaveText('无');
  await expect(page.getByRole('status').first()).toHaveText('实时更新中');
  expect(await axeViolations(page)).toEqual([]);

  // The detail, opened from the keyboard.
  await page.getByRole('button', { name: '查看终端 HALL7-T1 的详情' }).focus();
  await page.keyboard.press('Enter');
  const detail = page.getByRole('region', { name: '终端 HALL7-T1' });
  await expect(detail.getByRole('heading', { name: '终端 HALL7-T1' })).toBeFocused();
  await expect(detail.getByText('没有告警记录。')).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);

  // The terminal runs out of paper: the alert is in the list and in the timeline.
  await terminal.publish('telemetry', { ts: Date.now(), values: { alert: 'paper-out', alertMessage: '收据打印机缺纸', alertCleared: false, alertSeq: 1, printerPaper: 'out' } });
  await expect(row).toContainText('⚠ 1 条：打印纸用完');
  await expect(row).toContainText('缺纸');
  const timeline = detail.getByRole('region', { name: '告警记录（最新在前）' }).getByRole('listitem');
  await expect(timeline).toHaveCount(1);
  await expect(timeline.first()).toContainText('告警 打印纸用完 — 收据打印机缺纸');
  await page.evaluate('window.scrollTo(0, 0)');
  await saveScreenshot(page, 'fleet-page');

  // A command and the terminal's reply.
  await detail.getByRole('button', { name: '查询设备状态' }).click();
  const reply = detail.locator('[data-rpc-reply="getDeviceStates"]');
  await expect(reply).toContainText('"receipt-printer"');
  await expect(detail.getByText('终端已回复“查询设备状态”：')).toBeVisible();
  // One it does not answer: said, not hung (the page's API waits 10 s by default).
  const unanswered = await page.request.post(new URL('/api/terminals/HALL7-T1/rpc', pageUrl).href, { data: { method: 'restart', timeoutMs: 300 }, headers: { 'content-type': 'application/json' } });
  expect(unanswered.status()).toBe(504);
  expect((await unanswered.json()) as unknown).toMatchObject({ error: { code: 'rpc-timeout' } });

  // A shared attribute: JSON checked in the page first, then sent to the terminal.
  await detail.getByLabel('属性名').fill('targetVersion');
  await detail.getByLabel('值（JSON）').fill('0.2.0');
  await detail.getByRole('button', { name: '发送共享属性' }).click();
  await expect(detail.getByRole('alert')).toContainText('值不是有效的 JSON');
  await expect(detail.getByLabel('值（JSON）')).toHaveAttribute('aria-invalid', 'true');
  await expect(detail.getByLabel('值（JSON）')).toBeFocused();
  await detail.getByLabel('值（JSON）').fill('"0.2.0"');
  await detail.getByRole('button', { name: '发送共享属性' }).click();
  await expect(detail.getByText('已发送共享属性 targetVersion。')).toBeVisible();
  expect((await terminal.next(/^v1\/devices\/me\/attributes$/)).body).toEqual({ targetVersion: '0.2.0' });
  await expect(detail.locator('.shared pre')).toContainText('"targetVersion": "0.2.0"');
  expect(await axeViolations(page)).toEqual([]);

  // The terminal's socket dies: its will says it is offline.
  terminal.kill();
  await expect(row).toContainText('○ 离线');
  await expect(detail.getByRole('definition').first()).toHaveText('○ 离线');
  await detail.getByRole('button', { name: '查询设备状态' }).click();
  await expect(detail.getByText(/“查询设备状态”失败：.*offline/)).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
});
