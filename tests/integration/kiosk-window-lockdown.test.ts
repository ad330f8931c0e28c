import { appendFile, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startBrowserShell, type BrowserShell } from '../../main/browser-shell/start-browser-shell.ts';
import { createKioskHost, type KioskHost } from '../../main/host/create-host.ts';
import { runKioskctl } from '../support/run-kioskctl.ts';
import { silentLog } from '../support/silent-log.ts';
import { testTerminal, type TestTerminal } from '../support/test-terminal.ts';

/**
 * A terminal never shows an unlocked browser: without the managed Chromium policy its kiosk window stays shut,
 * and it says why. Checked against a scratch root, so what is installed on this machine does not matter.
 */
let terminal: TestTerminal | null = null;
let host: KioskHost | null = null;
let shell: BrowserShell | null = null;
let root: string | null = null;
afterEach(async () => {
  await shell?.stop();
  await host?.stop();
  await terminal?.remove();
  if (root !== null) await rm(root, { recursive: true, force: true });
  shell = null;
  host = null;
  terminal = null;
  root = null;
});

const start = async (requireLockdown: boolean) => {
  root = await mkdtemp(path.join(os.tmpdir(), 'kiosk-lockdown-root-'));
  terminal = await testTerminal({ browserShell: { chromiumPath: '/bin/true', requireLockdown } });
  host = createKioskHost(terminal.config, { log: silentLog() });
  await host.start();
  return root;
};

describe('the kiosk window and the lockdown', () => {
  it('stays shut on a terminal whose lockdown is missing, saying what to run', async () => {
    const scratch = await start(true);
    if (host === null) throw new Error('no host');
    shell = await startBrowserShell({ host, log: silentLog(), window: 'kiosk-window', lockdownRoot: scratch });
    expect(shell.chromium).toBeNull();
    expect(shell.windowRefused).toMatch(/^10 of 10 lockdown pieces not installed under .*\(chromium-policy missing, .*\): run `kioskctl lockdown install` as root$/);
  });

  it('stays shut while one piece of the OS session differs from what was shipped, naming it', async () => {
    const scratch = await start(true);
    expect((await runKioskctl('lockdown', 'install', '--root', scratch)).code).toBe(0);
    const rules = path.join(scratch, 'etc/sudoers.d/gov-service-kiosk');
    await appendFile(rules, 'gov-kiosk ALL=(ALL) NOPASSWD: ALL\n');
    if (host === null) throw new Error('no host');
    shell = await startBrowserShell({ host, log: silentLog(), window: 'kiosk-window', lockdownRoot: scratch });
    expect(shell.chromium).toBeNull();
    expect(shell.windowRefused).toMatch(/^1 of 10 lockdown pieces not installed under .*\(sudoers differs \(.*\)\)/);
  });

  it('opens once every piece is installed', async () => {
    const scratch = await start(true);
    expect((await runKioskctl('lockdown', 'install', '--root', scratch)).code).toBe(0);
    if (host === null) throw new Error('no host');
    shell = await startBrowserShell({ host, log: silentLog(), window: 'kiosk-window', lockdownRoot: scratch });
    expect(shell.windowRefused).toBeNull();
    expect(shell.chromium).not.toBeNull();
  });

  it('opens on a demo terminal that does not require it', async () => {
    const scratch = await start(false);
    if (host === null) throw new Error('no host');
    shell = await startBrowserShell({ host, log: silentLog(), window: 'kiosk-window', lockdownRoot: scratch });
    expect(shell.windowRefused).toBeNull();
    expect(shell.chromium).not.toBeNull();
  });
});
