import { chmod, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { superviseChromium } from '../../main/browser-shell/chromium.ts';
import { silentLog } from '../support/silent-log.ts';

/** The supervisor's failure paths, with stand-in programs for the browser (its success path runs real Chromium elsewhere). */
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'kiosk-supervisor-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const waitFor = async (condition: () => boolean, ms: number) => {
  const until = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

describe('Chromium supervisor', () => {
  it('keeps trying when the browser cannot even be started (error, no exit), and reports the page gone', async () => {
    let urls = 0;
    let gone = 0;
    const supervisor = await superviseChromium({
      executablePath: path.join(dir, 'no-such-browser'),
      mode: 'headless',
      issueUrl: () => `http://127.0.0.1:1/?launch=${++urls}`,
      onPageGone: () => gone++,
      log: silentLog(),
    });
    await waitFor(() => urls >= 2, 5000);
    await supervisor.stop();
    expect(gone).toBeGreaterThanOrEqual(1);
  }, 10_000);

  it('starts nothing after stop, and leaves no profile behind', async () => {
    const program = path.join(dir, 'short-lived');
    await writeFile(program, '#!/bin/sh\nexit 3\n');
    await chmod(program, 0o755);
    const before = (await readdir(os.tmpdir())).filter((name) => name.startsWith('kiosk-chromium-')).length;
    let urls = 0;
    const supervisor = await superviseChromium({ executablePath: program, mode: 'headless', issueUrl: () => `u${++urls}`, onPageGone: () => undefined, log: silentLog() });
    await supervisor.stop();
    const launched = urls;
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(urls).toBe(launched);
    const after = (await readdir(os.tmpdir())).filter((name) => name.startsWith('kiosk-chromium-')).length;
    expect(after).toBeLessThanOrEqual(before);
  }, 10_000);
});
