import { expect, test, type Locator, type Page } from '@playwright/test';
import { callFromPage } from './contract-call.ts';
import { SAMPLE_CARDS } from '../../drivers/simulators/sample-cards.ts';
import { RESIDENT_CASE, STAFF_ID, STAFF_PASSWORD, startLockerKiosk, type LockerKiosk } from '../support/locker-kiosk.ts';
import { axeViolations } from './axe.ts';
import { saveScreenshot } from './screenshots.ts';

/**
 * Staff maintenance mode for the certificate lockers, on a kiosk with cabinet A柜 (one simulated generic 8A board on
 * a pty: doors 1–4 small, 5–6 medium, 7–8 large) and the reference platform: entered from the attract screen only;
 * wrong passwords and the lockout; sign-in, a deposit whose door the test shuts on the simulated board, the SMS with
 * the pickup code the platform sent, the door grid, signing out; a door that would not open set aside and put back
 * into service, a cancelled deposit, taking an item out; the staff session ended in the host, and the screen's idle
 * sign-out.
 */
let lockers: LockerKiosk;
let page: Page;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ browser }) => {
  lockers = await startLockerKiosk();
  page = await (await browser.newContext()).newPage();
  await page.goto(lockers.kiosk.url);
});
test.afterAll(async () => {
  await page?.context().close();
  await lockers?.stop();
});

const board = () => lockers.lockers.simulator.board(1);
/** The error code of a contract call made from the page, or null when it succeeded. */
const hostErrorOf = async (method: 'lockers.overview' | 'staff.signIn' | 'staff.signOut', params: object = {}) => {
  const response = await callFromPage(page, method, params);
  return response.ok ? null : response.error.code;
};
const keyboardOf = (field: Locator) => field.getByTestId('on-screen-keyboard');

const signIn = async () => {
  await page.keyboard.press('Control+Alt+KeyM');
  await expect(page.getByTestId('staff-sign-in')).toBeVisible();
  await page.getByLabel('工号').fill(STAFF_ID);
  await page.getByLabel('密码').fill(STAFF_PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByTestId('maintenance')).toBeVisible();
};
const signOut = async () => {
  await page.getByRole('button', { name: '退出维护' }).click();
  await expect(page.getByTestId('attract')).toBeVisible();
};

test('entered from the attract screen only: five taps on the hidden corner, or Ctrl+Alt+M; never within a citizen session', async () => {
  const attract = page.getByTestId('attract');
  await expect(attract).toBeVisible();
  const corner = page.getByTestId('maintenance-corner');
  // Four taps are not enough, and the corner's taps start no citizen session.
  for (let tap = 0; tap < 4; tap++) await corner.click();
  await expect(attract).toBeVisible();
  await corner.click();
  await expect(page.getByTestId('staff-sign-in')).toBeVisible();
  await page.getByRole('button', { name: '返回' }).click();
  await expect(attract).toBeVisible();

  // Within a citizen's session the chord does nothing, and the host refuses a staff sign-in.
  await attract.click();
  await expect(page.getByTestId('home')).toBeVisible();
  await page.keyboard.press('Control+Alt+KeyM');
  await expect(page.getByTestId('staff-sign-in')).toHaveCount(0);
  await expect(page.getByTestId('home')).toBeVisible();
  expect(await hostErrorOf('staff.signIn', { staffId: STAFF_ID, password: STAFF_PASSWORD })).toBe('invalid-state');
  await page.getByRole('button', { name: '结束办理' }).click();
  await expect(attract).toBeVisible();
});

