import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { latestDeviceHealth } from '../support/device-health-log.ts';
import { connectFleetOperator, type FleetOperator } from '../support/fleet-operator.ts';
import { freePort } from '../support/free-port.ts';
import { startMosquitto, type Mosquitto } from '../support/mosquitto.ts';
import { startNodeProcess, type RunningProcess } from '../support/processes.ts';
import { testTerminal, type TestTerminal } from '../support/test-terminal.ts';

/**
 * The two launchers of the browser shell. The production entry, as a terminal's service manager runs it: a config
 * file in, a kiosk out, with nothing simulated and nothing embedded. And `npm start`'s demo launcher: the same
 * browser shell with the config's serial devices simulated.
 */
const ENTRY = 'main/browser-shell/main.ts';
const DEMO = 'demo/start.ts';

const nothingListensOn = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });

let terminal: TestTerminal | null = null;
let running: RunningProcess | null = null;
let broker: Mosquitto | null = null;
let operator: FleetOperator | null = null;
afterEach(async () => {
  await running?.stop();
  await operator?.close();
  await broker?.remove();
  operator = broker = null;
  await terminal?.remove();
  running = null;
  terminal = null;
});

describe('the browser shell production entry', () => {
  it('starts a terminal from its config with no simulator and no embedded platform, and stops on SIGTERM', async () => {
    const platformPort = await freePort();
    terminal = await testTerminal({
      platform: { baseUrl: `http://127.0.0.1:${platformPort}/`, timeoutMs: 500, healthIntervalSeconds: 1 },
      devices: [
        { id: 'idcard', kind: 'idcard-reader', connection: { type: 'serial', path: 'dev/no-reader-here', baudRate: 115200 } },
        { id: 'printer', kind: 'receipt-printer', connection: { type: 'serial', path: 'dev/no-printer-here', baudRate: 115200 } },
      ],
    });
    const started = await startNodeProcess(ENTRY, ['--headless', '--config', terminal.configFile], /kiosk url: (\S+)\n/, 15_000, {
      KIOSK_LOG_LEVEL: 'info',
    });
    running = started.process;
    const url = started.match[1] ?? '';

    expect(running.output()).toContain('terminal TEST-0001: browser shell on http://127.0.0.1:');
    // The launch URL trades its one-time token for the session cookie, then the page is served.
    const launch = await fetch(url, { redirect: 'manual' });
    expect(launch.status).toBe(303);
    const cookie = (launch.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const page = await fetch(new URL(launch.headers.get('location') ?? '/', url), { headers: { cookie } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');
    // Nothing embedded: the platform the config names is not started by the entry.
    expect(await nothingListensOn(platformPort)).toBe(true);
    // Nothing simulated: the configured devices are reported, and offline, with a reason.
    await expect.poll(() => [...latestDeviceHealth(running?.errors() ?? '').keys()].sort()).toEqual(['idcard', 'printer']);
    const health = latestDeviceHealth(running.errors());
    expect(health.get('idcard')).toMatchObject({ kind: 'idcard-reader', state: 'offline', reason: expect.stringContaining('no-reader-here') });
    expect(health.get('printer')).toMatchObject({ kind: 'receipt-printer', state: 'offline', reason: expect.stringContaining('no-printer-here') });

    process.kill(running.pid, 'SIGTERM');
    expect(await running.exited).toEqual({ code: 0, signal: null });
  });

  it('out of service (--out-of-service, when the host keeps failing): starts none of the host, answers every page with the out-of-service screen, raises the alert', async () => {
    terminal = await testTerminal({
      devices: [{ id: 'printer', kind: 'receipt-printer', connection: { type: 'serial', path: 'dev/no-printer-here', baudRate: 115200 } }],
    });
    const started = await startNodeProcess(ENTRY, ['--out-of-service', '--headless', '--config', terminal.configFile], /kiosk url: (\S+)\n/, 15_000, {
      KIOSK_LOG_LEVEL: 'info',
    });
    running = started.process;
    expect(running.output()).toContain('terminal TEST-0001: out of service on http://127.0.0.1:');
    const launch = await fetch(started.match[1] ?? '', { redirect: 'manual' });
    expect(launch.status).toBe(503);
    expect(await launch.text()).toContain('暂停服务');
    const alert = running
      .errors()
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { alert?: { kind: string } })
      .find((line) => line.alert !== undefined);
    expect(alert?.alert?.kind).toBe('host-crash-loop');
    // None of the host: no device was opened (it would report its health).
    expect([...latestDeviceHealth(running.errors()).keys()]).toEqual([]);
    process.kill(running.pid, 'SIGTERM');
    expect(await running.exited).toEqual({ code: 0, signal: null });
  });

  it('refuses an invalid config with the file, the JSON path and why, and exits 1', async () => {
    terminal = await testTerminal();
    await writeFile(terminal.configFile, JSON.stringify({ ...terminal.config, terminalId: 42 }));
    const started = startNodeProcess(ENTRY, ['--headless', '--config', terminal.configFile], /kiosk url/);
    await expect(started).rejects.toThrow(/exited with 1/);
    await expect(started).rejects.toThrow(`${terminal.configFile}: $.terminalId: `);
  });

  it('explains a wrong command line and exits 2', async () => {
    const started = startNodeProcess(ENTRY, ['--shell', 'electron'], /kiosk url/);
    await expect(started).rejects.toThrow(/exited with 2[\s\S]*usage: kiosk-browser-shell/);
  });
});

describe('the demo launcher (npm start)', () => {
  it('simulates the serial devices on pseudo-terminals, serves the kiosk headless and stops on SIGTERM', async () => {
    terminal = await testTerminal({
      devices: [
        { id: 'idcard', kind: 'idcard-reader', connection: { type: 'serial', path: 'dev/idcard-reader', baudRate: 115200 } },
        { id: 'printer', kind: 'receipt-printer', connection: { type: 'serial', path: 'dev/receipt-printer', baudRate: 115200 } },
      ],
    });
    const started = await startNodeProcess(
      DEMO,
      ['--headless', '--no-platform', '--simulate', '--config', terminal.configFile],
      /kiosk url: (\S+)\n/,
      15_000,
      { KIOSK_LOG_LEVEL: 'info' },
    );
    running = started.process;
    expect(running.output()).toContain('simulated receipt printer: printed slips are saved in');
    expect(existsSync(path.join(terminal.dir, 'dev', 'idcard-reader'))).toBe(true);
    // The simulated devices answer: the host reports them ready.
    await expect
      .poll(() => Object.fromEntries([...latestDeviceHealth(running?.errors() ?? '')].map(([device, health]) => [device, health.state])), { timeout: 10_000 })
      .toEqual({ idcard: 'ready', printer: 'ready' });

    process.kill(running.pid, 'SIGTERM');
    expect(await running.exited).toEqual({ code: 0, signal: null });
    // The simulators' pseudo-terminals go with it.
    expect(existsSync(path.join(terminal.dir, 'dev', 'idcard-reader'))).toBe(false);
  });

  it('runs the reference platform in a process of its own: a platform killed leaves the kiosk up, and comes back (review finding 7)', async () => {
    const platformPort = await freePort();
    terminal = await testTerminal({ platform: { baseUrl: `http://127.0.0.1:${platformPort}/`, timeoutMs: 500, healthIntervalSeconds: 1 } });
    const started = await startNodeProcess(DEMO, ['--headless', '--no-simulate', '--config', terminal.configFile], /kiosk url: (\S+)\n/, 30_000, { KIOSK_LOG_LEVEL: 'warn' });
    running = started.process;
    const kioskUrl = new URL(started.match[1] ?? '');
    const platformPid = Number(/reference platform: \S+ \(process (\d+)/.exec(running.output())?.[1]);
    expect(platformPid).toBeGreaterThan(0);
    expect(platformPid).not.toBe(running.pid);
    const health = () => fetch(`http://127.0.0.1:${platformPort}/v1/health`).then((response) => response.status, () => 0);
    expect(await health()).toBe(200);

    process.kill(platformPid, 'SIGKILL');
    await expect.poll(() => running?.output() ?? '', { timeout: 5000 }).toContain('reference platform exited (SIGKILL); starting it again');
    // The kiosk host is still there and serving its page meanwhile.
    expect((await fetch(new URL('/', kioskUrl.origin))).status).toBeLessThan(500);
    await expect.poll(health, { timeout: 15_000 }).toBe(200);

    process.kill(running.pid, 'SIGTERM');
    expect(await running.exited).toEqual({ code: 0, signal: null });
    expect(await nothingListensOn(platformPort)).toBe(true);
  });

  it('starts the terminal again when a restart is asked for (here the operator\'s restart RPC), as systemd does on exit 75', async () => {
    broker = await startMosquitto();
    operator = await connectFleetOperator(broker.url);
    terminal = await testTerminal({ fleet: { mqtt: { url: broker.url, reconnect: { firstDelaySeconds: 0.2, maxDelaySeconds: 1 } } } });
    // --no-fleet: the test's mosquitto is the operator's broker, not the demo's own.
    const started = await startNodeProcess(DEMO, ['--headless', '--no-platform', '--no-fleet', '--no-simulate', '--config', terminal.configFile], /kiosk url: (\S+)\n/, 15_000, {
      KIOSK_LOG_LEVEL: 'warn',
    });
    running = started.process;
    const online = (from: number) =>
      operator?.waitFor((message) => message.topic === 'v1/devices/me/attributes' && (message.json as { online?: boolean }).online === true, { from, timeoutMs: 10_000 });
    await online(0);

    const before = operator.heard.length;
    expect(await operator.rpc(1, { method: 'restart', params: {} })).toMatchObject({ restarting: true });
    await expect.poll(() => running?.output() ?? '', { timeout: 10_000 }).toContain('restarting, as asked');
    // The same process, a new terminal: a second launch URL, and the host back in the fleet.
    await expect.poll(() => (running?.output() ?? '').match(/kiosk url: /g)?.length ?? 0, { timeout: 15_000 }).toBe(2);
    await online(before);

    process.kill(running.pid, 'SIGTERM');
    expect(await running.exited).toEqual({ code: 0, signal: null });
  }, 60_000);
});
