import { afterEach, describe, expect, it } from 'vitest';
import type { KioskAlert } from '../../main/fleet/alerts.ts';
import { LOSSES_IN_LOOP } from '../../main/browser-shell/crash-loop.ts';
import { startBrowserShell, type BrowserShell } from '../../main/browser-shell/start-browser-shell.ts';
import { createKioskHost, type KioskHost } from '../../main/host/create-host.ts';
import { silentLog } from '../support/silent-log.ts';
import { testTerminal, type TestTerminal } from '../support/test-terminal.ts';

/**
 * A browser that dies at every start (here a "Chromium" that exits at once, as a broken install or a GPU driver that
 * kills it would): the supervisor restarts it, backing off, and at the crash loop's fifth loss the terminal goes out
 * of service with an alert — its page, a launch link included, is the out-of-service screen until it tries again.
 */
let terminal: TestTerminal | null = null;
let host: KioskHost | null = null;
let shell: BrowserShell | null = null;

afterEach(async () => {
  await shell?.stop();
  await host?.stop();
  await terminal?.remove();
  shell = null;
  host = null;
  terminal = null;
});

describe('a crash loop', () => {
  it(`goes out of service with an alert after ${LOSSES_IN_LOOP} losses in a row`, async () => {
    terminal = await testTerminal({ browserShell: { chromiumPath: '/bin/false' } });
    host = createKioskHost(terminal.config, { log: silentLog() });
    await host.start();
    shell = await startBrowserShell({ host, log: silentLog(), window: 'headless-chromium' });
    const alerts: KioskAlert[] = [];
    shell.alerts.subscribe((alert) => alerts.push(alert));

    const before = await fetch(shell.server.issueLaunchUrl(), { redirect: 'manual' });
    expect(before.status, 'in service, a launch link opens the kiosk').toBe(303);

    const started = Date.now();
    while (alerts.length === 0 && Date.now() - started < 40_000) await new Promise((resolve) => setTimeout(resolve, 200));
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ kind: 'kiosk-crash-loop', detail: { losses: LOSSES_IN_LOOP } });
    expect(alerts[0]?.message).toMatch(/lost 5 times within 5 minutes: out of service for 5 minutes/);

    const after = await fetch(shell.server.issueLaunchUrl(), { redirect: 'manual' });
    expect(after.status).toBe(503);
    expect(await after.text()).toContain('暂停服务');
  }, 60_000);
});
