import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import type { KioskBridge } from '../../main/api/index.ts';
import { DEMO_SIGNING_KEY } from '../../reference-platform/catalogue/demo-signing-key.ts';
import { mediansOf } from '../../scripts/handwriting-strokes.ts';
import { startKioskUnderTest, type KioskUnderTest } from '../support/kiosk-under-test.ts';
import { axeViolations } from './axe.ts';
import { toolbarLayout } from './toolbar-layout.ts';
import { saveScreenshot } from './screenshots.ts';

/**
 * Find a service in real Chromium against the reference platform's signed catalogue: the terminal syncs at start
 * (浦东新区, for people), the citizen types on the touch keyboard or a physical one, browses a life event, reads a
 * guide; guides that cannot be done here send the citizen to the window or the phone; and guide texts carrying
 * markup and script render as inert text.
 */
let kiosk: KioskUnderTest;
// One page for the file: the launch URL is used once, as the kiosk's own Chromium does; each test is a new citizen.
let page: Page;
test.describe.configure({ mode: 'serial' });
const HOSTILE = path.resolve(import.meta.dirname, '../fixtures/catalogue/hostile-guides.jsonl');

test.beforeAll(async ({ browser }) => {
  kiosk = await startKioskUnderTest(
    {
      home: { entries: ['find-service'] },
      catalogue: { platformKey: DEMO_SIGNING_KEY.publicKey, areaCode: '310115', audiences: ['natural'] },
    },
    { platformArgs: ['--guides', '3000', '--guides-file', HOSTILE] },
  );
  page = await (await browser.newContext()).newPage();
  await page.goto(kiosk.url);
});
test.afterAll(async () => {
  await page?.context().close();
  await kiosk?.stop();
});
// Each test is its own citizen: the session is ended as the host ends it, and the page returns to attract.
test.afterEach(async () => {
  await page.evaluate(() => (globalThis as { kiosk?: KioskBridge }).kiosk?.call('session.end', {}));
});

const openFindService = async () => {
  await page.getByTestId('attract').click();
  await page.locator('[data-entry="find-service"]').click();
  await expect(page.getByTestId('find-service')).toBeVisible();
  // The first sync runs at host start; the screen shows the catalogue once it is there.
  await expect(page.getByRole('searchbox')).toBeVisible({ timeout: 30_000 });
};
const pressKeys = async (keys: string) => {
  for (const key of keys) await page.getByTestId('on-screen-keyboard').locator(`[data-skbtn="${key}"]`).click();
};
const hideKeyboard = async () => {
  await page.getByTestId('on-screen-keyboard').locator('[data-skbtn="{close}"]').click();
  await expect(page.getByTestId('on-screen-keyboard')).toHaveCount(0);
};
const results = () => page.getByTestId('guide-list').locator('[data-task-code]');

test('search by initials on the touch keyboard, by Chinese on a physical keyboard; browse a life event; read a guide', async () => {
  await openFindService();
  await expect(page.getByTestId('browse')).toContainText('新生儿出生“一件事”');
  expect(await axeViolations(page)).toEqual([]);
  await saveScreenshot(page, 'find-service');
  expect(await toolbarLayout(page)).toEqual(['back at start']);

  await page.getByRole('searchbox').click();
  await pressKeys('sb');
  await expect(page.getByRole('searchbox')).toHaveValue('sb');
  await expect(results().first()).toContainText('社会保障卡');
  // Walk finding: "找到 20 项" was shown when the results were capped at 20.
  await expect(page.locator('#results-title')).toHaveText('最相关的 20 项（还有更多，多输入几个字可以缩小范围）');
  await expect(results()).toHaveCount(20);
  await saveScreenshot(page, 'find-service-results');

  await page.getByTestId('on-screen-keyboard').locator('[data-skbtn="{clear}"]').click();
  await page.getByRole('searchbox').fill('公积金');
  await expect(results().first()).toContainText('住房公积金');

  await page.getByRole('searchbox').fill('');
  await hideKeyboard();
  await page.getByRole('button', { name: /新生儿出生“一件事”/ }).click();
  const bundle = page.getByTestId('bundle');
  await expect(bundle.locator('[data-task-code]')).toHaveCount(4);
  await bundle.locator('[data-task-code]').first().click();

  const guide = page.getByTestId('guide');
  await expect(guide.getByRole('heading', { level: 1 })).toHaveText('出生医学证明申领');
  await expect(guide.getByTestId('guide-here')).toBeVisible();
  await expect(guide.getByTestId('guide-materials').locator('li').first()).toContainText('居民身份证');
  await expect(guide).toContainText('法定办结时限');
  expect(await axeViolations(page)).toEqual([]);
  await saveScreenshot(page, 'guide');

  // Back to the life event, then to browsing, keeping where the citizen was.
  await page.getByRole('button', { name: '返回' }).click();
  await expect(page.getByTestId('bundle')).toBeVisible();
  await page.getByRole('button', { name: '返回' }).click();
  await expect(page.getByTestId('browse')).toBeVisible();
});

