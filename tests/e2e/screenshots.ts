import path from 'node:path';
import type { Locator, Page } from '@playwright/test';

const root = path.resolve(import.meta.dirname, '..', '..');

/**
 * Screenshots of the main screens for the README. `npm run screenshots` writes them into docs/screenshots;
 * a plain test run writes them under test-results, so running the tests never dirties the checkout.
 */
export const saveScreenshot = async (target: Page | Locator, name: string) => {
  const dir = process.env['UPDATE_SCREENSHOTS'] ? path.join(root, 'docs', 'screenshots') : path.join(root, 'test-results', 'screenshots');
  await target.screenshot({ path: path.join(dir, `${name}.png`) });
};