test('wrong passwords count down, then sign-in is locked until a time of day', async () => {
  await page.keyboard.press('Control+Alt+KeyM');
  await expect(page.getByTestId('staff-sign-in')).toBeVisible();
  const refusal = page.getByTestId('sign-in-refusal');
  const attempt = async () => {
    await page.getByLabel('工号').fill('S999');
    await page.getByLabel('密码').fill('guessing');
    await page.getByRole('button', { name: '登录' }).click();
  };
  await page.getByRole('button', { name: '登录' }).click();
  await expect(refusal).toHaveText('请输入工号和密码。');
  for (const triesLeft of [4, 3, 2, 1]) {
    await attempt();
    await expect(refusal).toHaveText(`工号或密码不正确，还可以再试 ${triesLeft} 次。`);
  }
  // The account locks for the configured 15 minutes, shown as the time of day it ends, in the hall's time zone.
  const clockIn15Minutes = () =>
    new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hour12: false }).format(new Date(Date.now() + 15 * 60_000));
  const before = clockIn15Minutes();
  await attempt();
  await expect(refusal).toContainText('登录失败次数过多');
  const until = (await refusal.textContent())?.match(/(\d{2}:\d{2}) 前暂停登录/)?.[1];
  expect([before, clockIn15Minutes()]).toContain(until);
  await page.getByRole('button', { name: '返回' }).click();
  await expect(page.getByTestId('attract')).toBeVisible();
});

test('sign in (a wrong password first), deposit a certificate, the door shut, the pickup code sent by SMS, the door in the grid, sign out', async () => {
  await expect(page.getByTestId('attract')).toBeVisible();
  await page.keyboard.press('Control+Alt+KeyM');
  const signInScreen = page.getByTestId('staff-sign-in');
  await expect(signInScreen).toBeVisible();

  // The staff id on the touch keyboard, capitals included; the password masked.
  const staffIdField = page.getByTestId('staff-id');
  const staffId = page.getByLabel('工号');
  await staffId.click();
  for (const key of ['{capitals}', ...STAFF_ID]) await keyboardOf(staffIdField).locator(`[data-skbtn="${key}"]`).click();
  await expect(staffId).toHaveValue(STAFF_ID);
  const password = page.getByLabel('密码');
  await expect(password).toHaveAttribute('type', 'password');
  await password.fill('not-the-password');
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByTestId('sign-in-refusal')).toHaveText('工号或密码不正确，还可以再试 4 次。');
  await expect(password).toHaveValue('');
  expect(await axeViolations(page)).toEqual([]);
  await saveScreenshot(page, 'locker-maintenance-sign-in');

  // Enter in the password field signs in, as on any form.
  await password.fill(STAFF_PASSWORD);
  await password.press('Enter');
  const desk = page.getByTestId('maintenance');
  await expect(desk).toBeVisible();
  const doors = desk.locator('[data-door]');
  await expect(doors).toHaveCount(8);
  await expect(desk.locator('[data-condition="empty"]')).toHaveCount(8);
  await expect(desk.locator('[data-door="5"]')).toContainText('中格');
  await expect(desk.locator('[data-door="8"]')).toContainText('大格');
  expect(await axeViolations(page)).toEqual([]);

  // The deposit: case number and ID number on the physical keyboard, the item's Chinese name typed likewise.
  await desk.getByRole('button', { name: '存入证照' }).click();
  await page.getByLabel('办件编号').click();
  await page.keyboard.type(RESIDENT_CASE);
  await page.getByLabel('领取人身份证号码').click();
  await page.keyboard.type(SAMPLE_CARDS.resident.idNumber);
  await page.getByLabel('物品名称').click();
  await page.keyboard.type('居民身份证');
  await page.getByRole('radio', { name: /小格/ }).click();
  await expect(page.getByRole('radio', { name: /小格/ })).toHaveAttribute('aria-checked', 'true');
  expect(await axeViolations(page)).toEqual([]);
  await page.getByRole('button', { name: '打开柜门' }).click();

  const progress = page.getByTestId('deposit-progress');
  await expect(progress).toHaveAttribute('data-phase', 'open');
  const door = Number(await progress.getAttribute('data-door'));
  expect([1, 2, 3, 4]).toContain(door);
  await expect(progress).toContainText(`A柜 ${door}号门（小格）已打开`);
  await expect(progress).toContainText('请放入“居民身份证”，然后关好柜门。');
  expect(board().isOpen(door)).toBe(true);
  await saveScreenshot(page, 'locker-maintenance-door-open');

  board().close(door);
  await expect(progress).toHaveAttribute('data-phase', 'registered', { timeout: 15_000 });
  await expect(progress).toContainText(`已登记：“居民身份证”存放在A柜 ${door}号门，保管至`);
  await expect(page.getByTestId('deposit-platform')).toHaveText('政务服务平台已向领取人发送取件码短信。');
  const sms = await lockers.smsFor(RESIDENT_CASE);
  expect(sms).toHaveLength(1);
  expect(sms[0]).toMatch(/取件码\d{6}，/);

  await page.getByRole('button', { name: '查看柜门状态' }).click();
  const held = desk.locator(`[data-door="${door}"]`);
  await expect(held).toHaveAttribute('data-condition', 'occupied');
  await expect(held).toContainText(RESIDENT_CASE);
  await expect(held).toContainText('居民身份证');
  await expect(held).toContainText('待领取');
  await expect(held.getByRole('button', { name: '取出' })).toBeVisible();
  await expect(desk.locator('[data-condition="empty"]')).toHaveCount(7);
  expect(await axeViolations(page)).toEqual([]);
  await saveScreenshot(page, 'locker-maintenance');

  await signOut();
  // Signed out in the host too: staff calls are refused until someone signs in again.
  expect(await hostErrorOf('lockers.overview')).toBe('invalid-state');
});

