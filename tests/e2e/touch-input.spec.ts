import { expect, test, type Locator, type Page } from '@playwright/test';
import { PNG } from 'pngjs';
import { axeViolations } from './axe.ts';
import { openHarnessPage } from './harness/component-harness.ts';
import { saveScreenshot } from './screenshots.ts';

/**
 * The touch input components in real Chromium, on a test page that renders them as a form screen would (no
 * journey screen uses them yet; see harness/component-harness.ts): the numeric pad for an ID number, pinyin
 * for names and addresses, the signature pad.
 */
test.beforeEach(async ({ page }) => {
  await openHarnessPage(page, 'touch-input');
});

const keyboardOf = (field: Locator) => field.getByTestId('on-screen-keyboard');
const press = async (field: Locator, keys: Iterable<string>) => {
  for (const key of keys) await keyboardOf(field).locator(`[data-skbtn="${key}"]`).click();
};
const heightOf = async (locator: Locator) => (await locator.boundingBox())?.height ?? 0;

test('an ID number on the numeric pad, X included; its error is tied to the field; keys are big and out of the Tab order', async ({ page }) => {
  const field = page.getByTestId('id-number');
  const input = page.getByLabel('身份证号码');
  await input.click();
  await expect(keyboardOf(field)).toHaveAttribute('data-mode', 'numeric');
  await expect(keyboardOf(field).locator('[data-skbtn="a"]')).toHaveCount(0);
  expect(await heightOf(keyboardOf(field).locator('[data-skbtn="5"]'))).toBeGreaterThanOrEqual(60);

  await press(field, '1101051949123100');
  await expect(input).toHaveValue('1101051949123100');
  await expect(input).toHaveAttribute('aria-invalid', 'true');
  await expect(input).toHaveAccessibleDescription('请输入18位身份证号码，最后一位可以是X');

  await press(field, '2X7');
  await expect(input).toHaveValue('11010519491231002X');
  await expect(input).not.toHaveAttribute('aria-invalid');
  await saveScreenshot(field, 'touch-input-numeric');

  // Put away, the keyboard comes back when the field (still focused) is touched again.
  await press(field, ['{close}']);
  await expect(keyboardOf(field)).toHaveCount(0);
  await input.click();
  await expect(keyboardOf(field)).toHaveAttribute('data-mode', 'numeric');

  // The field keeps focus while keys are tapped, and Tab goes on to the next field, not into the keyboard;
  // that field brings its own keyboard, in its own mode.
  await expect(input).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('姓名')).toBeFocused();
  await expect(keyboardOf(field)).toHaveCount(0);
  const name = page.getByTestId('name');
  await expect(keyboardOf(name)).toHaveAttribute('data-mode', 'pinyin');
  await press(name, ['{close}']);
  await expect(keyboardOf(name)).toHaveCount(0);
});

test('a name in pinyin: zhang gives 张; backspace edits the letters before the field; a physical keyboard types into the same field', async ({ page }) => {
  const field = page.getByTestId('name');
  const input = page.getByLabel('姓名');
  const letters = keyboardOf(field).getByTestId('pinyin-letters');
  await input.click();
  await expect(keyboardOf(field)).toHaveAttribute('data-mode', 'pinyin');

  await press(field, 'zhang');
  await expect(letters).toHaveText('zhang');
  const zhang = keyboardOf(field).locator('[data-candidate="张"]');
  await expect(zhang).toBeVisible();
  expect(await heightOf(zhang)).toBeGreaterThanOrEqual(60);
  expect(await heightOf(keyboardOf(field).locator('[data-skbtn="q"]'))).toBeGreaterThanOrEqual(60);
  await saveScreenshot(field, 'touch-input-pinyin');
  await zhang.click();
  await expect(input).toHaveValue('张');
  await expect(letters).toHaveText('');

  await press(field, ['w', 'a', 'n', 'g', '{bksp}']);
  await expect(letters).toHaveText('wan');
  await expect(input).toHaveValue('张');
  await press(field, ['g', '{space}']);
  await expect(input).toHaveValue('张王');
  await press(field, ['{bksp}']);
  await expect(input).toHaveValue('张');

  await expect(input).toBeFocused();
  await page.keyboard.type('san');
  await expect(input).toHaveValue('张san');
  await press(field, ['{bksp}', '{bksp}', '{bksp}', 'l', 'i', '{enter}']);
  await expect(input).toHaveValue('张li');
});

test('an address syllable by syllable: 上海 from shanghai, 浦东 from pudong, digits from the number pad, 号 from hao', async ({ page }) => {
  const field = page.getByTestId('address');
  const input = page.getByLabel('联系地址');
  const letters = keyboardOf(field).getByTestId('pinyin-letters');
  const candidate = (character: string) => keyboardOf(field).locator(`[data-candidate="${character}"]`);
  await input.click();

  await press(field, 'shanghai');
  await expect(letters).toHaveText("shang'hai");
  await candidate('上').click();
  await expect(letters).toHaveText('hai');
  await candidate('海').click();
  await press(field, 'pudong');
  await candidate('浦').click();
  await candidate('东').click();
  await expect(input).toHaveValue('上海浦东');

  await press(field, ['{mode-numeric}']);
  await expect(keyboardOf(field)).toHaveAttribute('data-mode', 'numeric');
  await press(field, ['8', '8', '{mode-pinyin}']);
  await press(field, 'hao');
  await candidate('号').click();
  await expect(input).toHaveValue('上海浦东88号');

  // Letters that are no pinyin say so, and space types them as they are.
  await press(field, 'xyz');
  await expect(keyboardOf(field)).toContainText('没有对应的汉字');
  await press(field, ['{space}', '{mode-latin}']);
  await expect(input).toHaveValue('上海浦东88号xyz');
  await expect(keyboardOf(field).getByTestId('pinyin-letters')).toHaveCount(0);
  await press(field, ['{space}', 'a']);
  await expect(input).toHaveValue('上海浦东88号xyz a');
});

