import path from 'node:path';
import type { Page } from '@playwright/test';
import react from '@vitejs/plugin-react';
import { build } from 'vite';
import { rendererSecurityHeaders } from '../../../main/host/content-security-policy.ts';
import { createRendererFiles } from '../../../main/host/renderer-files.ts';

const root = path.resolve(import.meta.dirname, '..', '..', '..');
const pages = path.join(import.meta.dirname, 'pages');
const outDir = path.join(root, 'test-results', 'harness');
/** No network is involved: Playwright answers every request to this origin from the built pages. */
const ORIGIN = 'http://harness.kiosk.test';

let built: Promise<void> | null = null;

/**
 * Builds the component test pages (tests/e2e/harness/pages/<name>/index.html) with Vite as the renderer is built,
 * once per test worker, into test-results/harness. They render renderer components on their own, for
 * components no journey screen uses yet; they are never part of the kiosk's build.
 */
const buildPages = () =>
  (built ??= build({
    configFile: false,
    root: pages,
    base: '/',
    logLevel: 'warn',
    plugins: [react()],
    build: {
      outDir,
      emptyOutDir: true,
      target: 'chrome120',
      assetsInlineLimit: 0,
      modulePreload: { polyfill: false },
      rollupOptions: { input: { 'touch-input': path.join(pages, 'touch-input', 'index.html') } },
    },
  }).then(() => undefined));

/**
 * Opens a component test page in `page`, served as the kiosk serves its renderer: the same file server
 * (main/host/renderer-files.ts) and the same headers, Content-Security-Policy included, so a component that
 * needs inline script or style, or anything from elsewhere, fails here as it would in the kiosk.
 */
export const openHarnessPage = async (page: Page, name: 'touch-input') => {
  await buildPages();
  const files = createRendererFiles(outDir);
  await page.route(`${ORIGIN}/**`, async (route) => {
    const file = await files(new URL(route.request().url()).pathname);
    if (!file.found) return route.fulfill({ status: 404, body: file.reason });
    return route.fulfill({ status: 200, body: file.body, headers: { 'content-type': file.contentType, ...rendererSecurityHeaders() } });
  });
  await page.goto(`${ORIGIN}/${name}/index.html`);
};