test('a door that would not open is set aside and the next one opens; put back into service; an item taken out', async () => {
  await signIn();
  const desk = page.getByTestId('maintenance');
  await expect(desk.locator('[data-door]')).toHaveCount(8);
  // Doors 5 and 6 are the medium ones, tried in that order; door 5 jams.
  await expect(desk.locator('[data-door="5"]')).toHaveAttribute('data-condition', 'empty');
  await expect(desk.locator('[data-door="6"]')).toHaveAttribute('data-condition', 'empty');
  board().jam(5);

  await desk.getByRole('button', { name: '存入证照' }).click();
  await page.getByLabel('办件编号').fill(RESIDENT_CASE);
  await page.getByLabel('领取人身份证号码').fill(SAMPLE_CARDS.resident.idNumber);
  await page.getByLabel('物品名称').fill('不动产权证书');
  await page.getByRole('radio', { name: /中格/ }).click();
  await page.getByRole('button', { name: '打开柜门' }).click();
  const progress = page.getByTestId('deposit-progress');
  await expect(progress).toHaveAttribute('data-phase', 'open', { timeout: 15_000 });
  await expect(progress).toHaveAttribute('data-door', '6');

  // Changed their mind: cancelled, then the door shut; nothing registered.
  await page.getByRole('button', { name: '取消存入' }).click();
  await expect(progress).toContainText('已取消本次存入');
  board().close(6);
  await expect(progress).toHaveAttribute('data-phase', 'cancelled', { timeout: 15_000 });
  await expect(progress).toContainText('已取消，A柜 6号门已关闭，本次未登记。');

  await page.getByRole('button', { name: '查看柜门状态' }).click();
  const jammed = desk.locator('[data-door="5"]');
  await expect(jammed).toHaveAttribute('data-condition', 'jammed');
  await expect(jammed).toContainText('故障停用');
  await expect(desk.locator('[data-door="6"]')).toHaveAttribute('data-condition', 'empty');
  board().jam(5, false);
  await jammed.getByRole('button', { name: '恢复使用' }).click();
  await expect(page.getByTestId('door-notice')).toHaveText('A柜 5号门已恢复使用。');
  await expect(jammed).toHaveAttribute('data-condition', 'empty');

  // The certificate deposited before is taken back out (asked to confirm first): its door opens.
  const held = desk.locator('[data-condition="occupied"]');
  await expect(held).toHaveCount(1);
  const door = Number(await held.getAttribute('data-door'));
  await held.getByRole('button', { name: '取出' }).click();
  await expect(held).toContainText('取件码随之失效');
  await held.getByRole('button', { name: '确定开门' }).click();
  await expect(page.getByTestId('door-notice')).toHaveText(`A柜 ${door}号门已打开，请取出物品后关好柜门。`);
  expect(board().isOpen(door)).toBe(true);
  await expect(desk.locator(`[data-door="${door}"]`)).toHaveAttribute('data-condition', 'empty');
  board().close(door);

  await signOut();
});