/** A character written on the handwriting pad with the mouse, stroke by stroke as its stroke data goes, a little off. */
const writeByHand = async (character: string) => {
  const pad = await page.getByTestId('handwriting-pad').boundingBox();
  if (pad === null) throw new Error('no handwriting pad');
  const size = Math.min(pad.width, pad.height) * 0.8;
  const [left, top] = [pad.x + (pad.width - size) / 2, pad.y + (pad.height - size) / 2];
  let wobble = 0;
  for (const stroke of mediansOf(character)) {
    const at = ([x, y]: readonly [number, number]) => [left + (x / 1024) * size + Math.sin(wobble++) * 2, top + ((y + 124) / 1024) * size] as const;
    const [first, ...rest] = stroke.map(at);
    if (first === undefined) continue;
    await page.mouse.move(first[0], first[1]);
    await page.mouse.down();
    for (const [x, y] of rest) await page.mouse.move(x, y, { steps: 4 });
    await page.mouse.up();
  }
};

// Citizens, part 2: many elderly people write characters but never learnt pinyin.
test('a search written by hand on the touch keyboard (手写) finds the 社会保障卡 guides', async () => {
  await openFindService();
  await page.getByRole('searchbox').click();
  await page.getByTestId('on-screen-keyboard').locator('[data-skbtn="{mode-handwriting}"]').click();
  await expect(page.getByTestId('handwriting-pad')).toBeVisible();
  const candidates = page.getByTestId('handwriting-candidates');
  for (const character of '社保') {
    await writeByHand(character);
    const offered = candidates.locator(`[data-candidate="${character}"]`);
    await expect(offered).toBeVisible();
    expect(await candidates.locator('[data-candidate]').evaluateAll((buttons) => buttons.slice(0, 5).map((button) => button.getAttribute('data-candidate')))).toContain(character);
    await offered.click();
  }
  await expect(page.getByRole('searchbox')).toHaveValue('社保');
  await expect(results().first()).toContainText('社会保障卡');
  await saveScreenshot(page, 'touch-input-handwriting');
});

test('a guide not handled at terminals offers the window and a QR for the phone', async () => {
  await openFindService();
  await page.getByRole('searchbox').fill('社保测试窗口');
  await expect(page.locator('#results-title')).toHaveText(/^找到 \d+ 项$/);
  const hit = results().filter({ hasText: '社保测试窗口办理事项' });
  await expect(hit).toContainText('窗口或手机办理');
  await hideKeyboard();
  await hit.click();
  await expect(page.getByTestId('guide-elsewhere')).toBeVisible();
  await expect(page.getByTestId('online-qr')).toHaveAttribute('data-value', 'https://zwdt.example.gov.cn/item/199000002');
  expect(await axeViolations(page)).toEqual([]);
});

test('markup and script in guide texts render as inert text', async () => {
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await openFindService();
  await page.getByRole('searchbox').fill('社保测试<');
  const hit = results().first();
  await expect(hit).toContainText('<img src=x onerror="window.__xss=1">社保测试<script>');
  await hideKeyboard();
  await hit.click();
  const guide = page.getByTestId('guide');
  await expect(guide.getByRole('heading', { level: 1 })).toContainText('<script>window.__xss=2</script>');
  await expect(guide.getByTestId('guide-conditions')).toHaveText('<script>window.__xss=4</script><a href="javascript:window.__xss=5">点我</a>');
  await expect(guide.getByTestId('guide-materials')).toContainText('<svg onload=window.__xss=8>材料');
  await expect(guide.getByTestId('guide-materials')).toContainText('可容缺后补');
  await expect(guide.getByTestId('guide-materials')).toContainText('可告知承诺');
  // A javascript: address is never turned into a QR or a link.
  await expect(page.getByTestId('guide-elsewhere')).toBeVisible();
  await expect(page.getByTestId('online-qr')).toHaveCount(0);
  await page.mouse.move(10, 10);
  await page.getByText('人社局', { exact: false }).first().hover();
  const injected = await page.evaluate(() => ({
    flag: (globalThis as { __xss?: number }).__xss ?? null,
    elements: (globalThis as unknown as { document: { querySelectorAll: (selector: string) => { length: number } } }).document.querySelectorAll('[data-testid="guide"] img:not(.qr), [data-testid="guide"] script, [data-testid="guide"] svg, [data-testid="guide"] iframe, [data-testid="guide"] a').length,
  }));
  expect(injected).toEqual({ flag: null, elements: 0 });
  expect(dialogs).toEqual([]);
});
