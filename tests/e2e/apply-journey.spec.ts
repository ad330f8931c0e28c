import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import Database from 'better-sqlite3';
import { decodeEscPos } from '../../drivers/printer/escpos-decoder.ts';
import { SAMPLE_CARDS } from '../../drivers/simulators/sample-cards.ts';
import type { KioskBridge } from '../../main/api/index.ts';
import { DEMO_SIGNING_KEY } from '../../reference-platform/catalogue/demo-signing-key.ts';
import { startKioskUnderTest, type KioskUnderTest } from '../support/kiosk-under-test.ts';
import { startSimulatedPrinterSide } from '../support/simulated-printer.ts';
import { startSimulatedSam, type SimulatedSam } from '../support/simulated-reader.ts';
import { axeViolations } from './axe.ts';
import { toolbarLayout } from './toolbar-layout.ts';
import { personalDataLeft, probedKioskOptions } from './privacy-probe.ts';
import { saveScreenshot } from './screenshots.ts';

/**
 * The citizen journey end to end in real Chromium, against the reference platform (its own process), a simulated
 * ID card reader and a simulated receipt printer: find a service → guide → identify → form (filled from the card,
 * the rest on the touch keyboard) → materials (the card, the form and an 电子证照 by themselves; one 容缺, one
 * 告知承诺 signed on the screen) → review → submit → 受理回执 (decoded from the printer's capture) → rating →
 * goodbye; then a 一件事 bundle as one case; then, with the platform failing, a case saved on the terminal, found
 * there by "my cases", and delivered once the platform is back.
 */
let sam: SimulatedSam;
let printerSide: Awaited<ReturnType<typeof startSimulatedPrinterSide>>;
let kiosk: KioskUnderTest;
let page: Page;
const TRACKING = 'https://zwfw.example.gov.cn/q?case=';
const probe = probedKioskOptions();
test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ browser }) => {
  sam = await startSimulatedSam();
  printerSide = await startSimulatedPrinterSide();
  kiosk = await startKioskUnderTest(
    {
      home: { entries: ['find-service', 'my-cases'] },
      receipt: { paper: '80mm', hotline: '12345', trackingUrl: TRACKING },
      session: { idleTimeoutSeconds: 600, warningSeconds: 20, identifyTimeoutSeconds: 60 },
      catalogue: { platformKey: DEMO_SIGNING_KEY.publicKey, areaCode: '310115', audiences: ['natural'] },
      devices: [
        { id: 'idcard', kind: 'idcard-reader', connection: { type: 'serial', path: sam.pty.devicePath, baudRate: 115200 } },
        { id: 'printer', kind: 'receipt-printer', connection: { type: 'serial', path: printerSide.pty.devicePath, baudRate: 115200 } },
      ],
    },
    { platformArgs: ['--guides', '3000', '--fault-control'], ...probe.options },
  );
  page = await (await browser.newContext()).newPage();
  await page.goto(kiosk.url);
});
test.afterAll(async () => {
  await page?.context().close();
  await kiosk?.stop();
  await printerSide?.stop();
  await sam?.stop();
});
test.afterEach(async () => {
  await page.evaluate(() => (globalThis as { kiosk?: KioskBridge }).kiosk?.call('session.end', {}));
  sam.simulator.remove();
});

const openBirthBundle = async () => {
  await page.getByTestId('attract').click();
  await page.locator('[data-entry="find-service"]').click();
  await expect(page.getByRole('searchbox')).toBeVisible({ timeout: 30_000 });
  await page.getByRole('button', { name: /新生儿出生“一件事”/ }).click();
  await expect(page.getByTestId('bundle').locator('[data-task-code]')).toHaveCount(4);
};
const identifyWithCard = async () => {
  await expect(page.getByTestId('identify')).toBeVisible();
  sam.simulator.place(SAMPLE_CARDS.resident);
  await expect(page.getByTestId('apply-form')).toBeVisible({ timeout: 15_000 });
};
const fillContact = async () => {
  // The phone on the touch keyboard's number pad, as a citizen would.
  const phone = page.getByTestId('field-contact_mobile');
  await phone.getByRole('textbox').click();
  for (const digit of '13800000000') await phone.locator(`[data-skbtn="${digit}"]`).click();
  await expect(phone.getByRole('textbox')).toHaveValue('13800000000');
  await page.locator('[data-field="delivery"]').getByRole('button', { name: '窗口领取' }).click();
};
const sign = async () => {
  const box = await page.getByTestId('signature-canvas').boundingBox();
  if (box === null) throw new Error('no signature canvas');
  await page.mouse.move(box.x + box.width * 0.1, box.y + box.height * 0.6);
  await page.mouse.down();
  for (const [x, y] of [[0.3, 0.3], [0.5, 0.7], [0.7, 0.3], [0.9, 0.6]] as const) await page.mouse.move(box.x + box.width * x, box.y + box.height * y, { steps: 10 });
  await page.mouse.up();
  await page.getByTestId('signature-pad').getByRole('button', { name: '确认签名' }).click();
};
const material = (name: string) => page.getByTestId('apply-materials').locator(`[data-material="${name}"]`);
const printedLines = (from: number) => {
  const receipt = decodeEscPos(printerSide.simulator.printed.subarray(from));
  return { receipt, lines: receipt.elements.flatMap((e) => (e.type === 'text' ? [e.text] : [])) };
};

