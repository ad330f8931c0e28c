import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallResponse } from '../../main/api/index.ts';
import { startBrowserShell, type BrowserShell } from '../../main/browser-shell/start-browser-shell.ts';
import { createKioskHost, type KioskHost } from '../../main/host/create-host.ts';
import { silentLog } from '../support/silent-log.ts';
import { testTerminal, type TestTerminal } from '../support/test-terminal.ts';

/**
 * The browser shell launching Debian's Chromium for real (headless): the page it opens must reach the host
 * through the launch token and cookie, and a browser that dies must come back with a fresh token.
 */
let terminal: TestTerminal;
let host: KioskHost;
let shell: BrowserShell;
const hellos: number[] = [];

const waitFor = async (condition: () => boolean, ms: number) => {
  const until = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

beforeAll(async () => {
  terminal = await testTerminal({ browserShell: { chromiumPath: '/usr/bin/chromium' } });
  const real = createKioskHost(terminal.config, { log: silentLog() });
  host = {
    ...real,
    dispatch: async (raw: unknown): Promise<CallResponse> => {
      if ((raw as { method?: string }).method === 'kiosk.hello') hellos.push(Date.now());
      return real.dispatch(raw);
    },
  };
  await host.start();
  shell = await startBrowserShell({ host, log: silentLog(), window: 'headless-chromium' });
}, 30_000);
afterAll(async () => {
  await shell?.stop();
  await host?.stop();
  await terminal?.remove();
});

describe('Chromium launcher', () => {
  it('opens the kiosk page, which says hello to the host', async () => {
    await waitFor(() => hellos.length >= 1, 20_000);
    expect(shell.chromium?.pid).toEqual(expect.any(Number));
  }, 30_000);

  it('restarts a browser that died, ending the citizen session it showed; the new one gets in with a new token', async () => {
    await host.dispatch({ method: 'session.start', params: {} });
    const before = hellos.length;
    const firstPid = shell.chromium?.pid;
    process.kill(firstPid ?? 0, 'SIGKILL');
    await waitFor(() => shell.chromium?.pid !== undefined && shell.chromium.pid !== firstPid, 10_000);
    await waitFor(() => hellos.length > before, 20_000);
    const hello = (await host.dispatch({ method: 'kiosk.hello', params: { apiVersion: 1 } })) as { ok: true; result: { session: { phase: string } } };
    expect(hello.result.session.phase).toBe('attract');
  }, 40_000);

  it('stops the browser', async () => {
    const pid = shell.chromium?.pid ?? 0;
    await shell.stop();
    expect(() => process.kill(pid, 0)).toThrow();
    expect(existsSync(`/proc/${pid}`)).toBe(false);
  }, 15_000);
});