// Review finding 3: a staff sign-in outlived a page reload — the reloaded page (back on the attract screen, where a
// citizen may start) still had staff rights behind it. A page that says hello ends any staff session.
test('a page reload ends the staff session: the reloaded page is on the attract screen, and staff calls are refused', async () => {
  await signIn();
  expect(await hostErrorOf('lockers.overview')).toBeNull();
  await page.reload();
  await expect(page.getByTestId('attract')).toBeVisible();
  expect(await hostErrorOf('lockers.overview')).toBe('invalid-state');
});

test('the staff session ended in the host: back to the sign-in form; the screen left untouched: signed out, back to attract', async () => {
  await signIn();
  // Signed out behind the screen's back (as when the host's staff session idles out): the next call finds out.
  expect(await hostErrorOf('staff.signOut')).toBeNull();
  await page.getByRole('button', { name: '刷新' }).click();
  const signInScreen = page.getByTestId('staff-sign-in');
  await expect(signInScreen).toBeVisible();
  await expect(signInScreen).toContainText('登录已失效');

  // The renderer's idle timer, on Playwright's clock: five minutes (the default staffIdleMinutes) untouched.
  await page.clock.install();
  await page.getByLabel('工号').fill(STAFF_ID);
  await page.getByLabel('密码').fill(STAFF_PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByTestId('maintenance')).toBeVisible();
  await expect(page.getByTestId('maintenance').locator('[data-door]')).toHaveCount(8);
  await page.clock.fastForward('04:50');
  await expect(page.getByTestId('maintenance')).toBeVisible();
  await page.clock.fastForward('00:11');
  await expect(page.getByTestId('attract')).toBeVisible();
  expect(await hostErrorOf('lockers.overview')).toBe('invalid-state');
});

test('a new member of staff with the touch screen alone: the staff id in small letters and a password with a dash, both on the touch keyboard (issue 22, item 9)', async () => {
  await expect(page.getByTestId('attract')).toBeVisible();
  await page.keyboard.press('Control+Alt+KeyM');
  await expect(page.getByTestId('staff-sign-in')).toBeVisible();
  const tap = (field: Locator, key: string) => keyboardOf(field).locator(`[data-skbtn="${key}"]`).click({ timeout: 3000 });
  const staffIdField = page.getByTestId('staff-id');
  await page.getByLabel('工号').click();
  // The keyboard starts in small letters: "s001" is the same staff id as "S001".
  for (const key of STAFF_ID.toLowerCase()) await tap(staffIdField, key);
  await expect(page.getByLabel('工号')).toHaveValue(STAFF_ID.toLowerCase());
  const passwordField = page.getByTestId('staff-password');
  await page.getByLabel('密码').click();
  for (const character of STAFF_PASSWORD) {
    if (/[a-z0-9]/.test(character)) await tap(passwordField, character);
    else {
      await tap(passwordField, '{mode-symbols}');
      await tap(passwordField, character);
      await tap(passwordField, '{mode-latin}');
    }
  }
  await expect(page.getByLabel('密码')).toHaveValue(STAFF_PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByTestId('maintenance')).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
  await signOut();
});