test('one item: form from the card, 容缺 and a signed 告知承诺, accepted; the 受理回执 carries the platform case number; a rating', async () => {
  await openBirthBundle();
  await page.getByTestId('bundle').locator('[data-task-code]').first().click();
  await expect(page.getByTestId('guide')).toBeVisible();
  expect(await toolbarLayout(page)).toEqual(['back at start', 'primary at end']);
  await page.getByTestId('guide').getByRole('button', { name: '开始办理' }).click();
  await identifyWithCard();

  const form = page.getByTestId('apply-form');
  // Walk finding: no step indicator. 填表 → 材料 → 核对 → 提交, the current one marked.
  const steps = page.getByTestId('apply-steps');
  await expect(steps.getByRole('listitem')).toHaveText(['1填表', '2材料', '3核对', '4提交']);
  await expect(steps.locator('[aria-current="step"]')).toHaveText('1填表');
  await expect(page.getByTestId('field-applicant_name').getByRole('textbox')).toHaveValue('王测试');
  // Walk finding: the full ID number was on screen for the hall to read. Masked, shown on request, for ten seconds.
  const idNumber = page.getByTestId('field-applicant_id_number');
  await expect(idNumber).toContainText('1101**********1237');
  await expect(form).not.toContainText('110101199001011237');
  await idNumber.getByRole('button', { name: '显示' }).click();
  await expect(idNumber).toContainText('110101199001011237');
  await expect(idNumber.getByRole('button', { name: '显示' })).toHaveAttribute('aria-pressed', 'true');
  await idNumber.getByRole('button', { name: '显示' }).click();
  await expect(idNumber).toContainText('1101**********1237');
  // Next with the phone missing: the form says what is wrong and stays.
  await page.getByRole('button', { name: '下一步' }).click();
  await expect(page.getByTestId('field-contact_mobile')).toContainText('请填写这一项');
  await fillContact();
  expect(await axeViolations(page)).toEqual([]);
  // Walk finding: 返回 and the primary button moved from screen to screen. One layout, checked on each step.
  expect(await toolbarLayout(page)).toEqual(['back at start', 'primary at end']);
  await saveScreenshot(page, 'apply-form');
  await form.page().getByRole('button', { name: '下一步' }).click();

  await expect(page.getByTestId('apply-materials')).toBeVisible();
  await expect(material('居民身份证')).toContainText('已读取身份证');
  await expect(material('户口簿')).toContainText('已调取电子证照：居民户口簿');
  // Walk findings on the materials: done items offered 扫描材料; the words were unexplained; 下一步 did nothing.
  await expect(material('居民身份证').getByRole('button')).toHaveCount(0);
  await expect(material('户口簿').getByRole('button')).toHaveCount(0);
  const terms = page.getByTestId('apply-terms');
  await expect(terms).toContainText('容缺缺少的材料可以先受理，在规定时间内补交。');
  await expect(terms).toContainText('告知承诺在屏幕上签名承诺符合条件，代替这份证明材料。');
  await expect(terms).toContainText('电子证照政府已有的您的电子证件');
  // Walk finding: what a citizen must act on was 20 px grey. The material still to choose reads as body text, in colour.
  const open = await material('近期免冠照片').getByTestId('material-state').evaluate((line) => {
    const style = line.ownerDocument.defaultView?.getComputedStyle(line);
    const root = line.ownerDocument.defaultView?.getComputedStyle(line.ownerDocument.documentElement);
    return { size: style?.fontSize, colour: style?.color, body: root?.getPropertyValue('--kiosk-font-size-body').trim() };
  });
  expect(open.size).toBe(open.body);
  // Not the muted grey (#475366) of secondary lines.
  expect(open.colour).not.toBe('rgb(71, 83, 102)');
  const materialsNext = page.getByTestId('apply-materials').getByRole('navigation').getByRole('button', { name: '下一步' });
  await expect(materialsNext).toHaveAccessibleDescription(/^还有 2 项材料没有选择提供方式：近期免冠照片、无犯罪记录证明。/);
  await materialsNext.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('materials-left')).toHaveAttribute('role', 'alert');
  await expect(page.getByTestId('apply-materials')).toBeVisible();
  await material('近期免冠照片').getByRole('button', { name: '稍后补交（容缺）' }).click();
  await expect(material('近期免冠照片')).toContainText('容缺受理，稍后补交');
  await expect(page.getByTestId('materials-left')).toContainText('还有 1 项材料没有选择提供方式：无犯罪记录证明。');
  // 无法手写签名: back to the list, told what to do instead.
  await material('无犯罪记录证明').getByRole('button', { name: '签署告知承诺' }).click();
  await page.getByTestId('signature-pad').getByRole('button', { name: '无法手写签名' }).click();
  await expect(page.getByTestId('cannot-sign')).toHaveText(/^没有签名也可以办理“无犯罪记录证明”：(选择“.+”|请携带这份材料到窗口办理)。$/);
  await material('无犯罪记录证明').getByRole('button', { name: '签署告知承诺' }).click();
  await expect(page.getByTestId('commitment-text')).toContainText('愿意承担相应的法律责任');
  await sign();
  await expect(material('无犯罪记录证明')).toContainText('已签署告知承诺');
  expect(await axeViolations(page)).toEqual([]);
  await saveScreenshot(page, 'apply-materials');
  expect(await toolbarLayout(page)).toEqual(['back at start', 'primary at end']);
  await page.getByRole('button', { name: '下一步' }).click();

  await expect(steps.locator('[aria-current="step"]')).toHaveText('3核对');
  expect(await toolbarLayout(page)).toEqual(['back at start', 'primary at end']);
  await expect(steps.getByRole('listitem').first()).toHaveText('✓填表（已完成）');
  await expect(page.getByTestId('apply-review')).toContainText('13800000000');
  await expect(page.getByTestId('apply-review')).toContainText('1101**********1237');
  await expect(page.getByTestId('apply-review')).not.toContainText('110101199001011237');
  const printedBefore = printerSide.simulator.printed.length;
  await page.getByRole('button', { name: '确认提交' }).click();
  const result = page.getByTestId('apply-result');
  await expect(result).toContainText('申请已受理');
  const caseNumber = ((await page.getByTestId('case-number').textContent()) ?? '').replace('受理编号：', '');
  expect(caseNumber).toMatch(/^SH310115\d{12}$/);
  await expect(page.getByTestId('deferred')).toContainText('近期免冠照片');
  // Walk finding: how and where to hand in a 容缺 material, and that the case ends otherwise, was only on paper.
  await expect(page.getByTestId('deferred')).toContainText('补交时请带上受理编号，到服务窗口提交');
  await expect(page.getByTestId('deferred')).toContainText('逾期未补齐的，本次申请终止办理。');
  await expect(page.getByTestId('receipt-state')).toContainText('回执已打印');
  expect(await toolbarLayout(page)).toEqual(['primary at end']);
  expect(await axeViolations(page)).toEqual([]);
  await saveScreenshot(page, 'apply-accepted');

  const { receipt, lines } = printedLines(printedBefore);
  expect(lines).toContain('受理回执');
  expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^受理编号 +${caseNumber}$`)));
  expect(lines).toContainEqual(expect.stringMatching(/^查询密码 +\d{6}$/));
  expect(lines).toContainEqual(expect.stringMatching(/^申请人 +王\*\* 1101\*{10}1237$/));
  expect(lines.join('\n')).toContain('近期免冠照片');
  expect(lines.join('\n')).not.toContain('110101199001011237');
  expect(receipt.elements).toContainEqual(expect.objectContaining({ type: 'qr', payload: `${TRACKING}${caseNumber}` }));

  await page.getByRole('button', { name: '下一步' }).click();
  const rating = page.getByTestId('apply-rating');
  // Nothing is pre-selected; a negative level needs a reason before it can be sent.
  await expect(rating.getByRole('radio', { checked: true })).toHaveCount(0);
  await rating.getByRole('radio', { name: '不满意', exact: true }).click();
  await expect(page.getByRole('button', { name: '提交评价' })).toHaveAttribute('aria-disabled', 'true');
  await rating.getByRole('button', { name: '办理时间长' }).click();
  expect(await axeViolations(page)).toEqual([]);
  await page.getByRole('button', { name: '提交评价' }).click();
  await expect(page.getByTestId('apply-goodbye')).toBeVisible();
  // Walk finding: the goodbye screen never finished by itself. It reminds of the card and the receipt, and counts down.
  await expect(page.getByTestId('finish-reminder')).toContainText('请带好您的身份证（在读卡区上）和回执（在出纸口）。');
  await expect(page.getByTestId('finish-seconds-left')).toHaveText(/^\d+ 秒后自动结束/);
  await saveScreenshot(page, 'apply-goodbye');
  const finishFrom = Number(await page.getByTestId('finish-seconds-left').getAttribute('data-seconds'));
  await expect.poll(async () => Number(await page.getByTestId('finish-seconds-left').getAttribute('data-seconds')), { timeout: 4000 }).toBeLessThan(finishFrom);
  await page.getByRole('button', { name: '结束' }).click();
  await expect(page.getByTestId('attract')).toBeVisible();
});

// Walk finding: 返回 from the form discarded what was typed without a word.
test('返回 from a form with something typed asks first: 继续填写 keeps it, 返回，不保留 leaves for the guide', async () => {
  await openBirthBundle();
  await page.getByTestId('bundle').locator('[data-task-code]').first().click();
  await page.getByTestId('guide').getByRole('button', { name: '开始办理' }).click();
  await identifyWithCard();
  const form = page.getByTestId('apply-form');
  // Nothing typed yet: back is back.
  await form.getByRole('navigation').getByRole('button', { name: '返回' }).click();
  await expect(page.getByTestId('guide')).toBeVisible();
  await page.getByTestId('guide').getByRole('button', { name: '开始办理' }).click();
  await expect(form).toBeVisible();
  await fillContact();
  await form.getByRole('navigation').getByRole('button', { name: '返回' }).click();
  const confirm = page.getByTestId('confirm-leave-form');
  await expect(confirm).toContainText('返回后，填写的内容不会保留');
  await expect(confirm.getByRole('button', { name: '继续填写' })).toBeFocused();
  expect(await axeViolations(page)).toEqual([]);
  await confirm.getByRole('button', { name: '继续填写' }).click();
  await expect(confirm).toBeHidden();
  await expect(page.getByTestId('field-contact_mobile').getByRole('textbox')).toHaveValue('13800000000');
  await form.getByRole('navigation').getByRole('button', { name: '返回' }).click();
  await confirm.getByRole('button', { name: '返回，不保留' }).click();
  await expect(page.getByTestId('guide')).toBeVisible();
});

test('a 一件事 bundle: one identification, one merged form, shared materials, one case with every item on the receipt', async () => {
  await openBirthBundle();
  await page.getByTestId('bundle-start').click();
  await identifyWithCard();
  await fillContact();
  await page.getByRole('button', { name: '下一步' }).click();
  await expect(page.getByTestId('apply-materials')).toBeVisible();
  await expect(material('居民身份证')).toContainText('4 个事项共用');
  for (const name of await page.locator('[data-material]').evaluateAll((items) => items.map((item) => item.getAttribute('data-material') ?? ''))) {
    const item = material(name);
    if ((await item.getByRole('button', { name: '稍后补交（容缺）' }).count()) > 0) await item.getByRole('button', { name: '稍后补交（容缺）' }).click();
    else if ((await item.getByRole('button', { name: '签署告知承诺' }).count()) > 0) {
      await item.getByRole('button', { name: '签署告知承诺' }).click();
      await sign();
    }
  }
  await page.getByRole('button', { name: '下一步' }).click();
  const printedBefore = printerSide.simulator.printed.length;
  await page.getByRole('button', { name: '确认提交' }).click();
  await expect(page.getByTestId('apply-result')).toContainText('申请已受理');
  await expect(page.getByTestId('receipt-state')).toContainText('回执已打印');
  const caseNumber = ((await page.getByTestId('case-number').textContent()) ?? '').replace('受理编号：', '');
  const { lines } = printedLines(printedBefore);
  expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^受理编号 +${caseNumber}$`)));
  expect(lines).toContain('办理事项（一件事一次办）：');
  expect(lines.filter((line) => /^[1-4]\. /.test(line)).length).toBeGreaterThanOrEqual(4);
  // The citizen may skip the rating.
  await page.getByRole('button', { name: '下一步' }).click();
  await page.getByRole('button', { name: '跳过' }).click();
  await page.getByRole('button', { name: '结束' }).click();
  await expect(page.getByTestId('attract')).toBeVisible();
});