/** Ink in the page's coordinates: a stroke through `points` of the canvas (fractions of its size), many moves per segment. */
const sign = async (page: Page, strokes: ReadonlyArray<ReadonlyArray<readonly [number, number]>>) => {
  const box = await page.getByTestId('signature-canvas').boundingBox();
  if (box === null) throw new Error('no signature canvas');
  const at = ([x, y]: readonly [number, number]) => [box.x + x * box.width, box.y + y * box.height] as const;
  for (const [first, ...rest] of strokes) {
    if (first === undefined) continue;
    await page.mouse.move(...at(first));
    await page.mouse.down();
    for (const point of rest) await page.mouse.move(...at(point), { steps: 8 });
    await page.mouse.up();
  }
};

/** The confirmed signature, decoded: its size and how many of its pixels are dark ink. */
const confirmedSignature = async (page: Page) => {
  const source = (await page.getByTestId('signature-result').getAttribute('src')) ?? '';
  expect(source).toMatch(/^data:image\/png;base64,/);
  const png = PNG.sync.read(Buffer.from(source.replace(/^data:image\/png;base64,/, ''), 'base64'));
  let dark = 0;
  for (let offset = 0; offset < png.data.length; offset += 4) {
    const [r = 255, g = 255, b = 255, a = 0] = png.data.subarray(offset, offset + 4);
    if (a > 200 && r < 80 && g < 80 && b < 80) dark++;
  }
  return { width: png.width, height: png.height, dark };
};

test('a signature drawn with the mouse becomes a PNG of dark ink, cut to the ink and at most 800×300; an empty pad and a tap are refused', async ({ page }) => {
  const pad = page.getByTestId('signature-pad');
  const confirm = pad.getByRole('button', { name: '确认签名' });
  const refusal = pad.getByTestId('signature-refusal');

  // Marked unavailable, not disabled: it stays focusable and a tap on it says why it does nothing.
  await expect(confirm).toHaveAttribute('aria-disabled', 'true');
  await confirm.click({ force: true });
  await expect(refusal).toHaveText('还没有签名，请先在框内签名。');

  await sign(page, [[[0.5, 0.5]]]);
  await confirm.click();
  await expect(refusal).toHaveText('签名太短，请在框内完整签写您的姓名。');
  await expect(page.getByTestId('signature-result')).toHaveCount(0);

  await pad.getByRole('button', { name: '重新签名' }).click();
  await expect(refusal).toHaveCount(0);
  // 王五, roughly: a small name in the middle of the pad.
  await sign(page, [
    [[0.3, 0.3], [0.4, 0.3]],
    [[0.31, 0.45], [0.39, 0.45]],
    [[0.35, 0.3], [0.35, 0.6]],
    [[0.29, 0.6], [0.41, 0.6]],
    [[0.45, 0.3], [0.55, 0.3], [0.52, 0.6]],
    [[0.47, 0.45], [0.6, 0.45], [0.6, 0.6], [0.44, 0.6]],
  ]);
  await expect(confirm).toHaveAttribute('aria-disabled', 'false');
  await saveScreenshot(pad, 'touch-input-signature');
  await confirm.click();
  const small = await confirmedSignature(page);
  const canvas = await page.getByTestId('signature-canvas').boundingBox();
  expect(small.dark).toBeGreaterThan(200);
  // Cut to the ink: much smaller than the pad, and not scaled up.
  expect(small.width).toBeLessThan((canvas?.width ?? 0) * 0.5);
  expect(small.height).toBeLessThan((canvas?.height ?? 0) * 0.5);

  // A signature across the whole pad (wider than 800 px here) is scaled down to fit.
  await pad.getByRole('button', { name: '重新签名' }).click();
  await sign(page, [[[0.01, 0.2], [0.3, 0.9], [0.6, 0.1], [0.99, 0.8]]]);
  await confirm.click();
  await expect(async () => {
    const large = await confirmedSignature(page);
    expect(large.width === 800 || large.height === 300).toBe(true);
    expect(large.width).toBeLessThanOrEqual(800);
    expect(large.height).toBeLessThanOrEqual(300);
    expect(large.dark).toBeGreaterThan(500);
  }).toPass();
});

test('a keyboard-only citizen learns why confirm is unavailable and can take the other way', async ({ page }) => {
  const pad = page.getByTestId('signature-pad');
  const confirm = pad.getByRole('button', { name: '确认签名' });
  await pad.getByRole('button', { name: '重新签名' }).focus();
  await page.keyboard.press('Tab');
  await expect(confirm).toBeFocused();
  await expect(confirm).toHaveAccessibleDescription(/无法在屏幕上签名的，请按“无法手写签名”/);
  await page.keyboard.press('Enter');
  await expect(pad.getByRole('alert')).toHaveText('还没有签名，请先在框内签名。');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status')).toHaveText('已请工作人员协助签名');
});

test('the page passes axe with the pinyin keyboard open, a field in error and a refused signature', async ({ page }) => {
  const idNumber = page.getByTestId('id-number');
  await page.getByLabel('身份证号码').click();
  await press(idNumber, '123');
  await press(idNumber, ['{close}']);
  await page.getByTestId('signature-pad').getByRole('button', { name: '确认签名' }).click({ force: true });
  const name = page.getByTestId('name');
  await page.getByLabel('姓名').click();
  await press(name, 'wang');
  await expect(keyboardOf(name).locator('[data-candidate="王"]')).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
});
