import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { chromiumArgs, findChromium } from '../../../main/browser-shell/chromium.ts';

describe('Chromium command line', () => {
  const url = 'http://127.0.0.1:4321/?launch=t';

  it('opens the kiosk as a full-screen app window, quiet and offline-friendly', () => {
    const args = chromiumArgs({ url, userDataDir: '/tmp/p', mode: 'kiosk', runningAsRoot: false });
    expect(args).toEqual(expect.arrayContaining(['--kiosk', `--app=${url}`, '--user-data-dir=/tmp/p', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-pinch', '--overscroll-history-navigation=0']));
    expect(args).not.toContain('--no-sandbox');
    expect(args).not.toContain('--headless');
  });

  it('runs headless for tests, and without its sandbox only as root', () => {
    const args = chromiumArgs({ url, userDataDir: '/tmp/p', mode: 'headless', runningAsRoot: true });
    expect(args).toContain('--headless');
    expect(args).toContain('--no-sandbox');
    expect(args.at(-1)).toBe(url);
    expect(args.some((arg) => arg.startsWith('--app='))).toBe(false);
  });

  it('lets Chromium accept every camera request itself only where no managed policy grants it to our origin (review finding 12)', () => {
    const fakeUi = (camera: 'none' | 'policy' | 'auto-accept') => chromiumArgs({ url, userDataDir: '/tmp/p', mode: 'kiosk', runningAsRoot: false, camera }).includes('--use-fake-ui-for-media-stream');
    expect([fakeUi('none'), fakeUi('policy'), fakeUi('auto-accept')]).toEqual([false, false, true]);
  });

  it('finds a configured executable, or the first one on PATH', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'kiosk-chromium-path-'));
    try {
      const fake = path.join(dir, 'chromium-browser');
      await writeFile(fake, '#!/bin/sh\n');
      await chmod(fake, 0o755);
      expect(findChromium(undefined, dir)).toBe(fake);
      expect(findChromium(fake, '')).toBe(fake);
      expect(findChromium(path.join(dir, 'missing'), dir)).toBeNull();
      expect(findChromium(undefined, path.join(dir, 'empty'))).toBeNull();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
