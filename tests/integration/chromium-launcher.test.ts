import { existsSync, readdirSync, readFileSync } from 'node:fs';
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

/** The renderer processes under a browser (Chromium's children and theirs with `--type=renderer`). */
const renderersOf = (browserPid: number): number[] => {
  const parents = new Map<number, number>();
  for (const entry of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      // /proc/<pid>/stat: "pid (comm) state ppid …"; comm may hold spaces, so read after the last ')'.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      parents.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // the process ended while we looked
    }
  }
  const descendants = new Set<number>([browserPid]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [pid, parent] of parents) if (descendants.has(parent) && !descendants.has(pid)) grew = descendants.add(pid) !== undefined;
  }
  return [...descendants].filter((pid) => {
    try {
      // Chromium rewrites its process title: the arguments may be one string with spaces.
      return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split(/[\0 ]/).includes('--type=renderer');
    } catch {
      return false;
    }
  });
};

const sessionPhase = async () =>
  ((await host.dispatch({ method: 'kiosk.hello', params: { apiVersion: 1 } })) as { ok: true; result: { session: { phase: string } } }).result.session.phase;

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
    // The one-time token is not on the command line (anyone may read /proc/<pid>/cmdline): a 0600 file forwards to it.
    const commandLine = readFileSync(`/proc/${shell.chromium?.pid ?? 0}/cmdline`, 'utf8');
    expect(commandLine).toMatch(/\/launch-[0-9a-f]{16}\.html/);
    expect(commandLine).not.toContain('launch=');
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

  it('brings the attract screen back within 5 s when the page\'s renderer is killed mid-journey, the session wiped', async () => {
    await waitFor(() => renderersOf(shell.chromium?.pid ?? 0).length > 0, 10_000);
    await host.dispatch({ method: 'session.start', params: {} });
    expect(await sessionPhase()).toBe('active');
    const before = hellos.length;
    const killedAt = Date.now();
    for (const pid of renderersOf(shell.chromium?.pid ?? 0)) process.kill(pid, 'SIGKILL');
    await waitFor(() => hellos.length > before, 5000);
    expect(Date.now() - killedAt).toBeLessThanOrEqual(5000);
    expect(await sessionPhase()).toBe('attract');
  }, 20_000);

  it('restarts a page whose renderer hangs (its script stops beating), the session wiped', async () => {
    await waitFor(() => renderersOf(shell.chromium?.pid ?? 0).length > 0, 10_000);
    await host.dispatch({ method: 'session.start', params: {} });
    const before = hellos.length;
    const browser = shell.chromium?.pid;
    for (const pid of renderersOf(browser ?? 0)) process.kill(pid, 'SIGSTOP');
    await waitFor(() => shell.chromium?.pid !== undefined && shell.chromium.pid !== browser, 15_000);
    expect(await sessionPhase()).toBe('attract');
    await waitFor(() => hellos.length > before, 10_000);
  }, 30_000);

  it('stops the browser', async () => {
    const pid = shell.chromium?.pid ?? 0;
    await shell.stop();
    expect(() => process.kill(pid, 0)).toThrow();
    expect(existsSync(`/proc/${pid}`)).toBe(false);
  }, 15_000);
});