const platformFaults = (method: 'POST' | 'DELETE', rule?: object) =>
  fetch(new URL('_control/faults', kiosk.platformUrl ?? ''), { method, ...(rule === undefined ? {} : { body: JSON.stringify(rule) }) });

test('the platform failing: the case is saved on the terminal, "my cases" shows it from the terminal, and it is delivered when the platform is back', async () => {
  await platformFaults('POST', { path: '/v1/cases', fault: { kind: 'status', status: 503 } });
  await openBirthBundle();
  await page.getByTestId('bundle').locator('[data-task-code]').first().click();
  await page.getByTestId('guide').getByRole('button', { name: '开始办理' }).click();
  await identifyWithCard();
  await fillContact();
  await page.getByRole('button', { name: '下一步' }).click();
  await material('近期免冠照片').getByRole('button', { name: '稍后补交（容缺）' }).click();
  await material('无犯罪记录证明').getByRole('button', { name: '签署告知承诺' }).click();
  await sign();
  await page.getByRole('button', { name: '下一步' }).click();
  const printedBefore = printerSide.simulator.printed.length;
  await page.getByRole('button', { name: '确认提交' }).click();
  await expect(page.getByTestId('apply-result')).toContainText('申请已保存');
  const reference = ((await page.getByTestId('local-reference').textContent()) ?? '').replace('本机编号：', '');
  expect(reference).toMatch(/^TEST-0001-\d{6}$/);
  await expect(page.getByTestId('receipt-state')).toContainText('回执已打印');
  const { lines } = printedLines(printedBefore);
  expect(lines).toContain('申请暂存凭证');
  expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^本机编号 +${reference}$`)));
  await saveScreenshot(page, 'apply-saved');
  await page.getByRole('button', { name: '下一步' }).click();
  await page.getByRole('button', { name: '跳过' }).click();
  await page.getByRole('button', { name: '结束' }).click();

  // The next visit: "my cases" while the platform still fails shows what the terminal holds, marked so.
  sam.simulator.remove();
  await page.getByTestId('attract').click();
  await page.locator('[data-entry="my-cases"]').click();
  sam.simulator.place(SAMPLE_CARDS.resident);
  await expect(page.getByTestId('terminal-only')).toBeVisible();
  await expect(page.locator(`[data-local-reference="${reference}"]`)).toContainText('已保存，等待自动提交');
  expect(await axeViolations(page)).toEqual([]);

  await platformFaults('DELETE');
  const outbox = path.join(kiosk.terminal.dir, 'data', 'outbox.sqlite');
  const stateOf = () => {
    const db = new Database(outbox, { readonly: true });
    try {
      return (db.prepare('SELECT state FROM deliveries WHERE local_reference = ?').get(reference) as { state: string }).state;
    } finally {
      db.close();
    }
  };
  await expect.poll(stateOf, { timeout: 45_000, intervals: [500] }).toBe('accepted');
});

test('once the sessions have ended, nothing of the citizen is left: page, renderer heap, storage, host heap, logs, temp files, database bytes', async () => {
  await page.evaluate(() => (globalThis as { kiosk?: KioskBridge }).kiosk?.call('session.end', {}));
  await expect(page.getByTestId('attract')).toBeVisible();
  const { name, idNumber, address } = SAMPLE_CARDS.resident;
  expect(await personalDataLeft({ name, idNumber, address, phone: '13800000000' }, { page, kiosk, tmpDir: probe.tmpDir })).toEqual([]);
});
